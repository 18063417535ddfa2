// Imported first by isolated-suite.test.ts: the suites it imports after this open isolated sessions.
import { openSessionsWith } from './sessions.js';

openSessionsWith({ isolation: 'process', graceMs: 5_000 });

// Part of the facade's suite again, with every session isolated in a child process: the same
// results, progress, partial results and typed errors as in process. (The suites that look into
// the simulated agent of their own process, its call log or live objects, cannot look into a
// child's and run in process only.)
import './isolated-suite.setup.js';
import '../conformance/partial-results.test.js';

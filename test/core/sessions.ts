// The sessions a test opens, closed after it whatever its outcome, so that no agent object
// outlives the test that made it.
import { afterEach } from 'vitest';

import { UpdateSession, type UpdateSessionOptions } from '../../lib/index.js';

export interface TestSessions {
  open(): UpdateSession;
  /** The session the running test opened last. */
  readonly last: UpdateSession;
}

export function sessionsPerTest(options?: UpdateSessionOptions): TestSessions {
  const opened: UpdateSession[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((session) => session.close()));
  });
  return {
    open() {
      const session = new UpdateSession(options);
      opened.push(session);
      return session;
    },
    get last() {
      const session = opened.at(-1);
      if (!session) throw new Error('this test opened no session');
      return session;
    },
  };
}

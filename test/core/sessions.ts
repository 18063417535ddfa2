// The sessions a test opens, closed after it whatever its outcome, so that no agent object
// outlives the test that made it.
import { afterEach } from 'vitest';

import { UpdateSession, type UpdateSessionOptions } from '../../lib/index.js';

export interface TestSessions {
  open(): UpdateSession;
  /**
   * A session whose agent session is open (an isolated one's child process is up), for tests
   * whose deadlines must not include that start.
   */
  openStarted(): Promise<UpdateSession>;
  /** The session the running test opened last. */
  readonly last: UpdateSession;
}

// Options every session opened here takes, before a test's own: how a suite is run again with
// isolation on (isolated-suite.test.ts).
let suiteOptions: UpdateSessionOptions = {};

/** Makes every session that the tests registered after this call open take `options`. */
export function openSessionsWith(options: UpdateSessionOptions): void {
  suiteOptions = options;
}

export function sessionsPerTest(options?: UpdateSessionOptions): TestSessions {
  const opened: UpdateSession[] = [];
  const sessionOptions = { ...suiteOptions, ...options };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((session) => session.close()));
  });
  return {
    open() {
      const session = new UpdateSession(sessionOptions);
      opened.push(session);
      return session;
    },
    async openStarted() {
      const session = this.open();
      await session.agentInfo();
      return session;
    },
    get last() {
      const session = opened.at(-1);
      if (!session) throw new Error('this test opened no session');
      return session;
    },
  };
}

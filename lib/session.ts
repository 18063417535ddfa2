// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { fromNativeError, InvalidArgumentError, UnsupportedPlatformError } from './errors.js';
import { loadBinding, type NativeSession } from './native.js';
import type { UpdateSessionOptions } from './types.js';

export interface SessionInfo {
  /** The identifier the agent records in history for what this session does. */
  clientApplicationId: string;
  /** True when the agent gives this caller a read-only session (not an administrator). */
  readOnly: boolean;
}

function validateSessionOptions(options: unknown): UpdateSessionOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  const { clientApplicationId } = options as UpdateSessionOptions;
  if (clientApplicationId !== undefined && typeof clientApplicationId !== 'string') {
    throw new InvalidArgumentError('options.clientApplicationId', 'must be a string', 'ERR_INVALID_ARG_TYPE');
  }
  return options as UpdateSessionOptions;
}

export class UpdateSession implements AsyncDisposable {
  readonly #options: UpdateSessionOptions;
  #native: NativeSession | undefined;
  #closed = false;

  constructor(options?: UpdateSessionOptions) {
    this.#options = validateSessionOptions(options);
  }

  /** The native session, opened on first use so that constructing one never throws off Windows. */
  protected nativeSession(): NativeSession {
    if (this.#closed) throw new InvalidArgumentError('session', 'is closed', 'ERR_INVALID_STATE');
    this.#native ??= new (loadBinding().Session)({ clientApplicationId: this.#options.clientApplicationId });
    return this.#native;
  }

  /** Runs a native call and turns what it throws into the package's typed errors. */
  protected async call<T>(operation: string, run: (native: NativeSession) => Promise<T>): Promise<T> {
    try {
      return await run(this.nativeSession());
    } catch (error) {
      if (error instanceof UnsupportedPlatformError || error instanceof InvalidArgumentError) throw error;
      throw fromNativeError(error, operation);
    }
  }

  /** Reads the session's properties back from the agent. */
  async describe(): Promise<SessionInfo> {
    const { clientApplicationId, readOnly } = await this.call('describe', (native) => native.describe());
    return { clientApplicationId, readOnly };
  }

  /** Releases the agent session. Safe to call more than once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const native = this.#native;
    this.#native = undefined;
    if (native) await native.close().catch((error: unknown) => { throw fromNativeError(error, 'close'); });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

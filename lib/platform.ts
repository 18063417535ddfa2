// Whether this process can use the package at all, and if not, why.
import { processAgent } from './agent-backend.js';
import { loadBinding } from './native.js';

/** See supportStatus(). */
export type SupportStatus =
  | { readonly supported: true }
  | {
    readonly supported: false;
    /** One line for a person: another platform, or which addon file failed to load and why. */
    readonly reason: string;
    /** The UnsupportedPlatformError or AddonLoadError that every call would reject with. */
    readonly error: Error;
  };

/**
 * Whether the agent can be reached from this process, and why not: never throws. With a fake
 * agent installed for the process (installFakeAgent() of windows-update-agent/testing), it can,
 * on any platform: code that checks before it opens a session runs as it would on Windows.
 */
export function supportStatus(): SupportStatus {
  if (processAgent()) return { supported: true };
  try {
    loadBinding();
    return { supported: true };
  } catch (error) {
    const typed = error instanceof Error ? error : new Error(String(error));
    return { supported: false, reason: typed.message, error: typed };
  }
}

/** True on Windows when the native addon loads; false elsewhere, where every call rejects. */
export function isSupported(): boolean {
  return supportStatus().supported;
}

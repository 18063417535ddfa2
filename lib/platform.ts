// Whether this process can use the package at all.
import { loadBinding } from './native.js';

/** True on Windows when the native addon loads; false elsewhere, where every call rejects. */
export function isSupported(): boolean {
  if (process.platform !== 'win32') return false;
  try {
    loadBinding();
    return true;
  } catch {
    return false;
  }
}

// The only place that loads the native addon. Everything else talks to it through the
// NativeBinding interface below, which mirrors the C++ exports (src/napi/) exactly.
import { createRequire } from 'node:module';
import path from 'node:path';

import { UnsupportedPlatformError } from './errors.js';

export interface NativeSessionOptions {
  clientApplicationId?: string;
}

export interface NativeSessionInfo {
  clientApplicationId: string;
  readOnly: boolean;
  /** Apartment of the addon thread that holds the session: always 'MTA'. */
  apartment: string;
  /** Win32 id of that thread. */
  threadId: number;
}

export interface NativeSession {
  describe(): Promise<NativeSessionInfo>;
  close(): Promise<void>;
}

export interface NativeDiagnostics {
  jsThreadId: number;
  napiVersion: number;
  hostExecutable: string;
}

export interface NativeBinding {
  Session: new (options: NativeSessionOptions) => NativeSession;
  diagnostics(): NativeDiagnostics;
}

// Both lib/ (sources) and dist/ (build output) sit one level below the package root, where
// node-gyp-build looks for prebuilds/ and build/Release.
const packageRoot = path.join(__dirname, '..');
let binding: NativeBinding | undefined;

/** The addon, loaded on first use. Off Windows it throws UnsupportedPlatformError. */
export function loadBinding(): NativeBinding {
  if (binding) return binding;
  if (process.platform !== 'win32') throw new UnsupportedPlatformError();
  const load = createRequire(path.join(packageRoot, 'package.json'))('node-gyp-build') as (dir: string) => NativeBinding;
  binding = load(packageRoot);
  return binding;
}

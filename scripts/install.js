// npm's install step. The addon talks to the Windows Update Agent, so there is nothing to build
// elsewhere: on Linux and macOS the package installs (and imports) without compiling anything.
// On Windows node-gyp-build loads the prebuilt binary, or builds from binding.gyp with MSVC.
'use strict';
if (process.platform !== 'win32') process.exit(0);
const { spawnSync } = require('node:child_process');
const nodeGypBuild = require.resolve('node-gyp-build/bin.js');
const result = spawnSync(process.execPath, [nodeGypBuild], { stdio: 'inherit' });
process.exit(result.status ?? 1);

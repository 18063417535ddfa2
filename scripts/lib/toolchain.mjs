// Versions the Linux test rig pins, so every machine runs the same Windows runtime.
export const WINDOWS_NODE_VERSION = '22.23.3';
export const SYSTEM_PACKAGES = ['wine', 'wine64', 'mingw-w64'];

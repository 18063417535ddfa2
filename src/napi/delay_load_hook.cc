// The addon's Node-API imports are bound to "node.exe" by the import library, but hosts such as
// Electron or an app's own renamed executable export the same functions under another name.
// The imports are delay-loaded (see scripts/lib/mingw.mjs), and this hook answers the loader's
// request for node.exe with the host executable itself. MSVC builds get node-gyp's own hook,
// which does the same; this file only applies to MinGW.
#if defined(__MINGW32__)
#include <windows.h>

#include <delayimp.h>
#include <string.h>

namespace {

FARPROC WINAPI ResolveNodeToHost(unsigned notification, PDelayLoadInfo info) {
  if (notification == dliNotePreLoadLibrary && info && info->szDll && _stricmp(info->szDll, "node.exe") == 0) {
    return reinterpret_cast<FARPROC>(::GetModuleHandleW(nullptr));
  }
  return nullptr;
}

// MinGW's runtime owns the hook variable, so it is assigned while the DLL loads, before the
// first Node-API call can be made.
const bool kHookInstalled = (__pfnDliNotifyHook2 = ResolveNodeToHost, true);

}  // namespace
#endif

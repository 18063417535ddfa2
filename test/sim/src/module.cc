// The DLL's COM entry points: class factories for the agent's creatable classes, and
// self-registration in place of the system's WUA classes.
#include <windows.h>

#include <olectl.h>

#include <string>

#include "com/unknown.h"
#include "module.h"
#include "session.h"
#include "typelib.h"

namespace sim {

namespace {

HMODULE module = nullptr;
std::atomic<long> serverLocks{0};

struct CreatableClass {
  const CLSID& clsid;
  const wchar_t* name;
  const wchar_t* progId;  // version-independent; ".1" is the versioned one
  IUnknown* (*create)();
  // Whether the scenario's agent has this class (S_OK), or the failure creating it gives.
  HRESULT (*available)() = nullptr;
};

// The one list of what this server serves: DllGetClassObject and DllRegisterServer read it.
const CreatableClass kClasses[] = {
    {__uuidof(UpdateSession), L"UpdateSession", L"Microsoft.Update.Session", NewUpdateSession},
    {__uuidof(UpdateSearcher), L"UpdateSearcher", L"Microsoft.Update.Searcher", NewSearcherObject},
    {__uuidof(UpdateDownloader), L"UpdateDownloader", L"Microsoft.Update.Downloader", NewDownloaderObject},
    {__uuidof(UpdateInstaller), L"UpdateInstaller", L"Microsoft.Update.Installer", NewInstallerObject},
    {__uuidof(UpdateCollection), L"UpdateCollection", L"Microsoft.Update.UpdateColl", NewUpdateCollection},
    {__uuidof(StringCollection), L"StringCollection", L"Microsoft.Update.StringColl", NewStringCollection},
    {__uuidof(UpdateServiceManager), L"UpdateServiceManager", L"Microsoft.Update.ServiceManager", NewServiceManagerObject},
    {__uuidof(AutomaticUpdates), L"AutomaticUpdates", L"Microsoft.Update.AutoUpdate", NewAutomaticUpdates},
    {__uuidof(SystemInformation), L"SystemInformation", L"Microsoft.Update.SystemInfo", NewSystemInformation},
    {__uuidof(WindowsUpdateAgentInfo), L"WindowsUpdateAgentInfo", L"Microsoft.Update.AgentInfo", NewWindowsUpdateAgentInfo,
     WindowsUpdateAgentInfoAvailable},
    {__uuidof(WebProxy), L"WebProxy", L"Microsoft.Update.WebProxy", NewWebProxy},
};

class ClassFactory final : public wua::com::Unknown<ClassFactory, IClassFactory> {
 public:
  explicit ClassFactory(const CreatableClass& creatable) : creatable_(creatable) { ModuleAddRef(); }
  ~ClassFactory() { ModuleRelease(); }

  STDMETHODIMP CreateInstance(IUnknown* outer, REFIID iid, void** out) override {
    if (!out) return E_POINTER;
    *out = nullptr;
    if (outer) return CLASS_E_NOAGGREGATION;
    if (creatable_.available) {
      if (const HRESULT hr = creatable_.available(); FAILED(hr)) return hr;
    }
    IUnknown* object = creatable_.create();
    const HRESULT hr = object->QueryInterface(iid, out);
    object->Release();
    return hr;
  }
  STDMETHODIMP LockServer(BOOL lock) override {
    lock ? ++serverLocks : --serverLocks;
    return S_OK;
  }

 private:
  const CreatableClass& creatable_;
};

std::wstring GuidText(const GUID& guid) {
  wchar_t text[40];
  ::StringFromGUID2(guid, text, 40);
  return text;
}

LONG SetValue(const std::wstring& key, const wchar_t* name, const std::wstring& value) {
  return ::RegSetKeyValueW(HKEY_LOCAL_MACHINE, (L"Software\\Classes\\" + key).c_str(), name, REG_SZ, value.c_str(),
                           static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
}

}  // namespace

std::wstring ModulePath() {
  wchar_t path[MAX_PATH];
  const DWORD length = ::GetModuleFileNameW(module, path, MAX_PATH);
  return std::wstring(path, length);
}

bool CanUnload() { return ModuleReferences() == 0 && serverLocks == 0; }

}  // namespace sim

using namespace sim;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID) {
  if (reason == DLL_PROCESS_ATTACH) {
    sim::module = instance;
    ::DisableThreadLibraryCalls(instance);
    // A search's and an operation's detached threads run their last instructions here after the
    // last object is released, when COM may already unload an idle server
    // (CoFreeUnusedLibraries): pinned, the DLL stays until the process ends.
    HMODULE pinned = nullptr;
    ::GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, reinterpret_cast<LPCWSTR>(&DllMain),
                         &pinned);
  }
  return TRUE;
}

STDAPI DllGetClassObject(REFCLSID clsid, REFIID iid, LPVOID* out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  for (const CreatableClass& creatable : kClasses) {
    if (!IsEqualCLSID(clsid, creatable.clsid)) continue;
    auto* factory = new ClassFactory(creatable);
    const HRESULT hr = factory->QueryInterface(iid, out);
    factory->Release();
    return hr;
  }
  return CLASS_E_CLASSNOTAVAILABLE;
}

STDAPI DllCanUnloadNow() { return CanUnload() ? S_OK : S_FALSE; }

// Registers every class of kClasses to this DLL, over what the system registered for them.
STDAPI DllRegisterServer() {
  const std::wstring path = ModulePath();
  for (const CreatableClass& c : kClasses) {
    const std::wstring clsid = GuidText(c.clsid);
    const std::wstring key = L"CLSID\\" + clsid;
    const std::wstring versioned = std::wstring(c.progId) + L".1";
    LONG failed = SetValue(key, nullptr, std::wstring(c.name) + L" Class");
    failed = failed ? failed : SetValue(key + L"\\InprocServer32", nullptr, path);
    failed = failed ? failed : SetValue(key + L"\\InprocServer32", L"ThreadingModel", L"Both");
    failed = failed ? failed : SetValue(key + L"\\ProgID", nullptr, versioned);
    failed = failed ? failed : SetValue(key + L"\\VersionIndependentProgID", nullptr, c.progId);
    failed = failed ? failed : SetValue(c.progId, nullptr, std::wstring(c.name) + L" Class");
    failed = failed ? failed : SetValue(std::wstring(c.progId) + L"\\CLSID", nullptr, clsid);
    failed = failed ? failed : SetValue(std::wstring(c.progId) + L"\\CurVer", nullptr, versioned);
    failed = failed ? failed : SetValue(versioned + L"\\CLSID", nullptr, clsid);
    if (failed) return SELFREG_E_CLASS;
  }
  // Scripts reach every member through IDispatch only with the whole library (Wine's describes
  // the original 33 interfaces).
  return SUCCEEDED(WriteAndRegisterTypeLibrary()) ? S_OK : SELFREG_E_TYPELIB;
}

STDAPI DllUnregisterServer() {
  for (const CreatableClass& c : kClasses) {
    ::RegDeleteTreeW(HKEY_LOCAL_MACHINE, (L"Software\\Classes\\CLSID\\" + GuidText(c.clsid)).c_str());
    ::RegDeleteTreeW(HKEY_LOCAL_MACHINE, (std::wstring(L"Software\\Classes\\") + c.progId).c_str());
    ::RegDeleteTreeW(HKEY_LOCAL_MACHINE, (std::wstring(L"Software\\Classes\\") + c.progId + L".1").c_str());
  }
  UnregisterTypeLibrary();
  return S_OK;
}

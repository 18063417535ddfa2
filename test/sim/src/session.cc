// UpdateSession, SystemInformation and WindowsUpdateAgentInfo: the creatable entry points.
#include "session.h"

#include <wuerror.h>

#include "downloader.h"
#include "history.h"
#include "searcher.h"
#include "wua/ids.h"

namespace sim {

namespace {

class UpdateSession final : public Object<UpdateSession, Chain<IUpdateSession3, IUpdateSession2, IUpdateSession>> {
 public:
  static constexpr const char* kClassName = "UpdateSession";

  STDMETHODIMP get_ClientApplicationID(BSTR* retval) override {
    SIM_ENTER("IUpdateSession::get_ClientApplicationID");
    return Out(retval, clientApplicationId_);
  }
  STDMETHODIMP put_ClientApplicationID(BSTR value) override {
    SIM_ENTER("IUpdateSession::put_ClientApplicationID");
    clientApplicationId_ = TextOf(value);
    return S_OK;
  }
  STDMETHODIMP get_ReadOnly(VARIANT_BOOL* retval) override {
    SIM_ENTER("IUpdateSession::get_ReadOnly");
    return Out(retval, !Agent::Instance().CurrentScenario()->agent.isAdministrator);
  }
  STDMETHODIMP get_WebProxy(IWebProxy** retval) override {
    SIM_ENTER("IUpdateSession::get_WebProxy");
    if (!retval) return E_POINTER;
    *retval = webProxy_.Get();
    if (*retval) (*retval)->AddRef();
    return S_OK;
  }
  STDMETHODIMP put_WebProxy(IWebProxy* value) override {
    SIM_ENTER("IUpdateSession::put_WebProxy");
    webProxy_ = ComPtr<IWebProxy>(value);
    return S_OK;
  }
  STDMETHODIMP CreateUpdateSearcher(IUpdateSearcher** retval) override {
    SIM_ENTER("IUpdateSession::CreateUpdateSearcher");
    return OutObject(retval, NewUpdateSearcher({clientApplicationId_, webProxy_}));
  }
  STDMETHODIMP CreateUpdateDownloader(IUpdateDownloader** retval) override {
    SIM_ENTER("IUpdateSession::CreateUpdateDownloader");
    return OutObject(retval, NewUpdateDownloader(clientApplicationId_, webProxy_));
  }
  STDMETHODIMP CreateUpdateInstaller(IUpdateInstaller** retval) override {
    SIM_ENTER("IUpdateSession::CreateUpdateInstaller");
    return OutObject(retval, NewUpdateInstaller(clientApplicationId_));
  }
  STDMETHODIMP get_UserLocale(LCID* retval) override {
    if (!retval) return E_POINTER;
    *retval = locale_;
    return S_OK;
  }
  STDMETHODIMP put_UserLocale(LCID value) override {
    locale_ = value;
    return S_OK;
  }
  STDMETHODIMP CreateUpdateServiceManager(IUpdateServiceManager2** retval) override {
    SIM_ENTER("IUpdateSession3::CreateUpdateServiceManager");
    return CreateServiceManager(clientApplicationId_, retval);
  }
  STDMETHODIMP QueryHistory(BSTR criteria, LONG startIndex, LONG count, IUpdateHistoryEntryCollection** retval) override {
    SIM_ENTER("IUpdateSession3::QueryHistory");
    if (!retval) return E_POINTER;
    // This page does not say what it does with a bad index; both members read the same history,
    // so the rule IUpdateSearcher::QueryHistory documents applies here too, the stricter reading
    // ("WU_E_INVALIDINDEX if the startIndex parameter is less than 0 (zero) or if the Count
    // parameter is less than or equal to 0 (zero)"). A start past the entries that match is not
    // refused: QueryHistory("", 0, 100) on a machine with no history returned an empty
    // collection where IUpdateSearcher::QueryHistory(0, 0) failed (google/cabbie#144).
    if (startIndex < 0 || count <= 0) return Fail(WU_E_INVALIDINDEX, u"startIndex must be 0 or more and count 1 or more");
    // The only criteria history accepts: none, or one UpdateID.
    std::u16string text = TextOf(criteria), updateId;
    if (!text.empty()) {
      const std::u16string prefix = u"UpdateID='";
      if (text.size() != prefix.size() + 37 ||
          _wcsnicmp(reinterpret_cast<const wchar_t*>(text.c_str()), reinterpret_cast<const wchar_t*>(prefix.c_str()), prefix.size()) != 0 ||
          text.back() != u'\'') {
        return Fail(WU_E_INVALID_CRITERIA, u"history criteria are empty or UpdateID='<guid>'");
      }
      updateId = wua::NormalizeId(text.substr(prefix.size(), 36));
    }
    return OutObject(retval, NewHistoryCollection(Agent::Instance().CurrentScenario(), startIndex, count, updateId));
  }

 private:
  std::u16string clientApplicationId_;
  LCID locale_ = ::GetUserDefaultUILanguage();
  ComPtr<IWebProxy> webProxy_;
};

// Both members are denied to a remote caller (members.h): the interface is on the list of "Using
// WUA From a Remote Computer".
class SystemInformation final : public Object<SystemInformation, Chain<ISystemInformation>> {
 public:
  static constexpr const char* kClassName = "SystemInformation";
  // "A hyperlink to technical support information for OEM hardware" (learn.microsoft.com/windows/
  // win32/api/wuapi/nf-wuapi-isysteminformation-get_oemhardwaresupportlink).
  STDMETHODIMP get_OemHardwareSupportLink(BSTR* retval) override {
    SIM_ENTER("ISystemInformation::get_OemHardwareSupportLink");
    return Out(retval, Agent::Instance().CurrentScenario()->agent.oemHardwareSupportLink);
  }
  // Set by installations and uninstallations that need a restart (operation.cc, ApplyState).
  STDMETHODIMP get_RebootRequired(VARIANT_BOOL* retval) override {
    SIM_ENTER("ISystemInformation::get_RebootRequired");
    return Out(retval, Agent::Instance().Read([](const MachineState& state) { return state.rebootRequired; }));
  }
};

class WindowsUpdateAgentInfo final : public Object<WindowsUpdateAgentInfo, Chain<IWindowsUpdateAgentInfo>> {
 public:
  static constexpr const char* kClassName = "WindowsUpdateAgentInfo";
  // [MS-UAMG] 3.52.4.1: "The vt member of varInfoIdentifier MUST be set to VT_BSTR, and the BSTR
  // ... MUST case-insensitively compare equal to" ApiMajorVersion, ApiMinorVersion or
  // ProductVersionString; the first two give VT_I4, the last VT_BSTR. Anything else is refused.
  STDMETHODIMP GetInfo(VARIANT identifier, VARIANT* retval) override {
    SIM_ENTER("IWindowsUpdateAgentInfo::GetInfo");
    if (!retval) return E_POINTER;
    ::VariantInit(retval);
    if (identifier.vt != VT_BSTR || !identifier.bstrVal) return E_INVALIDARG;
    const auto is = [&](const wchar_t* name) { return _wcsicmp(identifier.bstrVal, name) == 0; };
    const AgentData& agent = Agent::Instance().CurrentScenario()->agent;
    if (is(L"ApiMajorVersion") || is(L"ApiMinorVersion")) {
      retval->vt = VT_I4;
      retval->lVal = is(L"ApiMajorVersion") ? agent.apiMajorVersion : agent.apiMinorVersion;
      return S_OK;
    }
    if (is(L"ProductVersionString")) {
      retval->vt = VT_BSTR;
      return Out(&retval->bstrVal, agent.productVersion);
    }
    return E_INVALIDARG;
  }
};

}  // namespace

IUnknown* NewUpdateSession() { return static_cast<IUpdateSession3*>(UpdateSession::Create()); }
IUnknown* NewSystemInformation() { return static_cast<ISystemInformation*>(SystemInformation::Create()); }
IUnknown* NewWindowsUpdateAgentInfo() { return static_cast<IWindowsUpdateAgentInfo*>(WindowsUpdateAgentInfo::Create()); }

// "The IWindowsUpdateAgentInfo interface is not supported in WUA 1.0" ("Determining the Current
// Version of WUA", learn.microsoft.com/windows/win32/wua_sdk/determining-the-current-version-of-wua):
// there the class is not registered, which CoCreateInstance reports as REGDB_E_CLASSNOTREG.
HRESULT WindowsUpdateAgentInfoAvailable() {
  return Agent::Instance().CurrentScenario()->agent.agentInfoAvailable ? S_OK : REGDB_E_CLASSNOTREG;
}
IUnknown* NewUpdateCollection() { return static_cast<IUpdateCollection*>(UpdateCollection::Create()); }
IUnknown* NewStringCollection() { return static_cast<IStringCollection*>(StringCollection::Create()); }
IUnknown* NewSearcherObject() { return NewUpdateSearcher({}); }
IUnknown* NewDownloaderObject() { return NewUpdateDownloader(u"", nullptr); }
IUnknown* NewInstallerObject() { return NewUpdateInstaller(u""); }

}  // namespace sim

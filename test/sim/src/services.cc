// Update services (IUpdateServiceManager2), Automatic Updates (IAutomaticUpdates2) and the
// session's web proxy (IWebProxy).
#include <wuerror.h>

#include "agent.h"
#include "collections.h"
#include "network.h"
#include "session.h"
#include "wua/ids.h"

namespace sim {

using wua::NormalizeId;

namespace {

constexpr char16_t kWindowsUpdateServiceId[] = u"9482f4b4-e343-43b6-b170-9a65bc822c77";
constexpr char16_t kMicrosoftUpdateServiceId[] = u"7971f918-a847-4430-9279-4a52d1efe18d";

bool IsAdministrator() { return Agent::Instance().CurrentScenario()->agent.isAdministrator; }

// E_ACCESSDENIED with `what` as its description unless the caller is an administrator.
HRESULT RequireAdministrator(std::u16string_view what) {
  return IsAdministrator() ? S_OK : Fail(E_ACCESSDENIED, std::u16string(what) + u" needs an administrator");
}

HRESULT Date(VARIANT* retval, const std::optional<double>& date) {
  if (!retval) return E_POINTER;
  ::VariantInit(retval);
  if (date) {
    retval->vt = VT_DATE;
    retval->date = *date;
  }
  return S_OK;
}

class UpdateService final : public Object<UpdateService, Chain<IUpdateService2, IUpdateService>> {
 public:
  static constexpr const char* kClassName = "UpdateService";
  explicit UpdateService(ServiceData data) : data_(std::move(data)) {}

  STDMETHODIMP get_Name(BSTR* retval) override { return Out(retval, data_.name); }
  STDMETHODIMP get_ContentValidationCert(VARIANT* retval) override {
    if (!retval) return E_POINTER;
    ::VariantInit(retval);
    if (data_.contentValidationCert.empty()) return S_OK;
    retval->vt = VT_BSTR;
    return Out(&retval->bstrVal, data_.contentValidationCert);
  }
  STDMETHODIMP get_ExpirationDate(DATE* retval) override { return Out(retval, data_.expirationDate); }
  STDMETHODIMP get_IsManaged(VARIANT_BOOL* retval) override { return Out(retval, data_.isManaged); }
  STDMETHODIMP get_IsRegisteredWithAU(VARIANT_BOOL* retval) override { return Out(retval, data_.isRegisteredWithAu); }
  STDMETHODIMP get_IssueDate(DATE* retval) override { return Out(retval, data_.issueDate); }
  STDMETHODIMP get_OffersWindowsUpdates(VARIANT_BOOL* retval) override { return Out(retval, data_.offersWindowsUpdates); }
  STDMETHODIMP get_RedirectUrls(IStringCollection** retval) override {
    return OutObject(retval, StringCollection::Create(data_.redirectUrls, true));
  }
  STDMETHODIMP get_ServiceID(BSTR* retval) override { return Out(retval, data_.serviceId); }
  STDMETHODIMP get_IsScanPackageService(VARIANT_BOOL* retval) override { return Out(retval, data_.isScanPackageService); }
  STDMETHODIMP get_CanRegisterWithAU(VARIANT_BOOL* retval) override { return Out(retval, data_.canRegisterWithAu); }
  STDMETHODIMP get_ServiceUrl(BSTR* retval) override { return Out(retval, data_.serviceUrl); }
  STDMETHODIMP get_SetupPrefix(BSTR* retval) override { return Out(retval, data_.setupPrefix); }
  STDMETHODIMP get_IsDefaultAUService(VARIANT_BOOL* retval) override { return Out(retval, data_.isDefaultAuService); }

 private:
  ServiceData data_;
};

class UpdateServiceCollection final : public ReadOnlyList<UpdateServiceCollection, Chain<IUpdateServiceCollection>, IUpdateService> {
 public:
  static constexpr const char* kClassName = "UpdateServiceCollection";
  using ReadOnlyList::ReadOnlyList;
};

class UpdateServiceRegistration final : public Object<UpdateServiceRegistration, Chain<IUpdateServiceRegistration>> {
 public:
  static constexpr const char* kClassName = "UpdateServiceRegistration";
  UpdateServiceRegistration(std::u16string serviceId, std::optional<ServiceData> service, bool pendingWithAu)
      : serviceId_(std::move(serviceId)), service_(std::move(service)), pendingWithAu_(pendingWithAu) {}

  STDMETHODIMP get_RegistrationState(UpdateServiceRegistrationState* retval) override {
    return Out(retval, service_ ? usrsRegistered : usrsNotRegistered);
  }
  STDMETHODIMP get_ServiceID(BSTR* retval) override { return Out(retval, serviceId_); }
  STDMETHODIMP get_IsPendingRegistrationWithAU(VARIANT_BOOL* retval) override { return Out(retval, pendingWithAu_); }
  STDMETHODIMP get_Service(IUpdateService2** retval) override {
    return OutObject(retval, service_ ? UpdateService::Create(*service_) : nullptr);
  }

 private:
  std::u16string serviceId_;
  std::optional<ServiceData> service_;
  bool pendingWithAu_;
};

class UpdateServiceManager final : public Object<UpdateServiceManager, Chain<IUpdateServiceManager2, IUpdateServiceManager>> {
 public:
  static constexpr const char* kClassName = "UpdateServiceManager";
  explicit UpdateServiceManager(std::u16string clientApplicationId) : clientApplicationId_(std::move(clientApplicationId)) {}

  STDMETHODIMP get_Services(IUpdateServiceCollection** retval) override {
    SIM_ENTER("IUpdateServiceManager::get_Services");
    std::vector<ComPtr<IUpdateService>> services;
    for (const ServiceData& s : Agent::Instance().Read([](const MachineState& state) { return state.services; })) {
      ComPtr<IUpdateService> service;
      service.Attach(UpdateService::Create(s));
      services.push_back(std::move(service));
    }
    return OutObject(retval, UpdateServiceCollection::Create(std::move(services)));
  }
  STDMETHODIMP AddService(BSTR serviceID, BSTR authorizationCabPath, IUpdateService** retval) override {
    SIM_ENTER("IUpdateServiceManager::AddService");
    if (!retval) return E_POINTER;
    if (TextOf(authorizationCabPath).empty()) return E_INVALIDARG;
    ServiceData added;
    if (HRESULT hr = Register(TextOf(serviceID), 0, &added); FAILED(hr)) return hr;
    return OutObject(retval, UpdateService::Create(added));
  }
  STDMETHODIMP RegisterServiceWithAU(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::RegisterServiceWithAU");
    return SetRegisteredWithAu(TextOf(serviceID), true);
  }
  STDMETHODIMP RemoveService(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::RemoveService");
    if (HRESULT denied = RequireAdministrator(u"removing a service"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (id == kWindowsUpdateServiceId) return Fail(WU_E_DS_INVALIDOPERATION, u"the Windows Update service cannot be removed");
    bool removed = false;
    Agent::Instance().Update([&](MachineState& machine) {
      for (auto it = machine.services.begin(); it != machine.services.end(); ++it) {
        if (it->serviceId != id) continue;
        machine.services.erase(it);
        removed = true;
        break;
      }
    });
    return removed ? S_OK : Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
  }
  STDMETHODIMP UnregisterServiceWithAU(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::UnregisterServiceWithAU");
    return SetRegisteredWithAu(TextOf(serviceID), false);
  }
  STDMETHODIMP AddScanPackageService(BSTR serviceName, BSTR scanFileLocation, LONG flags, IUpdateService** retval) override {
    SIM_ENTER("IUpdateServiceManager::AddScanPackageService");
    if (!retval) return E_POINTER;
    if (HRESULT denied = RequireAdministrator(u"adding a service"); FAILED(denied)) return denied;
    const std::u16string location = TextOf(scanFileLocation);
    if (TextOf(serviceName).empty() || location.empty() || (flags & ~usoNonVolatileService) != 0) return E_INVALIDARG;
    if (::GetFileAttributesW(reinterpret_cast<const wchar_t*>(location.c_str())) == INVALID_FILE_ATTRIBUTES) {
      return Fail(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), u"the scan package does not exist");
    }
    GUID guid;
    ::CoCreateGuid(&guid);
    wchar_t text[40];
    ::StringFromGUID2(guid, text, 40);
    ServiceData service;
    service.serviceId = NormalizeId(std::u16string(reinterpret_cast<const char16_t*>(text) + 1, 36));
    service.name = TextOf(serviceName);
    service.isScanPackageService = true;
    service.canRegisterWithAu = false;
    service.offersWindowsUpdates = false;
    service.issueDate = NowAsDate();
    Agent::Instance().Update([&](MachineState& machine) { machine.services.push_back(service); });
    return OutObject(retval, UpdateService::Create(service));
  }
  STDMETHODIMP SetOption(BSTR optionName, VARIANT optionValue) override {
    SIM_ENTER("IUpdateServiceManager::SetOption");
    const std::u16string name = TextOf(optionName);
    if (name == u"AllowedServiceID" && optionValue.vt == VT_BSTR) {
      allowedServiceId_ = TextOf(optionValue.bstrVal);
      return S_OK;
    }
    if (name == u"AllowWarningUI" && optionValue.vt == VT_BOOL) {
      allowWarningUi_ = optionValue.boolVal != VARIANT_FALSE;
      return S_OK;
    }
    return E_INVALIDARG;
  }
  STDMETHODIMP get_ClientApplicationID(BSTR* retval) override { return Out(retval, clientApplicationId_); }
  STDMETHODIMP put_ClientApplicationID(BSTR value) override {
    clientApplicationId_ = TextOf(value);
    return S_OK;
  }
  STDMETHODIMP QueryServiceRegistration(BSTR serviceID, IUpdateServiceRegistration** retval) override {
    SIM_ENTER("IUpdateServiceManager2::QueryServiceRegistration");
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (id.size() != 36) return E_INVALIDARG;
    return OutObject(retval, UpdateServiceRegistration::Create(id, Agent::Instance().FindService(id), false));
  }
  STDMETHODIMP AddService2(BSTR serviceID, LONG flags, BSTR authorizationCabPath, IUpdateServiceRegistration** retval) override {
    SIM_ENTER("IUpdateServiceManager2::AddService2");
    if (!retval) return E_POINTER;
    const bool deferred = (flags & (asfAllowPendingRegistration | asfAllowOnlineRegistration)) != 0;
    const bool hasCab = !TextOf(authorizationCabPath).empty();
    if ((flags & ~(asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU)) != 0 || deferred == hasCab) {
      return Fail(E_INVALIDARG, u"pending or online registration takes no cab path; any other takes one");
    }
    ServiceData added;
    if (HRESULT hr = Register(TextOf(serviceID), flags, &added); FAILED(hr)) return hr;
    return OutObject(retval, UpdateServiceRegistration::Create(added.serviceId, added, false));
  }

 private:
  HRESULT Register(const std::u16string& serviceId, LONG flags, ServiceData* out) {
    if (HRESULT denied = RequireAdministrator(u"adding a service"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(serviceId);
    if (id.size() != 36) return E_INVALIDARG;
    const bool withAu = (flags & asfRegisterServiceWithAU) != 0;
    Agent::Instance().Update([&](MachineState& machine) {
      for (ServiceData& s : machine.services) {
        if (s.serviceId != id) continue;
        s.isRegisteredWithAu = s.isRegisteredWithAu || withAu;
        *out = s;
        return;
      }
      ServiceData s;
      s.serviceId = id;
      s.name = id == kMicrosoftUpdateServiceId ? u"Microsoft Update" : u"Update service " + id;
      s.isRegisteredWithAu = withAu;
      s.issueDate = NowAsDate();
      machine.services.push_back(s);
      *out = s;
    });
    return S_OK;
  }
  HRESULT SetRegisteredWithAu(const std::u16string& serviceId, bool registered) {
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates' services"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(serviceId);
    HRESULT result = Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
    Agent::Instance().Update([&](MachineState& machine) {
      for (ServiceData& s : machine.services) {
        if (s.serviceId != id) continue;
        if (registered && !s.canRegisterWithAu) {
          result = Fail(WU_E_DS_INVALIDOPERATION, u"this service cannot be registered with Automatic Updates");
          return;
        }
        s.isRegisteredWithAu = registered;
        result = S_OK;
      }
    });
    return result;
  }

  std::u16string clientApplicationId_, allowedServiceId_;
  bool allowWarningUi_ = true;
};

class AutomaticUpdatesResults final : public Object<AutomaticUpdatesResults, Chain<IAutomaticUpdatesResults>> {
 public:
  static constexpr const char* kClassName = "AutomaticUpdatesResults";
  // Only Automatic Updates itself updates these dates, never a client's search or installation
  // (IAutomaticUpdatesResults::LastSearchSuccessDate, learn.microsoft.com/windows/win32/api/
  // wuapi/nf-wuapi-iautomaticupdatesresults-get_lastsearchsuccessdate); VT_DATE or VT_EMPTY ([MS-UAMG]).
  STDMETHODIMP get_LastSearchSuccessDate(VARIANT* retval) override {
    return Date(retval, Agent::Instance().CurrentScenario()->agent.lastSearchSuccessDate);
  }
  STDMETHODIMP get_LastInstallationSuccessDate(VARIANT* retval) override {
    return Date(retval, Agent::Instance().CurrentScenario()->agent.lastInstallationSuccessDate);
  }
};

// Automatic Updates settings as Windows 10 and later report them. Microsoft documents most of
// this interface as no longer supported: "Starting with Windows 10 calls to Save always return
// S_OK, but do nothing" (IAutomaticUpdatesSettings::Save), and the same of setting
// NotificationLevel (put_NotificationLevel); ScheduledInstallationDay and ScheduledInstallationTime
// are "no longer supported as of Windows 10" and, since Windows 8, "the operation will appear to
// succeed but will have no effect"; ReadOnly "always return[s] VARIANT_FALSE"; IncludeRecommendedUpdates
// and NonAdministratorsElevated always return VARIANT_TRUE and cannot be set; FeaturedUpdatesEnabled
// is "Not supported" (pages of learn.microsoft.com/windows/win32/api/wuapi/ named after each member).
// So every setter changes nothing, not even this object; what the setters and Save still refuse is
// what "Securing Interfaces, Methods, and Properties in the WUA API" (learn.microsoft.com/windows/
// win32/wua_sdk/secured-methods-and-properties-in-the-wua-api) gives administrators only, and a
// value outside the enumeration, both stricter than a no-op.
class AutomaticUpdatesSettings final
    : public Object<AutomaticUpdatesSettings, Chain<IAutomaticUpdatesSettings3, IAutomaticUpdatesSettings2, IAutomaticUpdatesSettings>> {
 public:
  static constexpr const char* kClassName = "AutomaticUpdatesSettings";
  AutomaticUpdatesSettings() { Refresh(); }

  STDMETHODIMP get_NotificationLevel(AutomaticUpdatesNotificationLevel* retval) override {
    return Out(retval, static_cast<AutomaticUpdatesNotificationLevel>(s_.notificationLevel));
  }
  STDMETHODIMP put_NotificationLevel(AutomaticUpdatesNotificationLevel value) override {
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates"); FAILED(denied)) return denied;
    return value < aunlNotConfigured || value > aunlScheduledInstallation ? E_INVALIDARG : S_OK;
  }
  STDMETHODIMP get_ReadOnly(VARIANT_BOOL* retval) override { return Out(retval, false); }
  STDMETHODIMP get_Required(VARIANT_BOOL* retval) override {
    return Out(retval, Agent::Instance().CurrentScenario()->agent.automaticUpdatesRequired);
  }
  STDMETHODIMP get_ScheduledInstallationDay(AutomaticUpdatesScheduledInstallationDay* retval) override {
    return Out(retval, static_cast<AutomaticUpdatesScheduledInstallationDay>(s_.scheduledInstallationDay));
  }
  STDMETHODIMP put_ScheduledInstallationDay(AutomaticUpdatesScheduledInstallationDay value) override {
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates"); FAILED(denied)) return denied;
    return value < ausidEveryDay || value > ausidEverySaturday ? E_INVALIDARG : S_OK;
  }
  STDMETHODIMP get_ScheduledInstallationTime(LONG* retval) override { return Out(retval, s_.scheduledInstallationTime); }
  STDMETHODIMP put_ScheduledInstallationTime(LONG value) override {
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates"); FAILED(denied)) return denied;
    return value < 0 || value > 23 ? E_INVALIDARG : S_OK;
  }
  STDMETHODIMP Refresh() override {
    s_ = Agent::Instance().Read([](const MachineState& state) { return state.automaticUpdates; });
    return S_OK;
  }
  STDMETHODIMP Save() override {
    SIM_ENTER("IAutomaticUpdatesSettings::Save");
    return RequireAdministrator(u"changing Automatic Updates");
  }
  STDMETHODIMP get_IncludeRecommendedUpdates(VARIANT_BOOL* retval) override { return Out(retval, true); }
  STDMETHODIMP put_IncludeRecommendedUpdates(VARIANT_BOOL) override { return RequireAdministrator(u"changing Automatic Updates"); }
  // "Always return S_OK, and a return value of VARIANT_TRUE (users have permissions). However,
  // IAutomaticUpdatesSettings::Save is a no-op, so no changes can be made."
  STDMETHODIMP CheckPermission(AutomaticUpdatesUserType, AutomaticUpdatesPermissionType, VARIANT_BOOL* retval) override {
    return Out(retval, true);
  }
  STDMETHODIMP get_NonAdministratorsElevated(VARIANT_BOOL* retval) override { return Out(retval, true); }
  STDMETHODIMP put_NonAdministratorsElevated(VARIANT_BOOL) override { return RequireAdministrator(u"changing Automatic Updates"); }
  // "Not supported", with no value documented: the simulator reports false and keeps nothing.
  STDMETHODIMP get_FeaturedUpdatesEnabled(VARIANT_BOOL* retval) override { return Out(retval, false); }
  STDMETHODIMP put_FeaturedUpdatesEnabled(VARIANT_BOOL) override { return RequireAdministrator(u"changing Automatic Updates"); }

 private:
  AutomaticUpdatesState s_;
};

class AutomaticUpdates final : public Object<AutomaticUpdates, Chain<IAutomaticUpdates2, IAutomaticUpdates>> {
 public:
  static constexpr const char* kClassName = "AutomaticUpdates";
  // Any user may ask for a detection: "Securing Interfaces, Methods, and Properties in the WUA
  // API" gives IAutomaticUpdates to administrators, users and power users alike, and keeps only
  // Pause, Resume and EnableService for administrators. "This method returns WU_E_AU_NOSERVICE if
  // Automatic Updates is disabled" (IAutomaticUpdates::DetectNow). The detection itself runs in
  // the service, later; the simulator counts the detections it was asked to start.
  STDMETHODIMP DetectNow() override {
    SIM_ENTER("IAutomaticUpdates::DetectNow");
    bool started = false;
    Agent::Instance().Update([&](MachineState& machine) {
      started = machine.automaticUpdates.serviceEnabled;
      if (started) ++machine.automaticUpdates.detections;
    });
    return started ? S_OK : Fail(WU_E_AU_NOSERVICE, u"the Automatic Updates service is disabled");
  }
  // "Starting with Windows 10 calls to Pause [and Resume] always return S_OK, but do nothing";
  // both still say "This method requires administrator permissions" (IAutomaticUpdates::Pause,
  // ::Resume), which the simulator keeps, as the stricter reading.
  STDMETHODIMP Pause() override {
    SIM_ENTER("IAutomaticUpdates::Pause");
    return RequireAdministrator(u"pausing Automatic Updates");
  }
  STDMETHODIMP Resume() override {
    SIM_ENTER("IAutomaticUpdates::Resume");
    return RequireAdministrator(u"resuming Automatic Updates");
  }
  // "Starting with Windows 10 calls to ShowSettingsDialog always return S_OK, but do nothing."
  STDMETHODIMP ShowSettingsDialog() override {
    SIM_ENTER("IAutomaticUpdates::ShowSettingsDialog");
    return S_OK;
  }
  STDMETHODIMP get_Settings(IAutomaticUpdatesSettings** retval) override {
    SIM_ENTER("IAutomaticUpdates::get_Settings");
    return OutObject(retval, AutomaticUpdatesSettings::Create());
  }
  STDMETHODIMP get_ServiceEnabled(VARIANT_BOOL* retval) override {
    SIM_ENTER("IAutomaticUpdates::get_ServiceEnabled");
    return Out(retval, Agent::Instance().Read([](const MachineState& state) { return state.automaticUpdates.serviceEnabled; }));
  }
  // "This method requires administrator permissions" (IAutomaticUpdates::EnableService).
  STDMETHODIMP EnableService() override {
    SIM_ENTER("IAutomaticUpdates::EnableService");
    if (HRESULT denied = RequireAdministrator(u"enabling Automatic Updates"); FAILED(denied)) return denied;
    Agent::Instance().Update([](MachineState& machine) { machine.automaticUpdates.serviceEnabled = true; });
    return S_OK;
  }
  STDMETHODIMP get_Results(IAutomaticUpdatesResults** retval) override { return OutObject(retval, AutomaticUpdatesResults::Create()); }
};

// The session's HTTP proxy settings. Microsoft documents IWebProxy as "not supported on Windows 10
// and Windows Server 2016", where the system's proxy settings apply (IWebProxy,
// learn.microsoft.com/windows/win32/api/wuapi/nn-wuapi-iwebproxy); the simulator plays an agent
// that uses it, so that a scenario's network (network.cc) can show what a session's proxy carries.
class WebProxy final : public Object<WebProxy, Chain<IWebProxy>, Chain<IProxyCredentials>> {
 public:
  static constexpr const char* kClassName = "WebProxy";
  ~WebProxy() override { ForgetPassword(); }

  STDMETHODIMP get_Address(BSTR* retval) override { return Out(retval, address_); }
  STDMETHODIMP put_Address(BSTR value) override {
    address_ = TextOf(value);
    return S_OK;
  }
  STDMETHODIMP get_BypassList(IStringCollection** retval) override {
    return OutObject(retval, StringCollection::Create(bypassList_, false));
  }
  STDMETHODIMP put_BypassList(IStringCollection* value) override {
    if (!value) return E_INVALIDARG;
    LONG count = 0;
    if (HRESULT hr = value->get_Count(&count); FAILED(hr)) return hr;
    std::vector<std::u16string> list;
    for (LONG i = 0; i < count; ++i) {
      BSTR item = nullptr;
      if (HRESULT hr = value->get_Item(i, &item); FAILED(hr)) return hr;
      list.push_back(TextOf(item));
      ::SysFreeString(item);
    }
    bypassList_ = std::move(list);
    return S_OK;
  }
  STDMETHODIMP get_BypassProxyOnLocal(VARIANT_BOOL* retval) override { return Out(retval, bypassLocal_); }
  STDMETHODIMP put_BypassProxyOnLocal(VARIANT_BOOL value) override {
    bypassLocal_ = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP get_ReadOnly(VARIANT_BOOL* retval) override { return Out(retval, false); }
  STDMETHODIMP get_UserName(BSTR* retval) override { return Out(retval, userName_); }
  STDMETHODIMP put_UserName(BSTR value) override {
    userName_ = TextOf(value);
    return S_OK;
  }
  // Kept only to answer the scenario's proxy, wiped when replaced and when the object goes; never
  // logged nor recorded (the network log keeps whether one was set).
  STDMETHODIMP SetPassword(BSTR value) override {
    SIM_ENTER("IWebProxy::SetPassword");
    ForgetPassword();
    password_ = TextOf(value);
    passwordSet_ = true;
    return S_OK;
  }
  // There is nobody to prompt.
  STDMETHODIMP PromptForCredentials(IUnknown*, BSTR) override { return WU_E_NOT_SUPPORTED; }
  STDMETHODIMP PromptForCredentialsFromHwnd(HWND, BSTR) override { return WU_E_NOT_SUPPORTED; }
  STDMETHODIMP get_AutoDetect(VARIANT_BOOL* retval) override { return Out(retval, autoDetect_); }
  STDMETHODIMP put_AutoDetect(VARIANT_BOOL value) override {
    autoDetect_ = value != VARIANT_FALSE;
    return S_OK;
  }

  // IProxyCredentials
  bool PasswordSet() override { return passwordSet_; }
  bool PasswordEquals(std::u16string_view expected) override { return passwordSet_ && password_ == expected; }

 private:
  void ForgetPassword() {
    if (!password_.empty()) ::SecureZeroMemory(password_.data(), password_.size() * sizeof(char16_t));
    password_.clear();
  }

  std::u16string address_, userName_, password_;
  std::vector<std::u16string> bypassList_;
  bool bypassLocal_ = false, autoDetect_ = false, passwordSet_ = false;
};

}  // namespace

HRESULT CreateServiceManager(const std::u16string& clientApplicationId, IUpdateServiceManager2** retval) {
  return OutObject(retval, UpdateServiceManager::Create(clientApplicationId));
}

IUnknown* NewServiceManagerObject() { return static_cast<IUpdateServiceManager2*>(UpdateServiceManager::Create(u"")); }
IUnknown* NewAutomaticUpdates() { return static_cast<IAutomaticUpdates2*>(AutomaticUpdates::Create()); }
IUnknown* NewWebProxy() { return static_cast<IWebProxy*>(WebProxy::Create()); }

}  // namespace sim

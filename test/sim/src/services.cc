// Update services (IUpdateServiceManager2), Automatic Updates (IAutomaticUpdates2) and the
// session's web proxy (IWebProxy).
#include <wuerror.h>

#include <algorithm>

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

// E_ACCESSDENIED with `what` as its description unless the caller is an administrator. The
// service manager's reference pages give E_ACCESSDENIED for remote callers only; that a local
// caller who is not an administrator gets it too is what users report: PSWindowsUpdate's
// Add-WUOfflineSync answers 0x80070005 from AddScanPackageService with "Your security policy
// don't allow a non-administator identity to perform this task", kbupdate's Get-KbNeededUpdate
// with "You must run this command as administator", and Microsoft's "Opt-In to Microsoft Update"
// notes that its registry form "requires administrative credentials".
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

// A path on another machine: a UNC path (\\server\share\..., \\?\UNC\...), or one on a drive
// letter Windows maps to a network share.
bool IsNetworkPath(const std::u16string& path) {
  const auto startsWith = [&](std::u16string_view prefix) {
    return path.size() >= prefix.size() &&
           ::_wcsnicmp(reinterpret_cast<const wchar_t*>(path.c_str()), reinterpret_cast<const wchar_t*>(prefix.data()), prefix.size()) == 0;
  };
  const auto isSlash = [](char16_t c) { return c == u'\\' || c == u'/'; };
  if (startsWith(u"\\\\?\\UNC\\")) return true;
  std::u16string_view local(path);
  if (startsWith(u"\\\\?\\") || startsWith(u"\\\\.\\")) {
    local.remove_prefix(4);
  } else if (path.size() >= 2 && isSlash(path[0]) && isSlash(path[1])) {
    return true;
  }
  if (local.size() < 2 || local[1] != u':') return false;
  const wchar_t root[] = {static_cast<wchar_t>(local[0]), L':', L'\\', L'\0'};
  return ::GetDriveTypeW(root) == DRIVE_REMOTE;
}

std::u16string FileNameOf(const std::u16string& path) {
  const size_t slash = path.find_last_of(u"\\/");
  return slash == std::u16string::npos ? path : path.substr(slash + 1);
}

// A new service ID, as the agent gives a scan package service.
std::u16string NewServiceId() {
  GUID guid;
  ::CoCreateGuid(&guid);
  wchar_t text[40];
  ::StringFromGUID2(guid, text, 40);
  return NormalizeId(std::u16string(reinterpret_cast<const char16_t*>(text) + 1, 36));
}

ServiceData* Registered(MachineState& machine, const std::u16string& id) {
  for (ServiceData& s : machine.services) {
    if (s.serviceId == id) return &s;
  }
  return nullptr;
}

// Automatic Updates' default service is one at a time: "If you specify asfRegisterServiceWithAU,
// the change to the default Automatic Updates service [occurs once] the service registration
// succeeds" (IUpdateServiceManager2::AddService2 remarks); [MS-UAMG] 3.44.4.2 keeps one
// ServiceRegisteredWithAU, which RegisterServiceWithAU sets.
void RegisterWithAu(MachineState& machine, ServiceData& service) {
  for (ServiceData& other : machine.services) other.isDefaultAuService = false;
  service.isRegisteredWithAu = true;
  service.isDefaultAuService = true;
}

// When the default service leaves Automatic Updates, AU falls back to the Windows Update service
// (WU_E_DS_NEEDWINDOWSSERVICE: "Automatic Updates cannot fall back to another service" when it
// is the one that goes), or to another service still registered with it.
void FallBackFrom(MachineState& machine, const std::u16string& leaving) {
  ServiceData* fallback = nullptr;
  for (ServiceData& s : machine.services) {
    if (s.serviceId == leaving || !s.isRegisteredWithAu || s.registrationPending) continue;
    if (!fallback || s.serviceId == kWindowsUpdateServiceId) fallback = &s;
  }
  if (fallback) fallback->isDefaultAuService = true;
}

class UpdateService final : public Object<UpdateService, Chain<IUpdateService2, IUpdateService>> {
 public:
  static constexpr const char* kClassName = "UpdateService";
  // `ownsRegistration`: the service AddScanPackageService registered without
  // usoNonVolatileService, whose registration "is automatically removed when you release the
  // IUpdateService interface" (UpdateServiceOption remarks).
  explicit UpdateService(ServiceData data, bool ownsRegistration = false) : data_(std::move(data)), ownsRegistration_(ownsRegistration) {}
  ~UpdateService() override {
    if (!ownsRegistration_) return;
    Agent::Instance().Update([&](MachineState& machine) {
      std::erase_if(machine.services, [&](const ServiceData& s) { return s.serviceId == data_.serviceId; });
    });
  }

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
  bool ownsRegistration_;
};

class UpdateServiceCollection final : public ReadOnlyList<UpdateServiceCollection, Chain<IUpdateServiceCollection>, IUpdateService> {
 public:
  static constexpr const char* kClassName = "UpdateServiceCollection";
  using ReadOnlyList::ReadOnlyList;
};

// A service's registration record ([MS-UAMG] 3.46): registered, or pending until the agent next
// contacts an update service (UpdateServiceRegistrationState).
class UpdateServiceRegistration final : public Object<UpdateServiceRegistration, Chain<IUpdateServiceRegistration>> {
 public:
  static constexpr const char* kClassName = "UpdateServiceRegistration";
  explicit UpdateServiceRegistration(ServiceData service) : service_(std::move(service)) {}

  STDMETHODIMP get_RegistrationState(UpdateServiceRegistrationState* retval) override {
    return Out(retval, service_.registrationPending ? usrsRegistrationPending : usrsRegistered);
  }
  STDMETHODIMP get_ServiceID(BSTR* retval) override { return Out(retval, service_.serviceId); }
  STDMETHODIMP get_IsPendingRegistrationWithAU(VARIANT_BOOL* retval) override {
    return Out(retval, service_.registrationPending && service_.pendingRegistrationWithAu);
  }
  // Nothing is known of a service before its registration succeeds.
  STDMETHODIMP get_Service(IUpdateService2** retval) override {
    return OutObject(retval, service_.registrationPending ? nullptr : UpdateService::Create(service_));
  }

 private:
  ServiceData service_;
};

class UpdateServiceManager final : public Object<UpdateServiceManager, Chain<IUpdateServiceManager2, IUpdateServiceManager>> {
 public:
  static constexpr const char* kClassName = "UpdateServiceManager";
  explicit UpdateServiceManager(std::u16string clientApplicationId) : clientApplicationId_(std::move(clientApplicationId)) {}

  // Registered services only: [MS-UAMG] 3.44.3 keeps those pending registration apart, in
  // ServiceRegistrations.
  STDMETHODIMP get_Services(IUpdateServiceCollection** retval) override {
    SIM_ENTER("IUpdateServiceManager::get_Services");
    std::vector<ComPtr<IUpdateService>> services;
    for (const ServiceData& s : Agent::Instance().Read([](const MachineState& state) { return state.services; })) {
      if (s.registrationPending) continue;
      ComPtr<IUpdateService> service;
      service.Attach(UpdateService::Create(s));
      services.push_back(std::move(service));
    }
    return OutObject(retval, UpdateServiceCollection::Create(std::move(services)));
  }
  // "Registers a service with Windows Update Agent" from an authorization cab, which AddService2
  // with flags 0 does "in the same way" (AddService2 remarks).
  STDMETHODIMP AddService(BSTR serviceID, BSTR authorizationCabPath, IUpdateService** retval) override {
    SIM_ENTER("IUpdateServiceManager::AddService");
    if (!retval) return E_POINTER;
    if (TextOf(authorizationCabPath).empty()) return Fail(E_INVALIDARG, u"AddService takes an authorization cab");
    ServiceData added;
    if (HRESULT hr = Register(TextOf(serviceID), 0, TextOf(authorizationCabPath), &added); FAILED(hr)) return hr;
    return OutObject(retval, UpdateService::Create(added));
  }
  // IUpdateServiceManager::RegisterServiceWithAU: WU_E_DS_UNKNOWNSERVICE "if the service to be
  // registered is unknown"; WU_E_INVALID_OPERATION "if the method is called with an invalid
  // service ID" and "if the service ID is valid but the service can't register with Automatic
  // Updates ... (for example, CanRegisterWithAU property is set to FALSE)", which is every scan
  // package service ("Do not call the RegisterServiceWithAU method for the service that the
  // AddScanPackageService method registers": AddScanPackageService remarks).
  STDMETHODIMP RegisterServiceWithAU(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::RegisterServiceWithAU");
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (!wua::IsGuidText(id)) return Fail(WU_E_INVALID_OPERATION, u"not a service ID");
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates' service"); FAILED(denied)) return denied;
    HRESULT result = S_OK;
    Agent::Instance().Update([&](MachineState& machine) {
      ServiceData* service = Registered(machine, id);
      if (!service || service->registrationPending) {
        result = Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
      } else if (!service->canRegisterWithAu) {
        result = Fail(WU_E_INVALID_OPERATION, u"this service cannot be registered with Automatic Updates");
      } else {
        RegisterWithAu(machine, *service);
      }
    });
    return result;
  }
  // IUpdateServiceManager::RemoveService: WU_E_DS_NEEDWINDOWSSERVICE "The Windows Update service
  // could not be removed", WU_E_DS_UNKNOWNSERVICE for an "attempt to register or remove an
  // unknown service" (as xWindowsUpdate#90 met removing a Microsoft Update that was never
  // registered), E_INVALIDARG for an invalid parameter. A registration still pending is a
  // service to the agent, so it can be removed too.
  STDMETHODIMP RemoveService(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::RemoveService");
    if (HRESULT denied = RequireAdministrator(u"removing a service"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (!wua::IsGuidText(id)) return Fail(E_INVALIDARG, u"not a service ID");
    if (id == kWindowsUpdateServiceId) return Fail(WU_E_DS_NEEDWINDOWSSERVICE, u"the Windows Update service cannot be removed");
    bool removed = false;
    Agent::Instance().Update([&](MachineState& machine) {
      ServiceData* service = Registered(machine, id);
      if (!service) return;
      const bool wasDefault = service->isDefaultAuService;
      std::erase_if(machine.services, [&](const ServiceData& s) { return s.serviceId == id; });
      if (wasDefault) FallBackFrom(machine, id);
      removed = true;
    });
    return removed ? S_OK : Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
  }
  // IUpdateServiceManager::UnregisterServiceWithAU: WU_E_DS_UNKNOWNSERVICE "if the service to be
  // removed does not exist", WU_E_DS_NEEDWINDOWSSERVICE "if you attempt to remove the Windows
  // Update service and if it is the only service that is registered with Automatic Updates".
  STDMETHODIMP UnregisterServiceWithAU(BSTR serviceID) override {
    SIM_ENTER("IUpdateServiceManager::UnregisterServiceWithAU");
    if (HRESULT denied = RequireAdministrator(u"changing Automatic Updates' service"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (!wua::IsGuidText(id)) return Fail(E_INVALIDARG, u"not a service ID");
    HRESULT result = S_OK;
    Agent::Instance().Update([&](MachineState& machine) {
      ServiceData* service = Registered(machine, id);
      if (!service || service->registrationPending) {
        result = Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
        return;
      }
      const bool othersWithAu = std::any_of(machine.services.begin(), machine.services.end(), [&](const ServiceData& s) {
        return s.serviceId != id && s.isRegisteredWithAu && !s.registrationPending;
      });
      if (id == kWindowsUpdateServiceId && !othersWithAu) {
        result = Fail(WU_E_DS_NEEDWINDOWSSERVICE, u"Automatic Updates has no other service to fall back to");
        return;
      }
      const bool wasDefault = service->isDefaultAuService;
      service->isRegisteredWithAu = false;
      service->isDefaultAuService = false;
      if (wasDefault) FallBackFrom(machine, id);
    });
    return result;
  }
  // IUpdateServiceManager::AddScanPackageService and "Using WUA to Scan for Updates Offline": E_INVALIDARG for an
  // invalid parameter (flags are UpdateServiceOption values, of which there is one); the path of
  // "the Microsoft signed scan file", which "WUA validates ... is signed by a valid Microsoft
  // certificate" ("An error is returned by WinVerifyTrust if the Authorization Cab is not
  // signed": a file no scenario package names is unsigned here, TRUST_E_NOSIGNATURE). A package
  // on a network path fails with 0x8007007B (ERROR_INVALID_NAME) "even when the share is
  // readable": kbupdate#237 and the fix that copies it to a local folder first, kbupdate PR #250.
  STDMETHODIMP AddScanPackageService(BSTR serviceName, BSTR scanFileLocation, LONG flags, IUpdateService** retval) override {
    SIM_ENTER("IUpdateServiceManager::AddScanPackageService");
    if (!retval) return E_POINTER;
    *retval = nullptr;
    if (HRESULT denied = RequireAdministrator(u"adding a service"); FAILED(denied)) return denied;
    const std::u16string location = TextOf(scanFileLocation);
    if (TextOf(serviceName).empty() || location.empty() || (flags & ~usoNonVolatileService) != 0) {
      return Fail(E_INVALIDARG, u"a scan package service needs a name, a file and UpdateServiceOption flags");
    }
    const std::shared_ptr<const Scenario> scenario = Agent::Instance().CurrentScenario();
    if (!scenario->agent.acceptNetworkScanPackages && IsNetworkPath(location)) {
      return Fail(HRESULT_FROM_WIN32(ERROR_INVALID_NAME), u"the scan package must be on a local drive, not a network path");
    }
    if (::GetFileAttributesW(reinterpret_cast<const wchar_t*>(location.c_str())) == INVALID_FILE_ATTRIBUTES) {
      return Fail(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), u"the scan package does not exist");
    }
    const ScanPackageData* package = scenario->FindScanPackage(FileNameOf(location));
    if (!package) return Fail(TRUST_E_NOSIGNATURE, u"the file is not a scan package signed by Microsoft");
    ServiceData service;
    service.serviceId = NewServiceId();
    service.name = TextOf(serviceName);
    service.isScanPackageService = true;
    service.canRegisterWithAu = false;
    service.offersWindowsUpdates = false;
    service.issueDate = NowAsDate();
    service.scanPackage = package->file;
    Agent::Instance().Update([&](MachineState& machine) { machine.services.push_back(service); });
    return OutObject(retval, UpdateService::Create(service, (flags & usoNonVolatileService) == 0));
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
  // "If no service registration record is found for the given service ID, the server MUST return
  // an error" ([MS-UAMG] 3.44.5.3): the agent's code for a service it does not know.
  STDMETHODIMP QueryServiceRegistration(BSTR serviceID, IUpdateServiceRegistration** retval) override {
    SIM_ENTER("IUpdateServiceManager2::QueryServiceRegistration");
    if (!retval) return E_POINTER;
    const std::u16string id = NormalizeId(TextOf(serviceID));
    if (!wua::IsGuidText(id)) return Fail(E_INVALIDARG, u"not a service ID");
    std::optional<ServiceData> service = Agent::Instance().FindRegistration(id);
    if (!service) return Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service is registered or pending with this ID");
    return OutObject(retval, UpdateServiceRegistration::Create(*service));
  }
  // IUpdateServiceManager2::AddService2 remarks: E_INVALIDARG "if the asfAllowOnlineRegistration
  // or asfAllowPendingRegistration flags are specified and ... authorizationCabPath is not an
  // empty string", and a cab path is required with neither; E_ACCESSDENIED from a remote computer
  // "if the authorizationCabPath parameter is set to a null string". Online registration "may
  // return networking error codes"; with asfAllowPendingRegistration too, a failed attempt still
  // leaves the service pending ("the update agent still attempts to register the service at a
  // later time"); pending alone registers nothing now and returns S_OK. A service ID the update
  // service does not offer is WU_E_DS_UNKNOWNSERVICE, "an attempt to register an unknown
  // service" (RegisterServiceWithAU).
  STDMETHODIMP AddService2(BSTR serviceID, LONG flags, BSTR authorizationCabPath, IUpdateServiceRegistration** retval) override {
    SIM_ENTER("IUpdateServiceManager2::AddService2");
    if (!retval) return E_POINTER;
    *retval = nullptr;
    const bool deferred = (flags & (asfAllowPendingRegistration | asfAllowOnlineRegistration)) != 0;
    const std::u16string cab = TextOf(authorizationCabPath);
    if ((flags & ~(asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU)) != 0 || deferred == !cab.empty()) {
      return Fail(E_INVALIDARG, u"pending or online registration takes no cab path; any other takes one");
    }
    if (cab.empty() && Agent::Instance().CurrentScenario()->agent.logon.remote) {
      return Fail(E_ACCESSDENIED, u"AddService2 without a cab is not allowed from a remote session");
    }
    ServiceData added;
    if (HRESULT hr = Register(TextOf(serviceID), flags, cab, &added); FAILED(hr)) return hr;
    return OutObject(retval, UpdateServiceRegistration::Create(added));
  }

 private:
  // Adds or updates a registration. A failed online attempt that may stay pending leaves it
  // pending and still fails the call.
  HRESULT Register(const std::u16string& serviceId, LONG flags, const std::u16string& cab, ServiceData* out) {
    if (HRESULT denied = RequireAdministrator(u"adding a service"); FAILED(denied)) return denied;
    const std::u16string id = NormalizeId(serviceId);
    if (!wua::IsGuidText(id)) return Fail(E_INVALIDARG, u"not a service ID");
    if (!cab.empty() && ::GetFileAttributesW(reinterpret_cast<const wchar_t*>(cab.c_str())) == INVALID_FILE_ATTRIBUTES) {
      return Fail(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), u"the authorization cab does not exist");
    }
    const AgentData& agent = Agent::Instance().CurrentScenario()->agent;
    const bool withAu = (flags & asfRegisterServiceWithAU) != 0;
    const bool online = (flags & asfAllowOnlineRegistration) != 0, pending = (flags & asfAllowPendingRegistration) != 0;
    HRESULT attempt = S_OK;
    if (online) {
      const bool offered =
          std::find(agent.registrableServices.begin(), agent.registrableServices.end(), id) != agent.registrableServices.end();
      attempt = FAILED(agent.onlineRegistrationHresult) ? agent.onlineRegistrationHresult : offered ? S_OK : WU_E_DS_UNKNOWNSERVICE;
    }
    const bool registersNow = !cab.empty() || (online && SUCCEEDED(attempt));
    if (!registersNow && !pending) {
      return Fail(attempt, attempt == WU_E_DS_UNKNOWNSERVICE ? u"the update service offers no service with this ID"
                                                             : u"the online registration failed");
    }
    Agent::Instance().Update([&](MachineState& machine) {
      ServiceData* service = Registered(machine, id);
      if (!service) {
        ServiceData s;
        s.serviceId = id;
        s.name = id == kMicrosoftUpdateServiceId ? u"Microsoft Update" : u"Update service " + id;
        s.issueDate = NowAsDate();
        s.registrationPending = true;
        machine.services.push_back(s);
        service = &machine.services.back();
      }
      if (registersNow) {
        service->registrationPending = false;
        service->pendingRegistrationWithAu = false;
        if (withAu) RegisterWithAu(machine, *service);
      } else if (service->registrationPending) {
        service->pendingRegistrationWithAu = service->pendingRegistrationWithAu || withAu;
      }
      *out = *service;
    });
    if (FAILED(attempt)) return Fail(attempt, u"the online registration failed; it stays pending");
    return S_OK;
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

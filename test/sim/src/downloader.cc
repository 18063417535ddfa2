#include <wuerror.h>

#include "downloader.h"

namespace sim {

namespace {

HRESULT OutCollection(IUpdateCollection** retval, const ComPtr<IUpdateCollection>& updates) {
  if (!retval) return E_POINTER;
  *retval = updates.Get();
  if (*retval) (*retval)->AddRef();
  return S_OK;
}

// "This update cannot be installed in the same IUpdateInstaller::Install or IUpdateInstaller::
// BeginInstall call as any other update. If you make an IUpdateInstaller::Install or
// IUpdateInstaller::BeginInstall call that includes an exclusive update along with one or more
// other updates, the call will return WU_E_EXCLUSIVE_INSTALL_CONFLICT, and no updates will be
// installed" (InstallationImpact, learn.microsoft.com/windows/win32/api/wuapi/
// ne-wuapi-installationimpact). The enumeration describes "installing or uninstalling", so
// uninstalls look at the uninstallation behaviour; RunWizard installs as Install does. A bundle's
// behaviour is its children's (scenario.cc, Combine).
HRESULT RefuseMixedExclusive(OperationKind kind, const std::vector<const UpdateData*>& updates) {
  if (updates.size() < 2) return S_OK;
  for (const UpdateData* update : updates) {
    const InstallationBehaviorData* behavior = kind == OperationKind::kUninstall
                                                   ? (update->uninstallationBehavior ? &*update->uninstallationBehavior : nullptr)
                                                   : &update->installationBehavior;
    if (!behavior || behavior->impact != iiRequiresExclusiveHandling) continue;
    return Fail(WU_E_EXCLUSIVE_INSTALL_CONFLICT,
                u"'" + update->title + u"' (" + update->updateId + u") requires exclusive handling: it must be " +
                    (kind == OperationKind::kUninstall ? u"uninstalled" : u"installed") + u" in a call of its own");
  }
  return S_OK;
}

class UpdateDownloader final : public WithIsForced<WithClientApplicationId<Object<UpdateDownloader, Chain<IUpdateDownloader>>>> {
 public:
  static constexpr const char* kClassName = "UpdateDownloader";
  UpdateDownloader(std::u16string clientApplicationId, ComPtr<IWebProxy> webProxy)
      : WithIsForced(std::move(clientApplicationId)), webProxy_(std::move(webProxy)) {}

  STDMETHODIMP get_Priority(DownloadPriority* retval) override { return Out(retval, priority_); }
  STDMETHODIMP put_Priority(DownloadPriority value) override {
    if (value < dpLow || value > dpExtraHigh) return E_INVALIDARG;
    priority_ = value;
    return S_OK;
  }
  STDMETHODIMP get_Updates(IUpdateCollection** retval) override { return OutCollection(retval, updates_); }
  STDMETHODIMP put_Updates(IUpdateCollection* value) override {
    updates_ = ComPtr<IUpdateCollection>(value);
    return S_OK;
  }
  STDMETHODIMP BeginDownload(IUnknown* onProgressChanged, IUnknown* onCompleted, VARIANT state, IDownloadJob** retval) override {
    SIM_ENTER("IUpdateDownloader::BeginDownload");
    if (!retval) return E_POINTER;
    std::shared_ptr<Operation> operation;
    if (HRESULT hr = Prepare(&operation); FAILED(hr)) return hr;
    IDownloadJob* job = NewDownloadJob(operation, state);
    operation->Start(job, onProgressChanged, onCompleted);
    return OutObject(retval, job);
  }
  STDMETHODIMP Download(IDownloadResult** retval) override {
    SIM_ENTER("IUpdateDownloader::Download");
    if (!retval) return E_POINTER;
    std::shared_ptr<Operation> operation;
    if (HRESULT hr = Prepare(&operation); FAILED(hr)) return hr;
    operation->RunHere();
    if (HRESULT hr = operation->CallResult(); FAILED(hr)) return Fail(hr, u"the download failed");
    return OutObject(retval, NewDownloadResult(operation));
  }
  STDMETHODIMP EndDownload(IDownloadJob* value, IDownloadResult** retval) override {
    SIM_ENTER("IUpdateDownloader::EndDownload");
    std::shared_ptr<Operation> operation = OperationOf(value);
    if (!operation || operation->Kind() != OperationKind::kDownload) return E_INVALIDARG;
    if (!retval) return E_POINTER;
    operation->WaitUntilCompleted();
    if (HRESULT hr = operation->CallResult(); FAILED(hr)) return Fail(hr, u"the download failed");
    return OutObject(retval, NewDownloadResult(operation));
  }

 private:
  HRESULT Prepare(std::shared_ptr<Operation>* out) {
    ScenarioPtr scenario = Agent::Instance().CurrentScenario();
    if (!scenario->agent.isAdministrator) {
      return Fail(WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED, u"downloading updates needs an administrator");
    }
    OperationRequest request;
    request.kind = OperationKind::kDownload;
    request.updates = updates_;
    request.clientApplicationId = clientApplicationId_;
    request.forced = forced_;
    request.webProxy = webProxy_;
    if (HRESULT hr = ResolveUpdates(updates_.Get(), *scenario, &request.catalog); FAILED(hr)) return hr;
    request.origins = ReadOrigins(updates_.Get());
    *out = std::make_shared<Operation>(std::move(scenario), std::move(request));
    return S_OK;
  }

  DownloadPriority priority_ = dpNormal;
  ComPtr<IUpdateCollection> updates_;
  ComPtr<IWebProxy> webProxy_;
};

class UpdateInstaller final
    : public WithIsForced<WithClientApplicationId<
          Object<UpdateInstaller, Chain<IUpdateInstaller4, IUpdateInstaller3, IUpdateInstaller2, IUpdateInstaller>>>> {
 public:
  static constexpr const char* kClassName = "UpdateInstaller";
  explicit UpdateInstaller(std::u16string clientApplicationId) : WithIsForced(std::move(clientApplicationId)) {}

  STDMETHODIMP get_ParentHwnd(HWND* retval) override {
    if (!retval) return E_POINTER;
    *retval = parentHwnd_;
    return S_OK;
  }
  STDMETHODIMP put_ParentHwnd(HWND value) override {
    parentHwnd_ = value;
    return S_OK;
  }
  STDMETHODIMP put_ParentWindow(IUnknown* value) override {
    parentWindow_ = ComPtr<IUnknown>(value);
    return S_OK;
  }
  STDMETHODIMP get_ParentWindow(IUnknown** retval) override {
    if (!retval) return E_POINTER;
    *retval = parentWindow_.Get();
    if (*retval) (*retval)->AddRef();
    return S_OK;
  }
  STDMETHODIMP get_Updates(IUpdateCollection** retval) override { return OutCollection(retval, updates_); }
  STDMETHODIMP put_Updates(IUpdateCollection* value) override {
    updates_ = ComPtr<IUpdateCollection>(value);
    return S_OK;
  }
  STDMETHODIMP BeginInstall(IUnknown* onProgressChanged, IUnknown* onCompleted, VARIANT state, IInstallationJob** retval) override {
    SIM_ENTER("IUpdateInstaller::BeginInstall");
    return Begin(OperationKind::kInstall, onProgressChanged, onCompleted, state, retval);
  }
  STDMETHODIMP BeginUninstall(IUnknown* onProgressChanged, IUnknown* onCompleted, VARIANT state, IInstallationJob** retval) override {
    SIM_ENTER("IUpdateInstaller::BeginUninstall");
    return Begin(OperationKind::kUninstall, onProgressChanged, onCompleted, state, retval);
  }
  STDMETHODIMP EndInstall(IInstallationJob* value, IInstallationResult** retval) override {
    SIM_ENTER("IUpdateInstaller::EndInstall");
    return End(OperationKind::kInstall, value, retval);
  }
  STDMETHODIMP EndUninstall(IInstallationJob* value, IInstallationResult** retval) override {
    SIM_ENTER("IUpdateInstaller::EndUninstall");
    return End(OperationKind::kUninstall, value, retval);
  }
  STDMETHODIMP Install(IInstallationResult** retval) override {
    SIM_ENTER("IUpdateInstaller::Install");
    return RunHere(OperationKind::kInstall, retval);
  }
  // There is no user to show a wizard to: it installs as Install does.
  STDMETHODIMP RunWizard(BSTR, IInstallationResult** retval) override {
    SIM_ENTER("IUpdateInstaller::RunWizard");
    return RunHere(OperationKind::kInstall, retval);
  }
  // "Whether an installation or uninstallation is in progress on a computer at a specific
  // time" (learn.microsoft.com/windows/win32/api/wuapi/nf-wuapi-iupdateinstaller-get_isbusy):
  // the machine's, whoever runs it, so `installerBusy` plays another client's installation.
  STDMETHODIMP get_IsBusy(VARIANT_BOOL* retval) override {
    SIM_ENTER("IUpdateInstaller::get_IsBusy");
    return Out(retval, Agent::Instance().IsInstallationRunning());
  }
  STDMETHODIMP Uninstall(IInstallationResult** retval) override {
    SIM_ENTER("IUpdateInstaller::Uninstall");
    return RunHere(OperationKind::kUninstall, retval);
  }
  STDMETHODIMP get_AllowSourcePrompts(VARIANT_BOOL* retval) override { return Out(retval, allowSourcePrompts_); }
  STDMETHODIMP put_AllowSourcePrompts(VARIANT_BOOL value) override {
    allowSourcePrompts_ = value != VARIANT_FALSE;
    return S_OK;
  }
  // "Whether a system restart is required before installing or uninstalling updates"
  // (learn.microsoft.com/windows/win32/api/wuapi/nf-wuapi-iupdateinstaller-get_rebootrequiredbeforeinstallation);
  // set by the scenario and by installations that need a restart (operation.cc, ApplyState).
  STDMETHODIMP get_RebootRequiredBeforeInstallation(VARIANT_BOOL* retval) override {
    SIM_ENTER("IUpdateInstaller::get_RebootRequiredBeforeInstallation");
    return Out(retval, Agent::Instance().Read([](const MachineState& state) { return state.rebootRequiredBeforeInstallation; }));
  }
  STDMETHODIMP get_ForceQuiet(VARIANT_BOOL* retval) override { return Out(retval, forceQuiet_); }
  STDMETHODIMP put_ForceQuiet(VARIANT_BOOL value) override {
    forceQuiet_ = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP get_AttemptCloseAppsIfNecessary(VARIANT_BOOL* retval) override { return Out(retval, attemptCloseApps_); }
  STDMETHODIMP put_AttemptCloseAppsIfNecessary(VARIANT_BOOL value) override {
    attemptCloseApps_ = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP Commit(DWORD flags) override {
    SIM_ENTER("IUpdateInstaller4::Commit");
    return flags == 0 ? S_OK : E_INVALIDARG;
  }

 private:
  HRESULT Prepare(OperationKind kind, std::shared_ptr<Operation>* out) {
    ScenarioPtr scenario = Agent::Instance().CurrentScenario();
    if (!scenario->agent.isAdministrator) {
      return Fail(WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED, u"installing updates needs an administrator");
    }
    OperationRequest request;
    request.kind = kind;
    request.updates = updates_;
    request.clientApplicationId = clientApplicationId_;
    request.forced = forced_;
    if (HRESULT hr = ResolveUpdates(updates_.Get(), *scenario, &request.catalog); FAILED(hr)) return hr;
    request.origins = ReadOrigins(updates_.Get());
    if (HRESULT hr = RefuseMixedExclusive(kind, request.catalog); FAILED(hr)) return hr;
    // IUpdateInstaller::Install: "Do not call this method when the installer is installing or
    // removing an update. Call this method only when the IsBusy property ... returns
    // VARIANT_FALSE", listed with WU_E_INSTALL_NOT_ALLOWED (learn.microsoft.com/windows/win32/api/
    // wuapi/nf-wuapi-iupdateinstaller-install). The IsBusy page names WU_E_OPERATIONINPROGRESS
    // for the same case; the Install page's table is the one that lists a code per call.
    if (!Agent::Instance().TryBeginInstallation()) {
      return Fail(WU_E_INSTALL_NOT_ALLOWED, u"another installation is in progress");
    }
    *out = std::make_shared<Operation>(std::move(scenario), std::move(request));
    return S_OK;
  }
  HRESULT Begin(OperationKind kind, IUnknown* onProgressChanged, IUnknown* onCompleted, const VARIANT& state, IInstallationJob** retval) {
    if (!retval) return E_POINTER;
    std::shared_ptr<Operation> operation;
    if (HRESULT hr = Prepare(kind, &operation); FAILED(hr)) return hr;
    IInstallationJob* job = NewInstallationJob(operation, state);
    operation->Start(job, onProgressChanged, onCompleted);
    return OutObject(retval, job);
  }
  HRESULT End(OperationKind kind, IInstallationJob* value, IInstallationResult** retval) {
    std::shared_ptr<Operation> operation = OperationOf(value);
    if (!operation || operation->Kind() != kind) return E_INVALIDARG;
    if (!retval) return E_POINTER;
    operation->WaitUntilCompleted();
    if (HRESULT hr = operation->CallResult(); FAILED(hr)) return Fail(hr, u"the installation failed");
    return OutObject(retval, NewInstallationResult(operation));
  }
  HRESULT RunHere(OperationKind kind, IInstallationResult** retval) {
    if (!retval) return E_POINTER;
    std::shared_ptr<Operation> operation;
    if (HRESULT hr = Prepare(kind, &operation); FAILED(hr)) return hr;
    operation->RunHere();
    if (HRESULT hr = operation->CallResult(); FAILED(hr)) return Fail(hr, u"the installation failed");
    return OutObject(retval, NewInstallationResult(operation));
  }

  bool allowSourcePrompts_ = true, forceQuiet_ = false, attemptCloseApps_ = false;
  HWND parentHwnd_ = nullptr;
  ComPtr<IUnknown> parentWindow_;
  ComPtr<IUpdateCollection> updates_;
};

}  // namespace

IUpdateDownloader* NewUpdateDownloader(std::u16string clientApplicationId, ComPtr<IWebProxy> webProxy) {
  return UpdateDownloader::Create(std::move(clientApplicationId), std::move(webProxy));
}

IUpdateInstaller4* NewUpdateInstaller(std::u16string clientApplicationId) {
  return UpdateInstaller::Create(std::move(clientApplicationId));
}

}  // namespace sim

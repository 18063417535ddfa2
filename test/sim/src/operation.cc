#include "operation.h"

#include <wuerror.h>

#include <chrono>

#include "com/apartment.h"
#include "com/bstr.h"
#include "network.h"
#include "wedge.h"

namespace sim {

namespace {

// Lets the agent find its own operation behind a job the client hands back to End*.
MIDL_INTERFACE("9C5C1D4E-3C1F-4B59-9B8E-6C2D7A0E5F11")
IOperationHolder : public IUnknown { virtual std::shared_ptr<Operation> Held() = 0; };

}  // namespace
}  // namespace sim
__CRT_UUID_DECL(sim::IOperationHolder, 0x9c5c1d4e, 0x3c1f, 0x4b59, 0x9b, 0x8e, 0x6c, 0x2d, 0x7a, 0x0e, 0x5f, 0x11)

namespace sim {

namespace {

bool IsInstallation(OperationKind kind) { return kind != OperationKind::kDownload; }

UpdateOperation HistoryOperation(OperationKind kind) { return kind == OperationKind::kUninstall ? uoUninstallation : uoInstallation; }

// Significance order of OperationResultCode: the overall code is the worst of the updates',
// except that a mix of successes and failures is "succeeded with errors".
OperationResultCode Overall(const std::vector<UpdateOutcome>& outcomes) {
  bool anySucceeded = false, anyFailed = false, anyAborted = false, anyWithErrors = false;
  for (const auto& o : outcomes) {
    anySucceeded |= o.resultCode == orcSucceeded;
    anyWithErrors |= o.resultCode == orcSucceededWithErrors;
    anyFailed |= o.resultCode == orcFailed;
    anyAborted |= o.resultCode == orcAborted;
  }
  if (anyAborted) return orcAborted;
  if (anyFailed) return anySucceeded || anyWithErrors ? orcSucceededWithErrors : orcFailed;
  if (anyWithErrors) return orcSucceededWithErrors;
  return orcSucceeded;
}

class UpdateDownloadResult final : public Object<UpdateDownloadResult, Chain<IUpdateDownloadResult>> {
 public:
  static constexpr const char* kClassName = "UpdateDownloadResult";
  explicit UpdateDownloadResult(UpdateOutcome outcome) : outcome_(outcome) {}
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, outcome_.hresult); }
  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, outcome_.resultCode); }

 private:
  UpdateOutcome outcome_;
};

class UpdateInstallationResult final : public Object<UpdateInstallationResult, Chain<IUpdateInstallationResult>> {
 public:
  static constexpr const char* kClassName = "UpdateInstallationResult";
  explicit UpdateInstallationResult(UpdateOutcome outcome) : outcome_(outcome) {}
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, outcome_.hresult); }
  STDMETHODIMP get_RebootRequired(VARIANT_BOOL* retval) override { return Out(retval, outcome_.rebootRequired); }
  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, outcome_.resultCode); }

 private:
  UpdateOutcome outcome_;
};

HRESULT OutcomeAt(const std::vector<UpdateOutcome>& outcomes, LONG index, UpdateOutcome* out) {
  if (IndexOutOfRange(index, outcomes.size())) return E_INVALIDARG;
  *out = outcomes[index];
  return S_OK;
}

class DownloadProgress final : public Object<DownloadProgress, Chain<IDownloadProgress>> {
 public:
  static constexpr const char* kClassName = "DownloadProgress";
  explicit DownloadProgress(ProgressSnapshot snapshot) : s_(std::move(snapshot)) {}
  STDMETHODIMP get_CurrentUpdateBytesDownloaded(DECIMAL* retval) override { return OutDecimal(retval, s_.currentUpdateBytesDone); }
  STDMETHODIMP get_CurrentUpdateBytesToDownload(DECIMAL* retval) override { return OutDecimal(retval, s_.currentUpdateBytesTotal); }
  STDMETHODIMP get_CurrentUpdateIndex(LONG* retval) override { return Out(retval, s_.currentUpdateIndex); }
  STDMETHODIMP get_PercentComplete(LONG* retval) override { return Out(retval, s_.percent); }
  STDMETHODIMP get_TotalBytesDownloaded(DECIMAL* retval) override { return OutDecimal(retval, s_.totalBytesDone); }
  STDMETHODIMP get_TotalBytesToDownload(DECIMAL* retval) override { return OutDecimal(retval, s_.totalBytesTotal); }
  STDMETHODIMP GetUpdateResult(LONG index, IUpdateDownloadResult** retval) override {
    UpdateOutcome outcome;
    if (HRESULT hr = OutcomeAt(s_.outcomes, index, &outcome); FAILED(hr)) return hr;
    return OutObject(retval, UpdateDownloadResult::Create(outcome));
  }
  STDMETHODIMP get_CurrentUpdateDownloadPhase(DownloadPhase* retval) override { return Out(retval, s_.phase); }
  STDMETHODIMP get_CurrentUpdatePercentComplete(LONG* retval) override { return Out(retval, s_.currentUpdatePercent); }

 private:
  ProgressSnapshot s_;
};

class InstallationProgress final : public Object<InstallationProgress, Chain<IInstallationProgress>> {
 public:
  static constexpr const char* kClassName = "InstallationProgress";
  explicit InstallationProgress(ProgressSnapshot snapshot) : s_(std::move(snapshot)) {}
  STDMETHODIMP get_CurrentUpdateIndex(LONG* retval) override { return Out(retval, s_.currentUpdateIndex); }
  STDMETHODIMP get_CurrentUpdatePercentComplete(LONG* retval) override { return Out(retval, s_.currentUpdatePercent); }
  STDMETHODIMP get_PercentComplete(LONG* retval) override { return Out(retval, s_.percent); }
  STDMETHODIMP GetUpdateResult(LONG index, IUpdateInstallationResult** retval) override {
    UpdateOutcome outcome;
    if (HRESULT hr = OutcomeAt(s_.outcomes, index, &outcome); FAILED(hr)) return hr;
    return OutObject(retval, UpdateInstallationResult::Create(outcome));
  }

 private:
  ProgressSnapshot s_;
};

class DownloadProgressChangedArgs final : public Object<DownloadProgressChangedArgs, Chain<IDownloadProgressChangedCallbackArgs>> {
 public:
  static constexpr const char* kClassName = "DownloadProgressChangedCallbackArgs";
  explicit DownloadProgressChangedArgs(ProgressSnapshot snapshot) : s_(std::move(snapshot)) {}
  STDMETHODIMP get_Progress(IDownloadProgress** retval) override { return OutObject(retval, DownloadProgress::Create(s_)); }

 private:
  ProgressSnapshot s_;
};

class InstallationProgressChangedArgs final
    : public Object<InstallationProgressChangedArgs, Chain<IInstallationProgressChangedCallbackArgs>> {
 public:
  static constexpr const char* kClassName = "InstallationProgressChangedCallbackArgs";
  explicit InstallationProgressChangedArgs(ProgressSnapshot snapshot) : s_(std::move(snapshot)) {}
  STDMETHODIMP get_Progress(IInstallationProgress** retval) override { return OutObject(retval, InstallationProgress::Create(s_)); }

 private:
  ProgressSnapshot s_;
};

class DownloadCompletedArgs final : public Object<DownloadCompletedArgs, Chain<IDownloadCompletedCallbackArgs>> {
 public:
  static constexpr const char* kClassName = "DownloadCompletedCallbackArgs";
};

class InstallationCompletedArgs final : public Object<InstallationCompletedArgs, Chain<IInstallationCompletedCallbackArgs>> {
 public:
  static constexpr const char* kClassName = "InstallationCompletedCallbackArgs";
};

// What IDownloadJob and IInstallationJob share.
template <class Self, class JobInterface, class ProgressInterface, class ProgressImplementation>
class Job : public Object<Self, Chain<JobInterface>, Chain<IOperationHolder>> {
 public:
  Job(std::shared_ptr<Operation> operation, const VARIANT& state) : operation_(std::move(operation)) {
    ::VariantInit(&state_);
    ::VariantCopy(&state_, const_cast<VARIANT*>(&state));
  }
  ~Job() override { ::VariantClear(&state_); }

  std::shared_ptr<Operation> Held() override { return operation_; }

  STDMETHODIMP get_AsyncState(VARIANT* retval) override {
    if (!retval) return E_POINTER;
    ::VariantInit(retval);
    return ::VariantCopy(retval, &state_);
  }
  STDMETHODIMP get_IsCompleted(VARIANT_BOOL* retval) override { return Out(retval, operation_->IsCompleted()); }
  STDMETHODIMP get_Updates(IUpdateCollection** retval) override {
    IUpdateCollection* updates = operation_->Updates();
    if (updates) updates->AddRef();
    return OutObject(retval, updates);
  }
  STDMETHODIMP CleanUp() override {
    SIM_ENTER("Job::CleanUp");
    operation_->ReleaseCallbacks();
    return S_OK;
  }
  STDMETHODIMP GetProgress(ProgressInterface** retval) override {
    return OutObject(retval, ProgressImplementation::Create(operation_->Progress()));
  }
  STDMETHODIMP RequestAbort() override {
    SIM_ENTER("Job::RequestAbort");
    operation_->RequestAbort();
    return S_OK;
  }

 private:
  std::shared_ptr<Operation> operation_;
  VARIANT state_;
};

class DownloadJob final : public Job<DownloadJob, IDownloadJob, IDownloadProgress, DownloadProgress> {
 public:
  static constexpr const char* kClassName = "DownloadJob";
  using Job::Job;
};

class InstallationJob final : public Job<InstallationJob, IInstallationJob, IInstallationProgress, InstallationProgress> {
 public:
  static constexpr const char* kClassName = "InstallationJob";
  using Job::Job;
};

class DownloadResult final : public Object<DownloadResult, Chain<IDownloadResult>> {
 public:
  static constexpr const char* kClassName = "DownloadResult";
  DownloadResult(OperationResultCode code, HRESULT hr, std::vector<UpdateOutcome> outcomes)
      : code_(code), hr_(hr), outcomes_(std::move(outcomes)) {}
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, hr_); }
  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, code_); }
  STDMETHODIMP GetUpdateResult(LONG index, IUpdateDownloadResult** retval) override {
    UpdateOutcome outcome;
    if (HRESULT hr = OutcomeAt(outcomes_, index, &outcome); FAILED(hr)) return hr;
    return OutObject(retval, UpdateDownloadResult::Create(outcome));
  }

 private:
  OperationResultCode code_;
  HRESULT hr_;
  std::vector<UpdateOutcome> outcomes_;
};

class InstallationResult final : public Object<InstallationResult, Chain<IInstallationResult>> {
 public:
  static constexpr const char* kClassName = "InstallationResult";
  InstallationResult(OperationResultCode code, HRESULT hr, bool reboot, std::vector<UpdateOutcome> outcomes)
      : code_(code), hr_(hr), reboot_(reboot), outcomes_(std::move(outcomes)) {}
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, hr_); }
  STDMETHODIMP get_RebootRequired(VARIANT_BOOL* retval) override { return Out(retval, reboot_); }
  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, code_); }
  STDMETHODIMP GetUpdateResult(LONG index, IUpdateInstallationResult** retval) override {
    UpdateOutcome outcome;
    if (HRESULT hr = OutcomeAt(outcomes_, index, &outcome); FAILED(hr)) return hr;
    return OutObject(retval, UpdateInstallationResult::Create(outcome));
  }

 private:
  OperationResultCode code_;
  HRESULT hr_;
  bool reboot_;
  std::vector<UpdateOutcome> outcomes_;
};

// Calls the client's callback `sink` with `job` as JobInterface and the arguments `makeArgs`
// creates, when the sink is that kind of callback.
template <class Callback, class JobInterface, class MakeArgs>
void CallBack(const ComPtr<IUnknown>& sink, IDispatch* job, MakeArgs makeArgs) {
  ComPtr<Callback> callback;
  ComPtr<JobInterface> typedJob;
  if (FAILED(sink.As(callback)) || FAILED(job->QueryInterface(__uuidof(JobInterface), typedJob.PutVoid()))) return;
  ComPtr<std::remove_pointer_t<decltype(makeArgs())>> args;
  args.Attach(makeArgs());
  callback->Invoke(typedJob.Get(), args.Get());
}

}  // namespace

Operation::Operation(ScenarioPtr scenario, OperationRequest request) : scenario_(std::move(scenario)), request_(std::move(request)) {
  progress_.outcomes.resize(request_.catalog.size());
  for (const UpdateData* update : request_.catalog) progress_.totalBytesTotal += BytesOf(*update);
}

void Operation::RunHere() { Run(); }

void Operation::Start(IDispatch* job, IUnknown* onProgressChanged, IUnknown* onCompleted) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = ComPtr<IDispatch>(job);
    onProgressChanged_ = ComPtr<IUnknown>(onProgressChanged);
    onCompleted_ = ComPtr<IUnknown>(onCompleted);
  }
  ModuleAddRef();  // the DLL stays loaded while its thread runs
  std::thread([self = shared_from_this()] {
    {
      wua::com::ScopedApartment apartment;
      self->Run();
    }
    ModuleRelease();
  }).detach();
}

void Operation::RequestAbort() { abort_.RequestAbort(); }

bool Operation::IsCompleted() {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_;
}

void Operation::WaitUntilCompleted() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return completed_; });
}

void Operation::ReleaseCallbacks() {
  ComPtr<IUnknown> progress, completed;
  ComPtr<IDispatch> job;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!completed_) return;  // still needed; the thread drops them when it finishes
    progress = std::move(onProgressChanged_);
    completed = std::move(onCompleted_);
    job = std::move(job_);
  }
}

ProgressSnapshot Operation::Progress() {
  std::lock_guard<std::mutex> lock(mutex_);
  return progress_;
}

HRESULT Operation::CallResult() {
  std::lock_guard<std::mutex> lock(mutex_);
  return callResult_;
}

OperationResultCode Operation::ResultCode() {
  std::lock_guard<std::mutex> lock(mutex_);
  return resultCode_;
}

HRESULT Operation::ResultHresult() {
  std::lock_guard<std::mutex> lock(mutex_);
  return resultHresult_;
}

bool Operation::RebootRequired() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& o : progress_.outcomes) {
    if (o.rebootRequired) return true;
  }
  return false;
}

void Operation::Notify(IDispatch* job) {
  ComPtr<IUnknown> sink;
  ProgressSnapshot snapshot;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sink = onProgressChanged_;
    snapshot = progress_;
  }
  if (!sink || !job) return;
  if (request_.kind == OperationKind::kDownload) {
    CallBack<IDownloadProgressChangedCallback, IDownloadJob>(sink, job,
                                                             [&] { return DownloadProgressChangedArgs::Create(std::move(snapshot)); });
  } else {
    CallBack<IInstallationProgressChangedCallback, IInstallationJob>(
        sink, job, [&] { return InstallationProgressChangedArgs::Create(std::move(snapshot)); });
  }
}

UpdateOutcome Operation::Precondition(const UpdateData& update, const UpdateState& state) const {
  auto failed = [](HRESULT hr) { return UpdateOutcome{orcFailed, hr, false}; };
  switch (request_.kind) {
    case OperationKind::kDownload: break;
    case OperationKind::kInstall:
      if (!state.eulaAccepted) return failed(WU_E_EULAS_DECLINED);
      if (!state.isDownloaded) return failed(WU_E_UH_NEEDANOTHERDOWNLOAD);
      if (state.isInstalled && !request_.forced) return UpdateOutcome{orcSucceeded, S_OK, state.rebootRequired};
      // "If the process that is calling WUA is running in the context of the RunAs service or the
      // Secondary Logon service, an attempt to install an update that requires user interaction
      // fails and returns the WU_E_NO_INTERACTIVE_USER error" ("Using WUA from a Secondary Logon
      // (Run As) Process", learn.microsoft.com/windows/win32/wua_sdk/). It is the attempt on that
      // update that fails, so the update's result carries it and the others still run. A bundle
      // runs its children, and the child that asks for input is the one that fails.
      if (!scenario_->agent.logon.interactiveUser && !update.IsBundle() && update.installationBehavior.canRequestUserInput) {
        return failed(WU_E_NO_INTERACTIVE_USER);
      }
      break;
    case OperationKind::kUninstall:
      if (!update.isUninstallable) return failed(WU_E_UNINSTALL_NOT_ALLOWED);
      if (!state.isInstalled) return failed(WU_E_UNINSTALL_NOT_ALLOWED);
      break;
  }
  return UpdateOutcome{orcNotStarted, S_OK, false};
}

void Operation::ApplyState(const UpdateData& unit, const UpdateOutcome& outcome) {
  const bool succeeded = outcome.resultCode == orcSucceeded || outcome.resultCode == orcSucceededWithErrors;
  if (!succeeded) return;
  const OperationKind kind = request_.kind;
  Agent::Instance().Update([&](MachineState& machine) {
    UpdateState& state = machine.updates[unit.updateId];
    if (kind == OperationKind::kDownload) state.isDownloaded = true;
    if (kind == OperationKind::kInstall) state.isInstalled = state.isPresent = true;
    if (kind == OperationKind::kUninstall) state.isInstalled = state.isPresent = false;
    if (IsInstallation(kind)) {
      state.rebootRequired = outcome.rebootRequired;
      // ISystemInformation::RebootRequired: "whether a system restart is required to complete
      // the installation or uninstallation of one or more updates" (learn.microsoft.com/windows/
      // win32/api/wuapi/nf-wuapi-isysteminformation-get_rebootrequired).
      machine.rebootRequired = machine.rebootRequired || outcome.rebootRequired;
      // After an installation that needs a restart, the installer reports that "a reboot is
      // required before more updates can be installed" (ansible-collections/ansible.windows#49,
      // whose module reads IUpdateInstaller::RebootRequiredBeforeInstallation): the stricter
      // reading, since the documentation ("whether a system restart is required before
      // installing or uninstalling updates") does not say when it is set.
      machine.rebootRequiredBeforeInstallation = machine.rebootRequiredBeforeInstallation || outcome.rebootRequired;
    }
  });
}

// One entry per update of the caller's collection, a bundle included: the history records the
// operation the client asked for, with the result it was given (IInstallationResult reports per
// update of that collection), as the machine's own update history lists the bundles it offered.
void Operation::AddHistory(const UpdateData& update, const UpdateOutcome& outcome, const UpdateOrigin& origin) {
  if (!IsInstallation(request_.kind) || outcome.resultCode == orcAborted) return;
  Agent::Instance().Update([&](MachineState& machine) {
    HistoryEntryData entry;
    entry.operation = HistoryOperation(request_.kind);
    entry.resultCode = outcome.resultCode;
    entry.hresult = outcome.hresult;
    entry.date = NowAsDate();
    entry.updateId = update.updateId;
    entry.revisionNumber = update.revisionNumber;
    entry.title = update.title;
    entry.description = update.description;
    entry.clientApplicationId = request_.clientApplicationId;
    entry.supportUrl = update.supportUrl;
    entry.uninstallationSteps = update.uninstallationSteps;
    entry.uninstallationNotes = update.uninstallationNotes;
    entry.categoryIds = update.categoryIds;
    entry.serverSelection = origin.serverSelection;
    entry.serviceId = origin.serviceId;
    machine.history.push_back(std::move(entry));
  });
}

const Behavior& Operation::BehaviorOf(const UpdateData& unit, const UpdateData& update) const {
  const auto own = [&](const UpdateData& u) -> const std::optional<Behavior>& {
    switch (request_.kind) {
      case OperationKind::kDownload: return u.download;
      case OperationKind::kInstall: return u.install;
      case OperationKind::kUninstall: return u.uninstall;
    }
    return u.download;
  };
  if (own(unit)) return *own(unit);
  if (own(update)) return *own(update);  // a child without its own behaviour takes its bundle's
  return TopBehavior();
}

const Behavior& Operation::TopBehavior() const {
  switch (request_.kind) {
    case OperationKind::kDownload: return scenario_->download;
    case OperationKind::kInstall: return scenario_->install;
    case OperationKind::kUninstall: return scenario_->uninstall;
  }
  return scenario_->download;
}

long long Operation::BytesOf(const UpdateData& update) const {
  long long bytes = 0;
  for (const UpdateData* unit : scenario_->UnitsOf(update)) bytes += unit->maxDownloadSize;
  return bytes;
}

UpdateOutcome Operation::RunUnit(const UnitPlace& place, const UpdateData& unit, const Behavior& behavior, bool* aborted,
                                 bool* disconnected) {
  // An update whose download or installer never ends, whatever RequestAbort asks: installs
  // reported stuck at "Installing - 0%" (PowerShell/PowerShell#17343, chocolatey-community/
  // boxstarter#150), and a job that only the process's end stops (see searcher.cc for
  // Microsoft's advice to time such operations out). Released by the test process only, it then
  // goes away as a disconnected agent does.
  if (behavior.wedged) {
    Wedges::Hold();
    *disconnected = true;
    return UpdateOutcome{orcFailed, RPC_E_DISCONNECTED, false};
  }
  if (behavior.hangUntilAbort) {
    abort_.UntilAborted();
    *aborted = true;
  }
  for (int step = 1; step <= behavior.progressSteps && !*aborted && !*disconnected; ++step) {
    if (!abort_.Sleep(behavior.durationMs / behavior.progressSteps)) {
      *aborted = true;
      break;
    }
    const long percent = static_cast<long>(100 * step / behavior.progressSteps);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const long updatePercent = static_cast<long>((100 * place.unit + percent) / place.units);
      progress_.currentUpdatePercent = updatePercent;
      progress_.currentUpdateBytesDone = place.unitBytesBefore + unit.maxDownloadSize * step / behavior.progressSteps;
      progress_.totalBytesDone = place.bytesBefore + progress_.currentUpdateBytesDone;
      progress_.percent = static_cast<long>((100 * place.index + updatePercent) / place.count);
      progress_.phase = step == behavior.progressSteps && place.unit + 1 == place.units ? dphVerifying : dphDownloading;
      *disconnected = behavior.disconnectAtPercent >= 0 && percent >= behavior.disconnectAtPercent;
    }
    if (!*disconnected) Notify(job_.Get());
  }
  if (*aborted) return UpdateOutcome{orcAborted, S_OK, false};
  if (*disconnected || behavior.failCall) {
    return UpdateOutcome{orcFailed, *disconnected ? RPC_E_DISCONNECTED : behavior.hresult, false};
  }
  const bool reboot = behavior.rebootRequired.value_or(unit.installationBehavior.rebootBehavior == irbAlwaysRequiresReboot);
  return UpdateOutcome{behavior.resultCode, behavior.hresult, IsInstallation(request_.kind) && reboot && behavior.resultCode != orcFailed};
}

void Operation::Run() {
  const size_t count = request_.catalog.size();
  bool aborted = false, disconnected = false, callFailed = false;
  long long bytesBefore = 0;
  for (size_t index = 0; index < count && !aborted && !disconnected && !callFailed; ++index) {
    const UpdateData& update = *request_.catalog[index];
    const long long updateBytes = BytesOf(update);
    UpdateOutcome outcome = Precondition(update, Agent::Instance().StateOf(update));
    const UpdateOrigin origin = index < request_.origins.size() ? request_.origins[index] : UpdateOrigin{};
    if (request_.kind == OperationKind::kDownload && outcome.resultCode == orcNotStarted) {
      // A download fetches the update's files from the server the update came from, through the
      // session's proxy; on a network that does not let it through, that update fails.
      NetworkRequest network;
      network.call = "download";
      network.serverSelection = origin.serverSelection;
      network.serviceId = origin.serviceId;
      network.updateId = update.updateId;
      if (HRESULT hr = ReachNetwork(std::move(network), request_.webProxy.Get()); FAILED(hr)) outcome = UpdateOutcome{orcFailed, hr, false};
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      progress_.currentUpdateIndex = static_cast<long>(index);
      progress_.currentUpdatePercent = 0;
      progress_.currentUpdateBytesDone = 0;
      progress_.currentUpdateBytesTotal = updateBytes;
      progress_.phase = dphInitializing;
      progress_.outcomes[index].resultCode = orcInProgress;
    }
    if (outcome.resultCode == orcNotStarted) {
      Notify(job_.Get());
      // A bundle installs "all applicable child updates ... in the order specified by the bundle.
      // If an installation failure occurs for any of the children, the install of the bundle
      // stops at that point (with no roll-back)" (WSUS SDK, "Relationships Among Updates", MSDN
      // bb902491); its payloads are the children's, so downloads run over them too.
      const std::vector<const UpdateData*> units = scenario_->UnitsOf(update);
      outcome = UpdateOutcome{orcSucceeded, S_OK, false};
      UnitPlace place{index, count, 0, units.size(), bytesBefore, 0};
      for (; place.unit < units.size(); ++place.unit) {
        const UpdateData& unit = *units[place.unit];
        const Behavior& behavior = BehaviorOf(unit, update);
        UpdateOutcome done = &unit == &update ? UpdateOutcome{} : Precondition(unit, Agent::Instance().StateOf(unit));
        if (done.resultCode == orcNotStarted) done = RunUnit(place, unit, behavior, &aborted, &disconnected);
        if (!disconnected) ApplyState(unit, done);
        callFailed = behavior.failCall && !aborted;
        if (disconnected || callFailed) {
          std::lock_guard<std::mutex> lock(mutex_);
          callResult_ = disconnected ? RPC_E_DISCONNECTED : behavior.hresult;
        }
        outcome.rebootRequired = outcome.rebootRequired || done.rebootRequired;
        if (done.resultCode == orcFailed || done.resultCode == orcAborted) {
          outcome.resultCode = done.resultCode;
          outcome.hresult = done.hresult;
          break;
        }
        if (done.resultCode == orcSucceededWithErrors) {
          outcome.resultCode = orcSucceededWithErrors;
          if (SUCCEEDED(outcome.hresult)) outcome.hresult = done.hresult;
        }
        place.unitBytesBefore += unit.maxDownloadSize;
        if (aborted || disconnected || callFailed) break;
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      progress_.outcomes[index] = outcome;
      progress_.currentUpdatePercent = 100;
      progress_.percent = static_cast<long>(100 * (index + 1) / count);
    }
    bytesBefore += updateBytes;
    if (!disconnected) AddHistory(update, outcome, origin);
  }
  // Updates never reached keep "not started", except after an abort, which ends them all.
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (aborted) {
      for (auto& o : progress_.outcomes) {
        if (o.resultCode == orcNotStarted || o.resultCode == orcInProgress) o.resultCode = orcAborted;
      }
    }
    resultCode_ = Overall(progress_.outcomes);
    resultHresult_ = S_OK;
    if (resultCode_ == orcFailed) {
      for (const auto& o : progress_.outcomes) {
        if (FAILED(o.hresult)) {
          resultHresult_ = o.hresult;
          break;
        }
      }
    }
    // The job's HRESULT is not derived from the updates' on the real agent: wuerror.h has job-level
    // codes that no update carries (WU_E_ALL_UPDATES_FAILED, "operation failed for all the
    // updates"; WU_S_UPDATE_ERROR), and users report a job's HResult 0x00240003 beside updates
    // with their own codes (ceshihao/windowsupdate#6).
    if (const auto& job = TopBehavior().jobHresult) resultHresult_ = *job;
  }
  Finish();
}

void Operation::Finish() {
  if (IsInstallation(request_.kind)) Agent::Instance().EndInstallation();
  ComPtr<IUnknown> sink;
  ComPtr<IDispatch> job;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    completed_ = true;
    changed_.notify_all();
    sink = std::move(onCompleted_);
    job = std::move(job_);
    onProgressChanged_.Reset();
  }
  if (!sink || !job) return;
  if (request_.kind == OperationKind::kDownload) {
    CallBack<IDownloadCompletedCallback, IDownloadJob>(sink, job.Get(), [] { return DownloadCompletedArgs::Create(); });
  } else {
    CallBack<IInstallationCompletedCallback, IInstallationJob>(sink, job.Get(), [] { return InstallationCompletedArgs::Create(); });
  }
}

IDownloadJob* NewDownloadJob(std::shared_ptr<Operation> operation, const VARIANT& state) {
  return DownloadJob::Create(std::move(operation), state);
}

IInstallationJob* NewInstallationJob(std::shared_ptr<Operation> operation, const VARIANT& state) {
  return InstallationJob::Create(std::move(operation), state);
}

IDownloadResult* NewDownloadResult(const std::shared_ptr<Operation>& operation) {
  return DownloadResult::Create(operation->ResultCode(), operation->ResultHresult(), operation->Progress().outcomes);
}

IInstallationResult* NewInstallationResult(const std::shared_ptr<Operation>& operation) {
  return InstallationResult::Create(operation->ResultCode(), operation->ResultHresult(), operation->RebootRequired(),
                                    operation->Progress().outcomes);
}

std::shared_ptr<Operation> OperationOf(IUnknown* job) {
  if (!job) return nullptr;
  ComPtr<IOperationHolder> holder;
  if (FAILED(job->QueryInterface(__uuidof(IOperationHolder), holder.PutVoid()))) return nullptr;
  return holder->Held();
}

HRESULT ResolveUpdates(IUpdateCollection* updates, const Scenario& scenario, std::vector<const UpdateData*>* out) {
  std::vector<std::u16string> ids;
  if (HRESULT hr = ReadUpdateIds(updates, &ids); FAILED(hr)) return hr;
  for (const auto& id : ids) {
    const UpdateData* data = scenario.FindUpdate(id);
    if (!data) return Fail(WU_E_UPDATE_NOT_PROCESSED, u"an update in the collection is not in the agent's catalog");
    out->push_back(data);
  }
  return S_OK;
}

}  // namespace sim

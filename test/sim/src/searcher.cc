#include "searcher.h"

#include <wuerror.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "abort.h"
#include "com/apartment.h"
#include "criteria.h"
#include "history.h"
#include "json.h"
#include "network.h"
#include "wedge.h"

namespace sim {

namespace {

UpdateFacts FactsOf(const UpdateData& u, const UpdateState& state) {
  static const char16_t* const kActions[] = {u"None", u"Installation", u"Uninstallation", u"Detection", u"OptionalInstallation"};
  UpdateFacts facts;
  facts.type = u.type == utDriver ? u"Driver" : u"Software";
  facts.deploymentAction = kActions[u.deploymentAction];
  facts.updateId = u.updateId;
  facts.revisionNumber = u.revisionNumber;
  facts.categoryIds = u.categoryIds;
  facts.isAssigned = u.isAssigned;
  facts.browseOnly = u.browseOnly;
  facts.autoSelectOnWebSites = u.autoSelectOnWebSites;
  facts.isInstalled = state.isInstalled;
  facts.isHidden = state.isHidden;
  facts.isPresent = state.isPresent;
  facts.rebootRequired = state.rebootRequired;
  return facts;
}

class UpdateException final : public Object<UpdateException, Chain<IUpdateException>> {
 public:
  static constexpr const char* kClassName = "UpdateException";
  UpdateException(std::u16string message, HRESULT hr, UpdateExceptionContext context)
      : message_(std::move(message)), hr_(hr), context_(context) {}
  STDMETHODIMP get_Message(BSTR* retval) override { return Out(retval, message_); }
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, hr_); }
  STDMETHODIMP get_Context(UpdateExceptionContext* retval) override { return Out(retval, context_); }

 private:
  std::u16string message_;
  HRESULT hr_;
  UpdateExceptionContext context_;
};

class UpdateExceptionCollection final
    : public ReadOnlyList<UpdateExceptionCollection, Chain<IUpdateExceptionCollection>, IUpdateException> {
 public:
  static constexpr const char* kClassName = "UpdateExceptionCollection";
  using ReadOnlyList::ReadOnlyList;
};

class SearchResult final : public Object<SearchResult, Chain<ISearchResult>> {
 public:
  static constexpr const char* kClassName = "SearchResult";
  SearchResult(ScenarioPtr scenario, OperationResultCode code, std::vector<ComPtr<IUpdate>> updates)
      : scenario_(std::move(scenario)), code_(code), updates_(std::move(updates)) {}

  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, code_); }
  STDMETHODIMP get_RootCategories(ICategoryCollection** retval) override { return OutObject(retval, NewRootCategoryCollection(scenario_)); }
  STDMETHODIMP get_Updates(IUpdateCollection** retval) override { return OutObject(retval, UpdateCollection::Create(updates_, true)); }
  STDMETHODIMP get_Warnings(IUpdateExceptionCollection** retval) override {
    SIM_ENTER("ISearchResult::get_Warnings");
    std::vector<ComPtr<IUpdateException>> warnings;
    if (code_ != orcAborted) {
      const SearchData& search = scenario_->search;
      for (size_t i = 0; i < search.warnings.size(); ++i) {
        ComPtr<IUpdateException> warning;
        warning.Attach(UpdateException::Create(search.warningMessages[i], search.warnings[i].second, search.warnings[i].first));
        warnings.push_back(std::move(warning));
      }
    }
    return OutObject(retval, UpdateExceptionCollection::Create(std::move(warnings)));
  }

 private:
  ScenarioPtr scenario_;
  OperationResultCode code_;
  std::vector<ComPtr<IUpdate>> updates_;
};

struct SearchRequest {
  std::u16string criteria;
  bool includeSuperseded = false;
  ServerSelection serverSelection = ssDefault;
  std::u16string serviceId;
  // "Whether the UpdateSearcher goes online to search for updates" (IUpdateSearcher::Online);
  // searches go online by default ([MS-UAMG], the UpdateSearcher's initial Online is VARIANT_TRUE).
  bool online = true;
  ComPtr<IWebProxy> webProxy;
};

// One search, run here or on the agent's thread, that RequestAbort can end early.
class SearchRun {
 public:
  SearchRun(ScenarioPtr scenario, SearchRequest request) : scenario_(std::move(scenario)), request_(std::move(request)) {}

  // The result, or the failure the call reports; `result` is set on success.
  HRESULT Execute(ISearchResult** result) {
    const Behavior& behavior = scenario_->search.behavior;
    std::optional<Criteria> criteria;
    std::u16string criteriaProblem;
    try {
      criteria = Criteria::Parse(request_.criteria);
    } catch (const CriteriaError& error) {
      criteriaProblem = json::ToUtf16(std::string(error.what()) + " at position " + std::to_string(error.position + 1));
    }
    // A search that never ends and that RequestAbort does not end either: users report searches
    // stuck for hours (ansible-collections/ansible.windows#463, where the module's own timeout
    // was the only way out), and Microsoft's "Guidelines for Asynchronous WUA Operations"
    // (learn.microsoft.com/windows/win32/wua_sdk/guidelines-for-asynchronous-wua-operations) say
    // that asynchronous operations "do not guarantee any particular completion speed" and advise
    // callers to implement their own time-out.
    if (behavior.wedged) return Wedges::Hold();
    if (behavior.hangUntilAbort) abort_.UntilAborted();
    if (behavior.hangUntilAbort || !abort_.Sleep(behavior.durationMs)) {
      return OutObject(result, SearchResult::Create(scenario_, orcAborted, std::vector<ComPtr<IUpdate>>{}));
    }
    if (!criteria) return Fail(WU_E_INVALID_CRITERIA, criteriaProblem);
    if (behavior.disconnectAtPercent >= 0) return Fail(RPC_E_DISCONNECTED, u"the agent went away during the search");
    if (FAILED(behavior.hresult)) return Fail(behavior.hresult, u"the scenario fails searches");
    // ssOthers searches "the update server identified by the value of the ServiceID ADM element"
    // ([MS-UAMG] 3.38.4.11), which starts out NULL (3.38.3): without an ID there is no server to
    // search, and the agent's answer for a service it does not have is WU_E_DS_UNKNOWNSERVICE (as
    // xWindowsUpdate#90 met it for an unregistered Microsoft Update).
    std::optional<ServiceData> service;
    if (request_.serverSelection == ssOthers) {
      if (request_.serviceId.empty()) return Fail(WU_E_DS_UNKNOWNSERVICE, u"ServerSelection ssOthers needs a ServiceID");
      service = Agent::Instance().FindService(request_.serviceId);
      if (!service) return Fail(WU_E_DS_UNKNOWNSERVICE, u"no update service has this ID");
    }
    // A scan package service offers what its package lists ("Using WUA to Scan for Updates
    // Offline"), and nothing of the rest of the catalog.
    const ScanPackageData* package = service && service->isScanPackageService ? scenario_->FindScanPackage(service->scanPackage) : nullptr;
    if (service && service->isScanPackageService && !package) return Fail(WU_E_DS_UNKNOWNSERVICE, u"the scan package is gone");
    // An online search asks the server; one with Online off reads what the agent already holds,
    // which users of peers found they must ask for explicitly, since an "offline" scan left online
    // still goes to the network and fails there with 0x8024402C (potatoqualitee/kbupdate#197,
    // #240). The simulator's local data is its catalog.
    // ServiceID counts only with ssOthers (IUpdateSearcher::ServiceID).
    const UpdateOrigin origin{request_.serverSelection, request_.serverSelection == ssOthers ? request_.serviceId : u""};
    // A scan package is a file on this machine, searched where no network is ("Using WUA to Scan
    // for Updates Offline"): only a search of a server reaches the network.
    if (!package) {
      NetworkRequest network;
      network.call = "search";
      network.online = request_.online;
      network.serverSelection = origin.serverSelection;
      network.serviceId = origin.serviceId;
      if (HRESULT hr = ReachNetwork(std::move(network), request_.webProxy.Get()); FAILED(hr)) return hr;
    }
    const std::vector<const UpdateData*> matching = Agent::Instance().Read([&](const MachineState& state) {
      const std::unordered_set<std::u16string> superseded =
          request_.includeSuperseded ? std::unordered_set<std::u16string>{} : SupersededUpdates(state);
      std::vector<const UpdateData*> out;
      // Microsoft's sample scripts reach the children of an update through its BundledUpdates,
      // and WSUS offers the bundle ("a bundle is offered for installation if the client detects at
      // least one bundled child as Needed": WSUS SDK, "Relationships Among Updates", MSDN
      // bb902491): children are not results of their own unless the scenario lists them.
      const bool listBundled = scenario_->search.listBundledUpdates;
      for (const UpdateData& u : scenario_->updates) {
        if (!listBundled && scenario_->IsBundled(u.updateId)) continue;
        if (package && !package->updateIds.count(u.updateId)) continue;
        if (criteria->Matches(FactsOf(u, state.Of(u))) && !superseded.count(u.updateId)) out.push_back(&u);
      }
      return out;
    });
    std::vector<ComPtr<IUpdate>> found;
    found.reserve(matching.size());
    for (const UpdateData* u : matching) {
      ComPtr<IUpdate> update;
      update.Attach(Update::New(scenario_, *u, origin));
      found.push_back(std::move(update));
    }
    return OutObject(result, SearchResult::Create(scenario_, behavior.resultCode, std::move(found)));
  }

  void RequestAbort() { abort_.RequestAbort(); }

 private:
  // The updates another not yet installed update supersedes.
  std::unordered_set<std::u16string> SupersededUpdates(const MachineState& state) const {
    std::unordered_set<std::u16string> superseded;
    for (const UpdateData& other : scenario_->updates) {
      if (state.Of(other).isInstalled) continue;
      superseded.insert(other.supersededUpdateIds.begin(), other.supersededUpdateIds.end());
    }
    return superseded;
  }

  ScenarioPtr scenario_;
  SearchRequest request_;
  AbortableWait abort_;
};

class SearchJob final : public Object<SearchJob, Chain<ISearchJob>> {
 public:
  static constexpr const char* kClassName = "SearchJob";
  SearchJob(std::shared_ptr<SearchRun> run, const VARIANT& state) : run_(std::move(run)) {
    ::VariantInit(&state_);
    ::VariantCopy(&state_, const_cast<VARIANT*>(&state));
  }
  ~SearchJob() override { ::VariantClear(&state_); }

  void Start(IUnknown* onCompleted) {
    callback_ = ComPtr<IUnknown>(onCompleted);
    ModuleAddRef();
    AddRef();  // the thread's reference, dropped when it has called back
    std::thread([this] {
      {
        wua::com::ScopedApartment apartment;
        ComPtr<ISearchResult> result;
        const HRESULT hr = run_->Execute(result.Put());
        ComPtr<IUnknown> callback;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          hr_ = hr;
          result_ = std::move(result);
          completed_ = true;
          completedChanged_.notify_all();
          callback = std::move(callback_);
        }
        ComPtr<ISearchCompletedCallback> sink;
        if (callback && SUCCEEDED(callback.As(sink))) sink->Invoke(this, nullptr);
        Release();
      }
      ModuleRelease();
    }).detach();
  }

  // EndSearch: waits for the search, then hands over its result once.
  HRESULT End(ISearchResult** retval) {
    std::unique_lock<std::mutex> lock(mutex_);
    completedChanged_.wait(lock, [&] { return completed_; });
    if (ended_) return Fail(WU_E_INVALID_OPERATION, u"EndSearch was already called for this job");
    ended_ = true;
    if (FAILED(hr_)) return hr_;
    return OutObject(retval, result_.Detach());
  }

  STDMETHODIMP get_AsyncState(VARIANT* retval) override {
    if (!retval) return E_POINTER;
    ::VariantInit(retval);
    return ::VariantCopy(retval, &state_);
  }
  STDMETHODIMP get_IsCompleted(VARIANT_BOOL* retval) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Out(retval, completed_);
  }
  STDMETHODIMP CleanUp() override {
    SIM_ENTER("ISearchJob::CleanUp");
    std::lock_guard<std::mutex> lock(mutex_);
    if (completed_) callback_.Reset();
    return S_OK;
  }
  STDMETHODIMP RequestAbort() override {
    SIM_ENTER("ISearchJob::RequestAbort");
    run_->RequestAbort();
    return S_OK;
  }

 private:
  std::shared_ptr<SearchRun> run_;
  VARIANT state_;
  std::mutex mutex_;
  std::condition_variable completedChanged_;
  bool completed_ = false, ended_ = false;
  HRESULT hr_ = S_OK;
  ComPtr<ISearchResult> result_;
  ComPtr<IUnknown> callback_;
};

class UpdateSearcher final
    : public WithClientApplicationId<Object<UpdateSearcher, Chain<IUpdateSearcher3, IUpdateSearcher2, IUpdateSearcher>>> {
 public:
  static constexpr const char* kClassName = "UpdateSearcher";
  explicit UpdateSearcher(SearcherSettings settings) : WithClientApplicationId(std::move(settings.clientApplicationId)) {
    request_.webProxy = std::move(settings.webProxy);
  }

  STDMETHODIMP get_CanAutomaticallyUpgradeService(VARIANT_BOOL* retval) override { return Out(retval, canUpgrade_); }
  STDMETHODIMP put_CanAutomaticallyUpgradeService(VARIANT_BOOL value) override {
    canUpgrade_ = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP get_IncludePotentiallySupersededUpdates(VARIANT_BOOL* retval) override { return Out(retval, request_.includeSuperseded); }
  STDMETHODIMP put_IncludePotentiallySupersededUpdates(VARIANT_BOOL value) override {
    request_.includeSuperseded = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP get_ServerSelection(ServerSelection* retval) override { return Out(retval, request_.serverSelection); }
  STDMETHODIMP put_ServerSelection(ServerSelection value) override {
    if (value < ssDefault || value > ssOthers) return E_INVALIDARG;
    request_.serverSelection = value;
    return S_OK;
  }
  STDMETHODIMP BeginSearch(BSTR criteria, IUnknown* onCompleted, VARIANT state, ISearchJob** retval) override {
    SIM_ENTER("IUpdateSearcher::BeginSearch");
    if (!retval) return E_POINTER;
    SearchJob* job = SearchJob::Create(NewRun(criteria), state);
    job->Start(onCompleted);
    return OutObject(retval, job);
  }
  STDMETHODIMP EndSearch(ISearchJob* searchJob, ISearchResult** retval) override {
    SIM_ENTER("IUpdateSearcher::EndSearch");
    if (!searchJob || !retval) return E_INVALIDARG;
    // Only jobs of this DLL reach here in practice; the cast is safe because ISearchJob has no
    // other implementation in the process.
    return static_cast<SearchJob*>(searchJob)->End(retval);
  }
  STDMETHODIMP EscapeString(BSTR unescaped, BSTR* retval) override { return Out(retval, EscapeCriteriaString(TextOf(unescaped))); }
  STDMETHODIMP QueryHistory(LONG startIndex, LONG count, IUpdateHistoryEntryCollection** retval) override {
    SIM_ENTER("IUpdateSearcher::QueryHistory");
    if (!retval) return E_POINTER;
    // "This method returns WU_E_INVALIDINDEX if the startIndex parameter is less than 0 (zero) or
    // if the Count parameter is less than or equal to 0 (zero)" (learn.microsoft.com/windows/win32/
    // api/wuapi/nf-wuapi-iupdatesearcher-queryhistory). Scripts that ask for
    // QueryHistory(0, GetTotalHistoryCount()) on a machine with no history get 0x80240007 that way
    // (google/cabbie#144, bklockwood/PSWU#36, Yogibaer75/Check_MK-Things#30).
    if (startIndex < 0 || count <= 0) return Fail(WU_E_INVALIDINDEX, u"startIndex must be 0 or more and count 1 or more");
    // A start at or past the last entry is refused as well (the project's reference notes
    // "startIndex >= total -> error" for this member): a client must never rely on an empty page.
    if (startIndex >= HistoryCount()) return Fail(WU_E_INVALIDINDEX, u"startIndex is past the last history entry");
    return OutObject(retval, NewHistoryCollection(Agent::Instance().CurrentScenario(), startIndex, count, u""));
  }
  STDMETHODIMP Search(BSTR criteria, ISearchResult** retval) override {
    SIM_ENTER("IUpdateSearcher::Search");
    if (!retval) return E_POINTER;
    return NewRun(criteria)->Execute(retval);
  }
  STDMETHODIMP get_Online(VARIANT_BOOL* retval) override { return Out(retval, request_.online); }
  STDMETHODIMP put_Online(VARIANT_BOOL value) override {
    request_.online = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP GetTotalHistoryCount(LONG* retval) override {
    SIM_ENTER("IUpdateSearcher::GetTotalHistoryCount");
    return Out(retval, HistoryCount());
  }
  STDMETHODIMP get_ServiceID(BSTR* retval) override { return Out(retval, request_.serviceId); }
  STDMETHODIMP put_ServiceID(BSTR value) override {
    request_.serviceId = TextOf(value);
    return S_OK;
  }
  STDMETHODIMP get_IgnoreDownloadPriority(VARIANT_BOOL* retval) override { return Out(retval, ignoreDownloadPriority_); }
  STDMETHODIMP put_IgnoreDownloadPriority(VARIANT_BOOL value) override {
    ignoreDownloadPriority_ = value != VARIANT_FALSE;
    return S_OK;
  }
  STDMETHODIMP get_SearchScope(SearchScope* retval) override { return Out(retval, scope_); }
  STDMETHODIMP put_SearchScope(SearchScope value) override {
    if (value < searchScopeDefault || value > searchScopeAllUsers) return E_INVALIDARG;
    scope_ = value;
    return S_OK;
  }

 private:
  std::shared_ptr<SearchRun> NewRun(BSTR criteria) {
    SearchRequest request = request_;
    request.criteria = TextOf(criteria);
    return std::make_shared<SearchRun>(Agent::Instance().CurrentScenario(), std::move(request));
  }

  SearchRequest request_;
  bool canUpgrade_ = false, ignoreDownloadPriority_ = false;
  SearchScope scope_ = searchScopeDefault;
};

}  // namespace

IUpdateSearcher3* NewUpdateSearcher(SearcherSettings settings) { return UpdateSearcher::Create(std::move(settings)); }

}  // namespace sim

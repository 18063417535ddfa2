// Download, install and uninstall as the agent runs them: one update after the other, with
// progress callbacks from the agent's own thread, abort, injected faults and state changes.
// The downloader and installer objects only check their arguments and start one of these.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "abort.h"
#include "agent.h"
#include "collections.h"
#include "update.h"

namespace sim {

enum class OperationKind { kDownload, kInstall, kUninstall };

struct UpdateOutcome {
  OperationResultCode resultCode = orcNotStarted;
  HRESULT hresult = S_OK;
  bool rebootRequired = false;
};

struct ProgressSnapshot {
  long currentUpdateIndex = 0;
  long currentUpdatePercent = 0;
  long percent = 0;
  long long currentUpdateBytesDone = 0, currentUpdateBytesTotal = 0, totalBytesDone = 0, totalBytesTotal = 0;
  DownloadPhase phase = dphInitializing;
  std::vector<UpdateOutcome> outcomes;
};

struct OperationRequest {
  OperationKind kind = OperationKind::kDownload;
  ComPtr<IUpdateCollection> updates;       // the caller's collection, as given
  std::vector<const UpdateData*> catalog;  // the same updates in the scenario, in order
  std::u16string clientApplicationId;
  bool forced = false;
  std::vector<UpdateOrigin> origins;  // of each update of the collection, in order
  ComPtr<IWebProxy> webProxy;         // downloads: the session's
};

// The state shared by a running operation, its job object and the thread that runs it.
class Operation : public std::enable_shared_from_this<Operation> {
 public:
  Operation(ScenarioPtr scenario, OperationRequest request);

  // Runs to the end on the calling thread (the synchronous Download, Install, Uninstall).
  void RunHere();
  // Runs on a thread of the agent's own; `job` is the object handed to the callbacks.
  void Start(IDispatch* job, IUnknown* onProgressChanged, IUnknown* onCompleted);

  void RequestAbort();
  bool IsCompleted();
  void WaitUntilCompleted();
  // Drops the callbacks (the job's CleanUp), breaking the job <-> callback reference cycle.
  void ReleaseCallbacks();

  ProgressSnapshot Progress();
  // After completion: the call's own failure (RPC_E_DISCONNECTED, a failCall fault), or S_OK.
  HRESULT CallResult();
  OperationResultCode ResultCode();
  HRESULT ResultHresult();
  bool RebootRequired();
  OperationKind Kind() const { return request_.kind; }
  IUpdateCollection* Updates() const { return request_.updates.Get(); }

 private:
  // Where a unit (a bundle's child, or an update that is no bundle) runs: for progress figures.
  struct UnitPlace {
    size_t index, count;        // of the update in the caller's collection
    size_t unit, units;         // of the unit among the update's
    long long bytesBefore;      // of the updates before this one
    long long unitBytesBefore;  // of the units before this one
  };

  void Run();
  UpdateOutcome RunUnit(const UnitPlace& place, const UpdateData& unit, const Behavior& behavior, bool* aborted, bool* disconnected);
  // The unit's own behaviour for this kind of operation, else its bundle's, else the scenario's.
  const Behavior& BehaviorOf(const UpdateData& unit, const UpdateData& update) const;
  const Behavior& TopBehavior() const;
  long long BytesOf(const UpdateData& update) const;  // a bundle's are its children's
  void Notify(IDispatch* job);
  UpdateOutcome Precondition(const UpdateData& update, const UpdateState& state) const;
  void ApplyState(const UpdateData& unit, const UpdateOutcome& outcome);
  void AddHistory(const UpdateData& update, const UpdateOutcome& outcome, const UpdateOrigin& origin);
  void Finish();

  ScenarioPtr scenario_;
  OperationRequest request_;
  std::mutex mutex_;
  std::condition_variable changed_;  // completion
  AbortableWait abort_;
  bool completed_ = false;
  HRESULT callResult_ = S_OK;
  OperationResultCode resultCode_ = orcNotStarted;
  HRESULT resultHresult_ = S_OK;
  ProgressSnapshot progress_;
  ComPtr<IDispatch> job_;
  ComPtr<IUnknown> onProgressChanged_, onCompleted_;
};

// Job, progress and result objects over an Operation.
IDownloadJob* NewDownloadJob(std::shared_ptr<Operation> operation, const VARIANT& state);
IInstallationJob* NewInstallationJob(std::shared_ptr<Operation> operation, const VARIANT& state);
IDownloadResult* NewDownloadResult(const std::shared_ptr<Operation>& operation);
IInstallationResult* NewInstallationResult(const std::shared_ptr<Operation>& operation);
// The operation behind a job this DLL made; null for anything else.
std::shared_ptr<Operation> OperationOf(IUnknown* job);

// Resolves the caller's collection against the catalog; WU_E_NO_UPDATE when it is empty.
HRESULT ResolveUpdates(IUpdateCollection* updates, const Scenario& scenario, std::vector<const UpdateData*>* out);

}  // namespace sim

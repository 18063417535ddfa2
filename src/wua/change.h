// Download, install and uninstall: the agent's asynchronous Begin*/End* with progress and
// completion callbacks, over updates remembered from searches (or found again by ID).
#pragma once
#include <functional>
#include <vector>

#include "com/com_ptr.h"
#include "wua/records.h"
#include "wua/update_cache.h"
#include "wua/wua.h"

namespace wua {

enum class ChangeKind { kDownload, kInstall, kUninstall };

struct ChangeOptions {
  ChangeKind kind = ChangeKind::kDownload;
  std::vector<std::u16string> updateIds;
  std::optional<long> priority;  // downloads
  bool force = false;
  bool acceptEulas = false;  // installs
  bool forceQuiet = false;   // installs and uninstalls
  bool keepAwake = true;     // hold the machine awake until the job ends
};

class Change {
 public:
  using Progressed = std::function<void(const ProgressRecord&)>;
  using Completed = std::function<void()>;

  // Checks what the agent would refuse later (unknown updates, unaccepted licenses), then starts.
  // Both callbacks run on the agent's thread.
  Change(IUpdateSession* session, const std::u16string& clientApplicationId, UpdateCache& cache, const ChangeOptions& options,
         Progressed progressed, Completed completed);
  ChangeRecord End();
  void RequestAbort();

 private:
  com::ComPtr<IUpdateCollection> Collect(IUpdateSession* session, UpdateCache& cache, const ChangeOptions& options);

  void HoldAwake(bool wanted);

  ChangeKind kind_;
  bool keepingAwake_ = false;
  // Each update's outcome before its result is read: its ID, title and KBs, in the job's order.
  std::vector<OutcomeRecord> described_;
  com::ComPtr<IUpdateCollection> updates_;  // what the job ran, in its order
  com::ComPtr<IUpdateDownloader> downloader_;
  com::ComPtr<IUpdateInstaller> installer_;
  com::ComPtr<IDownloadJob> downloadJob_;
  com::ComPtr<IInstallationJob> installationJob_;
};

}  // namespace wua

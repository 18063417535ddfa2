// How a running job of the agent waits: for its time to pass, or for RequestAbort, whichever
// comes first. Shared by searches and by downloads and installs.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace sim {

class AbortableWait {
 public:
  void RequestAbort() {
    std::lock_guard<std::mutex> lock(mutex_);
    aborted_ = true;
    changed_.notify_all();
  }
  // Waits `milliseconds`; false when RequestAbort came first.
  bool Sleep(int milliseconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !changed_.wait_for(lock, std::chrono::milliseconds(milliseconds), [&] { return aborted_; });
  }
  // Waits for RequestAbort, however long it takes: a job told to hang.
  void UntilAborted() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return aborted_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool aborted_ = false;
};

}  // namespace sim

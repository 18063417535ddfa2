// The callback objects the agent calls when a job progresses or completes. The agent calls them
// from a thread of its own, so they only hand the event on; they never touch JS or the session.
#pragma once
#include <windows.h>

#include <functional>
#include <utility>

#include "com/unknown.h"
#include "wua/wua.h"

namespace wua {

template <class Interface, class Job, class Args>
class Callback final : public com::Unknown<Callback<Interface, Job, Args>, Interface> {
 public:
  using Handler = std::function<void(Job* job, Args* args)>;

  // A new callback with one reference, owned by the caller.
  static Interface* New(Handler handler) { return new Callback(std::move(handler)); }

  // The agent may call from any thread without marshalling.
  bool Answers(REFIID iid) const { return IsEqualIID(iid, IID_IAgileObject); }

  STDMETHODIMP Invoke(Job* job, Args* args) override {
    // An exception must not cross into the agent's thread.
    try {
      handler_(job, args);
    } catch (...) {
    }
    return S_OK;
  }

 private:
  explicit Callback(Handler handler) : handler_(std::move(handler)) {}
  Handler handler_;
};

using SearchCompleted = Callback<ISearchCompletedCallback, ISearchJob, ISearchCompletedCallbackArgs>;
using DownloadCompleted = Callback<IDownloadCompletedCallback, IDownloadJob, IDownloadCompletedCallbackArgs>;
using DownloadProgressed = Callback<IDownloadProgressChangedCallback, IDownloadJob, IDownloadProgressChangedCallbackArgs>;
using InstallationCompleted = Callback<IInstallationCompletedCallback, IInstallationJob, IInstallationCompletedCallbackArgs>;
using InstallationProgressed = Callback<IInstallationProgressChangedCallback, IInstallationJob, IInstallationProgressChangedCallbackArgs>;

}  // namespace wua

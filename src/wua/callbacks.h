// The callback objects the agent calls when a job progresses or completes. The agent calls them
// from a thread of its own, so they only hand the event on; they never touch JS or the session.
#pragma once
#include <windows.h>

#include <atomic>
#include <functional>
#include <utility>

#include "wua/wua.h"

namespace wua {

template <class Interface, class Job, class Args>
class Callback final : public Interface {
 public:
  using Handler = std::function<void(Job* job, Args* args)>;

  // A new callback with one reference, owned by the caller.
  static Interface* New(Handler handler) { return new Callback(std::move(handler)); }

  STDMETHODIMP QueryInterface(REFIID iid, void** out) override {
    if (!out) return E_POINTER;
    // IAgileObject: the agent may call from any thread without marshalling.
    *out = IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, __uuidof(Interface)) || IsEqualIID(iid, IID_IAgileObject)
               ? static_cast<Interface*>(this)
               : nullptr;
    if (!*out) return E_NOINTERFACE;
    AddRef();
    return S_OK;
  }
  STDMETHODIMP_(ULONG) AddRef() override { return ++references_; }
  STDMETHODIMP_(ULONG) Release() override {
    const ULONG left = --references_;
    if (left == 0) delete this;
    return left;
  }
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
  std::atomic<ULONG> references_{1};
};

using SearchCompleted = Callback<ISearchCompletedCallback, ISearchJob, ISearchCompletedCallbackArgs>;
using DownloadCompleted = Callback<IDownloadCompletedCallback, IDownloadJob, IDownloadCompletedCallbackArgs>;
using DownloadProgressed = Callback<IDownloadProgressChangedCallback, IDownloadJob, IDownloadProgressChangedCallbackArgs>;
using InstallationCompleted = Callback<IInstallationCompletedCallback, IInstallationJob, IInstallationCompletedCallbackArgs>;
using InstallationProgressed =
    Callback<IInstallationProgressChangedCallback, IInstallationJob, IInstallationProgressChangedCallbackArgs>;

}  // namespace wua

// A thread-safe function that threads of the addon and of the agent may still call after its JS
// environment is gone (a worker that exited mid-operation). Node deletes a thread-safe function
// when its environment exits, so every call first checks a flag that an environment cleanup hook
// sets; the hook is added just after the function's own, and hooks run in reverse order, so it
// runs first.
#pragma once
#include <napi.h>

#include <functional>
#include <memory>
#include <mutex>

namespace wua::napi {

class GuardedTsfn : public std::enable_shared_from_this<GuardedTsfn> {
 public:
  using Callback = std::function<void(Napi::Env, Napi::Function)>;

  // On the JS thread. `function` may be empty when every call brings its own work.
  static std::shared_ptr<GuardedTsfn> New(Napi::Env env, Napi::Function function, const char* name);

  // From any thread: queues `callback` for the JS thread. False once released or the environment is gone.
  bool Call(Callback callback);
  // From any thread, once: no more calls. The cleanup hook is removed on the JS thread.
  void Release();

 private:
  GuardedTsfn() = default;
  static void OnEnvironmentExit(void* self);

  std::mutex mutex_;
  bool gone_ = false;
  bool released_ = false;
  Napi::ThreadSafeFunction tsfn_;
  napi_env env_ = nullptr;
  // Keeps this object alive for the cleanup hook until the hook runs or is removed.
  std::shared_ptr<GuardedTsfn> self_;
};

}  // namespace wua::napi

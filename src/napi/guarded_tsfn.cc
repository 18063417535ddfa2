#include "napi/guarded_tsfn.h"

namespace wua::napi {

std::shared_ptr<GuardedTsfn> GuardedTsfn::New(Napi::Env env, Napi::Function function, const char* name) {
  std::shared_ptr<GuardedTsfn> guarded(new GuardedTsfn());
  guarded->tsfn_ = Napi::ThreadSafeFunction::New(env, function, name, 0, 1);
  guarded->env_ = env;
  guarded->self_ = guarded;
  NAPI_THROW_IF_FAILED(env, napi_add_env_cleanup_hook(env, &GuardedTsfn::OnEnvironmentExit, guarded.get()), nullptr);
  return guarded;
}

void GuardedTsfn::OnEnvironmentExit(void* self) {
  auto* guarded = static_cast<GuardedTsfn*>(self);
  std::shared_ptr<GuardedTsfn> keep;
  {
    std::lock_guard<std::mutex> lock(guarded->mutex_);
    guarded->gone_ = true;
    keep = std::move(guarded->self_);
  }
}

bool GuardedTsfn::Call(Callback callback) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (gone_ || released_) return false;
  return tsfn_.NonBlockingCall([callback = std::move(callback)](Napi::Env env, Napi::Function function) {
    Napi::HandleScope scope(env);
    callback(env, function);
  }) == napi_ok;
}

void GuardedTsfn::Release() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (gone_ || released_) return;
  released_ = true;
  // The hook is removed from the JS thread, by the last call, which also lets this object go.
  auto self = shared_from_this();
  tsfn_.NonBlockingCall([self](Napi::Env env, Napi::Function) {
    std::shared_ptr<GuardedTsfn> keep;
    {
      std::lock_guard<std::mutex> lock(self->mutex_);
      if (self->gone_) return;
      napi_remove_env_cleanup_hook(env, &GuardedTsfn::OnEnvironmentExit, self.get());
      keep = std::move(self->self_);
    }
  });
  tsfn_.Release();
}

}  // namespace wua::napi

// Per-environment state of the addon. Each main thread or worker_thread that loads the addon gets
// its own instance, so nothing here is static.
#pragma once
#include <napi.h>

#include <memory>
#include <vector>

namespace wua {
struct SessionCore;
}

namespace wua::napi {

class Addon : public Napi::Addon<Addon> {
 public:
  Addon(Napi::Env env, Napi::Object exports);
  // Runs when the environment exits: ends the threads of every session still open.
  ~Addon();

  static Addon& From(Napi::Env env) { return *env.GetInstanceData<Addon>(); }
  void Track(const std::shared_ptr<SessionCore>& core);

 private:
  Napi::Value Diagnostics(const Napi::CallbackInfo& info);

  std::vector<std::weak_ptr<SessionCore>> sessions_;
};

}  // namespace wua::napi

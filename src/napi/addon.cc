#include "napi/addon.h"

#include <windows.h>

#include <algorithm>

#include "napi/preflight_wrap.h"
#include "napi/session_wrap.h"
#include "wua/keep_awake.h"

namespace wua::napi {

Addon::Addon(Napi::Env env, Napi::Object exports) {
  DefineAddon(exports, {InstanceMethod<&Addon::Diagnostics>("diagnostics")});
  exports.Set("Session", SessionWrap::Define(env));
  exports.Set("preflightFacts", Napi::Function::New<PreflightFacts>(env, "preflightFacts"));
}

Addon::~Addon() {
  for (auto& weak : sessions_) {
    if (auto core = weak.lock()) Shutdown(core, true);
  }
}

void Addon::Track(const std::shared_ptr<SessionCore>& core) {
  sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(), [](const std::weak_ptr<SessionCore>& w) { return w.expired(); }),
                  sessions_.end());
  sessions_.push_back(core);
}

// Facts about the hosting thread and process, for tests and bug reports.
Napi::Value Addon::Diagnostics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("jsThreadId", static_cast<double>(::GetCurrentThreadId()));
  out.Set("napiVersion", NAPI_VERSION);
  out.Set("keepAwakeHolds", static_cast<double>(KeepAwake::Holds()));
  wchar_t host[MAX_PATH];
  DWORD length = ::GetModuleFileNameW(nullptr, host, MAX_PATH);
  out.Set("hostExecutable", Napi::String::New(env, reinterpret_cast<const char16_t*>(host), length));
  return out;
}

}  // namespace wua::napi

using WindowsUpdateAgentAddon = wua::napi::Addon;
NODE_API_ADDON(WindowsUpdateAgentAddon)

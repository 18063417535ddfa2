// JS class `Session`: a handle on one agent session and the ComThread that owns it.
#pragma once
#include <napi.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>

#include "napi/com_thread.h"
#include "wua/change.h"
#include "wua/session.h"
#include "wua/update_cache.h"

namespace wua::napi {

// Shared by the JS handle and the tasks queued on its thread, so whichever ends last frees it.
struct SessionCore {
  ComThread thread;
  std::u16string clientApplicationId;
  // Touched only on `thread`.
  std::unique_ptr<Session> session;
  std::exception_ptr openFailure;
  UpdateCache updates;
  std::map<uint32_t, std::function<void()>> aborts;  // running operations, by the facade's ID

  Session& Require() const;  // the open session, or the error that kept it from opening
  // Aborts what runs and releases every agent object; on `thread`.
  void Release();
};

class SessionWrap : public Napi::ObjectWrap<SessionWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit SessionWrap(const Napi::CallbackInfo& info);
  ~SessionWrap() override;

  const std::shared_ptr<SessionCore>& Core() const noexcept { return core_; }

 private:
  Napi::Value Describe(const Napi::CallbackInfo& info);
  Napi::Value Search(const Napi::CallbackInfo& info);
  Napi::Value Download(const Napi::CallbackInfo& info);
  Napi::Value Install(const Napi::CallbackInfo& info);
  Napi::Value Uninstall(const Napi::CallbackInfo& info);
  Napi::Value Change(const Napi::CallbackInfo& info, ChangeKind kind);
  Napi::Value Inspect(const Napi::CallbackInfo& info);
  Napi::Value Abort(const Napi::CallbackInfo& info);
  Napi::Value Forget(const Napi::CallbackInfo& info);
  Napi::Value AgentInfo(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  std::shared_ptr<SessionCore> core_;
};

}  // namespace wua::napi

// JS class `Session`: a handle on one agent session and the ComThread that owns it.
#pragma once
#include <napi.h>

#include <exception>
#include <memory>

#include "napi/com_thread.h"
#include "wua/session.h"

namespace wua::napi {

// Shared by the JS handle and the tasks queued on its thread, so whichever ends last frees it.
struct SessionCore {
  ComThread thread;
  // Touched only on `thread`.
  std::unique_ptr<Session> session;
  std::exception_ptr openFailure;

  Session& Require() const;  // the open session, or the error that kept it from opening
};

class SessionWrap : public Napi::ObjectWrap<SessionWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit SessionWrap(const Napi::CallbackInfo& info);
  ~SessionWrap() override;

  const std::shared_ptr<SessionCore>& Core() const noexcept { return core_; }

 private:
  Napi::Value Describe(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  std::shared_ptr<SessionCore> core_;
};

}  // namespace wua::napi

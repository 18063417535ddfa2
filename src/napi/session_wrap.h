// JS class `Session`: a handle on one agent session (wua/session_core.h).
#pragma once
#include <napi.h>

#include <memory>

#include "wua/change.h"
#include "wua/session_core.h"

namespace wua::napi {

class SessionWrap : public Napi::ObjectWrap<SessionWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit SessionWrap(const Napi::CallbackInfo& info);
  ~SessionWrap() override;

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
  Napi::Value Status(const Napi::CallbackInfo& info);
  // The history (wua/history.h).
  Napi::Value HistoryPage(const Napi::CallbackInfo& info);
  Napi::Value HistoryOf(const Napi::CallbackInfo& info);
  Napi::Value HistoryCount(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value SetHidden(const Napi::CallbackInfo& info);
  Napi::Value AcceptEulas(const Napi::CallbackInfo& info);

  // Automatic Updates (wua/automatic_updates.h).
  Napi::Value AutomaticUpdates(const Napi::CallbackInfo& info);
  Napi::Value DetectNow(const Napi::CallbackInfo& info);
  Napi::Value EnableAutomaticUpdatesService(const Napi::CallbackInfo& info);

  // Update services and offline scans (services_wrap.cc).
  Napi::Value Services(const Napi::CallbackInfo& info);
  Napi::Value AddService(const Napi::CallbackInfo& info);
  Napi::Value RemoveService(const Napi::CallbackInfo& info);
  Napi::Value SetServiceWithAu(const Napi::CallbackInfo& info);
  Napi::Value ServiceRegistration(const Napi::CallbackInfo& info);
  Napi::Value ScanPackage(const Napi::CallbackInfo& info);
  Napi::Value DriveType(const Napi::CallbackInfo& info);

  std::shared_ptr<SessionCore> core_;
};

}  // namespace wua::napi

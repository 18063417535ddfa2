#include "napi/session_wrap.h"

#include "napi/addon.h"
#include "napi/async_call.h"
#include "napi/js_values.h"

namespace wua::napi {

Session& SessionCore::Require() const {
  if (openFailure) std::rethrow_exception(openFailure);
  if (!session) throw com::ComError(RPC_E_DISCONNECTED, "UpdateSession (closed)");
  return *session;
}

Napi::Function SessionWrap::Define(Napi::Env env) {
  return DefineClass(env, "Session",
                     {InstanceMethod<&SessionWrap::Describe>("describe"),
                      InstanceMethod<&SessionWrap::Close>("close")});
}

SessionWrap::SessionWrap(const Napi::CallbackInfo& info)
    : Napi::ObjectWrap<SessionWrap>(info), core_(std::make_shared<SessionCore>()) {
  Napi::Object options = OptionsArgument(info, 0);
  SessionOptions sessionOptions{OptionalString(options, "clientApplicationId")};
  // Opening runs ahead on the session's thread; the first call reports its failure, if any.
  core_->thread.Post([core = core_, sessionOptions] {
    try {
      core->session = std::make_unique<Session>(sessionOptions);
    } catch (...) {
      core->openFailure = std::current_exception();
    }
  });
  Addon::From(info.Env()).Track(core_);
}

SessionWrap::~SessionWrap() {
  // Releases the session on its own thread, then lets the thread end.
  core_->thread.Post([core = core_] { core->session.reset(); });
  core_->thread.RequestStop();
}

Napi::Value SessionWrap::Describe(const Napi::CallbackInfo& info) {
  return AsyncCall<SessionInfo>::Start(
      info.Env(), core_->thread, [core = core_] { return core->Require().Describe(); },
      [](Napi::Env env, SessionInfo& described) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("clientApplicationId", Napi::String::New(env, described.clientApplicationId));
        out.Set("readOnly", described.readOnly);
        out.Set("apartment", described.apartment);
        out.Set("threadId", described.threadId);
        return out;
      });
}

Napi::Value SessionWrap::Close(const Napi::CallbackInfo& info) {
  Napi::Promise done = AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->session.reset();
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
  core_->thread.RequestStop();
  return done;
}

}  // namespace wua::napi

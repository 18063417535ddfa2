// Runs a bounded piece of COM work on a ComThread and settles a JS promise with its result.
// The work returns plain C++ data; `toJs` turns it into JS values on the JS thread.
#pragma once
#include <napi.h>

#include <functional>
#include <memory>
#include <optional>

#include "napi/com_thread.h"
#include "napi/native_error.h"

namespace wua::napi {

template <class Result>
class AsyncCall {
 public:
  using Work = std::function<Result()>;
  using ToJs = std::function<Napi::Value(Napi::Env, Result&)>;

  static Napi::Promise Start(Napi::Env env, ComThread& thread, Work work, ToJs toJs) {
    auto* call = new AsyncCall(env, std::move(toJs));
    Napi::Promise promise = call->deferred_.Promise();
    Tsfn tsfn = Tsfn::New(env, "windows-update-agent:call", 0, 1);
    bool queued = thread.Post([call, tsfn, work = std::move(work)]() mutable {
      try {
        call->result_.emplace(work());
      } catch (...) {
        call->failure_.emplace(NativeFailure::FromCurrentException());
      }
      // Once queued, the JS thread owns `call`. If the environment is already gone (a worker
      // exited), nothing will settle it, so it is freed here.
      if (tsfn.NonBlockingCall(call) != napi_ok) delete call;
      tsfn.Release();
    });
    if (!queued) {
      tsfn.Release();
      NativeFailure closed;
      closed.hr = RPC_E_DISCONNECTED;
      closed.operation = "UpdateSession";
      closed.message = "the session is closed";
      call->failure_.emplace(std::move(closed));
      Settle(env, Napi::Function(), nullptr, call);
    }
    return promise;
  }

 private:
  static void Settle(Napi::Env env, Napi::Function, std::nullptr_t*, AsyncCall* call) {
    std::unique_ptr<AsyncCall> owned(call);
    if (env == nullptr) return;  // teardown: nothing to settle
    Napi::HandleScope scope(env);
    if (call->failure_) {
      call->deferred_.Reject(ToJsError(env, *call->failure_).Value());
      return;
    }
    try {
      call->deferred_.Resolve(call->toJs_(env, *call->result_));
    } catch (const Napi::Error& e) {
      call->deferred_.Reject(e.Value());
    }
  }
  using Tsfn = Napi::TypedThreadSafeFunction<std::nullptr_t, AsyncCall, &AsyncCall::Settle>;

  AsyncCall(Napi::Env env, ToJs toJs)
      : deferred_(Napi::Promise::Deferred::New(env)), toJs_(std::move(toJs)) {}

  Napi::Promise::Deferred deferred_;
  ToJs toJs_;
  std::optional<Result> result_;
  std::optional<NativeFailure> failure_;
};

}  // namespace wua::napi

// Runs a bounded piece of COM work on a ComThread and settles a JS promise with its result.
// The work returns plain C++ data; `toJs` turns it into JS values on the JS thread.
#pragma once
#include <napi.h>

#include <functional>
#include <memory>
#include <optional>

#include "com/com_thread.h"
#include "napi/guarded_tsfn.h"
#include "napi/native_error.h"

namespace wua::napi {

template <class Result>
class AsyncCall {
 public:
  using Work = std::function<Result()>;
  using ToJs = std::function<Napi::Value(Napi::Env, Result&)>;

  static Napi::Promise Start(Napi::Env env, com::ComThread& thread, Work work, ToJs toJs) {
    auto call = std::shared_ptr<AsyncCall>(new AsyncCall(env, std::move(toJs)));
    Napi::Promise promise = call->deferred_.Promise();
    std::shared_ptr<GuardedTsfn> tsfn = GuardedTsfn::New(env, Napi::Function(), "windows-update-agent:call");
    bool queued = thread.Post([call, tsfn, work = std::move(work)] {
      try {
        call->result_.emplace(work());
      } catch (...) {
        call->failure_.emplace(NativeFailure::FromCurrentException());
      }
      // If the environment is gone (a worker exited), nothing is settled and `call` just goes.
      tsfn->Call([call](Napi::Env env, Napi::Function) { call->Settle(env); });
      tsfn->Release();
    });
    if (!queued) {
      tsfn->Release();
      call->failure_.emplace(NativeFailure::SessionClosed());
      call->Settle(env);
    }
    return promise;
  }

 private:
  void Settle(Napi::Env env) {
    if (failure_) {
      deferred_.Reject(ToJsError(env, *failure_).Value());
      return;
    }
    try {
      deferred_.Resolve(toJs_(env, *result_));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }

  AsyncCall(Napi::Env env, ToJs toJs) : deferred_(Napi::Promise::Deferred::New(env)), toJs_(std::move(toJs)) {}

  Napi::Promise::Deferred deferred_;
  ToJs toJs_;
  std::optional<Result> result_;
  std::optional<NativeFailure> failure_;
};

}  // namespace wua::napi

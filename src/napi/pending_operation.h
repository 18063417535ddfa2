// One long agent operation as a JS promise. It is begun on the session's thread; the agent calls
// back from a thread of its own, which only queues the End* call back onto the session's thread.
// The operation's events for JS (whatever the caller's Event is: progress, chunks of records) and
// its settlement share one thread-safe function, so JS sees them in order. An abort reaches the
// job through SessionCore::aborts, where the operation is listed while it runs.
#pragma once
#include <napi.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

#include "napi/guarded_tsfn.h"
#include "napi/native_error.h"
#include "wua/session_core.h"

namespace wua::napi {

template <class Job, class Result, class Event>
class PendingOperation : public std::enable_shared_from_this<PendingOperation<Job, Result, Event>> {
 public:
  using Completed = std::function<void()>;
  // From any thread: hands an event to the JS callback (dropped when there is none).
  using Emit = std::function<void(Event)>;
  using Begin = std::function<std::unique_ptr<Job>(SessionCore&, Completed, Emit)>;
  using End = std::function<Result(SessionCore&, Job&, const Emit&)>;
  using ResultToJs = std::function<Napi::Value(Napi::Env, Result&)>;
  using EventToJs = std::function<Napi::Value(Napi::Env, Event&)>;

  // `onEvent`, when a function, receives each event as `eventToJs` makes it.
  static Napi::Promise Start(Napi::Env env, const std::shared_ptr<SessionCore>& core, uint32_t id, Napi::Value onEvent, Begin begin,
                             End end, ResultToJs resultToJs, EventToJs eventToJs) {
    const bool hasCallback = onEvent.IsFunction();
    auto operation =
        std::shared_ptr<PendingOperation>(new PendingOperation(env, core, id, hasCallback ? onEvent.As<Napi::Function>() : Napi::Function(),
                                                               hasCallback, std::move(end), std::move(resultToJs), std::move(eventToJs)));
    Napi::Promise promise = operation->deferred_.Promise();
    const bool queued = core->thread.Post([operation, begin = std::move(begin)] { operation->BeginOnSessionThread(begin); });
    if (!queued) operation->Settle(NativeFailure::SessionClosed());
    return promise;
  }

 private:
  using Outcome = std::variant<Result, NativeFailure>;

  PendingOperation(Napi::Env env, std::shared_ptr<SessionCore> core, uint32_t id, Napi::Function onEvent, bool hasCallback, End end,
                   ResultToJs resultToJs, EventToJs eventToJs)
      : deferred_(Napi::Promise::Deferred::New(env)),
        events_(GuardedTsfn::New(env, onEvent, "windows-update-agent:operation")),
        hasCallback_(hasCallback),
        core_(std::move(core)),
        id_(id),
        end_(std::move(end)),
        resultToJs_(std::move(resultToJs)),
        eventToJs_(std::move(eventToJs)) {}

  Emit Emitter() {
    return [weak = std::weak_ptr<PendingOperation>(this->shared_from_this())](Event event) {
      if (auto self = weak.lock()) self->EmitEvent(std::move(event));
    };
  }

  void BeginOnSessionThread(const Begin& begin) {
    auto self = this->shared_from_this();
    try {
      core_->Require();
      std::shared_ptr<Job> job = begin(
          *core_, [self] { self->AgentCompleted(); }, Emitter());
      {
        std::lock_guard<std::mutex> lock(jobMutex_);
        job_ = std::move(job);
      }
      // Weak: the session's table must not keep a finished operation (and itself) alive.
      core_->aborts[id_] = [weak = std::weak_ptr<PendingOperation>(self)] {
        if (auto operation = weak.lock()) {
          if (std::shared_ptr<Job> job = operation->CurrentJob()) job->RequestAbort();
        }
      };
    } catch (...) {
      Settle(NativeFailure::FromCurrentException());
    }
  }

  std::shared_ptr<Job> CurrentJob() {
    std::lock_guard<std::mutex> lock(jobMutex_);
    return job_;
  }

  // On the agent's thread.
  void AgentCompleted() {
    auto self = this->shared_from_this();
    if (core_->thread.Post([self] { self->EndOnSessionThread(); })) return;
    // The session's thread is gone (closed, or its environment exited): nobody will call End*,
    // so the agent's objects are released here, in the agent's own apartment.
    std::shared_ptr<Job> job;
    {
      std::lock_guard<std::mutex> lock(jobMutex_);
      job = std::move(job_);
    }
    job.reset();
    Settle(NativeFailure::SessionClosed());
  }

  void EmitEvent(Event event) {
    if (!hasCallback_) return;
    auto self = this->shared_from_this();
    auto shared = std::make_shared<Event>(std::move(event));
    Send([self, shared](Napi::Env env, Napi::Function callback) { callback.Call({self->eventToJs_(env, *shared)}); });
  }

  void EndOnSessionThread() {
    core_->aborts.erase(id_);
    std::shared_ptr<Job> job = CurrentJob();
    std::optional<Outcome> outcome;
    try {
      outcome.emplace(end_(*core_, *job, Emitter()));
    } catch (...) {
      outcome.emplace(NativeFailure::FromCurrentException());
    }
    {
      std::lock_guard<std::mutex> lock(jobMutex_);
      job_.reset();
    }
    job.reset();  // the agent's objects are released here, on the session's thread
    Settle(std::move(*outcome));
  }

  // Queues an event for JS unless the operation has settled.
  void Send(GuardedTsfn::Callback event) {
    std::lock_guard<std::mutex> lock(eventMutex_);
    if (settled_) return;
    events_->Call(std::move(event));
  }

  void Settle(Outcome outcome) {
    std::lock_guard<std::mutex> lock(eventMutex_);
    if (settled_) return;
    settled_ = true;
    auto self = this->shared_from_this();
    auto shared = std::make_shared<Outcome>(std::move(outcome));
    events_->Call([self, shared](Napi::Env env, Napi::Function) {
      if (auto* failure = std::get_if<NativeFailure>(shared.get())) {
        self->deferred_.Reject(ToJsError(env, *failure).Value());
        return;
      }
      try {
        self->deferred_.Resolve(self->resultToJs_(env, std::get<Result>(*shared)));
      } catch (const Napi::Error& error) {
        self->deferred_.Reject(error.Value());
      }
    });
    events_->Release();
  }

  Napi::Promise::Deferred deferred_;
  std::shared_ptr<GuardedTsfn> events_;
  const bool hasCallback_;
  std::shared_ptr<SessionCore> core_;
  uint32_t id_;
  End end_;
  ResultToJs resultToJs_;
  EventToJs eventToJs_;
  std::mutex jobMutex_;  // guards job_, which the agent's thread may release at teardown
  std::shared_ptr<Job> job_;
  std::mutex eventMutex_;  // orders events before the settlement
  bool settled_ = false;
};

}  // namespace wua::napi

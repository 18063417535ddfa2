#include "napi/session_wrap.h"

#include <algorithm>

#include "napi/addon.h"
#include "napi/async_call.h"
#include "napi/js_values.h"
#include "napi/pending_operation.h"
#include "wire/chunk.h"
#include "wua/agent_info.h"
#include "wua/inspect.h"
#include "wua/search.h"

namespace wua::napi {

namespace {

Napi::Object ProgressToJs(Napi::Env env, const ProgressRecord& progress) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("percentComplete", progress.percentComplete);
  out.Set("currentIndex", progress.currentIndex);
  out.Set("currentPercentComplete", progress.currentPercentComplete);
  if (progress.hasBytes) {
    out.Set("phase", progress.phase);
    out.Set("currentBytesDone", progress.currentBytesDone);
    out.Set("currentBytesTotal", progress.currentBytesTotal);
    out.Set("totalBytesDone", progress.totalBytesDone);
    out.Set("totalBytesTotal", progress.totalBytesTotal);
  }
  return out;
}

Napi::Array TextsToJs(Napi::Env env, const Texts& texts) {
  Napi::Array out = Napi::Array::New(env, texts.size());
  for (uint32_t i = 0; i < texts.size(); ++i) out.Set(i, Napi::String::New(env, texts[i]));
  return out;
}

Napi::Object BehaviorToJs(Napi::Env env, const BehaviorRecord& behavior) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("canRequestUserInput", behavior.canRequestUserInput);
  out.Set("impact", behavior.impact);
  out.Set("rebootBehavior", behavior.rebootBehavior);
  out.Set("requiresNetworkConnectivity", behavior.requiresNetworkConnectivity);
  return out;
}

Napi::Object ChangeToJs(Napi::Env env, const ChangeRecord& change) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("resultCode", change.resultCode);
  out.Set("hresult", static_cast<uint32_t>(change.hresult));
  out.Set("rebootRequired", change.rebootRequired);
  out.Set("rebootRequiredBeforeInstallation", change.rebootRequiredBeforeInstallation);
  Napi::Array updates = Napi::Array::New(env, change.updates.size());
  for (uint32_t i = 0; i < change.updates.size(); ++i) {
    const OutcomeRecord& outcome = change.updates[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("updateId", Napi::String::New(env, outcome.updateId));
    item.Set("title", Napi::String::New(env, outcome.title));
    item.Set("kbArticleIds", TextsToJs(env, outcome.kbArticleIds));
    item.Set("resultCode", outcome.resultCode);
    item.Set("hresult", static_cast<uint32_t>(outcome.hresult));
    item.Set("rebootRequired", outcome.rebootRequired);
    updates.Set(i, item);
  }
  out.Set("updates", updates);
  return out;
}

uint32_t OperationId(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "operation id must be a number");
  return info[0].As<Napi::Number>().Uint32Value();
}

std::vector<std::u16string> StringList(Napi::Env env, Napi::Value value, const char* name) {
  if (!value.IsArray()) throw Napi::TypeError::New(env, std::string(name) + " must be an array of strings");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<std::u16string> out;
  for (uint32_t i = 0; i < array.Length(); ++i) {
    Napi::Value item = array.Get(i);
    if (!item.IsString()) throw Napi::TypeError::New(env, std::string(name) + " must be an array of strings");
    out.push_back(item.As<Napi::String>().Utf16Value());
  }
  return out;
}

}  // namespace

Napi::Function SessionWrap::Define(Napi::Env env) {
  return DefineClass(
      env, "Session",
      {InstanceMethod<&SessionWrap::Describe>("describe"), InstanceMethod<&SessionWrap::Search>("search"),
       InstanceMethod<&SessionWrap::Download>("download"), InstanceMethod<&SessionWrap::Install>("install"),
       InstanceMethod<&SessionWrap::Uninstall>("uninstall"), InstanceMethod<&SessionWrap::Inspect>("inspect"),
       InstanceMethod<&SessionWrap::Abort>("abort"), InstanceMethod<&SessionWrap::Forget>("forget"),
       InstanceMethod<&SessionWrap::AgentInfo>("agentInfo"), InstanceMethod<&SessionWrap::Close>("close"),
       InstanceMethod<&SessionWrap::Services>("services"), InstanceMethod<&SessionWrap::AddService>("addService"),
       InstanceMethod<&SessionWrap::RemoveService>("removeService"), InstanceMethod<&SessionWrap::SetServiceWithAu>("setServiceWithAu"),
       InstanceMethod<&SessionWrap::ServiceRegistration>("serviceRegistration"), InstanceMethod<&SessionWrap::ScanPackage>("scanPackage"),
       InstanceMethod<&SessionWrap::DriveType>("driveType")});
}

SessionWrap::SessionWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SessionWrap>(info), core_(std::make_shared<SessionCore>()) {
  Napi::Object options = OptionsArgument(info, 0);
  SessionOptions sessionOptions{OptionalString(options, "clientApplicationId")};
  core_->clientApplicationId = sessionOptions.clientApplicationId;
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

SessionWrap::~SessionWrap() { Shutdown(core_, false); }

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

// search(id, criteria, options, onChunk) -> Promise<string>: the result without its updates, as
// JSON text; the updates arrive before it, in chunks of JSON arrays passed to onChunk.
Napi::Value SessionWrap::Search(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint32_t id = OperationId(info);
  if (info.Length() < 2 || !info[1].IsString()) throw Napi::TypeError::New(env, "criteria must be a string");
  Napi::Object options = OptionsArgument(info, 2);
  if (info.Length() < 4 || !info[3].IsFunction()) throw Napi::TypeError::New(env, "onChunk must be a function");
  SearchOptions search;
  search.criteria = info[1].As<Napi::String>().Utf16Value();
  search.online = OptionalBool(options, "online");
  search.serverSelection = OptionalLong(options, "serverSelection");
  search.serviceId = OptionalString(options, "serviceId");
  search.searchScope = OptionalLong(options, "searchScope");
  search.includePotentiallySupersededUpdates = OptionalBool(options, "includePotentiallySupersededUpdates").value_or(false);
  // Events are chunks of the updates, as Latin-1 JSON text.
  using Operation = PendingOperation<wua::Search, std::string, std::string>;
  return Operation::Start(
      env, core_, id, info[3],
      [search](SessionCore& core, Operation::Completed completed, const Operation::Emit&) {
        return std::make_unique<wua::Search>(core.session->Get(), core.clientApplicationId, search, std::move(completed));
      },
      [](SessionCore& core, wua::Search& job, const Operation::Emit& emit) {
        // Small enough that JS parses one chunk while the next is read, large enough that the
        // crossings stay few.
        constexpr size_t kUpdatesPerChunk = 200;
        wire::UpdateChunk chunk;
        SearchRecord record = job.End(core.updates, [&](const UpdateRecord& update) {
          chunk.Add(update);
          if (chunk.Count() == kUpdatesPerChunk) emit(chunk.Take());
        });
        if (chunk.Count() > 0) emit(chunk.Take());
        return wire::SearchToJson(record);
      },
      [](Napi::Env env, std::string& json) -> Napi::Value { return Latin1String(env, json); },
      [](Napi::Env env, std::string& chunk) -> Napi::Value { return Latin1Text(env, std::move(chunk)); });
}

Napi::Value SessionWrap::Download(const Napi::CallbackInfo& info) { return Change(info, ChangeKind::kDownload); }
Napi::Value SessionWrap::Install(const Napi::CallbackInfo& info) { return Change(info, ChangeKind::kInstall); }
Napi::Value SessionWrap::Uninstall(const Napi::CallbackInfo& info) { return Change(info, ChangeKind::kUninstall); }

// download/install/uninstall(id, updateIds, options, onProgress?) -> Promise<ChangeRecord>
Napi::Value SessionWrap::Change(const Napi::CallbackInfo& info, ChangeKind kind) {
  Napi::Env env = info.Env();
  const uint32_t id = OperationId(info);
  ChangeOptions change;
  change.kind = kind;
  change.updateIds = StringList(env, info.Length() > 1 ? info[1] : env.Undefined(), "updateIds");
  Napi::Object options = OptionsArgument(info, 2);
  change.priority = OptionalLong(options, "priority");
  change.force = OptionalBool(options, "force").value_or(false);
  change.acceptEulas = OptionalBool(options, "acceptEulas").value_or(false);
  change.forceQuiet = OptionalBool(options, "forceQuiet").value_or(false);
  change.keepAwake = OptionalBool(options, "keepAwake").value_or(true);
  // Events are the agent's progress reports.
  using Operation = PendingOperation<wua::Change, ChangeRecord, ProgressRecord>;
  return Operation::Start(
      env, core_, id, info.Length() > 3 ? info[3] : env.Undefined(),
      [change](SessionCore& core, Operation::Completed completed, const Operation::Emit& progressed) {
        return std::make_unique<wua::Change>(core.session->Get(), core.clientApplicationId, core.updates, change, progressed,
                                             std::move(completed));
      },
      [](SessionCore&, wua::Change& job, const Operation::Emit&) { return job.End(); },
      [](Napi::Env env, ChangeRecord& record) -> Napi::Value { return ChangeToJs(env, record); },
      [](Napi::Env env, ProgressRecord& progress) -> Napi::Value { return ProgressToJs(env, progress); });
}

// inspect(updateIds) -> Promise<object[]>: each update's state now, to plan a change.
Napi::Value SessionWrap::Inspect(const Napi::CallbackInfo& info) {
  std::vector<std::u16string> ids = StringList(info.Env(), info.Length() > 0 ? info[0] : info.Env().Undefined(), "updateIds");
  return AsyncCall<std::vector<InspectRecord>>::Start(
      info.Env(), core_->thread, [core = core_, ids = std::move(ids)] { return InspectUpdates(core->Require().Get(), core->updates, ids); },
      [](Napi::Env env, std::vector<InspectRecord>& records) -> Napi::Value {
        Napi::Array out = Napi::Array::New(env, records.size());
        for (uint32_t i = 0; i < records.size(); ++i) {
          const InspectRecord& r = records[i];
          Napi::Object item = Napi::Object::New(env);
          item.Set("updateId", Napi::String::New(env, r.updateId));
          item.Set("title", Napi::String::New(env, r.title));
          item.Set("kbArticleIds", TextsToJs(env, r.kbArticleIds));
          item.Set("isDownloaded", r.isDownloaded);
          item.Set("isInstalled", r.isInstalled);
          item.Set("eulaAccepted", r.eulaAccepted);
          item.Set("installationBehavior", BehaviorToJs(env, r.installationBehavior));
          item.Set("uninstallationBehavior",
                   r.uninstallationBehavior ? Napi::Value(BehaviorToJs(env, *r.uninstallationBehavior)) : env.Null());
          item.Set("bundledUpdateCount", r.bundledUpdateCount);
          out.Set(i, item);
        }
        return out;
      });
}

// abort(id): asks the agent to end the operation; its promise settles when the agent confirms.
Napi::Value SessionWrap::Abort(const Napi::CallbackInfo& info) {
  const uint32_t id = OperationId(info);
  core_->thread.Post([core = core_, id] { core->Abort(id); });
  return info.Env().Undefined();
}

// forget(updateIds): JS let go of one record of each of these updates (IDs separated by newlines).
Napi::Value SessionWrap::Forget(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(info.Env(), "updateIds must be a string");
  core_->thread.Post([core = core_, joined = info[0].As<Napi::String>().Utf16Value()] {
    std::vector<std::u16string> ids;
    for (size_t start = 0; start < joined.size();) {
      const size_t end = std::min(joined.find(u'\n', start), joined.size());
      if (end > start) ids.emplace_back(joined, start, end - start);
      start = end + 1;
    }
    core->updates.Forget(ids);
  });
  return info.Env().Undefined();
}

Napi::Value SessionWrap::AgentInfo(const Napi::CallbackInfo& info) {
  return AsyncCall<AgentInfoRecord>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->Require();
        return ReadAgentInfo();
      },
      [](Napi::Env env, AgentInfoRecord& agent) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("apiMajorVersion", agent.apiMajorVersion);
        out.Set("apiMinorVersion", agent.apiMinorVersion);
        out.Set("productVersion", Napi::String::New(env, agent.productVersion));
        out.Set("rebootRequired", agent.rebootRequired);
        return out;
      });
}

Napi::Value SessionWrap::Close(const Napi::CallbackInfo& info) {
  Napi::Promise done = AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->Release();
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
  core_->thread.RequestStop();
  return done;
}

}  // namespace wua::napi

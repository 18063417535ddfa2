#include "napi/session_wrap.h"

#include <algorithm>

#include "napi/addon.h"
#include "napi/async_call.h"
#include "napi/js_values.h"
#include "napi/pending_operation.h"
#include "napi/update_fields_option.h"
#include "napi/web_proxy_options.h"
#include "wire/chunk.h"
#include "wua/automatic_updates.h"
#include "wua/history.h"
#include "wua/inspect.h"
#include "wua/marks.h"
#include "wua/search.h"
#include "wua/status.h"

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

}  // namespace

Napi::Function SessionWrap::Define(Napi::Env env) {
  return DefineClass(env, "Session",
                     {InstanceMethod<&SessionWrap::Describe>("describe"),
                      InstanceMethod<&SessionWrap::Search>("search"),
                      InstanceMethod<&SessionWrap::Download>("download"),
                      InstanceMethod<&SessionWrap::Install>("install"),
                      InstanceMethod<&SessionWrap::Uninstall>("uninstall"),
                      InstanceMethod<&SessionWrap::Inspect>("inspect"),
                      InstanceMethod<&SessionWrap::Abort>("abort"),
                      InstanceMethod<&SessionWrap::Forget>("forget"),
                      InstanceMethod<&SessionWrap::Status>("status"),
                      InstanceMethod<&SessionWrap::Close>("close"),
                      InstanceMethod<&SessionWrap::AutomaticUpdates>("automaticUpdates"),
                      InstanceMethod<&SessionWrap::DetectNow>("detectNow"),
                      InstanceMethod<&SessionWrap::EnableAutomaticUpdatesService>("enableAutomaticUpdatesService"),
                      InstanceMethod<&SessionWrap::SetHidden>("setHidden"),
                      InstanceMethod<&SessionWrap::AcceptEulas>("acceptEulas"),
                      InstanceMethod<&SessionWrap::HistoryPage>("historyPage"),
                      InstanceMethod<&SessionWrap::HistoryOf>("historyOf"),
                      InstanceMethod<&SessionWrap::HistoryCount>("historyCount"),

                      InstanceMethod<&SessionWrap::Services>("services"),
                      InstanceMethod<&SessionWrap::AddService>("addService"),
                      InstanceMethod<&SessionWrap::RemoveService>("removeService"),
                      InstanceMethod<&SessionWrap::SetServiceWithAu>("setServiceWithAu"),
                      InstanceMethod<&SessionWrap::ServiceRegistration>("serviceRegistration"),
                      InstanceMethod<&SessionWrap::ScanPackage>("scanPackage"),
                      InstanceMethod<&SessionWrap::DriveType>("driveType")});
}

SessionWrap::SessionWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SessionWrap>(info), core_(std::make_shared<SessionCore>()) {
  Napi::Object options = OptionsArgument(info, 0);
  SessionOptions sessionOptions{OptionalString(options, "clientApplicationId"), WebProxyArgument(options)};
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
  search.fields = UpdateFieldsOption(options);
  // Events are chunks of the updates, as Latin-1 JSON text.
  using Operation = PendingOperation<wua::Search, std::string, std::string>;
  return Operation::Start(
      env, core_, id, info[3],
      [search](SessionCore& core, Operation::Completed completed, const Operation::Emit&) {
        return std::make_unique<wua::Search>(core.session->Get(), core.clientApplicationId, search, std::move(completed));
      },
      [fields = search.fields](SessionCore& core, wua::Search& job, const Operation::Emit& emit) {
        // Small enough that JS parses one chunk while the next is read, large enough that the
        // crossings stay few.
        constexpr size_t kUpdatesPerChunk = 200;
        wire::UpdateChunk chunk;
        chunk.Project(fields.Bits());
        // The first chunks are small and double up to the full size: a stream's first records
        // reach JS moments after the agent's search, not after a full chunk's reads.
        size_t limit = 8;
        SearchRecord record = job.End(core.updates, [&](const UpdateRecord& update) {
          chunk.Add(update);
          if (chunk.Count() < limit) return;
          emit(chunk.Take());
          limit = std::min(limit * 2, kUpdatesPerChunk);
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

// status() -> Promise<object>: each value, or null with the failure that kept it from being
// read in `failures` ({ field, member, hresult, description? }).
Napi::Value SessionWrap::Status(const Napi::CallbackInfo& info) {
  return AsyncCall<StatusRecord>::Start(
      info.Env(), core_->thread, [core = core_] { return ReadStatus(core->Require().Get()); },
      [](Napi::Env env, StatusRecord& status) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        Napi::Array failures = Napi::Array::New(env);
        const auto set = [&](const char* field, const auto& reading, auto toJs) {
          out.Set(field, reading.value ? toJs(*reading.value) : env.Null());
          if (!reading.failure) return;
          Napi::Object failure = Napi::Object::New(env);
          failure.Set("field", field);
          failure.Set("member", reading.failure->member);
          failure.Set("hresult", static_cast<uint32_t>(reading.failure->hresult));
          if (!reading.failure->description.empty()) failure.Set("description", Napi::String::New(env, reading.failure->description));
          failures.Set(failures.Length(), failure);
        };
        const auto boolean = [&](bool value) -> Napi::Value { return Napi::Boolean::New(env, value); };
        const auto number = [&](long value) -> Napi::Value { return Napi::Number::New(env, value); };
        const auto text = [&](const Text& value) -> Napi::Value { return Napi::String::New(env, value); };
        set("rebootRequired", status.rebootRequired, boolean);
        set("oemHardwareSupportLink", status.oemHardwareSupportLink, text);
        set("installerBusy", status.installerBusy, boolean);
        set("rebootRequiredBeforeInstallation", status.rebootRequiredBeforeInstallation, boolean);
        set("apiMajorVersion", status.apiMajorVersion, number);
        set("apiMinorVersion", status.apiMinorVersion, number);
        set("productVersion", status.productVersion, text);
        set("readOnly", status.readOnly, boolean);
        out.Set("failures", failures);
        return out;
      });
}

namespace {

// A read of the history as a JS promise of the page's JSON text ({"total","count","aborted"});
// the entries arrive before it, in chunks of JSON passed to onChunk, as a search's updates do.
Napi::Value ReadHistory(Napi::Env env, const std::shared_ptr<SessionCore>& core, uint32_t id, HistoryQuery query, Napi::Value onChunk) {
  if (!onChunk.IsFunction()) throw Napi::TypeError::New(env, "onChunk must be a function");
  using Operation = PendingOperation<HistoryRead, HistoryPageRecord, std::string>;
  // Filled on the reading thread, and its rest sent from the session's thread once the read ends.
  auto chunk = std::make_shared<wire::HistoryChunk>();
  return Operation::Start(
      env, core, id, onChunk,
      [query = std::move(query), chunk](SessionCore& core, Operation::Completed completed, Operation::Emit emit) {
        // History entries are a third of an update's size: chunks as large in bytes as a search's.
        constexpr size_t kEntriesPerChunk = 500;
        return std::make_unique<HistoryRead>(
            core.session->Get(), query,
            [chunk, emit](const HistoryEntryRecord& entry) {
              chunk->Add(entry);
              if (chunk->Count() == kEntriesPerChunk) emit(chunk->Take());
            },
            std::move(completed));
      },
      [chunk](SessionCore&, HistoryRead& read, const Operation::Emit& emit) {
        HistoryPageRecord page = read.End();
        if (chunk->Count() > 0) emit(chunk->Take());
        return page;
      },
      [](Napi::Env env, HistoryPageRecord& page) -> Napi::Value { return Latin1String(env, wire::HistoryPageToJson(page)); },
      [](Napi::Env env, std::string& json) -> Napi::Value { return Latin1Text(env, std::move(json)); });
}

}  // namespace

// historyPage(id, start, count, onChunk) -> Promise<string>: entries [start, start + count) of
// the history, newest first (IUpdateSearcher::QueryHistory).
Napi::Value SessionWrap::HistoryPage(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint32_t id = OperationId(info);
  if (info.Length() < 3 || !info[1].IsNumber() || !info[2].IsNumber()) throw Napi::TypeError::New(env, "start and count must be numbers");
  HistoryQuery query;
  query.start = info[1].As<Napi::Number>().Int32Value();
  query.count = info[2].As<Napi::Number>().Int32Value();
  return ReadHistory(env, core_, id, std::move(query), info.Length() > 3 ? info[3] : env.Undefined());
}

// historyOf(id, updateId, onChunk) -> Promise<string>: every entry of one update, newest first
// (IUpdateSession3::QueryHistory).
Napi::Value SessionWrap::HistoryOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint32_t id = OperationId(info);
  if (info.Length() < 2 || !info[1].IsString()) throw Napi::TypeError::New(env, "updateId must be a string");
  HistoryQuery query;
  query.updateId = info[1].As<Napi::String>().Utf16Value();
  return ReadHistory(env, core_, id, std::move(query), info.Length() > 2 ? info[2] : env.Undefined());
}

// historyCount() -> Promise<number>: IUpdateSearcher::GetTotalHistoryCount.
Napi::Value SessionWrap::HistoryCount(const Napi::CallbackInfo& info) {
  return AsyncCall<long>::Start(
      info.Env(), core_->thread, [core = core_] { return ReadHistoryCount(core->Require().Get()); },
      [](Napi::Env env, long& count) -> Napi::Value { return Napi::Number::New(env, count); });
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

namespace {

Napi::Array MarksToJs(Napi::Env env, const std::vector<MarkRecord>& records) {
  Napi::Array out = Napi::Array::New(env, records.size());
  for (uint32_t i = 0; i < records.size(); ++i) {
    const MarkRecord& r = records[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("updateId", Napi::String::New(env, r.updateId));
    item.Set("title", Napi::String::New(env, r.title));
    item.Set("kbArticleIds", TextsToJs(env, r.kbArticleIds));
    item.Set("before", r.before);
    item.Set("after", r.after);
    item.Set("hresult", static_cast<uint32_t>(r.hresult));
    if (!r.description.empty()) item.Set("description", Napi::String::New(env, r.description));
    out.Set(i, item);
  }
  return out;
}

}  // namespace

// setHidden(updateIds, hidden) -> Promise<object[]>: each update's IsHidden before and after.
Napi::Value SessionWrap::SetHidden(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<std::u16string> ids = StringList(env, info.Length() > 0 ? info[0] : env.Undefined(), "updateIds");
  if (info.Length() < 2 || !info[1].IsBoolean()) throw Napi::TypeError::New(env, "hidden must be a boolean");
  const bool hidden = info[1].As<Napi::Boolean>().Value();
  return AsyncCall<std::vector<MarkRecord>>::Start(
      env, core_->thread,
      [core = core_, ids = std::move(ids), hidden] { return wua::SetHidden(core->Require().Get(), core->updates, ids, hidden); },
      [](Napi::Env env, std::vector<MarkRecord>& records) -> Napi::Value { return MarksToJs(env, records); });
}

// acceptEulas(updateIds) -> Promise<object[]>: each update's EulaAccepted before and after.
Napi::Value SessionWrap::AcceptEulas(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<std::u16string> ids = StringList(env, info.Length() > 0 ? info[0] : env.Undefined(), "updateIds");
  return AsyncCall<std::vector<MarkRecord>>::Start(
      env, core_->thread, [core = core_, ids = std::move(ids)] { return wua::AcceptEulas(core->Require().Get(), core->updates, ids); },
      [](Napi::Env env, std::vector<MarkRecord>& records) -> Napi::Value { return MarksToJs(env, records); });
}

// automaticUpdates() -> Promise<object>: the settings, the last results and whether the service is
// enabled; dates are OLE DATEs (UTC) or null.
Napi::Value SessionWrap::AutomaticUpdates(const Napi::CallbackInfo& info) {
  return AsyncCall<AutomaticUpdatesRecord>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->Require();
        return ReadAutomaticUpdates();
      },
      [](Napi::Env env, AutomaticUpdatesRecord& au) -> Napi::Value {
        const auto optionalBool = [&](const std::optional<bool>& value) -> Napi::Value {
          return value ? Napi::Value(Napi::Boolean::New(env, *value)) : env.Null();
        };
        const auto optionalDate = [&](const std::optional<double>& value) -> Napi::Value {
          return value ? Napi::Value(Napi::Number::New(env, *value)) : env.Null();
        };
        Napi::Object out = Napi::Object::New(env);
        out.Set("notificationLevel", au.notificationLevel);
        out.Set("readOnly", au.readOnly);
        out.Set("required", au.required);
        out.Set("includeRecommendedUpdates", optionalBool(au.includeRecommendedUpdates));
        out.Set("nonAdministratorsElevated", optionalBool(au.nonAdministratorsElevated));
        out.Set("featuredUpdatesEnabled", optionalBool(au.featuredUpdatesEnabled));
        out.Set("serviceEnabled", au.serviceEnabled);
        if (au.hasResults) {
          Napi::Object results = Napi::Object::New(env);
          results.Set("lastSearchSuccessDate", optionalDate(au.lastSearchSuccessDate));
          results.Set("lastInstallationSuccessDate", optionalDate(au.lastInstallationSuccessDate));
          out.Set("results", results);
        } else {
          out.Set("results", env.Null());
        }
        return out;
      });
}

Napi::Value SessionWrap::DetectNow(const Napi::CallbackInfo& info) {
  return AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->Require();
        wua::DetectNow();
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
}

Napi::Value SessionWrap::EnableAutomaticUpdatesService(const Napi::CallbackInfo& info) {
  return AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_] {
        core->Require();
        wua::EnableAutomaticUpdatesService();
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
}

}  // namespace wua::napi

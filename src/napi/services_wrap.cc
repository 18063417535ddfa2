// The Session's update-service and offline-scan methods: services, addService, removeService,
// setServiceWithAu, serviceRegistration, scanPackage and driveType. Records go to JS in the wire
// format a search uses (wire/fields.h), as JSON text that lib/services.ts decodes.
#include "napi/async_call.h"
#include "napi/js_values.h"
#include "napi/pending_operation.h"
#include "napi/session_wrap.h"
#include "wire/chunk.h"
#include "wua/offline_scan.h"
#include "wua/services.h"

namespace wua::napi {

namespace {

std::u16string StringArgument(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (info.Length() <= index || !info[index].IsString()) throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a string");
  return info[index].As<Napi::String>().Utf16Value();
}

// One chunk holding `records`, in the order given.
template <class Record>
std::string RecordsToJson(const std::vector<Record>& records) {
  wire::Chunk<Record> chunk;
  for (const Record& record : records) chunk.Add(record);
  return chunk.Take();
}

Napi::Value JsonToJs(Napi::Env env, std::string& json) { return Latin1String(env, json); }

struct ScanResultJson {
  std::string search;   // the search's result without its updates (wire::SearchToJson)
  std::string service;  // a chunk of one ServiceRecord
  uint32_t removalHresult = 0;
};

}  // namespace

// services() -> Promise<string>: the registered services, one chunk of Service records.
Napi::Value SessionWrap::Services(const Napi::CallbackInfo& info) {
  return AsyncCall<std::string>::Start(
      info.Env(), core_->thread, [core = core_] { return RecordsToJson(ListServices(core->Require().Get())); }, JsonToJs);
}

// addService(serviceId, flags, cabPath) -> Promise<string>: a chunk of one ServiceRegistration.
Napi::Value SessionWrap::AddService(const Napi::CallbackInfo& info) {
  std::u16string id = StringArgument(info, 0, "serviceId");
  if (info.Length() < 2 || !info[1].IsNumber()) throw Napi::TypeError::New(info.Env(), "flags must be a number");
  const long flags = info[1].As<Napi::Number>().Int32Value();
  std::u16string cab = StringArgument(info, 2, "cabPath");
  return AsyncCall<std::string>::Start(
      info.Env(), core_->thread,
      [core = core_, id = std::move(id), flags, cab = std::move(cab)] {
        return RecordsToJson(std::vector{wua::AddService(core->Require().Get(), id, flags, cab)});
      },
      JsonToJs);
}

// removeService(serviceId) -> Promise<void>.
Napi::Value SessionWrap::RemoveService(const Napi::CallbackInfo& info) {
  std::u16string id = StringArgument(info, 0, "serviceId");
  return AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_, id = std::move(id)] {
        wua::RemoveService(core->Require().Get(), id);
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
}

// setServiceWithAu(serviceId, registered) -> Promise<void>.
Napi::Value SessionWrap::SetServiceWithAu(const Napi::CallbackInfo& info) {
  std::u16string id = StringArgument(info, 0, "serviceId");
  if (info.Length() < 2 || !info[1].IsBoolean()) throw Napi::TypeError::New(info.Env(), "registered must be a boolean");
  const bool registered = info[1].As<Napi::Boolean>().Value();
  return AsyncCall<bool>::Start(
      info.Env(), core_->thread,
      [core = core_, id = std::move(id), registered] {
        wua::SetServiceWithAu(core->Require().Get(), id, registered);
        return true;
      },
      [](Napi::Env env, bool&) -> Napi::Value { return env.Undefined(); });
}

// serviceRegistration(serviceId) -> Promise<string>: a chunk of one ServiceRegistration.
Napi::Value SessionWrap::ServiceRegistration(const Napi::CallbackInfo& info) {
  std::u16string id = StringArgument(info, 0, "serviceId");
  return AsyncCall<std::string>::Start(
      info.Env(), core_->thread,
      [core = core_, id = std::move(id)] { return RecordsToJson(std::vector{QueryServiceRegistration(core->Require().Get(), id)}); },
      JsonToJs);
}

// scanPackage(id, criteria, options, onChunk) -> Promise<{ search, service, removalHresult }>:
// the offline scan of options.packagePath as a service named options.serviceName. The updates
// come first, to onChunk, as a search's do; `search` and `service` are JSON text.
Napi::Value SessionWrap::ScanPackage(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "operation id must be a number");
  const uint32_t id = info[0].As<Napi::Number>().Uint32Value();
  OfflineScanOptions scan;
  scan.search.criteria = StringArgument(info, 1, "criteria");
  Napi::Object options = OptionsArgument(info, 2);
  if (info.Length() < 4 || !info[3].IsFunction()) throw Napi::TypeError::New(env, "onChunk must be a function");
  scan.packagePath = OptionalString(options, "packagePath");
  scan.serviceName = OptionalString(options, "serviceName");
  scan.search.searchScope = OptionalLong(options, "searchScope");
  scan.search.includePotentiallySupersededUpdates = OptionalBool(options, "includePotentiallySupersededUpdates").value_or(false);
  using Operation = PendingOperation<wua::OfflineScan, ScanResultJson, std::string>;
  return Operation::Start(
      env, core_, id, info[3],
      [scan](SessionCore& core, Operation::Completed completed, const Operation::Emit&) {
        return std::make_unique<wua::OfflineScan>(core.session->Get(), core.clientApplicationId, scan, std::move(completed));
      },
      [](SessionCore&, wua::OfflineScan& job, const Operation::Emit& emit) {
        constexpr size_t kUpdatesPerChunk = 200;  // as a search sends them
        wire::UpdateChunk chunk;
        OfflineScanRecord record = job.End([&](const UpdateRecord& update) {
          chunk.Add(update);
          if (chunk.Count() == kUpdatesPerChunk) emit(chunk.Take());
        });
        if (chunk.Count() > 0) emit(chunk.Take());
        return ScanResultJson{wire::SearchToJson(record.search), RecordsToJson(std::vector{record.service}),
                              static_cast<uint32_t>(record.removalHresult)};
      },
      [](Napi::Env env, ScanResultJson& result) -> Napi::Value {
        Napi::Object out = Napi::Object::New(env);
        out.Set("search", Latin1String(env, result.search));
        out.Set("service", Latin1String(env, result.service));
        out.Set("removalHresult", result.removalHresult);
        return out;
      },
      [](Napi::Env env, std::string& chunk) -> Napi::Value { return Latin1Text(env, std::move(chunk)); });
}

// driveType(path) -> Promise<number>: GetDriveType of the volume that holds `path`.
Napi::Value SessionWrap::DriveType(const Napi::CallbackInfo& info) {
  std::u16string path = StringArgument(info, 0, "path");
  return AsyncCall<unsigned>::Start(
      info.Env(), core_->thread, [path = std::move(path)] { return DriveTypeOf(path); },
      [](Napi::Env env, unsigned& type) -> Napi::Value { return Napi::Number::New(env, type); });
}

}  // namespace wua::napi

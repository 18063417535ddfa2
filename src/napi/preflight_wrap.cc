// The facts are read off the session's thread (no COM, no session): the call works before any
// session opens, and a session whose agent is wedged does not hold it.
#include "napi/preflight_wrap.h"

#include <utility>

#include "napi/js_values.h"
#include "platform/preflight.h"

namespace wua::napi {

namespace {

using namespace wua::platform;

PreflightRequest RequestOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "request must be an object");
  Napi::Object object = info[0].As<Napi::Object>();
  PreflightRequest request;
  request.services = StringList(env, object.Get("services"), "services");
  request.mutexes = StringList(env, object.Get("mutexes"), "mutexes");
  Napi::Value timeout = object.Get("timeoutMs");
  if (!timeout.IsNumber()) throw Napi::TypeError::New(env, "timeoutMs must be a number");
  request.limit = std::chrono::milliseconds(timeout.As<Napi::Number>().Int64Value());
  Napi::Value keys = object.Get("keys");
  if (!keys.IsArray()) throw Napi::TypeError::New(env, "keys must be an array");
  Napi::Array array = keys.As<Napi::Array>();
  for (uint32_t i = 0; i < array.Length(); ++i) {
    Napi::Value item = array.Get(i);
    if (!item.IsObject() || !item.As<Napi::Object>().Get("path").IsString())
      throw Napi::TypeError::New(env, "keys[] must be { path, values }");
    Napi::Object key = item.As<Napi::Object>();
    request.keys.push_back(KeyRequest{key.Get("path").As<Napi::String>().Utf16Value(), StringList(env, key.Get("values"), "values")});
  }
  return request;
}

Napi::String Str(Napi::Env env, const std::u16string& text) { return Napi::String::New(env, text); }

template <class T, class ToJs>
Napi::Object FactToJs(Napi::Env env, const Fact<T>& fact, ToJs toJs) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("value", fact.value ? toJs(env, *fact.value) : env.Null());
  if (fact.failure) {
    Napi::Object failure = Napi::Object::New(env);
    failure.Set("call", fact.failure->call);
    failure.Set("win32Error", fact.failure->win32Error);
    failure.Set("timedOut", fact.failure->timedOut);
    out.Set("failure", failure);
  } else {
    out.Set("failure", env.Null());
  }
  return out;
}

Napi::Value TokenToJs(Napi::Env env, const TokenFacts& token) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("elevated", token.elevated);
  out.Set("elevationType", token.elevationType);
  out.Set("integrityRid", token.integrityRid);
  out.Set("administrators", token.administrators);
  out.Set("interactive", token.interactive);
  out.Set("network", token.network);
  out.Set("batch", token.batch);
  out.Set("service", token.service);
  out.Set("remoteInteractive", token.remoteInteractive);
  out.Set("localSystem", token.localSystem);
  out.Set("sessionId", token.sessionId);
  out.Set("user", Str(env, token.user));
  return out;
}

Napi::Value LogonSessionToJs(Napi::Env env, const LogonSessionFacts& session) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("sessionUser", Str(env, session.sessionUser));
  out.Set("activeConsoleSessionId", session.activeConsoleSessionId);
  return out;
}

Napi::Value ServiceToJs(Napi::Env env, const ServiceFacts& service) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("installed", service.installed);
  out.Set("startType", service.startType);
  out.Set("delayedAutoStart", service.delayedAutoStart);
  out.Set("state", service.state);
  return out;
}

Napi::Value KeyToJs(Napi::Env env, const KeyFacts& key) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("exists", key.exists);
  Napi::Array values = Napi::Array::New(env, key.values.size());
  for (uint32_t i = 0; i < key.values.size(); ++i) {
    const RegistryValue& value = key.values[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("name", Str(env, value.name));
    item.Set("type", value.type);
    item.Set("size", value.size);
    if (value.number) item.Set("number", *value.number);
    if (value.text) item.Set("text", Str(env, *value.text));
    if (!value.texts.empty()) {
      Napi::Array texts = Napi::Array::New(env, value.texts.size());
      for (uint32_t j = 0; j < value.texts.size(); ++j) texts.Set(j, Str(env, value.texts[j]));
      item.Set("texts", texts);
    }
    values.Set(i, item);
  }
  out.Set("values", values);
  return out;
}

Napi::Value ProxyToJs(Napi::Env env, const ProxyFacts& proxy) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("accessType", proxy.accessType);
  out.Set("proxy", Str(env, proxy.proxy));
  out.Set("bypass", Str(env, proxy.bypass));
  return out;
}

Napi::Value DiskToJs(Napi::Env env, const DiskFacts& disk) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("root", Str(env, disk.root));
  out.Set("freeBytes", static_cast<double>(disk.freeBytes));
  out.Set("totalBytes", static_cast<double>(disk.totalBytes));
  return out;
}

Napi::Value BoolToJs(Napi::Env env, bool value) { return Napi::Boolean::New(env, value); }

template <class T, class ToJs>
Napi::Array FactsToJs(Napi::Env env, const std::vector<Fact<T>>& facts, ToJs toJs) {
  Napi::Array out = Napi::Array::New(env, facts.size());
  for (uint32_t i = 0; i < facts.size(); ++i) out.Set(i, FactToJs(env, facts[i], toJs));
  return out;
}

Napi::Object FactsToJs(Napi::Env env, const wua::platform::PreflightFacts& facts) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("token", FactToJs(env, facts.token, TokenToJs));
  out.Set("logonSession", FactToJs(env, facts.logonSession, LogonSessionToJs));
  out.Set("services", FactsToJs(env, facts.services, ServiceToJs));
  out.Set("keys", FactsToJs(env, facts.keys, KeyToJs));
  out.Set("mutexes", FactsToJs(env, facts.mutexes, BoolToJs));
  out.Set("proxy", FactToJs(env, facts.proxy, ProxyToJs));
  out.Set("disk", FactToJs(env, facts.disk, DiskToJs));
  return out;
}

}  // namespace

namespace {

// A short, bounded read (request.limit), so a pool thread serves it; the facts' own threads are
// joined before it ends.
class PreflightWorker : public Napi::AsyncWorker {
 public:
  PreflightWorker(Napi::Env env, PreflightRequest request)
      : Napi::AsyncWorker(env, "windows-update-agent:preflight"),
        deferred_(Napi::Promise::Deferred::New(env)),
        request_(std::move(request)) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override { facts_ = ReadPreflightFacts(request_); }
  void OnOK() override { deferred_.Resolve(FactsToJs(Env(), facts_)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  PreflightRequest request_;
  wua::platform::PreflightFacts facts_;
};

}  // namespace

Napi::Value PreflightFacts(const Napi::CallbackInfo& info) {
  auto* worker = new PreflightWorker(info.Env(), RequestOf(info));
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace wua::napi

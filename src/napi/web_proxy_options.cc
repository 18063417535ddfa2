#include "napi/web_proxy_options.h"

#include "napi/js_values.h"

namespace wua::napi {

namespace {

com::SecretText SecretString(Napi::Env env, Napi::Value value) {
  size_t length = 0;
  NAPI_THROW_IF_FAILED(env, napi_get_value_string_utf16(env, value, nullptr, 0, &length), com::SecretText());
  com::SecretText text(length);
  NAPI_THROW_IF_FAILED(env, napi_get_value_string_utf16(env, value, text.Data(), length + 1, &length), com::SecretText());
  return text;
}

}  // namespace

std::shared_ptr<WebProxyOptions> WebProxyArgument(const Napi::Object& options) {
  Napi::Env env = options.Env();
  Napi::Value value = options.Get("webProxy");
  if (value.IsUndefined() || value.IsNull()) return nullptr;
  if (!value.IsObject()) throw Napi::TypeError::New(env, "webProxy must be an object");
  Napi::Object proxy = value.As<Napi::Object>();
  auto out = std::make_shared<WebProxyOptions>();
  out->address = OptionalString(proxy, "address");
  out->userName = OptionalString(proxy, "userName");
  out->bypassProxyOnLocal = OptionalBool(proxy, "bypassProxyOnLocal").value_or(false);
  out->autoDetect = OptionalBool(proxy, "autoDetect").value_or(false);
  Napi::Value bypass = proxy.Get("bypassList");
  if (!bypass.IsUndefined() && !bypass.IsNull()) out->bypassList = StringList(env, bypass, "webProxy.bypassList");
  Napi::Value password = proxy.Get("password");
  if (!password.IsUndefined() && !password.IsNull()) {
    if (!password.IsString()) throw Napi::TypeError::New(env, "webProxy.password must be a string");
    out->password = SecretString(env, password);
  }
  return out;
}

}  // namespace wua::napi

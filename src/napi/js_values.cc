#include "napi/js_values.h"

namespace wua::napi {

Napi::Object OptionsArgument(const Napi::CallbackInfo& info, size_t index) {
  if (info.Length() <= index || info[index].IsUndefined()) return Napi::Object::New(info.Env());
  if (!info[index].IsObject()) throw Napi::TypeError::New(info.Env(), "options must be an object");
  return info[index].As<Napi::Object>();
}

std::u16string OptionalString(const Napi::Object& options, const char* name) {
  Napi::Value value = options.Get(name);
  if (value.IsUndefined() || value.IsNull()) return {};
  if (!value.IsString()) {
    throw Napi::TypeError::New(options.Env(), std::string(name) + " must be a string");
  }
  return value.As<Napi::String>().Utf16Value();
}

std::optional<long> OptionalLong(const Napi::Object& options, const char* name) {
  Napi::Value value = options.Get(name);
  if (value.IsUndefined() || value.IsNull()) return std::nullopt;
  if (!value.IsNumber()) throw Napi::TypeError::New(options.Env(), std::string(name) + " must be a number");
  return value.As<Napi::Number>().Int32Value();
}

std::optional<bool> OptionalBool(const Napi::Object& options, const char* name) {
  Napi::Value value = options.Get(name);
  if (value.IsUndefined() || value.IsNull()) return std::nullopt;
  if (!value.IsBoolean()) throw Napi::TypeError::New(options.Env(), std::string(name) + " must be a boolean");
  return value.As<Napi::Boolean>().Value();
}

}  // namespace wua::napi

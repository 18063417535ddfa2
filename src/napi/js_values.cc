#include "napi/js_values.h"

#include <windows.h>

namespace wua::napi {

namespace {

// node_api_create_external_string_latin1 (Node.js 18.18 and 20.4 on, Electron's hosts too), looked
// up in the host rather than imported, so that a host without it still loads the addon.
using CreateExternalLatin1 = napi_status(NAPI_CDECL*)(napi_env env, char* text, size_t length, napi_finalize finalize, void* hint,
                                                      napi_value* result, bool* copied);

CreateExternalLatin1 ExternalLatin1Function() {
  static const auto function = reinterpret_cast<CreateExternalLatin1>(
      reinterpret_cast<void*>(::GetProcAddress(::GetModuleHandleW(nullptr), "node_api_create_external_string_latin1")));
  return function;
}

}  // namespace

Napi::Value Latin1String(Napi::Env env, const std::string& latin1) {
  napi_value value;
  NAPI_THROW_IF_FAILED(env, napi_create_string_latin1(env, latin1.data(), latin1.size(), &value), Napi::Value());
  return Napi::Value(env, value);
}

// A search's updates arrive as megabytes of text; copied onto the JS heap, each chunk would fill
// the young generation and bring its next collection, a pause of the event loop, that much
// closer. An external string leaves the text where it is until V8 lets go of it.
Napi::Value Latin1Text(Napi::Env env, std::string latin1) {
  const CreateExternalLatin1 createExternal = ExternalLatin1Function();
  if (!createExternal) return Latin1String(env, latin1);
  auto* owned = new std::string(std::move(latin1));
  const auto release = [](napi_env, void*, void* text) { delete static_cast<std::string*>(text); };
  napi_value value;
  bool copied = false;  // when true, V8 copied the text and `release` has already run
  const napi_status status = createExternal(env, owned->data(), owned->size(), release, owned, &value, &copied);
  if (status != napi_ok) {
    std::string text = std::move(*owned);
    delete owned;
    return Latin1String(env, text);
  }
  return Napi::Value(env, value);
}

Napi::Object OptionsArgument(const Napi::CallbackInfo& info, size_t index) {
  if (info.Length() <= index || info[index].IsUndefined()) return Napi::Object::New(info.Env());
  if (!info[index].IsObject()) throw Napi::TypeError::New(info.Env(), "options must be an object");
  return info[index].As<Napi::Object>();
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

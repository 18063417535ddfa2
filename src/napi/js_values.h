// Small conversions between JS values and the plain C++ data of the wua/ layer.
#pragma once
#include <napi.h>

#include <optional>
#include <string>
#include <vector>

namespace wua::napi {

// Read an optional property (undefined or null: absent); each throws a TypeError naming the
// property when it is of another type.
std::u16string OptionalString(const Napi::Object& options, const char* name);
std::optional<long> OptionalLong(const Napi::Object& options, const char* name);
std::optional<bool> OptionalBool(const Napi::Object& options, const char* name);
Napi::Object OptionsArgument(const Napi::CallbackInfo& info, size_t index);

// An array of strings, or a TypeError naming `name`.
std::vector<std::u16string> StringList(Napi::Env env, Napi::Value value, const char* name);

// A JS string of Latin-1 text (node-addon-api has no Latin-1 constructor; the C API does).
Napi::Value Latin1String(Napi::Env env, const std::string& latin1);

// The same, for text of any size that JS may keep: the string refers to the text where it is,
// in the addon's memory, rather than copying it onto the JS heap (see js_values.cc).
Napi::Value Latin1Text(Napi::Env env, std::string latin1);

}  // namespace wua::napi

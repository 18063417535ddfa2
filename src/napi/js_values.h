// Small conversions between JS values and the plain C++ data of the wua/ layer.
#pragma once
#include <napi.h>

#include <optional>
#include <string>

namespace wua::napi {

// Read an optional property (undefined or null: absent); each throws a TypeError naming the
// property when it is of another type.
std::u16string OptionalString(const Napi::Object& options, const char* name);
std::optional<long> OptionalLong(const Napi::Object& options, const char* name);
std::optional<bool> OptionalBool(const Napi::Object& options, const char* name);
Napi::Object OptionsArgument(const Napi::CallbackInfo& info, size_t index);

}  // namespace wua::napi

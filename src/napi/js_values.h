// Small conversions between JS values and the plain C++ data of the wua/ layer.
#pragma once
#include <napi.h>

#include <string>

namespace wua::napi {

// Reads an optional string property; throws a TypeError naming the property when it is not one.
std::u16string OptionalString(const Napi::Object& options, const char* name);
Napi::Object OptionsArgument(const Napi::CallbackInfo& info, size_t index);

}  // namespace wua::napi

// preflightFacts(request) -> Promise<object>: the machine's facts of src/platform/preflight.h.
#pragma once
#include <napi.h>

namespace wua::napi {

Napi::Value PreflightFacts(const Napi::CallbackInfo& info);

}  // namespace wua::napi

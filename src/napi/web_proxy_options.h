// The `webProxy` option of `new Session(...)`, read into wua::WebProxyOptions. The password is
// copied from the JS string straight into a buffer that is wiped once the agent has it.
#pragma once
#include <napi.h>

#include <memory>

#include "wua/web_proxy.h"

namespace wua::napi {

// Null when `options` has no webProxy. Throws a TypeError naming the property (never its value).
std::shared_ptr<WebProxyOptions> WebProxyArgument(const Napi::Object& options);

}  // namespace wua::napi

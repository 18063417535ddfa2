// Records to JSON text, the cheapest way found to bring thousands of updates into JS at once: one
// UTF-16 string, parsed by the engine's JSON.parse. Field names are the facade's (lib/types.ts);
// enumerations stay numbers and dates stay OLE DATEs, both converted by lib/records.ts.
#pragma once
#include <string>

#include "wua/records.h"

namespace wua::napi {

std::u16string SearchToJson(const SearchRecord& search);

}  // namespace wua::napi

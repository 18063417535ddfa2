// A search's `fields` option: the names of the update fields to read (wire/fields.h).
#pragma once
#include <napi.h>

#include "wua/update_fields.h"

namespace wua::napi {

// Every field when `fields` is absent; otherwise the identity and the fields named. Throws a
// TypeError for anything but an array of field names (the facade checks them first).
UpdateFields UpdateFieldsOption(const Napi::Object& options);

}  // namespace wua::napi

#include "napi/update_fields_option.h"

#include <string>

namespace wua::napi {

UpdateFields UpdateFieldsOption(const Napi::Object& options) {
  Napi::Value value = options.Get("fields");
  if (value.IsUndefined() || value.IsNull()) return UpdateFields::All();
  if (!value.IsArray()) throw Napi::TypeError::New(options.Env(), "fields must be an array of field names");
  Napi::Array names = value.As<Napi::Array>();
  UpdateFields fields = UpdateFields::IdentityOnly();
  for (uint32_t i = 0; i < names.Length(); ++i) {
    Napi::Value name = names.Get(i);
    const std::optional<UpdateField> field = name.IsString() ? UpdateFields::Named(name.As<Napi::String>().Utf8Value()) : std::nullopt;
    if (!field) throw Napi::TypeError::New(options.Env(), "fields[" + std::to_string(i) + "] is not an update field");
    fields.Add(*field);
  }
  return fields;
}

}  // namespace wua::napi

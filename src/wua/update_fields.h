// A search's projection: the fields of an update record (wire/fields.h, WUA_UPDATE_FIELDS) that the
// caller asked for. The reader makes only the agent calls behind those fields, and the writer
// sends only them; a nested field (categories, a behaviour, the driver, bundled updates) is whole.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "wire/fields.h"

namespace wua {

// A field's place in WUA_UPDATE_FIELDS, which is its bit in an UpdateFields.
enum class UpdateField : int {
#define WUA_UPDATE_FIELD_ID(name, kind, of) name,
  WUA_UPDATE_FIELDS(WUA_UPDATE_FIELD_ID)
#undef WUA_UPDATE_FIELD_ID
      kCount
};
static_assert(static_cast<int>(UpdateField::kCount) <= 64, "a projection is one bit per update field");

class UpdateFields {
 public:
  static constexpr UpdateFields All() { return UpdateFields(~uint64_t{0} >> (64 - static_cast<int>(UpdateField::kCount))); }
  // The identity alone, which every record has: a search's updates are known by it.
  static constexpr UpdateFields IdentityOnly() { return UpdateFields(Bit(UpdateField::identity)); }

  constexpr bool Has(UpdateField field) const { return (bits_ & Bit(field)) != 0; }
  constexpr void Add(UpdateField field) { bits_ |= Bit(field); }
  constexpr uint64_t Bits() const { return bits_; }

  // The field of that name, or none.
  static std::optional<UpdateField> Named(std::string_view name) {
#define WUA_UPDATE_FIELD_NAMED(field, kind, of) \
  if (name == #field) return UpdateField::field;
    WUA_UPDATE_FIELDS(WUA_UPDATE_FIELD_NAMED)
#undef WUA_UPDATE_FIELD_NAMED
    return std::nullopt;
  }

 private:
  constexpr explicit UpdateFields(uint64_t bits) : bits_(bits) {}
  static constexpr uint64_t Bit(UpdateField field) { return uint64_t{1} << static_cast<int>(field); }
  uint64_t bits_;
};

}  // namespace wua

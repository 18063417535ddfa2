// The field table (fields.h) as C++: Fields<Record>::Each visits a record's fields in the table's
// order, each with a tag of its kind, so that the writer (and anything else that walks records)
// is written once per kind rather than once per field; EachNamed adds the field's name.
#pragma once
#include <cstdint>
#include <string_view>

#include "wire/fields.h"
#include "wire/intern_table.h"
#include "wua/records.h"

namespace wua::wire {

namespace kinds {
struct Text {};
struct OptionalText {};
struct SharedText {};
struct OptionalSharedText {};
struct TextList {};
struct SharedTextList {};
struct Enum {};
struct Integer {};
struct Number {};
struct Bool {};
struct Date {};
struct Record {};
struct OptionalRecord {};
struct RecordList {};
struct SharedRecord {};
struct OptionalSharedRecord {};
struct SharedRecordList {};
}  // namespace kinds

// A record's number on the wire: its place in WUA_WIRE_RECORDS.
enum class RecordId : int {
#define WUA_RECORD_ID(name, fields, jsType) k##name,
  WUA_WIRE_RECORDS(WUA_RECORD_ID)
#undef WUA_RECORD_ID
      kCount
};
constexpr int kRecordCount = static_cast<int>(RecordId::kCount);

template <class Record>
struct Fields;

#define WUA_VISIT_FIELD(name, kind, of) visit(::wua::wire::kinds::kind{}, record.name);
#define WUA_VISIT_NAMED_FIELD(name, kind, of) visit(#name, ::wua::wire::kinds::kind{}, record.name);
#define WUA_VISIT_PROJECTED_FIELD(name, kind, of) \
  if ((projection >> place++) & 1) visit(::wua::wire::kinds::kind{}, record.name);
#define WUA_DEFINE_FIELDS(name, fields, jsType)                             \
  template <>                                                               \
  struct Fields<name##Record> {                                             \
    static constexpr int kId = static_cast<int>(RecordId::k##name);         \
    template <class Record, class Visit>                                    \
    static void Each(Record& record, Visit& visit) {                        \
      fields(WUA_VISIT_FIELD)                                               \
    }                                                                       \
    /* The same, with each field's name first. */                           \
    template <class Record, class Visit>                                    \
    static void EachNamed(Record& record, Visit& visit) {                   \
      fields(WUA_VISIT_NAMED_FIELD)                                         \
    }                                                                       \
    /* Only the fields whose bit (their place) is set. */                   \
    template <class Record, class Visit>                                    \
    static void EachOf(Record& record, Visit& visit, uint64_t projection) { \
      int place = 0;                                                        \
      fields(WUA_VISIT_PROJECTED_FIELD)                                     \
    }                                                                       \
  };
WUA_WIRE_RECORDS(WUA_DEFINE_FIELDS)
#undef WUA_DEFINE_FIELDS
#undef WUA_VISIT_FIELD
#undef WUA_VISIT_NAMED_FIELD
#undef WUA_VISIT_PROJECTED_FIELD

// What makes two shared records one: their key member (WUA_SHARED_KEYS), or else every field.
template <class Record>
struct SharedKey {
  static constexpr bool kDefined = false;
};
#define WUA_DEFINE_SHARED_KEY(name, member)                                                 \
  template <>                                                                               \
  struct SharedKey<name##Record> {                                                          \
    static constexpr bool kDefined = true;                                                  \
    static std::string_view Of(const name##Record& record) { return KeyOf(record.member); } \
  };
WUA_SHARED_KEYS(WUA_DEFINE_SHARED_KEY)
#undef WUA_DEFINE_SHARED_KEY

}  // namespace wua::wire

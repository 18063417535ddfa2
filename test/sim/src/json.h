// JSON for the simulator's scenario files: a value type, an RFC 8259 parser and serializer, and a
// Reader that validates a scenario's shape with errors naming the offending field by path.
// Standard C++ only, so it builds and is unit-tested on Linux as well as in the Windows DLL.
#pragma once
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sim::json {

enum class Kind { Null, Bool, Number, String, Array, Object };

class Value {
 public:
  using Elements = std::vector<Value>;
  // A vector rather than a map: scenario files are written by people, and keeping their order
  // makes serialized output diffable against the source.
  using Members = std::vector<std::pair<std::string, Value>>;

  // Conversions are implicit so that builders read naturally: Set("title", "KB1"), Push(3).
  Value() noexcept = default;
  Value(std::nullptr_t) noexcept {}
  Value(bool boolean) noexcept : data_(boolean) {}
  Value(double number) noexcept : data_(number) {}
  // Every integer type, so that int, int64_t and size_t arguments are not ambiguous between
  // bool and double. JSON numbers are doubles: magnitudes beyond 2^53 lose precision.
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool>)
  Value(Integer number) noexcept : data_(static_cast<double>(number)) {}
  Value(const char* text) : data_(std::string(text)) {}
  Value(std::string text) noexcept : data_(std::move(text)) {}
  explicit Value(Elements elements) noexcept : data_(std::move(elements)) {}
  explicit Value(Members members) noexcept : data_(std::move(members)) {}

  static Value Array() { return Value(Elements()); }
  static Value Object() { return Value(Members()); }

  Kind kind() const noexcept { return static_cast<Kind>(data_.index()); }
  bool IsNull() const noexcept { return kind() == Kind::Null; }
  bool IsBool() const noexcept { return kind() == Kind::Bool; }
  bool IsNumber() const noexcept { return kind() == Kind::Number; }
  bool IsString() const noexcept { return kind() == Kind::String; }
  bool IsArray() const noexcept { return kind() == Kind::Array; }
  bool IsObject() const noexcept { return kind() == Kind::Object; }

  // Each throws std::logic_error when the value is of another kind.
  bool AsBool() const;
  double AsNumber() const;
  const std::string& AsString() const;
  const Elements& AsArray() const;
  const Members& AsObject() const;

  // The member named key, or nullptr when there is none. Throws std::logic_error if not an object.
  const Value* Find(std::string_view key) const;

  // Builders; each returns *this for chaining and throws std::logic_error on the wrong kind.
  Value& Set(std::string key, Value value);  // replaces the member if key is already present
  // Adds a member whose key the caller knows to be new (the keys of a map): no search of the
  // members, which would make building an object of n members cost n squared.
  Value& Add(std::string key, Value value);
  Value& Push(Value value);

  // Objects compare member by member in order.
  friend bool operator==(const Value&, const Value&) = default;

 private:
  // Alternatives are in the order of Kind, which kind() relies on.
  std::variant<std::monostate, bool, double, std::string, Elements, Members> data_;
};

struct ParseError : std::runtime_error {
  ParseError(size_t line, size_t column, std::string message);
  size_t line;    // 1-based
  size_t column;  // 1-based, in code points, so it matches what an editor shows
  std::string message;
};

// Throws ParseError. Duplicate keys in an object are rejected: in a scenario file the second one
// would silently win, which is never what its author meant.
Value Parse(std::string_view utf8);

// Throws std::invalid_argument for a non-finite number or a string that is not valid UTF-8, since
// neither could be parsed back.
std::string Serialize(const Value& value, bool pretty = false);

// Both throw std::invalid_argument on malformed input (invalid UTF-8, an unpaired surrogate).
std::u16string ToUtf16(std::string_view utf8);
std::string ToUtf8(std::u16string_view utf16);

struct SchemaError : std::runtime_error {
  SchemaError(std::string path, std::string_view problem);
  std::string path;
};

// The name the author most likely meant when they wrote `key`, if one of `allowed` is within a
// typo's distance (case ignored).
std::optional<std::string_view> ClosestOf(std::string_view key, const std::vector<std::string_view>& allowed);

// A view of one value in a document, and of its path from the root ("" for the root itself,
// "catalog[2].kbArticleIds[0]"), for reading a scenario while checking its shape. Every accessor
// throws SchemaError naming the path. The Value must outlive the Reader.
class Reader {
 public:
  Reader(const Value& value, std::string path = "");

  const std::string& Path() const { return path_; }
  bool IsNull() const;  // also true for a missing field: optional fields may be written as null
  bool IsObject() const;

  Reader Field(std::string_view key) const;  // a missing key gives a null Reader
  Reader Item(size_t index) const;
  size_t Size() const;  // of an array

  bool Bool() const;
  double Number() const;
  int64_t Integer() const;  // a number without a fractional part
  std::string String() const;
  std::u16string String16() const;

  // For optional fields: null or missing gives the fallback, another wrong type still fails.
  bool Bool(bool fallback) const;
  int64_t Integer(int64_t fallback) const;
  std::string String(std::string_view fallback) const;

  template <class Enum>
  Enum OneOf(std::initializer_list<std::pair<std::string_view, Enum>> choices) const;

  std::vector<std::string> Strings() const;  // an array of strings; missing gives an empty one
  // For objects used as maps, such as member name to HRESULT; missing gives none.
  std::vector<std::string> Keys() const;

  // Catches misspelt field names, which would otherwise be ignored in favour of a default.
  void OnlyKeys(std::initializer_list<std::string_view> allowed) const;

  [[noreturn]] void Fail(std::string_view problem) const;

 private:
  bool IsMissing() const;
  [[noreturn]] void FailExpected(std::string_view expected) const;
  [[noreturn]] void FailNotOneOf(std::string_view actual, const std::vector<std::string_view>& names) const;

  const Value* value_;
  std::string path_;
};

template <class Enum>
Enum Reader::OneOf(std::initializer_list<std::pair<std::string_view, Enum>> choices) const {
  const std::string actual = String();
  for (const auto& [name, choice] : choices) {
    if (name == actual) return choice;
  }
  std::vector<std::string_view> names;
  for (const auto& choice : choices) names.push_back(choice.first);
  FailNotOneOf(actual, names);
}

}  // namespace sim::json

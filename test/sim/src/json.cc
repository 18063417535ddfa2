#include "json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace sim::json {
namespace {

constexpr int kMaxDepth = 256;

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "unknown";
}

std::string_view KindWithArticle(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
  }
  return "unknown";
}

[[noreturn]] void ThrowWrongKind(Kind expected, Kind actual) {
  throw std::logic_error("expected " + std::string(KindWithArticle(expected)) + ", got " + std::string(KindName(actual)));
}

// Shortest text that parses back to the same double.
std::string FormatNumber(double number) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  return std::string(buffer, result.ptr);
}

bool IsContinuationByte(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool IsSurrogate(char32_t code_point) { return code_point >= 0xD800 && code_point <= 0xDFFF; }

// Decodes the sequence at text[position] and advances past it, or returns nullopt for anything
// RFC 3629 forbids: stray continuation bytes, truncation, overlong forms, surrogates, > U+10FFFF.
std::optional<char32_t> DecodeUtf8(std::string_view text, size_t& position) {
  const auto lead = static_cast<unsigned char>(text[position]);
  if (lead < 0x80) {
    ++position;
    return lead;
  }
  size_t length;
  char32_t code_point;
  char32_t smallest;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() - position < length) return std::nullopt;
  for (size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[position + i]);
    if (!IsContinuationByte(byte)) return std::nullopt;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF || IsSurrogate(code_point)) {
    return std::nullopt;
  }
  position += length;
  return code_point;
}

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value ParseDocument() {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text_.starts_with(kByteOrderMark)) {
      // Columns are counted from after the mark, which editors do not show.
      text_.remove_prefix(kByteOrderMark.size());
    }
    Value document = ParseValue(0);
    SkipWhitespace();
    if (position_ != text_.size()) Fail(position_, "unexpected text after the document");
    return document;
  }

 private:
  Value ParseValue(int depth) {
    SkipWhitespace();
    if (AtEnd()) FailExpected("a value");
    switch (text_[position_]) {
      case '{': return ParseObject(depth + 1);
      case '[': return ParseArray(depth + 1);
      case '"': return Value(ParseString());
      case 't': ParseLiteral("true"); return Value(true);
      case 'f': ParseLiteral("false"); return Value(false);
      case 'n': ParseLiteral("null"); return Value();
      default:
        if (text_[position_] == '-' || IsDigit(text_[position_])) return ParseNumber();
        FailExpected("a value");
    }
  }

  Value ParseObject(int depth) {
    CheckDepth(depth);
    ++position_;  // '{'
    Value::Members members;
    std::vector<size_t> key_offsets;
    SkipWhitespace();
    if (Consume('}')) return Value(std::move(members));
    while (true) {
      SkipWhitespace();
      if (!AtEnd() && text_[position_] == '}') Fail(position_, "trailing comma is not allowed");
      if (AtEnd() || text_[position_] != '"') FailExpected("a string key");
      key_offsets.push_back(position_);
      std::string key = ParseString();
      SkipWhitespace();
      if (!Consume(':')) FailExpected("':'");
      members.emplace_back(std::move(key), ParseValue(depth));
      SkipWhitespace();
      if (Consume('}')) break;
      if (!Consume(',')) FailExpected("',' or '}'");
    }
    RejectDuplicateKeys(members, key_offsets);
    return Value(std::move(members));
  }

  // Sorting keeps this O(n log n) where checking each new key against the others would make a
  // large object quadratic.
  void RejectDuplicateKeys(const Value::Members& members, const std::vector<size_t>& key_offsets) {
    if (members.size() < 2) return;
    std::vector<size_t> order(members.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Stable, so that of two equal keys the later one in the document comes second.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return members[a].first < members[b].first; });
    std::optional<size_t> first_duplicate;
    for (size_t i = 1; i < order.size(); ++i) {
      if (members[order[i]].first == members[order[i - 1]].first) {
        first_duplicate = std::min(first_duplicate.value_or(order[i]), order[i]);
      }
    }
    if (first_duplicate) {
      Fail(key_offsets[*first_duplicate], "duplicate key '" + members[*first_duplicate].first + "'");
    }
  }

  Value ParseArray(int depth) {
    CheckDepth(depth);
    ++position_;  // '['
    Value::Elements elements;
    SkipWhitespace();
    if (Consume(']')) return Value(std::move(elements));
    while (true) {
      SkipWhitespace();
      if (!AtEnd() && text_[position_] == ']') Fail(position_, "trailing comma is not allowed");
      elements.push_back(ParseValue(depth));
      SkipWhitespace();
      if (Consume(']')) break;
      if (!Consume(',')) FailExpected("',' or ']'");
    }
    return Value(std::move(elements));
  }

  // The depth limit keeps a hostile or broken file from overflowing the stack.
  void CheckDepth(int depth) const {
    if (depth > kMaxDepth) {
      Fail(position_, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
    }
  }

  std::string ParseString() {
    const size_t opening_quote = position_++;
    std::string text;
    while (true) {
      // Copying runs of plain characters at once keeps long strings linear and cheap.
      const size_t run_start = position_;
      while (!AtEnd() && IsPlainStringByte(static_cast<unsigned char>(text_[position_]))) {
        ++position_;
      }
      text.append(text_, run_start, position_ - run_start);
      if (AtEnd()) Fail(opening_quote, "unterminated string");
      const auto byte = static_cast<unsigned char>(text_[position_]);
      if (byte == '"') {
        ++position_;
        return text;
      }
      if (byte == '\\') {
        ParseEscape(text);
      } else if (byte < 0x20) {
        Fail(position_, "control character in string must be escaped");
      } else {
        const size_t sequence_start = position_;
        if (!DecodeUtf8(text_, position_)) Fail(sequence_start, "invalid UTF-8 in string");
        text.append(text_, sequence_start, position_ - sequence_start);
      }
    }
  }

  static bool IsPlainStringByte(unsigned char byte) { return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\'; }

  void ParseEscape(std::string& out) {
    const size_t backslash = position_++;
    if (AtEnd()) Fail(backslash, "unterminated string");
    switch (text_[position_++]) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: Fail(backslash, "invalid escape sequence");
    }
    char32_t code_point = ParseHex4(backslash);
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      Fail(backslash, "unpaired surrogate in \\u escape");
    }
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      const size_t low_backslash = position_;
      if (text_.substr(position_, 2) != "\\u") Fail(backslash, "unpaired surrogate in \\u escape");
      position_ += 2;
      const char32_t low = ParseHex4(low_backslash);
      if (low < 0xDC00 || low > 0xDFFF) Fail(backslash, "unpaired surrogate in \\u escape");
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(out, code_point);
  }

  char32_t ParseHex4(size_t escape_start) {
    if (text_.size() - position_ < 4) Fail(escape_start, "\\u must be followed by 4 hex digits");
    unsigned value = 0;
    const char* digits = text_.data() + position_;
    const auto result = std::from_chars(digits, digits + 4, value, 16);
    if (result.ptr != digits + 4) {
      Fail(escape_start, "\\u must be followed by 4 hex digits");
    }
    position_ += 4;
    return value;
  }

  Value ParseNumber() {
    const size_t start = position_;
    Consume('-');
    if (Consume('0')) {
      if (!AtEnd() && IsDigit(text_[position_])) Fail(start, "leading zeros are not allowed");
    } else if (!SkipDigits()) {
      Fail(start, "invalid number");
    }
    if (Consume('.') && !SkipDigits()) FailExpected("a digit after '.'");
    if (Consume('e') || Consume('E')) {
      if (!Consume('+')) Consume('-');
      if (!SkipDigits()) FailExpected("a digit in the exponent");
    }
    double number = 0;
    // The grammar is checked above because from_chars accepts more (inf, nan, "01").
    const auto result = std::from_chars(text_.data() + start, text_.data() + position_, number);
    // RFC 8259 section 9 lets a parser limit the range; a double's is the natural one.
    if (result.ec == std::errc::result_out_of_range) Fail(start, "number is out of range");
    return Value(number);
  }

  bool SkipDigits() {
    const size_t start = position_;
    while (!AtEnd() && IsDigit(text_[position_])) ++position_;
    return position_ != start;
  }

  void ParseLiteral(std::string_view word) {
    if (text_.substr(position_, word.size()) != word) FailExpected("a value");
    position_ += word.size();
  }

  void SkipWhitespace() {
    while (!AtEnd()) {
      const char c = text_[position_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++position_;
    }
  }

  bool AtEnd() const { return position_ == text_.size(); }

  bool Consume(char expected) {
    if (AtEnd() || text_[position_] != expected) return false;
    ++position_;
    return true;
  }

  [[noreturn]] void FailExpected(std::string_view what) const {
    Fail(position_, AtEnd() ? "unexpected end of input, expected " + std::string(what) : "expected " + std::string(what));
  }

  // Line and column are worked out only here, so the parse itself does not track them.
  [[noreturn]] void Fail(size_t offset, std::string message) const {
    size_t line = 1;
    size_t column = 1;
    for (size_t i = 0; i < offset; ++i) {
      const auto byte = static_cast<unsigned char>(text_[i]);
      if (byte == '\n') {
        ++line;
        column = 1;
      } else if (!IsContinuationByte(byte)) {
        ++column;
      }
    }
    throw ParseError(line, column, std::move(message));
  }

  std::string_view text_;
  size_t position_ = 0;
};

class Serializer {
 public:
  explicit Serializer(bool pretty) : pretty_(pretty) {}

  std::string Take() { return std::move(out_); }

  void Write(const Value& value, size_t depth) {
    switch (value.kind()) {
      case Kind::Null: out_ += "null"; return;
      case Kind::Bool: out_ += value.AsBool() ? "true" : "false"; return;
      case Kind::Number: WriteNumber(value.AsNumber()); return;
      case Kind::String: WriteString(value.AsString()); return;
      case Kind::Array: WriteArray(value.AsArray(), depth); return;
      case Kind::Object: WriteObject(value.AsObject(), depth); return;
    }
  }

 private:
  void WriteNumber(double number) {
    if (!std::isfinite(number)) throw std::invalid_argument("JSON has no infinity or NaN");
    out_ += FormatNumber(number);
  }

  void WriteString(const std::string& text) {
    out_ += '"';
    size_t position = 0;
    while (position < text.size()) {
      const auto byte = static_cast<unsigned char>(text[position]);
      if (byte >= 0x80) {
        const size_t sequence_start = position;
        if (!DecodeUtf8(text, position)) throw std::invalid_argument("string is not valid UTF-8");
        out_.append(text, sequence_start, position - sequence_start);
        continue;
      }
      ++position;
      switch (byte) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (byte < 0x20) {
            constexpr char kHex[] = "0123456789abcdef";
            out_ += "\\u00";
            out_ += kHex[byte >> 4];
            out_ += kHex[byte & 0xF];
          } else {
            out_ += static_cast<char>(byte);
          }
      }
    }
    out_ += '"';
  }

  void WriteArray(const Value::Elements& elements, size_t depth) {
    if (elements.empty()) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i > 0) out_ += ',';
      NewLine(depth + 1);
      Write(elements[i], depth + 1);
    }
    NewLine(depth);
    out_ += ']';
  }

  void WriteObject(const Value::Members& members, size_t depth) {
    if (members.empty()) {
      out_ += "{}";
      return;
    }
    out_ += '{';
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out_ += ',';
      NewLine(depth + 1);
      WriteString(members[i].first);
      out_ += pretty_ ? ": " : ":";
      Write(members[i].second, depth + 1);
    }
    NewLine(depth);
    out_ += '}';
  }

  void NewLine(size_t depth) {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(depth * 2, ' ');
  }

  bool pretty_;
  std::string out_;
};

// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so "titel" is one
// edit from "title". Case is ignored because "rebootrequired" is clearly "rebootRequired".
size_t EditDistance(std::string_view a, std::string_view b) {
  const auto same = [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  };
  std::vector<std::vector<size_t>> distance(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) distance[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) distance[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = same(a[i - 1], b[j - 1]) ? 0 : 1;
      distance[i][j] = std::min({distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        distance[i][j] = std::min(distance[i][j], distance[i - 2][j - 2] + 1);
      }
    }
  }
  return distance[a.size()][b.size()];
}

// The allowed key the author most likely meant, if any is close enough to be a plausible typo.
template <class Candidates>
std::optional<std::string_view> ClosestMatch(std::string_view key, const Candidates& allowed) {
  const size_t tolerance = std::max<size_t>(1, key.size() / 3);
  std::optional<std::string_view> best;
  size_t best_distance = tolerance + 1;
  for (std::string_view candidate : allowed) {
    const size_t distance = EditDistance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

const Value& AbsentValue() {
  static const Value absent;
  return absent;
}

}  // namespace

bool Value::AsBool() const {
  if (!IsBool()) ThrowWrongKind(Kind::Bool, kind());
  return std::get<bool>(data_);
}

double Value::AsNumber() const {
  if (!IsNumber()) ThrowWrongKind(Kind::Number, kind());
  return std::get<double>(data_);
}

const std::string& Value::AsString() const {
  if (!IsString()) ThrowWrongKind(Kind::String, kind());
  return std::get<std::string>(data_);
}

const Value::Elements& Value::AsArray() const {
  if (!IsArray()) ThrowWrongKind(Kind::Array, kind());
  return std::get<Elements>(data_);
}

const Value::Members& Value::AsObject() const {
  if (!IsObject()) ThrowWrongKind(Kind::Object, kind());
  return std::get<Members>(data_);
}

const Value* Value::Find(std::string_view key) const {
  for (const auto& [name, value] : AsObject()) {
    if (name == key) return &value;
  }
  return nullptr;
}

Value& Value::Add(std::string key, Value value) {
  if (!IsObject()) ThrowWrongKind(Kind::Object, kind());
  std::get<Members>(data_).emplace_back(std::move(key), std::move(value));
  return *this;
}

Value& Value::Set(std::string key, Value value) {
  if (!IsObject()) ThrowWrongKind(Kind::Object, kind());
  auto& members = std::get<Members>(data_);
  const auto existing = std::find_if(members.begin(), members.end(), [&](const auto& member) { return member.first == key; });
  if (existing != members.end()) {
    existing->second = std::move(value);
  } else {
    members.emplace_back(std::move(key), std::move(value));
  }
  return *this;
}

Value& Value::Push(Value value) {
  if (!IsArray()) ThrowWrongKind(Kind::Array, kind());
  std::get<Elements>(data_).push_back(std::move(value));
  return *this;
}

ParseError::ParseError(size_t line, size_t column, std::string message)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message),
      line(line),
      column(column),
      message(std::move(message)) {}

Value Parse(std::string_view utf8) { return Parser(utf8).ParseDocument(); }

std::string Serialize(const Value& value, bool pretty) {
  Serializer serializer(pretty);
  serializer.Write(value, 0);
  return serializer.Take();
}

std::u16string ToUtf16(std::string_view utf8) {
  std::u16string utf16;
  utf16.reserve(utf8.size());
  size_t position = 0;
  while (position < utf8.size()) {
    const std::optional<char32_t> code_point = DecodeUtf8(utf8, position);
    if (!code_point) throw std::invalid_argument("invalid UTF-8");
    if (*code_point < 0x10000) {
      utf16 += static_cast<char16_t>(*code_point);
    } else {
      const char32_t offset = *code_point - 0x10000;
      utf16 += static_cast<char16_t>(0xD800 + (offset >> 10));
      utf16 += static_cast<char16_t>(0xDC00 + (offset & 0x3FF));
    }
  }
  return utf16;
}

std::string ToUtf8(std::u16string_view utf16) {
  std::string utf8;
  utf8.reserve(utf16.size());
  for (size_t i = 0; i < utf16.size(); ++i) {
    char32_t code_point = utf16[i];
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      throw std::invalid_argument("unpaired surrogate in UTF-16");
    }
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (i + 1 == utf16.size() || utf16[i + 1] < 0xDC00 || utf16[i + 1] > 0xDFFF) {
        throw std::invalid_argument("unpaired surrogate in UTF-16");
      }
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (utf16[++i] - 0xDC00);
    }
    AppendUtf8(utf8, code_point);
  }
  return utf8;
}

SchemaError::SchemaError(std::string path, std::string_view problem)
    : std::runtime_error(path.empty() ? std::string(problem) : path + ": " + std::string(problem)), path(std::move(path)) {}

Reader::Reader(const Value& value, std::string path) : value_(&value), path_(std::move(path)) {}

bool Reader::IsMissing() const { return value_ == &AbsentValue(); }

bool Reader::IsNull() const { return value_->IsNull(); }

bool Reader::IsObject() const { return value_->IsObject(); }

Reader Reader::Field(std::string_view key) const {
  std::string child_path = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  // A missing optional object reads as having no fields, so its own optional fields fall back.
  if (IsNull()) return Reader(AbsentValue(), std::move(child_path));
  if (!value_->IsObject()) FailExpected("an object");
  const Value* child = value_->Find(key);
  return Reader(child ? *child : AbsentValue(), std::move(child_path));
}

Reader Reader::Item(size_t index) const {
  const size_t size = Size();
  if (index >= size) {
    Fail("index " + std::to_string(index) + " is out of range for " + std::to_string(size) + " items");
  }
  return Reader(value_->AsArray()[index], path_ + "[" + std::to_string(index) + "]");
}

size_t Reader::Size() const {
  if (!value_->IsArray()) FailExpected("an array");
  return value_->AsArray().size();
}

bool Reader::Bool() const {
  if (!value_->IsBool()) FailExpected("a boolean");
  return value_->AsBool();
}

double Reader::Number() const {
  if (!value_->IsNumber()) FailExpected("a number");
  return value_->AsNumber();
}

int64_t Reader::Integer() const {
  if (!value_->IsNumber()) FailExpected("an integer");
  const double number = value_->AsNumber();
  // 2^63 is exactly representable, unlike INT64_MAX, so the upper bound is exclusive.
  constexpr double kLimit = 9223372036854775808.0;
  if (std::trunc(number) != number || number < -kLimit || number >= kLimit) {
    Fail("expected an integer, got " + FormatNumber(number));
  }
  return static_cast<int64_t>(number);
}

std::string Reader::String() const {
  if (!value_->IsString()) FailExpected("a string");
  return value_->AsString();
}

std::u16string Reader::String16() const { return ToUtf16(String()); }

bool Reader::Bool(bool fallback) const { return IsNull() ? fallback : Bool(); }

int64_t Reader::Integer(int64_t fallback) const { return IsNull() ? fallback : Integer(); }

std::string Reader::String(std::string_view fallback) const { return IsNull() ? std::string(fallback) : String(); }

std::vector<std::string> Reader::Strings() const {
  std::vector<std::string> strings;
  if (IsNull()) return strings;
  const size_t size = Size();
  strings.reserve(size);
  for (size_t i = 0; i < size; ++i) strings.push_back(Item(i).String());
  return strings;
}

std::vector<std::string> Reader::Keys() const {
  std::vector<std::string> keys;
  if (IsNull()) return keys;
  if (!value_->IsObject()) FailExpected("an object");
  for (const auto& member : value_->AsObject()) keys.push_back(member.first);
  return keys;
}

std::optional<std::string_view> ClosestOf(std::string_view key, const std::vector<std::string_view>& allowed) {
  return ClosestMatch(key, allowed);
}

void Reader::OnlyKeys(std::initializer_list<std::string_view> allowed) const {
  if (IsNull()) return;
  if (!value_->IsObject()) FailExpected("an object");
  for (const auto& [key, value] : value_->AsObject()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::optional<std::string_view> suggestion = ClosestMatch(key, allowed);
    Field(key).Fail(suggestion ? "unknown field (did you mean '" + std::string(*suggestion) + "'?)" : std::string("unknown field"));
  }
}

void Reader::Fail(std::string_view problem) const { throw SchemaError(path_, problem); }

void Reader::FailExpected(std::string_view expected) const {
  if (IsMissing()) Fail("missing required field");
  Fail("expected " + std::string(expected) + ", got " + std::string(KindName(value_->kind())));
}

void Reader::FailNotOneOf(std::string_view actual, const std::vector<std::string_view>& names) const {
  std::string problem = "expected one of ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) problem += ", ";
    problem += "'" + std::string(names[i]) + "'";
  }
  Fail(problem + ", got '" + std::string(actual) + "'");
}

}  // namespace sim::json

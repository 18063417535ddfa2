#include "criteria.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "wua/ids.h"

namespace sim {

namespace {

using criteria_detail::AndGroup;
using criteria_detail::AnyValue;
using criteria_detail::Condition;
using criteria_detail::Operator;
using criteria_detail::Property;
using criteria_detail::Value;
using namespace std::string_view_literals;

enum class ValueKind { kFlag, kInteger, kUpdateType, kDeploymentAction, kGuid };

constexpr unsigned OperatorBit(Operator op) { return 1u << static_cast<unsigned>(op); }
constexpr unsigned kEqualsOnly = OperatorBit(Operator::kEquals);
constexpr unsigned kEqualsOrNot = OperatorBit(Operator::kEquals) | OperatorBit(Operator::kNotEquals);
constexpr unsigned kContainsOnly = OperatorBit(Operator::kContains);

struct PropertySpec {
  Property property;
  std::string_view name;  // canonical spelling; matched case-insensitively
  ValueKind kind;
  unsigned allowedOperators;
  bool UpdateFacts::*flag = nullptr;  // for ValueKind::kFlag
};

constexpr std::array<PropertySpec, 12> kProperties{{
    {Property::kType, "Type", ValueKind::kUpdateType, kEqualsOrNot},
    {Property::kDeploymentAction, "DeploymentAction", ValueKind::kDeploymentAction, kEqualsOnly},
    {Property::kIsAssigned, "IsAssigned", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::isAssigned},
    {Property::kBrowseOnly, "BrowseOnly", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::browseOnly},
    {Property::kAutoSelectOnWebSites, "AutoSelectOnWebSites", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::autoSelectOnWebSites},
    {Property::kIsInstalled, "IsInstalled", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::isInstalled},
    {Property::kIsHidden, "IsHidden", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::isHidden},
    {Property::kIsPresent, "IsPresent", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::isPresent},
    {Property::kRebootRequired, "RebootRequired", ValueKind::kFlag, kEqualsOnly, &UpdateFacts::rebootRequired},
    {Property::kUpdateId, "UpdateID", ValueKind::kGuid, kEqualsOrNot},
    {Property::kRevisionNumber, "RevisionNumber", ValueKind::kInteger, kEqualsOnly},
    {Property::kCategoryIds, "CategoryIDs", ValueKind::kGuid, kContainsOnly},
}};

constexpr std::array<std::string_view, 2> kUpdateTypes{"Software", "Driver"};
constexpr std::array<std::string_view, 4> kDeploymentActions{"Installation", "Uninstallation", "OptionalInstallation", "Detection"};
constexpr std::u16string_view kImpliedDeploymentAction = u"Installation";

// The agent's integers (LONG) are 32-bit, whatever `long` is on the host.
constexpr int64_t kMaxInteger = INT32_MAX;
constexpr int64_t kMaxIntegerMagnitude = -static_cast<int64_t>(INT32_MIN);

const PropertySpec& SpecOf(Property property) {
  return *std::find_if(kProperties.begin(), kProperties.end(), [property](const PropertySpec& spec) { return spec.property == property; });
}

bool IsWhitespace(char16_t c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; }
bool IsDigit(char16_t c) { return c >= u'0' && c <= u'9'; }
bool IsAsciiLetter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool IsWordChar(char16_t c) { return IsAsciiLetter(c) || IsDigit(c) || c == u'_'; }
char16_t AsciiLower(char16_t c) { return c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c; }

// Case-insensitive for ASCII only: every keyword, property name and valid value is ASCII.
template <typename OtherString>
bool EqualsIgnoringAsciiCase(std::u16string_view a, OtherString b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char16_t x, auto y) { return AsciiLower(x) == AsciiLower(static_cast<char16_t>(y)); });
}

std::u16string Widen(std::string_view ascii) { return std::u16string(ascii.begin(), ascii.end()); }

std::u16string AsciiLowered(std::u16string_view text) {
  std::u16string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), AsciiLower);
  return lowered;
}

// Unpaired surrogates become U+FFFD: the text is for messages and logs, not for round trips.
std::string ToUtf8(std::u16string_view text) {
  std::string utf8;
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      utf8 += static_cast<char>(c);
    } else if (c < 0x800) {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (c >> 12));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (c >> 18));
      utf8 += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return utf8;
}

std::string Quoted(std::u16string_view text) { return "'" + ToUtf8(text) + "'"; }

std::string_view OperatorText(Operator op) {
  constexpr std::array<std::string_view, 3> kTexts{"=", "!=", "contains"};  // in enum order
  return kTexts[static_cast<size_t>(op)];
}

template <size_t N>
std::optional<std::string_view> FindIgnoringAsciiCase(const std::array<std::string_view, N>& names, std::u16string_view text) {
  for (std::string_view name : names) {
    if (EqualsIgnoringAsciiCase(text, name)) return name;
  }
  return std::nullopt;
}

class Parser {
 public:
  explicit Parser(std::u16string_view text) : text_(text) {}

  std::vector<AndGroup> ParseAll() {
    SkipWhitespace();
    if (AtEnd()) return {DefaultGroup()};
    std::vector<AndGroup> groups;
    do {
      GroupBuilder group;
      ParseAndGroup(0, group);
      groups.push_back(Finish(std::move(group)));
    } while (ConsumeJoiner("or"));
    SkipWhitespace();
    if (!AtEnd()) {
      if (text_[pos_] == u')') Fail("unmatched ')'", pos_);
      Fail("expected 'and' or 'or', found " + DescribeNext(), pos_);
    }
    return groups;
  }

 private:
  // One top-level operand of "or", with nested parentheses flattened: the rules about implied and
  // required conditions apply to the whole AND group.
  struct GroupBuilder {
    AndGroup conditions;
    std::optional<size_t> revisionNumberAt;
    bool hasUpdateIdEquals = false;
    bool hasDeploymentAction = false;
  };

  static AndGroup DefaultGroup() {
    GroupBuilder group;
    group.conditions.push_back({Property::kIsInstalled, Operator::kEquals, 0L});
    group.conditions.push_back({Property::kIsHidden, Operator::kEquals, 0L});
    return Finish(std::move(group));
  }

  static AndGroup Finish(GroupBuilder group) {
    if (group.revisionNumberAt && !group.hasUpdateIdEquals) {
      Fail("RevisionNumber is allowed only in an AND group that also has UpdateID=", *group.revisionNumberAt);
    }
    if (!group.hasDeploymentAction) {
      group.conditions.push_back({Property::kDeploymentAction, Operator::kEquals, std::u16string(kImpliedDeploymentAction)});
    }
    return std::move(group.conditions);
  }

  // depth counts the parentheses around the current position; "or" is allowed only outside them.
  void ParseAndGroup(int depth, GroupBuilder& group) {
    ParseTerm(depth, group);
    while (ConsumeJoiner("and")) ParseTerm(depth, group);
    if (depth > 0) {
      if (std::optional<size_t> orAt = PeekKeyword("or")) {
        Fail("'or' is allowed only at the top level, not inside parentheses", *orAt);
      }
    }
  }

  void ParseTerm(int depth, GroupBuilder& group) {
    if (AtEnd() || text_[pos_] != u'(') {
      ParseCondition(group);
      return;
    }
    size_t openAt = pos_++;
    // The grammar has no whitespace just inside parentheses; it is accepted here so that
    // hand-written criteria such as "( a=1 )" are not refused over layout alone.
    SkipWhitespace();
    if (!AtEnd() && text_[pos_] == u')') Fail("empty parentheses", openAt);
    ParseAndGroup(depth + 1, group);
    SkipWhitespace();
    if (AtEnd()) Fail("'(' is never closed", openAt);
    if (text_[pos_] != u')') Fail("expected 'and' or ')', found " + DescribeNext(), pos_);
    ++pos_;
  }

  void ParseCondition(GroupBuilder& group) {
    size_t nameAt = pos_;
    std::u16string_view name = WordAt(pos_);
    if (name.empty()) Fail("expected a property name, found " + DescribeNext(), nameAt);
    auto spec = std::find_if(kProperties.begin(), kProperties.end(),
                             [name](const PropertySpec& s) { return EqualsIgnoringAsciiCase(name, s.name); });
    if (spec == kProperties.end()) {
      bool isKeyword =
          EqualsIgnoringAsciiCase(name, "and"sv) || EqualsIgnoringAsciiCase(name, "or"sv) || EqualsIgnoringAsciiCase(name, "contains"sv);
      Fail(isKeyword ? "expected a property name, found " + Quoted(name) : "unknown property " + Quoted(name), nameAt);
    }
    pos_ += name.size();

    SkipWhitespace();
    size_t operatorAt = pos_;
    Operator op = ParseOperator(*spec);
    if (!(spec->allowedOperators & OperatorBit(op))) {
      Fail("'" + std::string(OperatorText(op)) + "' is not allowed for " + std::string(spec->name), operatorAt);
    }

    SkipWhitespace();
    Value value = ParseValue(*spec);
    if (!AtEnd() && !IsWhitespace(text_[pos_]) && text_[pos_] != u')') {
      Fail("unexpected " + DescribeNext() + " after the value of " + std::string(spec->name), pos_);
    }

    if (spec->property == Property::kRevisionNumber && !group.revisionNumberAt) {
      group.revisionNumberAt = nameAt;
    }
    if (spec->property == Property::kUpdateId && op == Operator::kEquals) {
      group.hasUpdateIdEquals = true;
    }
    if (spec->property == Property::kDeploymentAction) group.hasDeploymentAction = true;
    group.conditions.push_back({spec->property, op, std::move(value)});
  }

  Operator ParseOperator(const PropertySpec& spec) {
    if (!AtEnd() && text_[pos_] == u'=') {
      pos_ += 1;
      return Operator::kEquals;
    }
    if (text_.substr(pos_, 2) == u"!=") {
      pos_ += 2;
      return Operator::kNotEquals;
    }
    if (EqualsIgnoringAsciiCase(WordAt(pos_), "contains"sv)) {
      pos_ += 8;
      return Operator::kContains;
    }
    Fail("expected '=', '!=' or 'contains' after " + std::string(spec.name) + ", found " + DescribeNext(), pos_);
  }

  Value ParseValue(const PropertySpec& spec) {
    size_t valueAt = pos_;
    char16_t first = AtEnd() ? u'\0' : text_[pos_];
    if (first == u'\'') return CheckedString(spec, ParseString(), valueAt);
    if (first == u'-' || IsDigit(first)) return CheckedInteger(spec, ParseInteger(), valueAt);
    if (first == u'*') {
      if (spec.kind != ValueKind::kDeploymentAction) {
        Fail("'*' is allowed only for DeploymentAction", valueAt);
      }
      ++pos_;
      return AnyValue{};
    }
    Fail("expected a value for " + std::string(spec.name) + ", found " + DescribeNext(), valueAt);
  }

  static Value CheckedString(const PropertySpec& spec, const std::u16string& text, size_t valueAt) {
    std::string name(spec.name);
    if (spec.kind == ValueKind::kFlag) Fail(name + " takes 0 or 1, not a string", valueAt);
    if (spec.kind == ValueKind::kInteger) Fail(name + " takes an integer, not a string", valueAt);
    if (spec.kind == ValueKind::kUpdateType) {
      if (auto canonical = FindIgnoringAsciiCase(kUpdateTypes, text)) return Widen(*canonical);
      Fail(Quoted(text) + " is not a valid Type (expected 'Software' or 'Driver')", valueAt);
    }
    if (spec.kind == ValueKind::kDeploymentAction) {
      if (auto canonical = FindIgnoringAsciiCase(kDeploymentActions, text)) {
        return Widen(*canonical);
      }
      Fail(Quoted(text) +
               " is not a valid DeploymentAction (expected 'Installation', 'Uninstallation', "
               "'OptionalInstallation', 'Detection' or *)",
           valueAt);
    }
    // What remains is ValueKind::kGuid.
    if (!wua::IsGuidText(text)) {
      Fail(Quoted(text) + " is not a valid GUID for " + name + " (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", valueAt);
    }
    return AsciiLowered(text);
  }

  static Value CheckedInteger(const PropertySpec& spec, long number, size_t valueAt) {
    std::string name(spec.name);
    if (spec.kind == ValueKind::kInteger) return number;
    if (spec.kind != ValueKind::kFlag) {
      Fail(name + " takes a quoted string, not an integer", valueAt);
    }
    if (number != 0 && number != 1) {
      Fail(name + " takes 0 or 1, not " + std::to_string(number), valueAt);
    }
    return number;
  }

  // Inside quotes, [']  [[]  []] stand for '  [  ]; any other [ is literal and a lone ' ends the
  // string.
  std::u16string ParseString() {
    size_t openAt = pos_++;
    std::u16string value;
    while (!AtEnd()) {
      char16_t c = text_[pos_];
      if (c == u'\'') {
        ++pos_;
        return value;
      }
      bool isEscape = c == u'[' && pos_ + 2 < text_.size() && text_[pos_ + 2] == u']' &&
                      (text_[pos_ + 1] == u'\'' || text_[pos_ + 1] == u'[' || text_[pos_ + 1] == u']');
      if (isEscape) {
        value += text_[pos_ + 1];
        pos_ += 3;
      } else {
        value += c;
        ++pos_;
      }
    }
    Fail("unterminated string", openAt);
  }

  long ParseInteger() {
    size_t startAt = pos_;
    bool negative = text_[pos_] == u'-';
    if (negative) ++pos_;
    if (AtEnd() || !IsDigit(text_[pos_])) Fail("expected digits after '-'", pos_);
    int64_t magnitude = 0;
    for (; !AtEnd() && IsDigit(text_[pos_]); ++pos_) {
      magnitude = magnitude * 10 + (text_[pos_] - u'0');
      if (magnitude > kMaxIntegerMagnitude) Fail("integer out of the 32-bit range", startAt);
    }
    if (!negative && magnitude > kMaxInteger) Fail("integer out of the 32-bit range", startAt);
    return static_cast<long>(negative ? -magnitude : magnitude);
  }

  // [MS-UAMG] requires whitespace on both sides of "and" and "or". A missing side gets a message of
  // its own because "a=1 and(b=1)" otherwise fails with nothing pointing at the cause.
  bool ConsumeJoiner(std::string_view keyword) {
    std::optional<size_t> keywordAt = PeekKeyword(keyword);
    if (!keywordAt) return false;
    std::string quotedKeyword = "'" + std::string(keyword) + "'";
    if (*keywordAt == pos_) Fail(quotedKeyword + " must be preceded by whitespace", *keywordAt);
    pos_ = *keywordAt + keyword.size();
    bool spacedAfter = SkipWhitespace();
    if (AtEnd()) Fail("expected a criterion after " + quotedKeyword, pos_);
    if (!spacedAfter) Fail(quotedKeyword + " must be followed by whitespace", pos_);
    return true;
  }

  // Where `keyword` starts if it is the next word after optional whitespace; consumes nothing.
  std::optional<size_t> PeekKeyword(std::string_view keyword) const {
    size_t at = pos_;
    while (at < text_.size() && IsWhitespace(text_[at])) ++at;
    if (!EqualsIgnoringAsciiCase(WordAt(at), keyword)) return std::nullopt;
    return at;
  }

  std::u16string_view WordAt(size_t at) const {
    size_t end = at;
    while (end < text_.size() && IsWordChar(text_[end])) ++end;
    return text_.substr(at, end - at);
  }

  std::string DescribeNext() const {
    if (AtEnd()) return "the end of the criteria";
    std::u16string_view word = WordAt(pos_);
    if (!word.empty()) return Quoted(word);
    bool isSurrogatePair = text_[pos_] >= 0xD800 && text_[pos_] <= 0xDBFF && pos_ + 1 < text_.size();
    return Quoted(text_.substr(pos_, isSurrogatePair ? 2 : 1));
  }

  bool SkipWhitespace() {
    size_t start = pos_;
    while (!AtEnd() && IsWhitespace(text_[pos_])) ++pos_;
    return pos_ != start;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }

  [[noreturn]] static void Fail(const std::string& message, size_t position) { throw CriteriaError(message, position); }

  std::u16string_view text_;
  size_t pos_ = 0;
};

bool Holds(const Condition& condition, const UpdateFacts& update) {
  const PropertySpec& spec = SpecOf(condition.property);
  const std::u16string* text = std::get_if<std::u16string>(&condition.value);
  bool equal = false;
  switch (condition.property) {
    case Property::kType: equal = EqualsIgnoringAsciiCase(update.type, *text); break;
    case Property::kDeploymentAction:
      equal = !text || EqualsIgnoringAsciiCase(update.deploymentAction, *text);  // else it is *
      break;
    case Property::kUpdateId: equal = EqualsIgnoringAsciiCase(update.updateId, *text); break;
    case Property::kRevisionNumber: equal = update.revisionNumber == std::get<long>(condition.value); break;
    case Property::kCategoryIds:
      equal = std::any_of(update.categoryIds.begin(), update.categoryIds.end(),
                          [text](const std::u16string& id) { return EqualsIgnoringAsciiCase(id, *text); });
      break;
    case Property::kIsAssigned:
    case Property::kBrowseOnly:
    case Property::kAutoSelectOnWebSites:
    case Property::kIsInstalled:
    case Property::kIsHidden:
    case Property::kIsPresent:
    case Property::kRebootRequired: equal = update.*spec.flag == (std::get<long>(condition.value) == 1); break;
  }
  return condition.op == Operator::kNotEquals ? !equal : equal;
}

std::string DescribeValue(const Value& value) {
  if (std::holds_alternative<AnyValue>(value)) return "*";
  if (const long* number = std::get_if<long>(&value)) return std::to_string(*number);
  return "'" + ToUtf8(EscapeCriteriaString(std::get<std::u16string>(value))) + "'";
}

std::string DescribeCondition(const Condition& condition) {
  std::string op(OperatorText(condition.op));
  if (condition.op == Operator::kContains) op = " " + op + " ";
  return std::string(SpecOf(condition.property).name) + op + DescribeValue(condition.value);
}

}  // namespace

Criteria Criteria::Parse(std::u16string_view text) { return Criteria(Parser(text).ParseAll()); }

bool Criteria::Matches(const UpdateFacts& update) const {
  return std::any_of(groups_.begin(), groups_.end(), [&](const AndGroup& group) {
    return std::all_of(group.begin(), group.end(), [&](const Condition& condition) { return Holds(condition, update); });
  });
}

std::string Criteria::Describe() const {
  bool parenthesize = groups_.size() > 1;
  std::string text;
  for (const AndGroup& group : groups_) {
    if (!text.empty()) text += " or ";
    if (parenthesize) text += "(";
    for (size_t i = 0; i < group.size(); ++i) {
      if (i > 0) text += " and ";
      text += DescribeCondition(group[i]);
    }
    if (parenthesize) text += ")";
  }
  return text;
}

std::u16string EscapeCriteriaString(std::u16string_view raw) {
  std::u16string escaped;
  escaped.reserve(raw.size());
  for (char16_t c : raw) {
    if (c == u'\'' || c == u'[' || c == u']') {
      escaped += u'[';
      escaped += c;
      escaped += u']';
    } else {
      escaped += c;
    }
  }
  return escaped;
}

}  // namespace sim

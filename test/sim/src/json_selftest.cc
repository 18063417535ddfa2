// Self-test for json.cc, run on Linux where a failure is quicker to debug than inside the DLL:
//   g++ -std=c++20 json.cc json_selftest.cc -o json_selftest && ./json_selftest
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "json.h"

namespace {

using sim::json::Kind;
using sim::json::Parse;
using sim::json::ParseError;
using sim::json::Reader;
using sim::json::SchemaError;
using sim::json::Serialize;
using sim::json::Value;

struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Check(bool condition, const std::string& description) {
  if (!condition) throw CheckFailed(description);
}

template <class T>
void CheckEqual(const T& actual, const T& expected, const std::string& what) {
  if (!(actual == expected)) throw CheckFailed(what + " differs from what was expected");
}

void CheckText(std::string_view actual, std::string_view expected) {
  if (actual != expected) {
    throw CheckFailed("got \"" + std::string(actual) + "\", expected \"" + std::string(expected) + "\"");
  }
}

void CheckParseError(std::string_view document, std::string_view expected_what) {
  try {
    Parse(document);
  } catch (const ParseError& error) {
    CheckText(error.what(), expected_what);
    return;
  }
  throw CheckFailed("parsed without error: " + std::string(document.substr(0, 60)));
}

// The Reader is always exercised against a parsed document, as the simulator uses it.
void CheckSchemaError(std::string_view document, const std::function<void(const Reader&)>& read, std::string_view expected_what) {
  const Value root = Parse(document);
  try {
    read(Reader(root));
  } catch (const SchemaError& error) {
    CheckText(error.what(), expected_what);
    return;
  }
  throw CheckFailed("read without error, expected: " + std::string(expected_what));
}

void CheckRoundTrip(std::string_view document) {
  const Value parsed = Parse(document);
  CheckEqual(Parse(Serialize(parsed)), parsed, "compact round trip");
  CheckEqual(Parse(Serialize(parsed, true)), parsed, "pretty round trip");
}

enum class UpdateType { Software, Driver };

// A catalog shaped like the simulator's, big enough to expose quadratic behaviour.
Value LargeCatalog(int entries) {
  Value catalog = Value::Array();
  for (int i = 0; i < entries; ++i) {
    Value kb_articles = Value::Array().Push(std::to_string(5000000 + i));
    catalog.Push(Value::Object()
                     .Set("id", "3f2504e0-4f89-11d3-9a0c-0305e82c" + std::to_string(1000 + i))
                     .Set("title", "2024-" + std::to_string(i) + " Cumulative Update for Windows 11 — x64 «\"quoted\"»")
                     .Set("type", i % 7 == 0 ? "driver" : "software")
                     .Set("sizeBytes", int64_t{1} << 33)
                     .Set("rebootRequired", i % 2 == 0)
                     .Set("description", std::string(200, 'd') + "\n\ttab")
                     .Set("kbArticleIds", std::move(kb_articles)));
  }
  return Value::Object().Set("catalog", std::move(catalog));
}

const std::vector<std::pair<std::string, std::function<void()>>> kCases = {
    {"scalars",
     [] {
       Check(Parse("null").IsNull(), "null");
       Check(Parse("true").AsBool(), "true");
       Check(!Parse(" false ").AsBool(), "false");
       CheckEqual(Parse("-12.5e2").AsNumber(), -1250.0, "number");
       CheckEqual(Parse("0").AsNumber(), 0.0, "zero");
       CheckEqual(Parse("1E+2").AsNumber(), 100.0, "exponent with sign");
       CheckEqual(Parse("\"a\"").AsString(), std::string("a"), "string");
     }},
    {"Add appends members whose keys are new, in order, where Set replaces",
     [] {
       Value object = Value::Object().Add("a", int64_t{1}).Add("b", true);
       object.Set("a", int64_t{2});
       CheckEqual(object.AsObject().size(), size_t{2}, "two members");
       CheckEqual(object.AsObject()[1].first, std::string("b"), "second key");
       CheckEqual(object.Find("a")->AsNumber(), 2.0, "Set replaced the value Add gave");
     }},
    {"nested document keeps member order",
     [] {
       const Value value = Parse(R"({"z": [1, {"b": null, "a": [true]}], "y": {}})");
       CheckEqual(value.AsObject()[0].first, std::string("z"), "first key");
       CheckEqual(value.AsObject()[1].first, std::string("y"), "second key");
       const Value& inner = value.Find("z")->AsArray()[1];
       CheckEqual(inner.AsObject()[0].first, std::string("b"), "inner first key");
       Check(inner.Find("a")->AsArray()[0].AsBool(), "inner value");
       Check(value.Find("missing") == nullptr, "missing key");
     }},
    {"string escapes",
     [] {
       CheckText(Parse(R"("\"\\\/\b\f\n\r\t")").AsString(), "\"\\/\b\f\n\r\t");
       CheckText(Parse(R"("\u0041\u00e9\u20AC")").AsString(), "Aé€");
     }},
    {"surrogate pair escape", [] { CheckText(Parse(R"("\ud83d\ude00")").AsString(), "\xF0\x9F\x98\x80"); }},
    {"raw UTF-8 in strings", [] { CheckText(Parse("\"日本語 🎉\"").AsString(), "日本語 🎉"); }},
    {"byte order mark is skipped",
     [] {
       CheckEqual(Parse("\xEF\xBB\xBF{\"a\": 1}"), Value::Object().Set("a", 1), "document");
       CheckParseError("\xEF\xBB\xBF{,", "line 1, column 2: expected a string key");
     }},
    {"error position: line and column",
     [] { CheckParseError("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}", "line 3, column 10: expected ',' or '}'"); }},
    {"error column counts code points", [] { CheckParseError("[\"é€\" 1]", "line 1, column 7: expected ',' or ']'"); }},
    {"trailing commas are rejected",
     [] {
       CheckParseError("[1, 2,]", "line 1, column 7: trailing comma is not allowed");
       CheckParseError("{\"a\": 1,}", "line 1, column 9: trailing comma is not allowed");
     }},
    {"trailing garbage is rejected",
     [] {
       CheckParseError("{} x", "line 1, column 4: unexpected text after the document");
       CheckParseError("truex", "line 1, column 5: unexpected text after the document");
     }},
    {"empty and truncated input",
     [] {
       CheckParseError("", "line 1, column 1: unexpected end of input, expected a value");
       CheckParseError("  \n ", "line 2, column 2: unexpected end of input, expected a value");
       CheckParseError("[1, ", "line 1, column 5: unexpected end of input, expected a value");
       CheckParseError("{\"a\"", "line 1, column 5: unexpected end of input, expected ':'");
       CheckParseError("\"abc", "line 1, column 1: unterminated string");
     }},
    {"invalid numbers",
     [] {
       CheckParseError("01", "line 1, column 1: leading zeros are not allowed");
       CheckParseError("-", "line 1, column 1: invalid number");
       CheckParseError("+1", "line 1, column 1: expected a value");
       CheckParseError("1.",
                       "line 1, column 3: unexpected end of input, "
                       "expected a digit after '.'");
       CheckParseError("1e",
                       "line 1, column 3: unexpected end of input, "
                       "expected a digit in the exponent");
       CheckParseError(".5", "line 1, column 1: expected a value");
       CheckParseError("1e999", "line 1, column 1: number is out of range");
       CheckParseError("NaN", "line 1, column 1: expected a value");
     }},
    {"invalid literals and keys",
     [] {
       CheckParseError("tru", "line 1, column 1: expected a value");
       CheckParseError("{a: 1}", "line 1, column 2: expected a string key");
       CheckParseError("{'a': 1}", "line 1, column 2: expected a string key");
       CheckParseError("[1 2]", "line 1, column 4: expected ',' or ']'");
     }},
    {"invalid strings",
     [] {
       CheckParseError("\"a\tb\"", "line 1, column 3: control character in string must be escaped");
       CheckParseError(R"("\x")", "line 1, column 2: invalid escape sequence");
       CheckParseError(R"("\u12G4")", "line 1, column 2: \\u must be followed by 4 hex digits");
       CheckParseError(R"("\u+123")", "line 1, column 2: \\u must be followed by 4 hex digits");
       CheckParseError(R"("\ud800")", "line 1, column 2: unpaired surrogate in \\u escape");
       CheckParseError(R"("\ud800\u0041")", "line 1, column 2: unpaired surrogate in \\u escape");
       CheckParseError(R"("\udc00")", "line 1, column 2: unpaired surrogate in \\u escape");
     }},
    {"invalid UTF-8 is rejected",
     [] {
       CheckParseError("\"\xC3\"", "line 1, column 2: invalid UTF-8 in string");
       // Truncated, overlong, an encoded surrogate, beyond U+10FFFF.
       CheckParseError("\"\xC0\xAF\"", "line 1, column 2: invalid UTF-8 in string");
       CheckParseError("\"\xED\xA0\x80\"", "line 1, column 2: invalid UTF-8 in string");
       CheckParseError("\"\xF4\x90\x80\x80\"", "line 1, column 2: invalid UTF-8 in string");
     }},
    {"duplicate keys are rejected", [] { CheckParseError("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", "line 3, column 2: duplicate key 'a'"); }},
    {"nesting limit",
     [] {
       const std::string deepest_allowed = std::string(256, '[') + std::string(256, ']');
       Check(Parse(deepest_allowed).IsArray(), "256 levels parse");
       CheckParseError(std::string(257, '[') + std::string(257, ']'), "line 1, column 257: nesting is deeper than 256 levels");
       // Far deeper than any stack could recurse: must still fail cleanly.
       CheckParseError(std::string(1'000'000, '['), "line 1, column 257: nesting is deeper than 256 levels");
     }},
    {"serialize compact",
     [] {
       const Value value = Value::Object()
                               .Set("b", true)
                               .Set("n", nullptr)
                               .Set("list", Value::Array().Push(1).Push(2.5).Push("x"))
                               .Set("empty", Value::Object());
       CheckText(Serialize(value), R"({"b":true,"n":null,"list":[1,2.5,"x"],"empty":{}})");
     }},
    {"serialize pretty",
     [] {
       const Value value = Parse(R"({"a": [1, {"b": []}], "c": "d"})");
       CheckText(Serialize(value, true), "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": \"d\"\n}");
     }},
    {"serialize escapes control characters",
     [] { CheckText(Serialize(Value(std::string("q\"\\\n\t\x01\x1F\x7F/é", 11))), "\"q\\\"\\\\\\n\\t\\u0001\\u001f\x7F/é\""); }},
    {"serialize rejects what cannot be parsed back",
     [] {
       bool threw = false;
       try {
         Serialize(Value(std::nan("")));
       } catch (const std::invalid_argument&) {
         threw = true;
       }
       Check(threw, "NaN must be rejected");
       threw = false;
       try {
         Serialize(Value("\xFF"));
       } catch (const std::invalid_argument&) {
         threw = true;
       }
       Check(threw, "invalid UTF-8 must be rejected");
     }},
    {"numbers round trip exactly",
     [] {
       for (double number : {0.1, -0.0, 1e300, 5e-324, 123456789012345678.0, 1.0 / 3, -2.5e-7}) {
         CheckEqual(Parse(Serialize(Value(number))).AsNumber(), number, Serialize(Value(number)));
       }
       CheckText(Serialize(Value(int64_t{42})), "42");
       CheckText(Serialize(Value(size_t{7})), "7");
     }},
    {"documents round trip",
     [] {
       CheckRoundTrip(R"({"a": [1, {"b": "\u0000\u001f\"\\"}], "c": {"d": [[], {}]}})");
       CheckRoundTrip(R"([-1.5e-3, 1e21, -0, 0.1])");
       CheckRoundTrip(R"(["\ud83d\ude00 😀", "日本", "\u2028", null, false])");
       CheckRoundTrip("\"\"");
     }},
    {"UTF-16 conversion",
     [] {
       CheckEqual(sim::json::ToUtf16("Aé€😀"), std::u16string(u"Aé€😀"), "to UTF-16");
       CheckText(sim::json::ToUtf8(u"Aé€😀"), "Aé€😀");
       CheckText(sim::json::ToUtf8(sim::json::ToUtf16("")), "");
     }},
    {"UTF-16 conversion rejects malformed input",
     [] {
       int rejected = 0;
       for (std::u16string_view bad : {std::u16string_view(u"\xD800", 1), std::u16string_view(u"\xDC00x", 2)}) {
         try {
           sim::json::ToUtf8(bad);
         } catch (const std::invalid_argument&) {
           ++rejected;
         }
       }
       try {
         sim::json::ToUtf16("\xE2\x82");
       } catch (const std::invalid_argument&) {
         ++rejected;
       }
       CheckEqual(rejected, 3, "rejections");
     }},
    {"value accessors and builders",
     [] {
       Value object = Value::Object().Set("a", 1).Set("b", "two").Set("a", 3);
       CheckEqual(object.AsObject().size(), size_t{2}, "Set replaces an existing key");
       CheckEqual(object.Find("a")->AsNumber(), 3.0, "replaced value");
       CheckEqual(object.AsObject()[0].first, std::string("a"), "replacement keeps position");
       Check(Value("x").kind() == Kind::String && Value(1).kind() == Kind::Number, "kinds");
       bool threw = false;
       try {
         object.AsArray();
       } catch (const std::logic_error& error) {
         threw = std::string(error.what()) == "expected an array, got object";
       }
       Check(threw, "wrong-kind accessor throws logic_error");
       threw = false;
       try {
         Value(1).Push(2);
       } catch (const std::logic_error&) {
         threw = true;
       }
       Check(threw, "Push on a number throws");
     }},
    {"reader reads a scenario",
     [] {
       const Value root = Parse(R"({
         "agent": {"rebootRequired": true, "name": "WUA"},
         "catalog": [{"title": "KB1", "type": "driver", "size": 1024, "kbArticleIds": ["1", "2"]}]
       })");
       const Reader reader(root);
       Check(reader.Field("agent").Field("rebootRequired").Bool(), "bool");
       CheckEqual(reader.Field("agent").Field("name").String16(), std::u16string(u"WUA"), "utf16");
       const Reader entry = reader.Field("catalog").Item(0);
       CheckText(entry.Path(), "catalog[0]");
       CheckText(entry.Field("kbArticleIds").Item(1).Path(), "catalog[0].kbArticleIds[1]");
       CheckEqual(entry.Field("size").Integer(), int64_t{1024}, "integer");
       const auto type = entry.Field("type").OneOf<UpdateType>({{"software", UpdateType::Software}, {"driver", UpdateType::Driver}});
       Check(type == UpdateType::Driver, "enum");
       CheckEqual(entry.Field("kbArticleIds").Strings(), std::vector<std::string>{"1", "2"}, "ids");
       CheckEqual(reader.Field("catalog").Size(), size_t{1}, "size");
     }},
    {"reader fallbacks for optional fields",
     [] {
       const Value root = Parse(R"({"present": false, "explicitNull": null})");
       const Reader reader(root);
       Check(!reader.Field("present").Bool(true), "present value wins");
       Check(reader.Field("absent").Bool(true), "absent gives fallback");
       Check(reader.Field("explicitNull").IsNull(), "null");
       CheckEqual(reader.Field("explicitNull").Integer(7), int64_t{7}, "null gives fallback");
       CheckText(reader.Field("absent").String("dflt"), "dflt");
       Check(reader.Field("absent").Strings().empty(), "absent list is empty");
       // A missing optional object: its fields are missing too rather than an error.
       CheckText(reader.Field("agent").Field("name").Path(), "agent.name");
       Check(reader.Field("agent").Field("rebootRequired").Bool(false) == false, "nested");
     }},
    {"reader type errors name the path",
     [] {
       CheckSchemaError(R"({"catalog": [{}, {}, {}, {"title": 5}]})",
                        [](const Reader& r) { r.Field("catalog").Item(3).Field("title").String(); },
                        "catalog[3].title: expected a string, got number");
       CheckSchemaError(R"({"agent": {"rebootRequired": "yes"}})",
                        [](const Reader& r) { r.Field("agent").Field("rebootRequired").Bool(false); },
                        "agent.rebootRequired: expected a boolean, got string");
       CheckSchemaError(R"({"catalog": [{"kbArticleIds": ["1", 2]}]})",
                        [](const Reader& r) { r.Field("catalog").Item(0).Field("kbArticleIds").Strings(); },
                        "catalog[0].kbArticleIds[1]: expected a string, got number");
       CheckSchemaError(
           "[1]", [](const Reader& r) { r.Field("x"); }, "expected an object, got array");
     }},
    {"reader missing and null required fields",
     [] {
       CheckSchemaError(R"({"catalog": [{}]})", [](const Reader& r) { r.Field("catalog").Item(0).Field("title").String(); },
                        "catalog[0].title: missing required field");
       CheckSchemaError(R"({"title": null})", [](const Reader& r) { r.Field("title").String(); }, "title: expected a string, got null");
       CheckSchemaError(R"({"list": [1, 2]})", [](const Reader& r) { r.Field("list").Item(2); },
                        "list: index 2 is out of range for 2 items");
       CheckSchemaError(R"({"list": {}})", [](const Reader& r) { r.Field("list").Size(); }, "list: expected an array, got object");
     }},
    {"reader integers must be integral and in range",
     [] {
       CheckSchemaError(R"({"size": 1.5})", [](const Reader& r) { r.Field("size").Integer(); }, "size: expected an integer, got 1.5");
       CheckSchemaError(R"({"size": 1e19})", [](const Reader& r) { r.Field("size").Integer(0); }, "size: expected an integer, got 1e+19");
       CheckSchemaError(R"({"size": "1"})", [](const Reader& r) { r.Field("size").Integer(); }, "size: expected an integer, got string");
       const Value root = Parse(R"({"n": -9007199254740992, "e": 2e3})");
       CheckEqual(Reader(root).Field("n").Integer(), int64_t{-9007199254740992}, "2^53");
       CheckEqual(Reader(root).Field("e").Integer(), int64_t{2000}, "exponent form");
     }},
    {"reader OneOf lists the choices",
     [] {
       CheckSchemaError(R"({"catalog": [{"type": "drivr"}]})",
                        [](const Reader& r) {
                          r.Field("catalog").Item(0).Field("type").OneOf<UpdateType>(
                              {{"software", UpdateType::Software}, {"driver", UpdateType::Driver}});
                        },
                        "catalog[0].type: expected one of 'software', 'driver', got 'drivr'");
     }},
    {"reader unknown field suggests the closest",
     [] {
       const auto check_entry = [](const Reader& r) { r.Field("catalog").Item(0).OnlyKeys({"id", "title", "type", "kbArticleIds"}); };
       CheckSchemaError(R"({"catalog": [{"id": "1", "titel": "x"}]})", check_entry,
                        "catalog[0].titel: unknown field (did you mean 'title'?)");
       CheckSchemaError(R"({"catalog": [{"kbarticleid": []}]})", check_entry,
                        "catalog[0].kbarticleid: unknown field (did you mean 'kbArticleIds'?)");
       CheckSchemaError(R"({"catalog": [{"priority": 1}]})", check_entry, "catalog[0].priority: unknown field");
       CheckSchemaError(R"({"catalog": [{"x": 1}]})", check_entry, "catalog[0].x: unknown field");
     }},
    {"reader OnlyKeys accepts known and missing",
     [] {
       const Value root = Parse(R"({"a": 1, "b": 2})");
       Reader(root).OnlyKeys({"a", "b", "c"});
       Reader(root).Field("missing").OnlyKeys({"a"});
     }},
    {"reader Keys of an object used as a map",
     [] {
       const Value root = Parse(R"({"faults": {"Search": "0x80240022", "Install": 5}, "n": 1})");
       const Reader faults = Reader(root).Field("faults");
       Check(faults.IsObject() && !Reader(root).Field("n").IsObject(), "IsObject");
       CheckEqual(faults.Keys(), std::vector<std::string>{"Search", "Install"}, "keys in order");
       Check(Reader(root).Field("missing").Keys().empty(), "missing has no keys");
       CheckSchemaError(R"({"faults": []})", [](const Reader& r) { r.Field("faults").Keys(); }, "faults: expected an object, got array");
     }},
    {"reader Fail at root and nested",
     [] {
       CheckSchemaError(
           "{}", [](const Reader& r) { r.Fail("scenario is empty"); }, "scenario is empty");
       const Value root = Parse(R"({"a": [0]})");
       try {
         Reader(root).Field("a").Item(0).Fail("must be positive");
       } catch (const SchemaError& error) {
         CheckText(error.path, "a[0]");
         CheckText(error.what(), "a[0]: must be positive");
         return;
       }
       throw CheckFailed("Fail did not throw");
     }},
    {"large catalog is fast",
     [] {
       const Value catalog = LargeCatalog(10'000);
       const auto start = std::chrono::steady_clock::now();
       const std::string text = Serialize(catalog, true);
       const Value parsed = Parse(text);
       const Reader entries = Reader(parsed).Field("catalog");
       size_t titles = 0;
       for (size_t i = 0; i < entries.Size(); ++i) {
         entries.Item(i).OnlyKeys({"id", "title", "type", "sizeBytes", "rebootRequired", "description", "kbArticleIds"});
         titles += entries.Item(i).Field("title").String16().size() > 0;
       }
       const auto elapsed = std::chrono::steady_clock::now() - start;
       CheckEqual(parsed, catalog, "round trip of the large catalog");
       CheckEqual(titles, size_t{10'000}, "titles");
       Check(text.size() > 3'000'000, "document is a few MB");
       const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
       Check(elapsed < std::chrono::seconds(2), "took " + std::to_string(milliseconds) + " ms");
     }},
    {"long string and large object stay linear",
     [] {
       const std::string long_text(5'000'000, 'x');
       CheckEqual(Parse("\"" + long_text + "\"").AsString(), long_text, "long string");
       std::string text = "{";
       for (int i = 0; i < 50'000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
       const auto start = std::chrono::steady_clock::now();
       CheckEqual(Parse(text + "}").AsObject().size(), size_t{50'000}, "members");
       Check(std::chrono::steady_clock::now() - start < std::chrono::seconds(1), "large object");
     }},
};

}  // namespace

int main() {
  int passed = 0;
  int failed = 0;
  for (const auto& [name, run] : kCases) {
    try {
      run();
      ++passed;
    } catch (const std::exception& error) {
      ++failed;
      std::printf("FAIL %s: %s\n", name.c_str(), error.what());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

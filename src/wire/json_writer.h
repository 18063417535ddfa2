// JSON as Latin-1 bytes: V8 keeps such text as a one-byte string, which is half the copy and
// parses faster than UTF-16. Characters beyond Latin-1 are written as \u escapes, which
// JSON.parse turns back into themselves. A search writes millions of bytes a few at a time, so
// they go through a pointer into room made ahead in the string, rather than through std::string
// one byte at a time; the string is trimmed to what was written when the writer goes. Text that
// grows over many calls (a chunk, a table's new entries) keeps one writer for all of them.
#pragma once
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace wua::wire {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out), next_(out.data() + out.size()), end_(next_) {}
  ~JsonWriter() { out_.resize(next_ - out_.data()); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void Key(std::string_view name) {
    Separator();
    Put('"');
    Put(name);
    Put("\":");
    first_ = true;  // the value that follows needs no comma
  }
  void Text(std::u16string_view text) {
    Separator();
    Room(text.size() + 2);
    *next_++ = '"';
    const char16_t* in = text.data();
    const char16_t* const stop = in + text.size();
    // Four characters a step while all four are plain Latin-1: nearly every text the agent has.
    for (uint64_t four; stop - in >= 4 && AllPlain(four = LoadFour(in)); in += 4, next_ += 4) {
      const auto bytes =
          static_cast<uint32_t>((four & 0xFF) | ((four >> 8) & 0xFF00) | ((four >> 16) & 0xFF0000) | ((four >> 24) & 0xFF000000));
      std::memcpy(next_, &bytes, 4);
    }
    for (; in < stop; ++in) {
      if (!IsPlain(*in)) {
        // The rare character that needs more than one byte: finish in the slow way.
        for (; in < stop; ++in) Character(*in);
        break;
      }
      *next_++ = static_cast<char>(*in);
    }
    Put('"');
  }
  void Ascii(std::string_view ascii) {
    Separator();
    Put('"');
    for (char c : ascii) Character(static_cast<unsigned char>(c));
    Put('"');
  }
  // std::to_chars rather than snprintf: a search writes hundreds of thousands of numbers.
  void Number(double value) {
    Separator();
    if (!std::isfinite(value)) {
      Put("null");
      return;
    }
    Room(32);
    const bool integral = value == std::floor(value) && std::fabs(value) < 9.007199254740992e15;
    next_ = (integral ? std::to_chars(next_, end_, static_cast<long long>(value)) : std::to_chars(next_, end_, value)).ptr;
  }
  void Integer(long value) {
    Separator();
    if (value >= 0 && value < 10) {
      Put(static_cast<char>('0' + value));
      return;
    }
    Room(24);
    next_ = std::to_chars(next_, end_, value).ptr;
  }
  void Bool(bool value) {
    Separator();
    Room(5);
    // Fixed sizes, so that the copies compile to a store or two rather than calls.
    if (value) {
      std::memcpy(next_, "true", 4);
      next_ += 4;
    } else {
      std::memcpy(next_, "false", 5);
      next_ += 5;
    }
  }
  void Null() {
    Separator();
    Room(4);
    std::memcpy(next_, "null", 4);
    next_ += 4;
  }
  // JSON written elsewhere, as one value.
  void Raw(std::string_view json) {
    Separator();
    Put(json);
  }
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

 private:
  // Written as it is between JSON quotes: Latin-1, and neither a control character, a quote nor
  // a backslash.
  static bool IsPlain(char16_t c) { return c >= 0x20 && c <= 0xFF && c != u'"' && c != u'\\'; }
  static uint64_t LoadFour(const char16_t* chars) {
    uint64_t four;
    std::memcpy(&four, chars, sizeof four);
    return four;
  }
  // IsPlain for four characters at once, one in each 16-bit lane. A lane below a bound borrows
  // into its top bit when the bound is subtracted; a borrow that runs on into the next lane comes
  // from a lane that already failed, so it cannot make a plain text look otherwise.
  static bool AllPlain(uint64_t four) {
    constexpr uint64_t kLanes = 0x0001000100010001ull, kTops = 0x8000800080008000ull;
    const auto below = [](uint64_t lanes, uint64_t bound) { return ((lanes - bound * kLanes) & kTops) != 0; };
    return (four & (0xFF00 * kLanes)) == 0 && !below(four, 0x20) && !below(four ^ ('"' * kLanes), 1) && !below(four ^ ('\\' * kLanes), 1);
  }
  void Character(char16_t c) {
    switch (c) {
      case u'"': Put("\\\""); return;
      case u'\\': Put("\\\\"); return;
      case u'\n': Put("\\n"); return;
      case u'\r': Put("\\r"); return;
      case u'\t': Put("\\t"); return;
      default:
        if (IsPlain(c)) {
          Put(static_cast<char>(c));
        } else {
          char escaped[8];
          const int length = std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          Put({escaped, static_cast<size_t>(length)});
        }
    }
  }
  // Room for `size` more bytes after next_. The room doubles when it runs out, so most calls
  // only compare two pointers.
  void Room(size_t size) {
    if (static_cast<size_t>(end_ - next_) >= size) return;
    const size_t used = next_ - out_.data();
    out_.resize(std::max({used + size, out_.size() * 2, kLeastRoom}));
    next_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }
  void Put(char c) {
    Room(1);
    *next_++ = c;
  }
  void Put(std::string_view token) {
    Room(token.size());
    std::memcpy(next_, token.data(), token.size());
    next_ += token.size();
  }
  void Separator() {
    if (!first_) Put(',');
    first_ = false;
  }
  void Open(char bracket) {
    Separator();
    Put(bracket);
    first_ = true;
  }
  void Close(char bracket) {
    Put(bracket);
    first_ = false;
  }

  static constexpr size_t kLeastRoom = 256;
  std::string& out_;
  char* next_;  // where the next byte goes
  char* end_;   // the end of the room made so far
  bool first_ = true;
};

}  // namespace wua::wire

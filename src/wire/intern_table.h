// The values a search sends once: each gets an index the first time it is seen, and its entry (a
// JSON value) goes into the entries that the next chunk carries. A search may meet tens of
// thousands of distinct values, so the table indexes them by open addressing over one array and
// keeps their bytes in one arena: a map of nodes would cost a heap block and a cache miss per
// key, to add, to look up, and to let go of at the end, before the result can reach JS.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/json_writer.h"

namespace wua::wire {

class InternTable {
 public:
  explicit InternTable(std::pmr::memory_resource* arena) : arena_(arena) {}

  // Eight bytes a step, multiplied and folded: keys are mostly IDs, links and sentences, and
  // this is hashed for every text of every update.
  static size_t HashOf(std::string_view key) {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    const auto* bytes = reinterpret_cast<const unsigned char*>(key.data());
    size_t left = key.size();
    uint64_t hash = left * kMultiplier;
    for (; left >= 8; bytes += 8, left -= 8) {
      uint64_t word;
      std::memcpy(&word, bytes, 8);
      hash = (hash ^ word) * kMultiplier;
      hash ^= hash >> 29;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, bytes, left);
    hash = (hash ^ tail) * kMultiplier;
    return static_cast<size_t>(hash ^ (hash >> 32));
  }

  // The index of `key`; a key first seen gets the next index, and `writeEntry` writes its entry.
  template <class WriteEntry>
  long IndexOf(std::string_view key, WriteEntry&& writeEntry) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const size_t hash = HashOf(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index == kEmpty) {
        auto* kept = static_cast<char*>(arena_->allocate(std::max<size_t>(key.size(), 1), 1));
        std::memcpy(kept, key.data(), key.size());
        slot = {hash, std::string_view(kept, key.size()), static_cast<long>(count_++)};
        if (!writer_) writer_.emplace(fresh_);
        writeEntry(*writer_);  // the writer separates the entries
        return slot.index;
      }
      if (slot.hash == hash && slot.key == key) return slot.index;
    }
  }

  // The entries first seen since the last call, as JSON values separated by commas.
  std::string TakeFresh() {
    writer_.reset();
    std::string out;
    out.swap(fresh_);
    return out;
  }

 private:
  static constexpr long kEmpty = -1;
  struct Slot {
    size_t hash = 0;
    std::string_view key;
    long index = kEmpty;
  };

  void Grow() {
    std::vector<Slot> old(std::max<size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.index == kEmpty) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::pmr::memory_resource* arena_;
  std::vector<Slot> slots_;  // a power of two long, at most half full
  size_t count_ = 0;
  std::string fresh_;
  std::optional<JsonWriter> writer_;  // writing into fresh_ until it is taken
};

// The bytes of a text, as a key.
inline std::string_view KeyOf(std::u16string_view text) {
  return {reinterpret_cast<const char*>(text.data()), text.size() * sizeof(char16_t)};
}

}  // namespace wua::wire

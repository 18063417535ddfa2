#include "napi/records_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory_resource>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace wua::napi {

namespace {

// The field names of a record written as a tuple (a JSON array of its values), in writing order.
// Thousands of updates as tuples are half the text of the same as objects, so half the writing
// and parsing; the names travel once per chunk.
struct TupleFields {
  std::vector<std::string_view> names;
  // The fields sent as an index into the search's texts, or into its lists of texts.
  std::vector<std::string_view> textIndexes, textListIndexes;
};

// Writes JSON as Latin-1 bytes: V8 keeps such text as a one-byte string, which is half the copy
// and parses faster than UTF-16. Characters beyond Latin-1 are written as \u escapes, which
// JSON.parse turns back into themselves. A search writes millions of bytes a few at a time, so
// they go through a pointer into room made ahead in the string, rather than through std::string
// one byte at a time; the string is trimmed to what was written when the writer goes. Text that
// grows over many calls (a chunk, a table's new entries) keeps one writer for all of them.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out), next_(out.data() + out.size()), end_(next_) {}
  ~JsonWriter() { out_.resize(next_ - out_.data()); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Inside a tuple (every field of every update), a key is nothing to write.
  void Key(std::string_view name) {
    if (!keysSkipped_) KeyOutsideTuple(name);
  }
  void Text(std::u16string_view text) {
    Separator();
    Room(text.size() + 2);
    *next_++ = '"';
    const char16_t* in = text.data();
    const char16_t* const stop = in + text.size();
    // Four characters a step while all four are plain Latin-1: nearly every text the agent has.
    for (uint64_t four; stop - in >= 4 && AllPlain(four = LoadFour(in)); in += 4, next_ += 4) {
      const auto bytes = static_cast<uint32_t>((four & 0xFF) | ((four >> 8) & 0xFF00) | ((four >> 16) & 0xFF0000) |
                                               ((four >> 24) & 0xFF000000));
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
  void Text(std::string_view ascii) {
    Separator();
    Put('"');
    Put(ascii);
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
  // The field just named is sent as an index into the search's texts or lists of texts: noted
  // while the schema is recorded, nothing otherwise.
  void NoteTextIndex() { Note(&TupleFields::textIndexes); }
  void NoteTextListIndex() { Note(&TupleFields::textListIndexes); }
  // Text written as it is, where a value may follow without a separator.
  void Raw(std::string_view text) {
    Put(text);
    first_ = true;
  }
  void BeginObject() {
    Open('{');
    Push({});
  }
  void EndObject() {
    Close('}');
    Pop();
  }
  // A record as a tuple: its keys are left out, or only noted in `recordInto`.
  void BeginTuple(TupleFields* recordInto = nullptr) {
    Open('[');
    Push({true, recordInto});
  }
  void EndTuple() {
    Close(']');
    Pop();
  }
  void BeginArray() {
    Open('[');
    Push({});
  }
  void EndArray() {
    Close(']');
    Pop();
  }

  void OptionalNumber(const std::optional<double>& value) { value ? Number(*value) : Null(); }

 private:
  struct Frame {
    bool tuple = false;                 // false: a keyed object or an array
    TupleFields* recordInto = nullptr;  // set while the schema is being filled
  };

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
    return (four & (0xFF00 * kLanes)) == 0 && !below(four, 0x20) && !below(four ^ ('"' * kLanes), 1) &&
           !below(four ^ ('\\' * kLanes), 1);
  }
  void Note(std::vector<std::string_view> TupleFields::*kind) {
    if (keysSkipped_ || depth_ == 0 || !frames_[depth_ - 1].recordInto) return;
    TupleFields& fields = *frames_[depth_ - 1].recordInto;
    (fields.*kind).push_back(fields.names.back());
  }
  void KeyOutsideTuple(std::string_view name) {
    if (depth_ > 0 && frames_[depth_ - 1].tuple) {
      frames_[depth_ - 1].recordInto->names.push_back(name);
      return;
    }
    Separator();
    Put('"');
    Put(name);
    Put("\":");
    first_ = true;  // the value that follows needs no comma
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
    for (char c : token) *next_++ = c;
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
  void Push(Frame frame) {
    if (depth_ == kMaxDepth) throw std::length_error("records nest too deeply");
    frames_[depth_++] = frame;
    keysSkipped_ = frame.tuple && !frame.recordInto;
  }
  void Pop() {
    --depth_;
    keysSkipped_ = depth_ > 0 && frames_[depth_ - 1].tuple && !frames_[depth_ - 1].recordInto;
  }

  static constexpr size_t kLeastRoom = 256;
  std::string& out_;
  char* next_;  // where the next byte goes
  char* end_;   // the end of the room made so far
  bool first_ = true;
  // Records nest a few levels deep (an update, its bundled updates, their lists): a fixed stack
  // keeps the writer free of allocations.
  static constexpr size_t kMaxDepth = 16;
  Frame frames_[kMaxDepth];
  size_t depth_ = 0;
  bool keysSkipped_ = false;  // the innermost frame is a tuple being written
};

// The names of the fields of each record written as a tuple.
struct Schema {
  TupleFields update, category;
};

// Root categories go as objects (a few per search); an update's categories as tuples.
// `recordInto` is set only while the schema itself is being filled.
void WriteCategory(JsonWriter& w, const CategoryRecord& c, bool asTuple = false, TupleFields* recordInto = nullptr) {
  if (asTuple || recordInto) w.BeginTuple(recordInto);
  else w.BeginObject();
  w.Key("categoryId"); w.Text(c.categoryId);
  w.Key("name"); w.Text(c.name);
  w.Key("type"); w.Text(c.type);
  w.Key("description"); w.Text(c.description);
  w.Key("order"); w.Integer(c.order);
  w.Key("parentId"); c.parentId ? w.Text(*c.parentId) : w.Null();
  recordInto || asTuple ? w.EndTuple() : w.EndObject();
}

void WriteBehavior(JsonWriter& w, const BehaviorRecord& b) {
  w.BeginObject();
  w.Key("canRequestUserInput"); w.Bool(b.canRequestUserInput);
  w.Key("impact"); w.Integer(b.impact);
  w.Key("rebootBehavior"); w.Integer(b.rebootBehavior);
  w.Key("requiresNetworkConnectivity"); w.Bool(b.requiresNetworkConnectivity);
  w.EndObject();
}

void WriteDriverEntryFields(JsonWriter& w, const DriverEntryRecord& d) {
  w.Key("driverClass"); w.Text(d.driverClass);
  w.Key("hardwareId"); w.Text(d.hardwareId);
  w.Key("manufacturer"); w.Text(d.manufacturer);
  w.Key("model"); w.Text(d.model);
  w.Key("provider"); w.Text(d.provider);
  w.Key("verDate"); w.OptionalNumber(d.verDate);
  w.Key("deviceProblemNumber"); w.Integer(d.deviceProblemNumber);
  w.Key("deviceStatus"); w.Integer(d.deviceStatus);
}

// Values that repeat across a search's updates (categories and lists of them, installation
// behaviours, texts such as descriptions, links and notes, lists of articles, CVEs or languages)
// go once per search, in the chunk where each first appears, into tables that JS keeps for the
// search; records name them by index. JS then parses each once and keeps one copy, and looks
// nothing up by text. The tables' JSON names are those of UpdateChunk (records_json.h).
//
// A search may meet tens of thousands of distinct values. The tables index them by open
// addressing over one array, and keep their characters in one arena: a map of nodes would cost a
// heap block and a cache miss per key, to add, to look up, and to let go of at the end, before the
// result can reach JS.
class Table {
 public:
  explicit Table(std::pmr::memory_resource* arena) : arena_(arena) {}

  // Eight bytes a step, multiplied and folded: keys are mostly IDs, links and sentences, and
  // this is hashed for every text of every update.
  static size_t HashOf(std::u16string_view key) {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    const auto* bytes = reinterpret_cast<const unsigned char*>(key.data());
    size_t left = key.size() * sizeof(char16_t);
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

  // The index of `key`; a key first seen gets the next index and its entry, written by
  // `writeEntry`, goes into the chunk's fresh entries.
  template <class WriteEntry>
  long IndexOf(std::u16string_view key, WriteEntry&& writeEntry) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const size_t hash = HashOf(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index == kEmpty) {
        auto* kept = static_cast<char16_t*>(arena_->allocate(key.size() * sizeof(char16_t), alignof(char16_t)));
        std::copy(key.begin(), key.end(), kept);
        slot = {hash, std::u16string_view(kept, key.size()), static_cast<long>(count_++)};
        if (!writer_) writer_.emplace(fresh_);
        writeEntry(*writer_);  // the writer separates the entries
        return slot.index;
      }
      if (slot.hash == hash && slot.key.size() == key.size() &&
          std::memcmp(slot.key.data(), key.data(), key.size() * sizeof(char16_t)) == 0) {
        return slot.index;
      }
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
    std::u16string_view key;
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

class SearchTables {
  std::pmr::monotonic_buffer_resource arena_;  // first: the tables use it until they are gone

 public:
  // Entries reach JS in this order (category lists name categories, text lists texts).
  Table categories{&arena_}, categoryLists{&arena_}, behaviors{&arena_}, texts{&arena_}, textLists{&arena_};

  // The empty text, which most updates have for several fields, is always the first.
  SearchTables() { texts.IndexOf({}, [](JsonWriter& entry) { entry.Text(std::u16string_view()); }); }

  long TextIndex(const Text& text) {
    if (text.empty()) return 0;
    return texts.IndexOf(text, [&](JsonWriter& entry) { entry.Text(text); });
  }
  // A list's key is the indexes of its items, two characters each.
  template <class Item, class IndexOfItem>
  std::u16string_view ListKey(const std::vector<Item>& items, IndexOfItem&& indexOf) {
    listKey_.clear();
    for (const Item& item : items) {
      const auto index = static_cast<uint32_t>(indexOf(item));
      listKey_.push_back(static_cast<char16_t>(index & 0xFFFF));
      listKey_.push_back(static_cast<char16_t>(index >> 16));
    }
    return listKey_;
  }

 private:
  std::u16string listKey_;  // reused for every list of the search
};

// `text` as an index into the search's texts; null for none.
void WriteTextIndex(JsonWriter& w, SearchTables& t, const Text* text) {
  w.NoteTextIndex();
  text ? w.Integer(t.TextIndex(*text)) : w.Null();
}

void WriteIndexes(JsonWriter& w, std::u16string_view listKey) {
  w.BeginArray();
  for (size_t i = 0; i + 1 < listKey.size(); i += 2) w.Integer(static_cast<long>(listKey[i] | (listKey[i + 1] << 16)));
  w.EndArray();
}

// Empty lists go as null, since JS gives every record the same frozen empty list.
template <class Item, class WriteItem>
void WriteList(JsonWriter& w, const std::vector<Item>& items, WriteItem&& writeItem) {
  if (items.empty()) return w.Null();
  w.BeginArray();
  for (const Item& item : items) writeItem(item);
  w.EndArray();
}

// A list of texts is an index into the lists of texts, whose entries are indexes into the texts.
void WriteTextListIndex(JsonWriter& w, SearchTables& t, const Texts& texts) {
  w.NoteTextListIndex();
  if (texts.empty()) return w.Null();
  const std::u16string_view key = t.ListKey(texts, [&](const Text& text) { return t.TextIndex(text); });
  w.Integer(t.textLists.IndexOf(key, [&](JsonWriter& entry) { WriteIndexes(entry, key); }));
}

void WriteBehaviorIndex(JsonWriter& w, SearchTables& t, const BehaviorRecord& b) {
  const char16_t key[] = {static_cast<char16_t>(b.canRequestUserInput), static_cast<char16_t>(b.impact),
                          static_cast<char16_t>(b.rebootBehavior), static_cast<char16_t>(b.requiresNetworkConnectivity)};
  w.Integer(t.behaviors.IndexOf({key, std::size(key)}, [&](JsonWriter& entry) { WriteBehavior(entry, b); }));
}

void WriteCategoriesIndex(JsonWriter& w, SearchTables& t, const std::vector<CategoryRecord>& categories) {
  const std::u16string_view key = t.ListKey(categories, [&](const CategoryRecord& c) {
    return t.categories.IndexOf(c.categoryId, [&](JsonWriter& entry) { WriteCategory(entry, c, true); });
  });
  w.Integer(t.categoryLists.IndexOf(key, [&](JsonWriter& entry) { WriteIndexes(entry, key); }));
}

void WriteUpdate(JsonWriter& w, const UpdateRecord& u, SearchTables& t, TupleFields* recordInto = nullptr) {
  w.BeginTuple(recordInto);
  w.Key("identity");
  w.BeginObject();
  w.Key("updateId"); w.Text(u.identity.updateId);
  w.Key("revisionNumber"); w.Integer(u.identity.revisionNumber);
  w.EndObject();
  w.Key("title"); w.Text(u.title);
  w.Key("description"); WriteTextIndex(w, t, &u.description);
  w.Key("type"); w.Integer(u.type);
  w.Key("kbArticleIds"); WriteTextListIndex(w, t, u.kbArticleIds);
  w.Key("securityBulletinIds"); WriteTextListIndex(w, t, u.securityBulletinIds);
  w.Key("cveIds"); WriteTextListIndex(w, t, u.cveIds);
  w.Key("categories"); WriteCategoriesIndex(w, t, u.categories);
  w.Key("msrcSeverity"); WriteTextIndex(w, t, u.msrcSeverity.empty() ? nullptr : &u.msrcSeverity);
  w.Key("deploymentAction"); w.Integer(u.deploymentAction);
  w.Key("downloadPriority"); w.Integer(u.downloadPriority);
  w.Key("autoSelectOnWebSites"); w.Bool(u.autoSelectOnWebSites);
  w.Key("autoSelection"); w.Integer(u.autoSelection);
  w.Key("autoDownload"); w.Integer(u.autoDownload);
  w.Key("browseOnly"); w.Bool(u.browseOnly);
  w.Key("canRequireSource"); w.Bool(u.canRequireSource);
  w.Key("isBeta"); w.Bool(u.isBeta);
  w.Key("isDownloaded"); w.Bool(u.isDownloaded);
  w.Key("isHidden"); w.Bool(u.isHidden);
  w.Key("isInstalled"); w.Bool(u.isInstalled);
  w.Key("isMandatory"); w.Bool(u.isMandatory);
  w.Key("isPresent"); w.Bool(u.isPresent);
  w.Key("isUninstallable"); w.Bool(u.isUninstallable);
  w.Key("rebootRequired"); w.Bool(u.rebootRequired);
  w.Key("perUser"); w.Bool(u.perUser);
  w.Key("eulaAccepted"); w.Bool(u.eulaAccepted);
  w.Key("eulaText"); WriteTextIndex(w, t, u.eulaText && !u.eulaText->empty() ? &*u.eulaText : nullptr);
  w.Key("deltaCompressedContentAvailable"); w.Bool(u.deltaCompressedContentAvailable);
  w.Key("deltaCompressedContentPreferred"); w.Bool(u.deltaCompressedContentPreferred);
  w.Key("handlerId"); WriteTextIndex(w, t, &u.handlerId);
  w.Key("languages"); WriteTextListIndex(w, t, u.languages);
  w.Key("moreInfoUrls"); WriteTextListIndex(w, t, u.moreInfoUrls);
  w.Key("supportUrl"); WriteTextIndex(w, t, &u.supportUrl);
  w.Key("releaseNotes"); WriteTextIndex(w, t, &u.releaseNotes);
  w.Key("supersededUpdateIds"); WriteList(w, u.supersededUpdateIds, [&](const Text& id) { w.Text(id); });
  w.Key("uninstallationNotes"); WriteTextIndex(w, t, &u.uninstallationNotes);
  w.Key("uninstallationSteps"); WriteTextListIndex(w, t, u.uninstallationSteps);
  w.Key("maxDownloadSize"); w.Number(u.maxDownloadSize);
  w.Key("minDownloadSize"); w.Number(u.minDownloadSize);
  w.Key("recommendedCpuSpeed"); w.Integer(u.recommendedCpuSpeed);
  w.Key("recommendedHardDiskSpace"); w.Integer(u.recommendedHardDiskSpace);
  w.Key("recommendedMemory"); w.Integer(u.recommendedMemory);
  w.Key("deadline"); w.OptionalNumber(u.deadline);
  w.Key("lastDeploymentChangeTime"); w.OptionalNumber(u.lastDeploymentChangeTime);
  w.Key("installationBehavior"); WriteBehaviorIndex(w, t, u.installationBehavior);
  w.Key("uninstallationBehavior");
  u.uninstallationBehavior ? WriteBehaviorIndex(w, t, *u.uninstallationBehavior) : w.Null();
  w.Key("image");
  if (u.image) {
    w.BeginObject();
    w.Key("altText"); w.Text(u.image->altText);
    w.Key("height"); w.Integer(u.image->height);
    w.Key("source"); w.Text(u.image->source);
    w.Key("width"); w.Integer(u.image->width);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("downloadContents");
  WriteList(w, u.downloadContents, [&](const DownloadContentRecord& d) {
    w.BeginObject();
    w.Key("downloadUrl"); w.Text(d.downloadUrl);
    w.Key("isDeltaCompressedBinary"); w.Bool(d.isDeltaCompressedBinary);
    w.EndObject();
  });
  w.Key("bundledUpdates"); WriteList(w, u.bundledUpdates, [&](const UpdateRecord& b) { WriteUpdate(w, b, t); });
  w.Key("driver");
  if (u.driver) {
    w.BeginObject();
    WriteDriverEntryFields(w, u.driver->main);
    w.Key("entries");
    w.BeginArray();
    for (const auto& e : u.driver->entries) {
      w.BeginObject();
      WriteDriverEntryFields(w, e);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndTuple();
}

// Filled once, thread-safely (a function-local static), by writing empty records in recording mode.
const Schema& TheSchema() {
  static const Schema schema = [] {
    Schema recorded;
    std::string scratch;
    JsonWriter w(scratch);
    SearchTables none;
    WriteUpdate(w, UpdateRecord{}, none, &recorded.update);
    WriteCategory(w, CategoryRecord{}, true, &recorded.category);
    return recorded;
  }();
  return schema;
}

void WriteNames(JsonWriter& w, const std::vector<std::string_view>& names) {
  w.BeginArray();
  for (std::string_view name : names) w.Text(name);
  w.EndArray();
}

// The writer is done with `out` (and trims it) before the caller uses it.
void WriteSearch(std::string& out, const SearchRecord& search) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("resultCode"); w.Integer(search.resultCode);
  w.Key("rootCategories");
  w.BeginArray();
  for (const auto& c : search.rootCategories) WriteCategory(w, c);
  w.EndArray();
  w.Key("warnings");
  w.BeginArray();
  for (const auto& warning : search.warnings) {
    w.BeginObject();
    w.Key("hresult"); w.Number(static_cast<uint32_t>(warning.hresult));
    w.Key("message"); w.Text(warning.message);
    w.Key("context"); w.Integer(warning.context);
    if (!warning.updateId.empty()) {
      w.Key("updateId"); w.Text(warning.updateId);
    }
    if (!warning.property.empty()) {
      w.Key("property"); w.Text(std::string_view(warning.property));
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

struct UpdateChunk::Tables : SearchTables {
  std::optional<JsonWriter> writer;  // writing the chunk, from its first update until it is taken
};

UpdateChunk::UpdateChunk() : tables_(std::make_unique<Tables>()) {}
UpdateChunk::~UpdateChunk() = default;

void UpdateChunk::Add(const UpdateRecord& update) {
  if (!tables_->writer) {
    // Chunks of one search are alike in size: starting at the last one's saves the regrowth.
    json_.reserve(lastSize_ + lastSize_ / 4);
    JsonWriter& w = tables_->writer.emplace(json_);
    // {"fields":{"update":[names],"category":[names]},"updates":[tuples], ...the tables (Take)}
    w.BeginObject();
    w.Key("fields");
    w.BeginObject();
    w.Key("update"); WriteNames(w, TheSchema().update.names);
    w.Key("updateTextIndexes"); WriteNames(w, TheSchema().update.textIndexes);
    w.Key("updateTextListIndexes"); WriteNames(w, TheSchema().update.textListIndexes);
    w.Key("category"); WriteNames(w, TheSchema().category.names);
    w.EndObject();
    w.Raw(",\"updates\":[");
  }
  WriteUpdate(*tables_->writer, update, *tables_);  // the writer separates the updates
  ++count_;
}

std::string UpdateChunk::Take() {
  tables_->writer.reset();
  if (count_ == 0) {
    json_.append(
        "{\"fields\":{\"update\":[],\"updateTextIndexes\":[],\"updateTextListIndexes\":[],\"category\":[]},\"updates\":[");
  }
  json_.push_back(']');
  // The tables' entries first seen in this chunk, in the order JS must add them: category lists
  // name categories by index.
  const std::pair<const char*, std::string> fresh[] = {
      {"categories", tables_->categories.TakeFresh()}, {"categoryLists", tables_->categoryLists.TakeFresh()},
      {"behaviors", tables_->behaviors.TakeFresh()},   {"texts", tables_->texts.TakeFresh()},
      {"textLists", tables_->textLists.TakeFresh()}};
  for (const auto& [name, entries] : fresh) json_.append(",\"").append(name).append("\":[").append(entries).push_back(']');
  json_.push_back('}');
  lastSize_ = json_.size();
  count_ = 0;
  std::string out;
  out.swap(json_);
  return out;
}

std::string SearchToJson(const SearchRecord& search) {
  std::string out;
  WriteSearch(out, search);
  return out;
}

}  // namespace wua::napi

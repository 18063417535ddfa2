#include "wire/chunk.h"

#include <deque>
#include <memory_resource>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/intern_table.h"
#include "wire/json_writer.h"
#include "wire/record_fields.h"

namespace wua::wire {

class SearchTables {
  std::pmr::monotonic_buffer_resource arena_;  // first: the tables use it until they are gone

 public:
  InternTable texts{&arena_}, textLists{&arena_};

  // The empty text, which most updates have for several fields, is always the first.
  SearchTables() {
    texts.IndexOf({}, [](JsonWriter& entry) { entry.Text(std::u16string_view()); });
  }

  InternTable& Shared(int id) { return Lazy(shared_[id]); }
  InternTable& SharedLists(int id) { return Lazy(sharedLists_[id]); }
  // Where a record without a key of its own is written to be looked up.
  std::string& Scratch(int id) { return scratch_[id]; }
  // A list's key is the indexes of its items; one buffer per nesting level of lists.
  std::string& ListKey(size_t depth) {
    if (listKeys_.size() <= depth) listKeys_.resize(depth + 1);
    return listKeys_[depth];
  }

  // ,"texts":[..],"textLists":[..],"shared":[[..]..],"sharedLists":[[..]..]}: what JS adds to
  // its tables, in the order it adds them (lists name entries added before them).
  void AppendFresh(std::string& json) {
    json.append(",\"texts\":[").append(texts.TakeFresh());
    json.append("],\"textLists\":[").append(textLists.TakeFresh());
    AppendAll(json, "],\"shared\":[", shared_);
    AppendAll(json, "],\"sharedLists\":[", sharedLists_);
    json.append("]}");
  }

 private:
  InternTable& Lazy(std::unique_ptr<InternTable>& table) {
    if (!table) table = std::make_unique<InternTable>(&arena_);
    return *table;
  }
  static void AppendAll(std::string& json, const char* key, std::unique_ptr<InternTable> (&tables)[kRecordCount]) {
    json.append(key);
    for (int id = 0; id < kRecordCount; ++id) {
      if (id > 0) json.push_back(',');
      json.push_back('[');
      if (tables[id]) json.append(tables[id]->TakeFresh());
      json.push_back(']');
    }
  }

  std::unique_ptr<InternTable> shared_[kRecordCount], sharedLists_[kRecordCount];
  std::string scratch_[kRecordCount];
  std::deque<std::string> listKeys_;  // a deque: a deeper level must not move the buffers of those above
};

namespace {

// Writes a record as a tuple, a JSON array of its fields' values in the table's order: thousands
// of updates as tuples are half the text of the same as objects, so half the writing and parsing.
// One overload per kind; a member of another type than its kind's does not compile.
class RecordWriter {
 public:
  RecordWriter(JsonWriter& w, SearchTables& t, size_t listDepth = 0) : w_(w), t_(t), listDepth_(listDepth) {}

  template <class Record>
  void Tuple(const Record& record) {
    w_.BeginArray();
    Fields<Record>::Each(record, *this);
    w_.EndArray();
  }

  template <class Record>
  void Tuple(const Record& record, uint64_t projection) {
    w_.BeginArray();
    Fields<Record>::EachOf(record, *this, projection);
    w_.EndArray();
  }

  void operator()(kinds::Text, const Text& value) { w_.Text(value); }
  void operator()(kinds::OptionalText, const std::optional<Text>& value) { value ? w_.Text(*value) : w_.Null(); }
  void operator()(kinds::SharedText, const Text& value) { w_.Integer(TextIndex(value)); }
  void operator()(kinds::OptionalSharedText, const std::optional<Text>& value) {
    value && !value->empty() ? w_.Integer(TextIndex(*value)) : w_.Null();
  }
  // Empty lists go as null: JS gives every record the same frozen empty list.
  void operator()(kinds::TextList, const Texts& value) {
    if (value.empty()) return w_.Null();
    w_.BeginArray();
    for (const Text& text : value) w_.Text(text);
    w_.EndArray();
  }
  void operator()(kinds::SharedTextList, const Texts& value) {
    if (value.empty()) return w_.Null();
    std::string& key = ListKeyOf(value, [&](const Text& text) { return TextIndex(text); });
    w_.Integer(t_.textLists.IndexOf(key, [&](JsonWriter& entry) { WriteIndexes(entry, key); }));
  }
  void operator()(kinds::Enum, long value) { w_.Integer(value); }
  void operator()(kinds::Integer, long value) { w_.Integer(value); }
  void operator()(kinds::Number, double value) { w_.Number(value); }
  void operator()(kinds::Bool, bool value) { w_.Bool(value); }
  void operator()(kinds::Date, const std::optional<double>& value) { value ? w_.Number(*value) : w_.Null(); }
  template <class Record>
  void operator()(kinds::Record, const Record& value) {
    Tuple(value);
  }
  template <class Record>
  void operator()(kinds::OptionalRecord, const std::optional<Record>& value) {
    value ? Tuple(*value) : w_.Null();
  }
  template <class Record>
  void operator()(kinds::RecordList, const std::vector<Record>& value) {
    if (value.empty()) return w_.Null();
    w_.BeginArray();
    for (const Record& record : value) Tuple(record);
    w_.EndArray();
  }
  template <class Record>
  void operator()(kinds::SharedRecord, const Record& value) {
    w_.Integer(SharedIndex(value));
  }
  template <class Record>
  void operator()(kinds::OptionalSharedRecord, const std::optional<Record>& value) {
    value ? w_.Integer(SharedIndex(*value)) : w_.Null();
  }
  template <class Record>
  void operator()(kinds::SharedRecordList, const std::vector<Record>& value) {
    if (value.empty()) return w_.Null();
    std::string& key = ListKeyOf(value, [&](const Record& record) { return SharedIndex(record); });
    w_.Integer(t_.SharedLists(Fields<Record>::kId).IndexOf(key, [&](JsonWriter& entry) { WriteIndexes(entry, key); }));
  }
  template <class Kind, class Value>
  void operator()(Kind, const Value&) = delete;

 private:
  long TextIndex(const Text& text) {
    if (text.empty()) return 0;
    return t_.texts.IndexOf(KeyOf(text), [&](JsonWriter& entry) { entry.Text(text); });
  }

  template <class Record>
  long SharedIndex(const Record& record) {
    constexpr int kId = Fields<Record>::kId;
    InternTable& table = t_.Shared(kId);
    if constexpr (SharedKey<Record>::kDefined) {
      return table.IndexOf(SharedKey<Record>::Of(record),
                           [&](JsonWriter& entry) { RecordWriter(entry, t_, listDepth_ + 1).Tuple(record); });
    } else {
      // The record's own tuple is its key, and its entry.
      std::string& scratch = t_.Scratch(kId);
      scratch.clear();
      {
        JsonWriter w(scratch);
        RecordWriter(w, t_, listDepth_ + 1).Tuple(record);
      }
      return table.IndexOf(scratch, [&](JsonWriter& entry) { entry.Raw(scratch); });
    }
  }

  // The indexes of a list's items, four bytes each, as the list's key. The items are looked up
  // first, at a deeper level, so that a list inside an item has a buffer of its own.
  template <class Item, class IndexOfItem>
  std::string& ListKeyOf(const std::vector<Item>& items, IndexOfItem&& indexOf) {
    std::string& key = t_.ListKey(listDepth_);
    key.clear();
    ++listDepth_;
    for (const Item& item : items) {
      const auto index = static_cast<uint32_t>(indexOf(item));
      key.append(reinterpret_cast<const char*>(&index), sizeof index);
    }
    --listDepth_;
    return key;
  }

  static void WriteIndexes(JsonWriter& w, std::string_view key) {
    w.BeginArray();
    for (size_t i = 0; i + sizeof(uint32_t) <= key.size(); i += sizeof(uint32_t)) {
      uint32_t index;
      std::memcpy(&index, key.data() + i, sizeof index);
      w.Integer(static_cast<long>(index));
    }
    w.EndArray();
  }

  JsonWriter& w_;
  SearchTables& t_;
  size_t listDepth_;
};

}  // namespace

template <class Record>
struct Chunk<Record>::State {
  SearchTables tables;
  std::optional<JsonWriter> writer;  // writing the chunk, from its first record until it is taken
};

template <class Record>
Chunk<Record>::Chunk() : state_(std::make_unique<State>()) {}
template <class Record>
Chunk<Record>::~Chunk() = default;

template <class Record>
void Chunk<Record>::Add(const Record& record) {
  if (!state_->writer) {
    // Chunks of one search are alike in size: starting at the last one's saves the regrowth.
    json_.reserve(lastSize_ + lastSize_ / 4);
    json_.append("{\"records\":[");
    state_->writer.emplace(json_);
  }
  RecordWriter writer(*state_->writer, state_->tables);  // the writer separates the records
  if (projection_ == ~uint64_t{0})
    writer.Tuple(record);
  else
    writer.Tuple(record, projection_);
  ++count_;
}

template <class Record>
std::string Chunk<Record>::Take() {
  state_->writer.reset();
  if (count_ == 0) json_.append("{\"records\":[");
  json_.push_back(']');
  state_->tables.AppendFresh(json_);
  lastSize_ = json_.size();
  count_ = 0;
  std::string out;
  out.swap(json_);
  return out;
}

template class Chunk<UpdateRecord>;
template class Chunk<HistoryEntryRecord>;
template class Chunk<ServiceRecord>;
template class Chunk<RegistrationRecord>;

std::string SearchToJson(const SearchRecord& search) {
  SearchTables tables;
  std::string out;
  {
    JsonWriter w(out);
    w.BeginObject();
    w.Key("resultCode");
    w.Integer(search.resultCode);
    w.Key("rootCategories");
    w.BeginArray();
    for (const CategoryRecord& category : search.rootCategories) RecordWriter(w, tables).Tuple(category);
    w.EndArray();
    w.Key("warnings");
    w.BeginArray();
    for (const WarningRecord& warning : search.warnings) {
      w.BeginObject();
      w.Key("hresult");
      w.Number(static_cast<uint32_t>(warning.hresult));
      w.Key("message");
      w.Text(warning.message);
      w.Key("context");
      w.Integer(warning.context);
      if (!warning.updateId.empty()) {
        w.Key("updateId");
        w.Text(warning.updateId);
      }
      if (!warning.property.empty()) {
        w.Key("property");
        w.Ascii(warning.property);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  // The tables of what rootCategories may share, as a chunk carries them: the closing brace is theirs.
  tables.AppendFresh(out);
  return out;
}

std::string HistoryPageToJson(const HistoryPageRecord& page) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("total");
  w.Integer(page.total);
  w.Key("count");
  w.Integer(page.count);
  w.Key("aborted");
  w.Bool(page.aborted);
  w.EndObject();
  return out;
}

}  // namespace wua::wire

#include "napi/records_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace wua::napi {

namespace {

// The field names of a record written as a tuple (a JSON array of its values), in writing order.
// Thousands of updates as tuples are half the text of the same as objects, so half the writing
// and parsing; the names travel once per chunk.
struct TupleFields {
  std::vector<std::string_view> names;
};

// Writes JSON as Latin-1 bytes: V8 keeps such text as a one-byte string, which is half the copy
// and parses faster than UTF-16. Characters beyond Latin-1 are written as \u escapes, which
// JSON.parse turns back into themselves.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void Key(std::string_view name) {
    if (!frames_.empty() && frames_.back().tuple) {
      if (frames_.back().recordInto) frames_.back().recordInto->names.push_back(name);
      return;
    }
    Separator();
    out_.push_back('"');
    out_.append(name);
    out_.append("\":");
    first_ = true;  // the value that follows needs no comma
  }
  void Text(std::u16string_view text) {
    Separator();
    const size_t start = out_.size();
    out_.resize(start + text.size() + 2);
    char* next = &out_[start];
    *next++ = '"';
    for (size_t i = 0; i < text.size(); ++i) {
      const char16_t c = text[i];
      if (c >= 0x20 && c <= 0xFF && c != u'"' && c != u'\\') {
        *next++ = static_cast<char>(c);
        continue;
      }
      // The rare character that needs more than one byte: finish in the slow way.
      out_.resize(next - out_.data());
      for (; i < text.size(); ++i) Character(text[i]);
      out_.push_back('"');
      return;
    }
    *next++ = '"';
    out_.resize(next - out_.data());
  }
  void Text(std::string_view ascii) {
    Separator();
    out_.push_back('"');
    out_.append(ascii);
    out_.push_back('"');
  }
  // std::to_chars rather than snprintf: a search writes hundreds of thousands of numbers.
  void Number(double value) {
    Separator();
    if (!std::isfinite(value)) {
      out_.append("null");
      return;
    }
    char text[32];
    const bool integral = value == std::floor(value) && std::fabs(value) < 9.007199254740992e15;
    const auto written = integral ? std::to_chars(text, text + sizeof text, static_cast<long long>(value))
                                  : std::to_chars(text, text + sizeof text, value);
    out_.append(text, written.ptr);
  }
  void Integer(long value) {
    Separator();
    if (value >= 0 && value < 10) {
      out_.push_back(static_cast<char>('0' + value));
      return;
    }
    char text[16];
    out_.append(text, std::to_chars(text, text + sizeof text, value).ptr);
  }
  void Bool(bool value) {
    Separator();
    out_.append(value ? "true" : "false");
  }
  void Null() {
    Separator();
    out_.append("null");
  }
  void BeginObject() {
    Open('{');
    frames_.push_back({});
  }
  void EndObject() {
    Close('}');
    frames_.pop_back();
  }
  // A record as a tuple: its keys are left out, or only noted in `recordInto`.
  void BeginTuple(TupleFields* recordInto = nullptr) {
    Open('[');
    frames_.push_back({true, recordInto});
  }
  void EndTuple() {
    Close(']');
    frames_.pop_back();
  }
  void BeginArray() {
    Open('[');
    frames_.push_back({});
  }
  void EndArray() {
    Close(']');
    frames_.pop_back();
  }

  void Texts(const std::vector<std::u16string>& texts) {
    BeginArray();
    for (const auto& text : texts) Text(text);
    EndArray();
  }
  void OptionalNumber(const std::optional<double>& value) { value ? Number(*value) : Null(); }

 private:
  void Character(char16_t c) {
    switch (c) {
      case u'"': out_.append("\\\""); return;
      case u'\\': out_.append("\\\\"); return;
      case u'\n': out_.append("\\n"); return;
      case u'\r': out_.append("\\r"); return;
      case u'\t': out_.append("\\t"); return;
      default:
        if (c >= 0x20 && c <= 0xFF) {
          out_.push_back(static_cast<char>(c));
        } else {
          char escaped[8];
          const int length = std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out_.append(escaped, length);
        }
    }
  }
  void Separator() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  void Open(char bracket) {
    Separator();
    out_.push_back(bracket);
    first_ = true;
  }
  void Close(char bracket) {
    out_.push_back(bracket);
    first_ = false;
  }

  struct Frame {
    bool tuple = false;                 // false: a keyed object or an array
    TupleFields* recordInto = nullptr;  // set while the schema is being filled
  };

  std::string& out_;
  bool first_ = true;
  std::vector<Frame> frames_;
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

// An update's categories are written as their IDs; each category's own record goes once per
// search, into the chunk where it first appears (`firstSeen`).
struct CategoriesSent {
  std::unordered_set<std::u16string> ids;
  std::vector<CategoryRecord> firstSeen;  // since the last chunk was taken
};

void WriteUpdate(JsonWriter& w, const UpdateRecord& u, CategoriesSent& sent, TupleFields* recordInto = nullptr) {
  w.BeginTuple(recordInto);
  w.Key("identity");
  w.BeginObject();
  w.Key("updateId"); w.Text(u.identity.updateId);
  w.Key("revisionNumber"); w.Integer(u.identity.revisionNumber);
  w.EndObject();
  w.Key("title"); w.Text(u.title);
  w.Key("description"); w.Text(u.description);
  w.Key("type"); w.Integer(u.type);
  w.Key("kbArticleIds"); w.Texts(u.kbArticleIds);
  w.Key("securityBulletinIds"); w.Texts(u.securityBulletinIds);
  w.Key("cveIds"); w.Texts(u.cveIds);
  w.Key("categories");
  w.BeginArray();
  for (const auto& c : u.categories) {
    w.Text(c.categoryId);
    if (sent.ids.insert(c.categoryId).second) sent.firstSeen.push_back(c);
  }
  w.EndArray();
  w.Key("msrcSeverity"); u.msrcSeverity.empty() ? w.Null() : w.Text(u.msrcSeverity);
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
  w.Key("eulaText"); u.eulaText && !u.eulaText->empty() ? w.Text(*u.eulaText) : w.Null();
  w.Key("deltaCompressedContentAvailable"); w.Bool(u.deltaCompressedContentAvailable);
  w.Key("deltaCompressedContentPreferred"); w.Bool(u.deltaCompressedContentPreferred);
  w.Key("handlerId"); w.Text(u.handlerId);
  w.Key("languages"); w.Texts(u.languages);
  w.Key("moreInfoUrls"); w.Texts(u.moreInfoUrls);
  w.Key("supportUrl"); w.Text(u.supportUrl);
  w.Key("releaseNotes"); w.Text(u.releaseNotes);
  w.Key("supersededUpdateIds"); w.Texts(u.supersededUpdateIds);
  w.Key("uninstallationNotes"); w.Text(u.uninstallationNotes);
  w.Key("uninstallationSteps"); w.Texts(u.uninstallationSteps);
  w.Key("maxDownloadSize"); w.Number(u.maxDownloadSize);
  w.Key("minDownloadSize"); w.Number(u.minDownloadSize);
  w.Key("recommendedCpuSpeed"); w.Integer(u.recommendedCpuSpeed);
  w.Key("recommendedHardDiskSpace"); w.Integer(u.recommendedHardDiskSpace);
  w.Key("recommendedMemory"); w.Integer(u.recommendedMemory);
  w.Key("deadline"); w.OptionalNumber(u.deadline);
  w.Key("lastDeploymentChangeTime"); w.OptionalNumber(u.lastDeploymentChangeTime);
  w.Key("installationBehavior"); WriteBehavior(w, u.installationBehavior);
  w.Key("uninstallationBehavior");
  u.uninstallationBehavior ? WriteBehavior(w, *u.uninstallationBehavior) : w.Null();
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
  w.BeginArray();
  for (const auto& d : u.downloadContents) {
    w.BeginObject();
    w.Key("downloadUrl"); w.Text(d.downloadUrl);
    w.Key("isDeltaCompressedBinary"); w.Bool(d.isDeltaCompressedBinary);
    w.EndObject();
  }
  w.EndArray();
  w.Key("bundledUpdates");
  w.BeginArray();
  for (const auto& b : u.bundledUpdates) WriteUpdate(w, b, sent);
  w.EndArray();
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
    CategoriesSent none;
    WriteUpdate(w, UpdateRecord{}, none, &recorded.update);
    WriteCategory(w, CategoryRecord{}, true, &recorded.category);
    return recorded;
  }();
  return schema;
}

void WriteNames(JsonWriter& w, const TupleFields& fields) {
  w.BeginArray();
  for (std::string_view name : fields.names) w.Text(name);
  w.EndArray();
}

}  // namespace

struct UpdateChunk::Categories : CategoriesSent {};

UpdateChunk::UpdateChunk() : categories_(std::make_unique<Categories>()) {}
UpdateChunk::~UpdateChunk() = default;

void UpdateChunk::Add(const UpdateRecord& update) {
  if (count_ == 0) {
    // Chunks of one search are alike in size: starting at the last one's saves the regrowth.
    json_.reserve(lastSize_ + lastSize_ / 4);
    // {"fields":{"update":[names],"category":[names]},"updates":[tuples],"categories":[tuples]}
    JsonWriter w(json_);
    w.BeginObject();
    w.Key("fields");
    w.BeginObject();
    w.Key("update"); WriteNames(w, TheSchema().update);
    w.Key("category"); WriteNames(w, TheSchema().category);
    w.EndObject();
    json_.append(",\"updates\":[");
  } else {
    json_.push_back(',');
  }
  JsonWriter w(json_);
  WriteUpdate(w, update, *categories_);
  ++count_;
}

std::string UpdateChunk::Take() {
  if (count_ == 0) return "{\"fields\":{\"update\":[],\"category\":[]},\"updates\":[],\"categories\":[]}";
  json_.append("],\"categories\":[");
  {
    JsonWriter w(json_);
    for (const CategoryRecord& category : categories_->firstSeen) WriteCategory(w, category, true);
  }
  categories_->firstSeen.clear();
  json_.append("]}");
  lastSize_ = json_.size();
  count_ = 0;
  std::string out;
  out.swap(json_);
  return out;
}

std::string SearchToJson(const SearchRecord& search) {
  std::string out;
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
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace wua::napi

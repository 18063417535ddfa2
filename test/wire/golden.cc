// Writes the golden chunks of the codec's tests with the addon's own writer: a search of fixture
// updates that covers every kind of field and character, in chunks of two so that values are
// shared across chunks. Usage: golden.exe <directory>. Writes chunk-<n>.json, result.json and
// expected.json, the same updates and result as plain keyed JSON (every value as the table
// holds it, nothing shared), which the tests decode the slow, obvious way to compare; and the
// same for a page of the history: history-<n>.json, history-page.json, history-expected.json.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "wire/chunk.h"
#include "wire/json_writer.h"
#include "wire/record_fields.h"

namespace {

using namespace wua;
using wire::JsonWriter;
namespace kinds = wire::kinds;

// Every record as an object of its fields, by the table.
class KeyedWriter {
 public:
  explicit KeyedWriter(JsonWriter& w) : w_(w) {}

  template <class Record>
  void Object(const Record& record) {
    w_.BeginObject();
    wire::Fields<Record>::EachNamed(record, *this);
    w_.EndObject();
  }
  template <class Kind, class Value>
  void operator()(const char* name, Kind, const Value& value) {
    w_.Key(name);
    Value_(value);
  }

 private:
  void Value_(const Text& value) { w_.Text(value); }
  void Value_(long value) { w_.Integer(value); }
  void Value_(double value) { w_.Number(value); }
  void Value_(bool value) { w_.Bool(value); }
  template <class Item>
  void Value_(const std::optional<Item>& value) {
    if (value)
      Value_(*value);
    else
      w_.Null();
  }
  template <class Item>
  void Value_(const std::vector<Item>& items) {
    w_.BeginArray();
    for (const Item& item : items) Value_(item);
    w_.EndArray();
  }
  template <class Record, class = decltype(wire::Fields<Record>::kId)>
  void Value_(const Record& record) {
    Object(record);
  }

  JsonWriter& w_;
};

void WriteFile(const std::string& path, const std::string& text) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw std::runtime_error("cannot write " + path);
  std::fwrite(text.data(), 1, text.size(), file);
  std::fclose(file);
}

CategoryRecord Category(const char16_t* id, const char16_t* name, std::optional<Text> parent) {
  CategoryRecord category;
  category.categoryId = id;
  category.name = name;
  category.type = u"UpdateClassification";
  category.description = u"Updates of the kind \"" + Text(name) + u"\"";
  category.order = 3;
  category.parentId = std::move(parent);
  return category;
}

std::vector<UpdateRecord> Fixture() {
  const CategoryRecord security = Category(u"0fa1201d-4330-4fa8-8ae9-b877473b6441", u"Security Updates", std::nullopt);
  const CategoryRecord product = Category(u"a3c2375d-0c8a-42f9-bce0-28333e198407", u"Windows 10", u"6964aab4-c5b5-43bd-a17d-ffb4346a8e1d");
  std::vector<UpdateRecord> updates(7);
  for (size_t i = 0; i < updates.size(); ++i) {
    UpdateRecord& u = updates[i];
    const std::string n = std::to_string(i);
    const Text number(n.begin(), n.end());
    u.identity.updateId = u"00000000-0000-4000-8000-00000000000" + number;
    u.identity.revisionNumber = 200 + static_cast<long>(i);
    u.title = u"Update " + number;
    u.description = i % 2 ? u"Fixes things" : u"Fixes other things";  // shared, across chunks
    u.type = i == 3 ? 2 : 1;
    u.kbArticleIds = {u"50" + number};
    u.cveIds = i % 3 == 0 ? Texts{u"CVE-2026-0001", u"CVE-2026-0002"} : Texts{};
    u.languages = i % 2 ? Texts{u"en-US"} : Texts{u"en-US", u"de-DE"};
    u.categories = i % 2 ? std::vector<CategoryRecord>{security} : std::vector<CategoryRecord>{security, product};
    if (i % 3 == 1)
      u.msrcSeverity = u"Critical";
    else if (i % 3 == 2)
      u.msrcSeverity = u"";  // empty: null, as absent
    u.deploymentAction = 1;
    u.downloadPriority = 2 + static_cast<long>(i % 3);
    u.autoSelection = static_cast<long>(i % 4);
    u.autoDownload = static_cast<long>(i % 3);
    u.isBeta = i == 4;
    u.isInstalled = i % 2 == 1;
    u.isUninstallable = i % 2 == 1;
    u.eulaAccepted = i != 5;
    if (i == 5) u.eulaText = u"License terms\r\n\tof \"Update 5\"";
    if (i == 6) u.eulaText = u"";  // present but empty: null
    u.handlerId = u"http://schemas.microsoft.com/msus/2002/12/UpdateHandlers/CBS";
    u.moreInfoUrls = {u"https://support.example/help/" + number};
    u.supportUrl = u"https://support.example/help";
    u.supersededUpdateIds = i == 2 ? Texts{u"00000000-0000-4000-8000-0000000000aa"} : Texts{};
    u.uninstallationSteps = i % 2 ? Texts{u"Step one", u"Step two"} : Texts{};
    u.maxDownloadSize = i == 0 ? 5368709120.0 : 1.5 * static_cast<double>(i);
    u.minDownloadSize = 0;
    u.recommendedCpuSpeed = i == 1 ? -1 : 2400;
    u.recommendedHardDiskSpace = 1024;
    u.recommendedMemory = 4096;
    if (i % 2 == 0) u.deadline = 46357.5;  // 2026-12-01T12:00:00Z
    u.lastDeploymentChangeTime = 46300.25;
    u.installationBehavior.rebootBehavior = i % 2 ? 1 : 0;
    u.installationBehavior.impact = i == 4 ? 2 : 0;
    u.installationBehavior.canRequestUserInput = i == 4;
    if (i % 2) u.uninstallationBehavior = u.installationBehavior;
    if (i == 2) u.image = ImageRecord{u"logo", 32, u"https://example.test/logo.png", 48};
    if (i != 3) u.downloadContents = {DownloadContentRecord{u"https://download.example/" + number + u".cab", i == 1}};
  }
  // Every kind of character: quotes, backslashes, controls, NUL, Latin-1, beyond Latin-1 and a
  // character outside the BMP (a surrogate pair).
  updates[0].title = Text(u"Quote \" backslash \\ slash / tab \t newline \n return \r bell \a nul ") + char16_t(0) +
                     u" caf\u00e9 \u00ff \u20ac \u4e2d \U0001F600 end";
  updates[0].releaseNotes = u"Plain Latin-1: \u00e0 la carte, \u00bd";
  updates[1].releaseNotes = updates[0].releaseNotes;
  // A driver, with two devices.
  DriverRecord& driver = updates[3].driver.emplace();
  driver.driverClass = u"Display";
  driver.hardwareId = u"PCI\\VEN_8086&DEV_3E92";
  driver.manufacturer = u"Intel";
  driver.model = u"UHD Graphics 630";
  driver.provider = u"Intel";
  driver.verDate = 45000.0;
  driver.entries.resize(2);
  for (size_t e = 0; e < driver.entries.size(); ++e) {
    DriverEntryRecord& entry = driver.entries[e];
    entry.driverClass = driver.driverClass;
    entry.hardwareId = e ? u"PCI\\VEN_8086&DEV_3E91" : driver.hardwareId;
    entry.manufacturer = driver.manufacturer;
    entry.model = driver.model;
    entry.provider = driver.provider;
    if (e == 0) entry.verDate = driver.verDate;
    entry.deviceProblemNumber = static_cast<long>(e) * 28;
    entry.deviceStatus = 0x0180200A;
  }
  // A bundle: its bundled update is a whole update of its own, sharing the search's tables.
  updates[4].bundledUpdates.push_back(updates[6]);
  updates[4].bundledUpdates[0].identity.updateId = u"00000000-0000-4000-8000-0000000000bb";
  return updates;
}

// A page of the history: texts that repeat across entries (clients, services, descriptions,
// links), categories shared with each other, an unsigned HRESULT with the failure bit, and an
// entry without categories (an agent without IUpdateHistoryEntry2).
std::vector<HistoryEntryRecord> HistoryFixture() {
  const CategoryRecord security = Category(u"0fa1201d-4330-4fa8-8ae9-b877473b6441", u"Security Updates", std::nullopt);
  std::vector<HistoryEntryRecord> entries(5);
  for (size_t i = 0; i < entries.size(); ++i) {
    HistoryEntryRecord& e = entries[i];
    const std::string n = std::to_string(i);
    const Text number(n.begin(), n.end());
    e.operation = i == 3 ? 2 : 1;
    e.resultCode = i == 1 ? 4 : 2;
    e.hresult = i == 1 ? 2147944003.0 : 0;  // 0x80070643, unsigned
    e.unmappedResultCode = i == 1 ? 2147944018.0 : 0;
    e.date = 46338.0 - static_cast<double>(i) / 24;  // 2026-11-12T00:00:00Z, an hour apart
    e.identity.updateId = u"00000000-0000-4000-8000-00000000010" + number;
    e.identity.revisionNumber = 200 + static_cast<long>(i);
    e.title = u"History entry " + number + u" (KB50" + number + u")";
    e.description = i % 2 ? u"Fixes things" : u"Fixes other things";
    e.clientApplicationId = i % 2 ? u"UpdateOrchestrator" : u"wua";
    e.serverSelection = i == 4 ? 3 : 2;
    e.serviceId = u"9482f4b4-e343-43b6-b170-9a65bc822c77";
    e.supportUrl = u"https://support.example/help";
    e.uninstallationNotes = i == 3 ? u"Restart after removing it." : u"";
    e.uninstallationSteps = i == 3 ? Texts{u"Step one", u"Step two"} : Texts{};
    if (i != 2) e.categories = {security};
  }
  entries[0].title = u"Caf\u00e9 \u20ac \"quoted\" (KB500)";
  return entries;
}

SearchRecord Result() {
  SearchRecord search;
  search.resultCode = 3;
  search.rootCategories = {Category(u"6964aab4-c5b5-43bd-a17d-ffb4346a8e1d", u"Windows", std::nullopt)};
  WarningRecord agent;
  agent.hresult = static_cast<long>(0x80244010);
  agent.message = u"Zeitlimit \u00fcberschritten \u2013 retry";
  agent.context = 1;
  WarningRecord own;
  own.hresult = static_cast<long>(0x80240FFF);
  own.message = u"update 00000000-0000-4000-8000-0000000000cc was left out";
  own.updateId = u"00000000-0000-4000-8000-0000000000cc";
  own.property = "IUpdate::Title";
  search.warnings = {agent, own};
  return search;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: golden <directory>\n");
    return 2;
  }
  const std::string dir = argv[1];
  try {
    const std::vector<UpdateRecord> updates = Fixture();
    wire::UpdateChunk chunk;
    int written = 0;
    for (const UpdateRecord& update : updates) {
      chunk.Add(update);
      if (chunk.Count() == 2) WriteFile(dir + "/chunk-" + std::to_string(++written) + ".json", chunk.Take());
    }
    if (chunk.Count() > 0) WriteFile(dir + "/chunk-" + std::to_string(++written) + ".json", chunk.Take());
    const SearchRecord search = Result();
    WriteFile(dir + "/result.json", wire::SearchToJson(search));
    std::string expected;
    {
      JsonWriter w(expected);
      KeyedWriter keyed(w);
      w.BeginObject();
      w.Key("updates");
      w.BeginArray();
      for (const UpdateRecord& update : updates) keyed.Object(update);
      w.EndArray();
      w.Key("rootCategories");
      w.BeginArray();
      for (const CategoryRecord& category : search.rootCategories) keyed.Object(category);
      w.EndArray();
      w.EndObject();
    }
    WriteFile(dir + "/expected.json", expected + "\n");
    // A page of the history, in chunks of two as well, then the page's own result.
    const std::vector<HistoryEntryRecord> history = HistoryFixture();
    wire::HistoryChunk historyChunk;
    int historyWritten = 0;
    for (const HistoryEntryRecord& entry : history) {
      historyChunk.Add(entry);
      if (historyChunk.Count() == 2) WriteFile(dir + "/history-" + std::to_string(++historyWritten) + ".json", historyChunk.Take());
    }
    if (historyChunk.Count() > 0) WriteFile(dir + "/history-" + std::to_string(++historyWritten) + ".json", historyChunk.Take());
    HistoryPageRecord page;
    page.total = 12;
    page.count = static_cast<long>(history.size());
    WriteFile(dir + "/history-page.json", wire::HistoryPageToJson(page));
    std::string historyExpected;
    {
      JsonWriter w(historyExpected);
      KeyedWriter keyed(w);
      w.BeginArray();
      for (const HistoryEntryRecord& entry : history) keyed.Object(entry);
      w.EndArray();
    }
    WriteFile(dir + "/history-expected.json", historyExpected + "\n");
    std::printf("%d chunks\n", written);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}

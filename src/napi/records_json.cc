#include "napi/records_json.h"

#include <cmath>
#include <cstdio>

namespace wua::napi {

namespace {

class JsonWriter {
 public:
  explicit JsonWriter(std::u16string& out) : out_(out) {}

  void Raw(const char* text) {
    while (*text) out_.push_back(static_cast<char16_t>(*text++));
  }
  void Key(const char* name) {
    Separator();
    out_.push_back(u'"');
    Raw(name);
    out_.append(u"\":");
    first_ = true;  // the value that follows needs no comma
  }
  void Text(const std::u16string& text) {
    Separator();
    out_.push_back(u'"');
    for (char16_t c : text) {
      switch (c) {
        case u'"': out_.append(u"\\\""); break;
        case u'\\': out_.append(u"\\\\"); break;
        case u'\n': out_.append(u"\\n"); break;
        case u'\r': out_.append(u"\\r"); break;
        case u'\t': out_.append(u"\\t"); break;
        default:
          if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            Raw(escaped);
          } else {
            out_.push_back(c);
          }
      }
    }
    out_.push_back(u'"');
  }
  void Number(double value) {
    Separator();
    if (!std::isfinite(value)) {
      Raw("null");
      return;
    }
    char text[32];
    if (value == std::floor(value) && std::fabs(value) < 9.007199254740992e15) {
      std::snprintf(text, sizeof text, "%.0f", value);
    } else {
      std::snprintf(text, sizeof text, "%.17g", value);
    }
    Raw(text);
  }
  void Bool(bool value) {
    Separator();
    Raw(value ? "true" : "false");
  }
  void Null() {
    Separator();
    Raw("null");
  }
  void BeginObject() { Open(u'{'); }
  void EndObject() { Close(u'}'); }
  void BeginArray() { Open(u'['); }
  void EndArray() { Close(u']'); }

  void Texts(const std::vector<std::u16string>& texts) {
    BeginArray();
    for (const auto& text : texts) Text(text);
    EndArray();
  }
  void OptionalNumber(const std::optional<double>& value) { value ? Number(*value) : Null(); }

 private:
  void Separator() {
    if (!first_) out_.push_back(u',');
    first_ = false;
  }
  void Open(char16_t bracket) {
    Separator();
    out_.push_back(bracket);
    first_ = true;
  }
  void Close(char16_t bracket) {
    out_.push_back(bracket);
    first_ = false;
  }

  std::u16string& out_;
  bool first_ = true;
};

void WriteCategory(JsonWriter& w, const CategoryRecord& c) {
  w.BeginObject();
  w.Key("categoryId"); w.Text(c.categoryId);
  w.Key("name"); w.Text(c.name);
  w.Key("type"); w.Text(c.type);
  w.Key("description"); w.Text(c.description);
  w.Key("order"); w.Number(c.order);
  w.Key("parentId"); c.parentId ? w.Text(*c.parentId) : w.Null();
  w.EndObject();
}

void WriteBehavior(JsonWriter& w, const BehaviorRecord& b) {
  w.BeginObject();
  w.Key("canRequestUserInput"); w.Bool(b.canRequestUserInput);
  w.Key("impact"); w.Number(b.impact);
  w.Key("rebootBehavior"); w.Number(b.rebootBehavior);
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
  w.Key("deviceProblemNumber"); w.Number(d.deviceProblemNumber);
  w.Key("deviceStatus"); w.Number(d.deviceStatus);
}

void WriteUpdate(JsonWriter& w, const UpdateRecord& u) {
  w.BeginObject();
  w.Key("identity");
  w.BeginObject();
  w.Key("updateId"); w.Text(u.identity.updateId);
  w.Key("revisionNumber"); w.Number(u.identity.revisionNumber);
  w.EndObject();
  w.Key("title"); w.Text(u.title);
  w.Key("description"); w.Text(u.description);
  w.Key("type"); w.Number(u.type);
  w.Key("kbArticleIds"); w.Texts(u.kbArticleIds);
  w.Key("securityBulletinIds"); w.Texts(u.securityBulletinIds);
  w.Key("cveIds"); w.Texts(u.cveIds);
  w.Key("categories");
  w.BeginArray();
  for (const auto& c : u.categories) WriteCategory(w, c);
  w.EndArray();
  w.Key("msrcSeverity"); u.msrcSeverity.empty() ? w.Null() : w.Text(u.msrcSeverity);
  w.Key("deploymentAction"); w.Number(u.deploymentAction);
  w.Key("downloadPriority"); w.Number(u.downloadPriority);
  w.Key("autoSelectOnWebSites"); w.Bool(u.autoSelectOnWebSites);
  w.Key("autoSelection"); w.Number(u.autoSelection);
  w.Key("autoDownload"); w.Number(u.autoDownload);
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
  w.Key("recommendedCpuSpeed"); w.Number(u.recommendedCpuSpeed);
  w.Key("recommendedHardDiskSpace"); w.Number(u.recommendedHardDiskSpace);
  w.Key("recommendedMemory"); w.Number(u.recommendedMemory);
  w.Key("deadline"); w.OptionalNumber(u.deadline);
  w.Key("lastDeploymentChangeTime"); w.OptionalNumber(u.lastDeploymentChangeTime);
  w.Key("installationBehavior"); WriteBehavior(w, u.installationBehavior);
  w.Key("uninstallationBehavior");
  u.uninstallationBehavior ? WriteBehavior(w, *u.uninstallationBehavior) : w.Null();
  w.Key("image");
  if (u.image) {
    w.BeginObject();
    w.Key("altText"); w.Text(u.image->altText);
    w.Key("height"); w.Number(u.image->height);
    w.Key("source"); w.Text(u.image->source);
    w.Key("width"); w.Number(u.image->width);
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
  for (const auto& b : u.bundledUpdates) WriteUpdate(w, b);
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
  w.EndObject();
}

}  // namespace

std::u16string SearchToJson(const SearchRecord& search) {
  std::u16string out;
  out.reserve(2048 + search.updates.size() * 2048);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("resultCode"); w.Number(search.resultCode);
  w.Key("updates");
  w.BeginArray();
  for (const auto& u : search.updates) WriteUpdate(w, u);
  w.EndArray();
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
    w.Key("context"); w.Number(warning.context);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace wua::napi

#include "scenario.h"

#include <algorithm>
#include <cwctype>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "dates.h"
#include "json.h"
#include "members.h"
#include "wua/ids.h"

namespace sim {

namespace {

using json::Reader;

std::u16string Guid(const Reader& field) {
  std::u16string text = field.String16();
  if (!wua::IsGuidText(text)) field.Fail("expected a GUID like '0fa1201d-4330-4fa8-8ae9-b877473b6441'");
  return wua::NormalizeId(std::move(text));
}

Strings Strings16(const Reader& field) {
  Strings out;
  if (field.IsNull()) return out;
  for (size_t i = 0; i < field.Size(); ++i) out.push_back(field.Item(i).String16());
  return out;
}

Strings Guids(const Reader& field) {
  Strings out;
  if (field.IsNull()) return out;
  for (size_t i = 0; i < field.Size(); ++i) out.push_back(Guid(field.Item(i)));
  return out;
}

std::u16string Text(const Reader& field) { return field.IsNull() ? u"" : field.String16(); }

// Dates are ISO 8601 UTC strings in the file and OLE Automation DATEs in the agent.
double Date(const Reader& field) {
  double date = 0;
  if (!ParseIsoDate(field.String(), &date)) field.Fail("expected an ISO 8601 date like '2026-11-10T17:00:00Z'");
  return date;
}

std::optional<double> OptionalDate(const Reader& field) {
  if (field.IsNull()) return std::nullopt;
  return Date(field);
}

}  // namespace

// An HRESULT is written as a number or as a hexadecimal string ("0x8024001E").
HRESULT ReadHresult(const Reader& field) {
  if (field.IsNull()) return S_OK;
  int64_t value = 0;
  try {
    value = field.Integer();
  } catch (const json::SchemaError&) {
    const std::string text = field.String();
    size_t used = 0;
    try {
      if (text.rfind("0x", 0) == 0 || text.rfind("0X", 0) == 0) value = std::stoll(text.substr(2), &used, 16), used += 2;
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text.size()) field.Fail("expected an HRESULT as a number or a hexadecimal string like '0x8024001E'");
  }
  if (value < INT32_MIN || value > UINT32_MAX) field.Fail("is out of range for an HRESULT");
  return static_cast<HRESULT>(static_cast<uint32_t>(value));
}

namespace {

OperationResultCode ResultCode(const Reader& field) {
  return field.OneOf<OperationResultCode>({{"notStarted", orcNotStarted},
                                           {"inProgress", orcInProgress},
                                           {"succeeded", orcSucceeded},
                                           {"succeededWithErrors", orcSucceededWithErrors},
                                           {"failed", orcFailed},
                                           {"aborted", orcAborted}});
}

// A member name in a fault, delay or denial must be one the simulator checks there (members.h):
// a name nothing checks would pass silently for a fault that never happens.
void CheckMember(const Reader& field, const std::string& name, std::initializer_list<MemberKind> kinds) {
  const auto allowed = [&](MemberKind kind) { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); };
  if (const Member* member = FindMember(name)) {
    if (allowed(member->kind)) return;
    if (member->kind == MemberKind::kCall) field.Fail("is a call, not a getter of an update: name it in agent.faults");
    if (member->kind == MemberKind::kDriverGetter && allowed(MemberKind::kUpdateGetter)) {
      field.Fail("only a driver update (type 'driver') has this member");
    }
    field.Fail("is a getter of an update: name it in that update's 'faults'");
  }
  std::vector<std::string_view> names;
  for (const Member& member : kMembers) {
    if (allowed(member.kind)) names.push_back(member.name);
  }
  const std::optional<std::string_view> closest = json::ClosestOf(name, names);
  field.Fail(closest ? "names no member the simulator checks here (did you mean '" + std::string(*closest) + "'?)"
                     : std::string("names no member the simulator checks here"));
}

// Member -> failure HRESULT, for agent.faults and an update's faults.
void ReadFaults(const Reader& field, std::initializer_list<MemberKind> kinds, FaultMap* out) {
  if (!field.IsObject()) field.Fail("expected an object of member names and HRESULTs");
  for (const std::string& member : field.Keys()) {
    CheckMember(field.Field(member), member, kinds);
    const HRESULT hr = ReadHresult(field.Field(member));
    if (SUCCEEDED(hr)) field.Field(member).Fail("a fault must be a failure HRESULT");
    (*out)[member] = hr;
  }
}

// What a bundle's children imply for the bundle, which has no installer of its own ("Bundles are
// used only as containers for other updates. They cannot have applicability rules or update
// binaries themselves": Microsoft, WSUS SDK, "Relationships Among Updates", MSDN bb902491). The
// bundle is exclusive if a child is, since installing it installs that child in the same call
// (InstallationImpact: an exclusive update "cannot be installed in the same IUpdateInstaller::
// Install or IUpdateInstaller::BeginInstall call as any other update"); minor only if every child
// is; its reboot behaviour is the strongest of theirs, since WSUS lets a child's reboot wait
// until "after installing or uninstalling other updates in the update bundle" (WSUS SDK,
// RebootBehavior enumeration, MSDN ms752755); it can ask for input or need the network if any
// child can.
InstallationBehaviorData Combine(const std::vector<InstallationBehaviorData>& children) {
  InstallationBehaviorData out;
  bool allMinor = !children.empty();
  for (const InstallationBehaviorData& child : children) {
    out.canRequestUserInput = out.canRequestUserInput || child.canRequestUserInput;
    out.requiresNetworkConnectivity = out.requiresNetworkConnectivity || child.requiresNetworkConnectivity;
    if (child.impact == iiRequiresExclusiveHandling) out.impact = iiRequiresExclusiveHandling;
    allMinor = allMinor && child.impact == iiMinor;
    if (child.rebootBehavior == irbAlwaysRequiresReboot ||
        (child.rebootBehavior == irbCanRequestReboot && out.rebootBehavior == irbNeverReboots)) {
      out.rebootBehavior = child.rebootBehavior;
    }
  }
  if (out.impact != iiRequiresExclusiveHandling) out.impact = allMinor ? iiMinor : iiNormal;
  return out;
}

#define BEHAVIOR_KEYS \
  "durationMs", "progressSteps", "resultCode", "hresult", "failCall", "hangUntilAbort", "disconnectAtPercent", "rebootRequired", "wedged"

Behavior ReadBehaviorFields(const Reader& field) {
  Behavior behavior;
  behavior.durationMs = static_cast<int>(field.Field("durationMs").Integer(0));
  behavior.progressSteps = static_cast<int>(field.Field("progressSteps").Integer(4));
  if (behavior.durationMs < 0) field.Field("durationMs").Fail("must not be negative");
  if (behavior.progressSteps < 1 || behavior.progressSteps > 1000) field.Field("progressSteps").Fail("must be from 1 to 1000");
  behavior.hresult = ReadHresult(field.Field("hresult"));
  behavior.failCall = field.Field("failCall").Bool(false);
  if (!field.Field("resultCode").IsNull()) {
    behavior.resultCode = ResultCode(field.Field("resultCode"));
  } else if (FAILED(behavior.hresult) && !behavior.failCall) {
    behavior.resultCode = orcFailed;
  }
  if (behavior.failCall && SUCCEEDED(behavior.hresult)) field.Field("hresult").Fail("failCall needs a failure HRESULT");
  behavior.hangUntilAbort = field.Field("hangUntilAbort").Bool(false);
  behavior.wedged = field.Field("wedged").Bool(false);
  if (behavior.wedged && behavior.hangUntilAbort) field.Field("wedged").Fail("a wedged call ignores RequestAbort: not with hangUntilAbort");
  behavior.disconnectAtPercent = static_cast<int>(field.Field("disconnectAtPercent").Integer(-1));
  if (behavior.disconnectAtPercent > 100) field.Field("disconnectAtPercent").Fail("must be from 0 to 100");
  if (!field.Field("rebootRequired").IsNull()) behavior.rebootRequired = field.Field("rebootRequired").Bool();
  return behavior;
}

std::optional<Behavior> ReadBehavior(const Reader& field) {
  if (field.IsNull()) return std::nullopt;
  field.OnlyKeys({BEHAVIOR_KEYS});
  return ReadBehaviorFields(field);
}

// A top-level download, install or uninstall behaviour, which can also set the job's HRESULT.
Behavior ReadJobBehavior(const Reader& field) {
  if (field.IsNull()) return Behavior{};
  field.OnlyKeys({BEHAVIOR_KEYS, "jobHresult"});
  Behavior behavior = ReadBehaviorFields(field);
  if (!field.Field("jobHresult").IsNull()) behavior.jobHresult = ReadHresult(field.Field("jobHresult"));
  return behavior;
}

InstallationBehaviorData ReadInstallationBehavior(const Reader& field) {
  InstallationBehaviorData out;
  if (field.IsNull()) return out;
  field.OnlyKeys({"canRequestUserInput", "impact", "rebootBehavior", "requiresNetworkConnectivity"});
  out.canRequestUserInput = field.Field("canRequestUserInput").Bool(false);
  if (!field.Field("impact").IsNull()) {
    out.impact = field.Field("impact").OneOf<InstallationImpact>(
        {{"normal", iiNormal}, {"minor", iiMinor}, {"requiresExclusiveHandling", iiRequiresExclusiveHandling}});
  }
  if (!field.Field("rebootBehavior").IsNull()) {
    out.rebootBehavior = field.Field("rebootBehavior")
                             .OneOf<InstallationRebootBehavior>({{"neverReboots", irbNeverReboots},
                                                                 {"alwaysRequiresReboot", irbAlwaysRequiresReboot},
                                                                 {"canRequestReboot", irbCanRequestReboot}});
  }
  out.requiresNetworkConnectivity = field.Field("requiresNetworkConnectivity").Bool(false);
  return out;
}

DriverEntryData ReadDriverEntry(const Reader& field) {
  DriverEntryData out;
  out.driverClass = Text(field.Field("class"));
  out.hardwareId = Text(field.Field("hardwareId"));
  out.manufacturer = Text(field.Field("manufacturer"));
  out.model = Text(field.Field("model"));
  out.provider = Text(field.Field("provider"));
  if (!field.Field("verDate").IsNull()) out.verDate = Date(field.Field("verDate"));
  out.deviceProblemNumber = static_cast<long>(field.Field("deviceProblemNumber").Integer(0));
  out.deviceStatus = static_cast<long>(field.Field("deviceStatus").Integer(0));
  return out;
}

#define DRIVER_ENTRY_KEYS "class", "hardwareId", "manufacturer", "model", "provider", "verDate", "deviceProblemNumber", "deviceStatus"

DriverData ReadDriver(const Reader& field) {
  field.OnlyKeys({DRIVER_ENTRY_KEYS, "entries"});
  DriverData out;
  out.main = ReadDriverEntry(field);
  const Reader entries = field.Field("entries");
  if (entries.IsNull()) {
    out.entries.push_back(out.main);
  } else {
    for (size_t i = 0; i < entries.Size(); ++i) {
      entries.Item(i).OnlyKeys({DRIVER_ENTRY_KEYS});
      out.entries.push_back(ReadDriverEntry(entries.Item(i)));
    }
  }
  return out;
}

UpdateData ReadUpdate(const Reader& field) {
  field.OnlyKeys({"id",
                  "revision",
                  "title",
                  "description",
                  "type",
                  "kbArticleIds",
                  "securityBulletinIds",
                  "cveIds",
                  "categories",
                  "languages",
                  "moreInfoUrls",
                  "supersededUpdateIds",
                  "bundledUpdates",
                  "uninstallationSteps",
                  "msrcSeverity",
                  "eulaText",
                  "handlerId",
                  "supportUrl",
                  "releaseNotes",
                  "uninstallationNotes",
                  "deploymentAction",
                  "downloadPriority",
                  "autoSelection",
                  "autoDownload",
                  "autoSelectOnWebSites",
                  "browseOnly",
                  "canRequireSource",
                  "isBeta",
                  "isMandatory",
                  "isUninstallable",
                  "perUser",
                  "isAssigned",
                  "deltaCompressedContentAvailable",
                  "deltaCompressedContentPreferred",
                  "maxDownloadSize",
                  "minDownloadSize",
                  "recommendedCpuSpeed",
                  "recommendedHardDiskSpace",
                  "recommendedMemory",
                  "deadline",
                  "lastDeploymentChangeTime",
                  "installationBehavior",
                  "uninstallationBehavior",
                  "image",
                  "downloadContents",
                  "driver",
                  "state",
                  "download",
                  "install",
                  "uninstall",
                  "faults"});
  UpdateData u;
  u.updateId = Guid(field.Field("id"));
  u.revisionNumber = static_cast<long>(field.Field("revision").Integer(1));
  u.title = field.Field("title").String16();
  u.description = Text(field.Field("description"));
  if (!field.Field("type").IsNull()) {
    u.type = field.Field("type").OneOf<UpdateType>({{"software", utSoftware}, {"driver", utDriver}});
  }
  u.kbArticleIds = Strings16(field.Field("kbArticleIds"));
  u.securityBulletinIds = Strings16(field.Field("securityBulletinIds"));
  u.cveIds = Strings16(field.Field("cveIds"));
  u.categoryIds = Guids(field.Field("categories"));
  u.languages = Strings16(field.Field("languages"));
  u.moreInfoUrls = Strings16(field.Field("moreInfoUrls"));
  u.supersededUpdateIds = Guids(field.Field("supersededUpdateIds"));
  u.bundledUpdateIds = Guids(field.Field("bundledUpdates"));
  u.uninstallationSteps = Strings16(field.Field("uninstallationSteps"));
  u.msrcSeverity = Text(field.Field("msrcSeverity"));
  if (!u.msrcSeverity.empty() && u.msrcSeverity != u"Critical" && u.msrcSeverity != u"Important" && u.msrcSeverity != u"Moderate" &&
      u.msrcSeverity != u"Low") {
    field.Field("msrcSeverity").Fail("expected one of 'Critical', 'Important', 'Moderate', 'Low'");
  }
  u.eulaText = Text(field.Field("eulaText"));
  u.handlerId = Text(field.Field("handlerId"));
  u.supportUrl = Text(field.Field("supportUrl"));
  u.releaseNotes = Text(field.Field("releaseNotes"));
  u.uninstallationNotes = Text(field.Field("uninstallationNotes"));
  if (!field.Field("deploymentAction").IsNull()) {
    u.deploymentAction = field.Field("deploymentAction")
                             .OneOf<DeploymentAction>({{"none", daNone},
                                                       {"installation", daInstallation},
                                                       {"uninstallation", daUninstallation},
                                                       {"detection", daDetection},
                                                       {"optionalInstallation", daOptionalInstallation}});
  }
  if (!field.Field("downloadPriority").IsNull()) {
    u.downloadPriority = field.Field("downloadPriority")
                             .OneOf<DownloadPriority>({{"low", dpLow}, {"normal", dpNormal}, {"high", dpHigh}, {"extraHigh", dpExtraHigh}});
  }
  if (!field.Field("autoSelection").IsNull()) {
    u.autoSelection = field.Field("autoSelection")
                          .OneOf<AutoSelectionMode>({{"letWindowsUpdateDecide", asLetWindowsUpdateDecide},
                                                     {"autoSelectIfDownloaded", asAutoSelectIfDownloaded},
                                                     {"neverAutoSelect", asNeverAutoSelect},
                                                     {"alwaysAutoSelect", asAlwaysAutoSelect}});
  }
  if (!field.Field("autoDownload").IsNull()) {
    u.autoDownload = field.Field("autoDownload")
                         .OneOf<AutoDownloadMode>({{"letWindowsUpdateDecide", adLetWindowsUpdateDecide},
                                                   {"neverAutoDownload", adNeverAutoDownload},
                                                   {"alwaysAutoDownload", adAlwaysAutoDownload}});
  }
  u.autoSelectOnWebSites = field.Field("autoSelectOnWebSites").Bool(true);
  u.browseOnly = field.Field("browseOnly").Bool(false);
  u.canRequireSource = field.Field("canRequireSource").Bool(false);
  u.isBeta = field.Field("isBeta").Bool(false);
  u.isMandatory = field.Field("isMandatory").Bool(false);
  u.isUninstallable = field.Field("isUninstallable").Bool(false);
  u.perUser = field.Field("perUser").Bool(false);
  u.isAssigned = field.Field("isAssigned").Bool(true);
  u.deltaCompressedContentAvailable = field.Field("deltaCompressedContentAvailable").Bool(false);
  u.deltaCompressedContentPreferred = field.Field("deltaCompressedContentPreferred").Bool(true);
  u.maxDownloadSize = field.Field("maxDownloadSize").Integer(0);
  u.minDownloadSize = field.Field("minDownloadSize").Integer(u.maxDownloadSize);
  if (u.minDownloadSize > u.maxDownloadSize) field.Field("minDownloadSize").Fail("is larger than maxDownloadSize");
  u.recommendedCpuSpeed = static_cast<long>(field.Field("recommendedCpuSpeed").Integer(0));
  u.recommendedHardDiskSpace = static_cast<long>(field.Field("recommendedHardDiskSpace").Integer(0));
  u.recommendedMemory = static_cast<long>(field.Field("recommendedMemory").Integer(0));
  u.deadline = OptionalDate(field.Field("deadline"));
  if (!field.Field("lastDeploymentChangeTime").IsNull()) u.lastDeploymentChangeTime = Date(field.Field("lastDeploymentChangeTime"));
  // A bundle's payload and installer are its children's (see Combine): what the scenario would
  // give the bundle itself could only disagree with them.
  if (u.IsBundle()) {
    for (const char* own : {"installationBehavior", "uninstallationBehavior", "downloadContents"}) {
      const Reader given = field.Field(own);
      const bool none = given.IsNull() || (std::string_view(own) == "downloadContents" && given.Size() == 0);
      if (!none) given.Fail("a bundle has no payload or installer of its own: give this to its bundled updates");
    }
    for (const char* followed : {"isInstalled", "isDownloaded", "isPresent", "rebootRequired"}) {
      if (!field.Field("state").Field(followed).IsNull()) {
        field.Field("state").Field(followed).Fail("a bundle's state follows its bundled updates: set it on them");
      }
    }
  }
  u.installationBehavior = ReadInstallationBehavior(field.Field("installationBehavior"));
  if (!field.Field("uninstallationBehavior").IsNull()) {
    u.uninstallationBehavior = ReadInstallationBehavior(field.Field("uninstallationBehavior"));
  } else if (u.isUninstallable) {
    u.uninstallationBehavior = u.installationBehavior;
  }
  if (const Reader image = field.Field("image"); !image.IsNull()) {
    image.OnlyKeys({"altText", "source", "height", "width"});
    u.image = ImageData{Text(image.Field("altText")), Text(image.Field("source")), static_cast<long>(image.Field("height").Integer(0)),
                        static_cast<long>(image.Field("width").Integer(0))};
  }
  if (const Reader contents = field.Field("downloadContents"); !contents.IsNull()) {
    for (size_t i = 0; i < contents.Size(); ++i) {
      const Reader item = contents.Item(i);
      item.OnlyKeys({"url", "isDeltaCompressedContent"});
      u.downloadContents.push_back({item.Field("url").String16(), item.Field("isDeltaCompressedContent").Bool(false)});
    }
  }
  if (const Reader driver = field.Field("driver"); !driver.IsNull()) {
    if (u.type != utDriver) driver.Fail("only a driver update (type 'driver') has driver properties");
    u.driver = ReadDriver(driver);
  } else if (u.type == utDriver) {
    u.driver = DriverData{};
    u.driver->entries.push_back({});
  }
  if (const Reader state = field.Field("state"); !state.IsNull()) {
    state.OnlyKeys({"isInstalled", "isDownloaded", "isHidden", "eulaAccepted", "isPresent", "rebootRequired"});
    u.isInstalled = state.Field("isInstalled").Bool(false);
    u.isDownloaded = state.Field("isDownloaded").Bool(u.isInstalled);
    u.isHidden = state.Field("isHidden").Bool(false);
    u.isPresent = state.Field("isPresent").Bool(u.isInstalled);
    u.rebootRequired = state.Field("rebootRequired").Bool(false);
    u.eulaAccepted = state.Field("eulaAccepted").Bool(u.eulaText.empty());
  } else {
    u.eulaAccepted = u.eulaText.empty();
  }
  if (u.isHidden && u.isMandatory) field.Field("state").Field("isHidden").Fail("a mandatory update cannot be hidden");
  u.download = ReadBehavior(field.Field("download"));
  u.install = ReadBehavior(field.Field("install"));
  u.uninstall = ReadBehavior(field.Field("uninstall"));
  if (const Reader faults = field.Field("faults"); !faults.IsNull()) {
    FaultMap map;
    ReadFaults(faults,
               u.type == utDriver ? std::initializer_list<MemberKind>{MemberKind::kUpdateGetter, MemberKind::kDriverGetter}
                                  : std::initializer_list<MemberKind>{MemberKind::kUpdateGetter},
               &map);
    if (!map.empty()) u.faults = std::make_shared<const FaultMap>(std::move(map));
  }
  return u;
}

ServiceData ReadService(const Reader& field) {
  field.OnlyKeys({"id", "name", "serviceUrl", "setupPrefix", "contentValidationCert", "isManaged", "isRegisteredWithAu",
                  "isScanPackageService", "canRegisterWithAu", "offersWindowsUpdates", "isDefaultAuService", "issueDate", "expirationDate",
                  "redirectUrls", "scanPackage"});
  ServiceData s;
  s.serviceId = Guid(field.Field("id"));
  s.name = field.Field("name").String16();
  s.serviceUrl = Text(field.Field("serviceUrl"));
  s.setupPrefix = Text(field.Field("setupPrefix"));
  s.contentValidationCert = Text(field.Field("contentValidationCert"));
  s.isManaged = field.Field("isManaged").Bool(false);
  s.isRegisteredWithAu = field.Field("isRegisteredWithAu").Bool(false);
  s.isScanPackageService = field.Field("isScanPackageService").Bool(false);
  s.canRegisterWithAu = field.Field("canRegisterWithAu").Bool(true);
  s.offersWindowsUpdates = field.Field("offersWindowsUpdates").Bool(true);
  s.isDefaultAuService = field.Field("isDefaultAuService").Bool(false);
  if (!field.Field("issueDate").IsNull()) s.issueDate = Date(field.Field("issueDate"));
  if (!field.Field("expirationDate").IsNull()) s.expirationDate = Date(field.Field("expirationDate"));
  s.redirectUrls = Strings16(field.Field("redirectUrls"));
  if (!field.Field("scanPackage").IsNull()) {
    if (!s.isScanPackageService)
      field.Field("scanPackage").Fail("only a scan package service ('isScanPackageService': true) has a package");
    s.scanPackage = wua::NormalizeId(field.Field("scanPackage").String16());
  }
  return s;
}

HistoryEntryData ReadHistoryEntry(const Reader& field) {
  field.OnlyKeys({"operation", "resultCode", "hresult", "unmappedResultCode", "date", "updateId", "revision", "title", "description",
                  "clientApplicationId", "supportUrl", "serverSelection", "serviceId", "uninstallationSteps", "uninstallationNotes",
                  "categories"});
  HistoryEntryData h;
  h.operation = field.Field("operation").OneOf<UpdateOperation>({{"installation", uoInstallation}, {"uninstallation", uoUninstallation}});
  h.resultCode = field.Field("resultCode").IsNull() ? orcSucceeded : ResultCode(field.Field("resultCode"));
  h.hresult = ReadHresult(field.Field("hresult"));
  if (!field.Field("unmappedResultCode").IsNull()) h.unmappedResultCode = ReadHresult(field.Field("unmappedResultCode"));
  h.date = Date(field.Field("date"));
  h.updateId = Guid(field.Field("updateId"));
  h.revisionNumber = static_cast<long>(field.Field("revision").Integer(1));
  h.title = field.Field("title").String16();
  h.description = Text(field.Field("description"));
  h.clientApplicationId = Text(field.Field("clientApplicationId"));
  h.supportUrl = Text(field.Field("supportUrl"));
  if (!field.Field("serverSelection").IsNull()) {
    h.serverSelection =
        field.Field("serverSelection")
            .OneOf<ServerSelection>(
                {{"default", ssDefault}, {"managedServer", ssManagedServer}, {"windowsUpdate", ssWindowsUpdate}, {"others", ssOthers}});
  }
  h.serviceId = Text(field.Field("serviceId"));
  h.uninstallationSteps = Strings16(field.Field("uninstallationSteps"));
  h.uninstallationNotes = Text(field.Field("uninstallationNotes"));
  h.categoryIds = Guids(field.Field("categories"));
  return h;
}

NetworkData ReadNetwork(const Reader& field) {
  field.OnlyKeys({"reachable", "hresult", "proxy"});
  NetworkData n;
  n.reachable = field.Field("reachable").Bool(true);
  if (!field.Field("hresult").IsNull()) {
    n.hresult = ReadHresult(field.Field("hresult"));
    if (SUCCEEDED(n.hresult)) field.Field("hresult").Fail("must be a failure HRESULT");
  }
  if (const Reader proxy = field.Field("proxy"); !proxy.IsNull()) {
    proxy.OnlyKeys({"address", "userName", "password"});
    NetworkData::Proxy p;
    p.address = proxy.Field("address").String16();
    if (p.address.empty()) proxy.Field("address").Fail("must not be empty");
    p.userName = Text(proxy.Field("userName"));
    p.password = Text(proxy.Field("password"));
    if (p.userName.empty() && !p.password.empty()) proxy.Field("password").Fail("needs a 'userName'");
    n.proxy = std::move(p);
  }
  return n;
}

AgentData ReadAgent(const Reader& field) {
  AgentData a;
  if (field.IsNull()) return a;
  field.OnlyKeys({"apiMajorVersion", "apiMinorVersion", "productVersion", "oemHardwareSupportLink", "rebootRequired",
                  "rebootRequiredBeforeInstallation", "isAdministrator", "installerBusy", "agentInfoAvailable", "automaticUpdates",
                  "services", "acceptNetworkScanPackages", "serviceRegistration", "history", "faults", "delays", "logon", "network",
                  "wedgedCalls"});
  a.apiMajorVersion = static_cast<long>(field.Field("apiMajorVersion").Integer(a.apiMajorVersion));
  a.apiMinorVersion = static_cast<long>(field.Field("apiMinorVersion").Integer(a.apiMinorVersion));
  if (!field.Field("productVersion").IsNull()) a.productVersion = field.Field("productVersion").String16();
  a.oemHardwareSupportLink = Text(field.Field("oemHardwareSupportLink"));
  a.rebootRequired = field.Field("rebootRequired").Bool(false);
  a.rebootRequiredBeforeInstallation = field.Field("rebootRequiredBeforeInstallation").Bool(a.rebootRequired);
  a.isAdministrator = field.Field("isAdministrator").Bool(true);
  a.installerBusy = field.Field("installerBusy").Bool(false);
  a.agentInfoAvailable = field.Field("agentInfoAvailable").Bool(true);
  if (const Reader au = field.Field("automaticUpdates"); !au.IsNull()) {
    // IncludeRecommendedUpdates, NonAdministratorsElevated, FeaturedUpdatesEnabled and ReadOnly
    // report the same on every Windows 10 machine (services.cc), so a scenario cannot set them.
    au.OnlyKeys({"notificationLevel", "scheduledInstallationDay", "scheduledInstallationTime", "serviceEnabled", "required",
                 "lastSearchSuccessDate", "lastInstallationSuccessDate"});
    a.notificationLevel = static_cast<int>(au.Field("notificationLevel").Integer(a.notificationLevel));
    if (a.notificationLevel < 0 || a.notificationLevel > 4) au.Field("notificationLevel").Fail("must be from 0 to 4");
    a.scheduledInstallationDay = static_cast<int>(au.Field("scheduledInstallationDay").Integer(0));
    if (a.scheduledInstallationDay < 0 || a.scheduledInstallationDay > 7) au.Field("scheduledInstallationDay").Fail("must be from 0 to 7");
    a.scheduledInstallationTime = static_cast<int>(au.Field("scheduledInstallationTime").Integer(3));
    if (a.scheduledInstallationTime < 0 || a.scheduledInstallationTime > 23)
      au.Field("scheduledInstallationTime").Fail("must be from 0 to 23");
    a.serviceEnabled = au.Field("serviceEnabled").Bool(true);
    a.automaticUpdatesRequired = au.Field("required").Bool(false);
    a.lastSearchSuccessDate = OptionalDate(au.Field("lastSearchSuccessDate"));
    a.lastInstallationSuccessDate = OptionalDate(au.Field("lastInstallationSuccessDate"));
  }
  if (const Reader services = field.Field("services"); !services.IsNull()) {
    for (size_t i = 0; i < services.Size(); ++i) a.services.push_back(ReadService(services.Item(i)));
  }
  a.acceptNetworkScanPackages = field.Field("acceptNetworkScanPackages").Bool(false);
  // The service Microsoft's "Opt-In to Microsoft Update" sample registers online.
  a.registrableServices = {u"7971f918-a847-4430-9279-4a52d1efe18d"};
  if (const Reader registration = field.Field("serviceRegistration"); !registration.IsNull()) {
    registration.OnlyKeys({"offered", "hresult"});
    if (!registration.Field("offered").IsNull()) a.registrableServices = Guids(registration.Field("offered"));
    a.onlineRegistrationHresult = ReadHresult(registration.Field("hresult"));
    if (SUCCEEDED(a.onlineRegistrationHresult) && a.onlineRegistrationHresult != S_OK) {
      registration.Field("hresult").Fail("must be a failure HRESULT, or 0 for none");
    }
  }
  if (const Reader history = field.Field("history"); !history.IsNull()) {
    for (size_t i = 0; i < history.Size(); ++i) a.history.push_back(ReadHistoryEntry(history.Item(i)));
  }
  if (const Reader faults = field.Field("faults"); !faults.IsNull()) {
    FaultMap map;
    ReadFaults(faults, {MemberKind::kCall}, &map);
    a.faults.insert(map.begin(), map.end());
  }
  if (const Reader delays = field.Field("delays"); !delays.IsNull()) {
    if (!delays.IsObject()) delays.Fail("expected an object of member names and milliseconds");
    for (const std::string& member : delays.Keys()) {
      CheckMember(delays.Field(member), member, {MemberKind::kCall});
      const int64_t milliseconds = delays.Field(member).Integer();
      if (milliseconds < 0 || milliseconds > 600000) delays.Field(member).Fail("must be from 0 to 600000");
      a.delays[member] = static_cast<int>(milliseconds);
    }
  }
  if (const Reader network = field.Field("network"); !network.IsNull()) a.network = ReadNetwork(network);
  if (const Reader wedged = field.Field("wedgedCalls"); !wedged.IsNull()) {
    for (size_t i = 0; i < wedged.Size(); ++i) {
      const std::string member = wedged.Item(i).String();
      CheckMember(wedged.Item(i), member, {MemberKind::kCall});
      a.wedgedCalls.insert(member);
    }
  }
  if (const Reader logon = field.Field("logon"); !logon.IsNull()) {
    logon.OnlyKeys({"remote", "interactiveUser", "deniedCalls"});
    a.logon.remote = logon.Field("remote").Bool(false);
    a.logon.interactiveUser = logon.Field("interactiveUser").Bool(true);
    if (const Reader denied = logon.Field("deniedCalls"); !denied.IsNull()) {
      if (!a.logon.remote) denied.Fail("applies only to a remote logon ('remote': true)");
      for (size_t i = 0; i < denied.Size(); ++i) {
        const std::string member = denied.Item(i).String();
        CheckMember(denied.Item(i), member, {MemberKind::kCall});
        a.logon.deniedCalls.insert(member);
      }
    } else if (a.logon.remote) {
      for (const Member& member : kMembers) {
        if (member.deniedRemotely) a.logon.deniedCalls.emplace(member.name);
      }
    }
  }
  return a;
}

SearchData ReadSearch(const Reader& field) {
  SearchData s;
  if (field.IsNull()) return s;
  field.OnlyKeys({BEHAVIOR_KEYS, "warnings", "listBundledUpdates"});
  s.behavior = ReadBehaviorFields(field);
  s.listBundledUpdates = field.Field("listBundledUpdates").Bool(false);
  if (const Reader warnings = field.Field("warnings"); !warnings.IsNull()) {
    for (size_t i = 0; i < warnings.Size(); ++i) {
      const Reader w = warnings.Item(i);
      w.OnlyKeys({"context", "hresult", "message"});
      const auto context = w.Field("context").IsNull()
                               ? uecGeneral
                               : w.Field("context").OneOf<UpdateExceptionContext>({{"general", uecGeneral},
                                                                                   {"windowsDriver", uecWindowsDriver},
                                                                                   {"windowsInstaller", uecWindowsInstaller},
                                                                                   {"searchIncomplete", uecSearchIncomplete}});
      s.warnings.emplace_back(context, ReadHresult(w.Field("hresult")));
      s.warningMessages.push_back(Text(w.Field("message")));
    }
    if (!s.warnings.empty() && field.Field("resultCode").IsNull()) s.behavior.resultCode = orcSucceededWithErrors;
  }
  return s;
}

CategoryData ReadCategory(const Reader& field) {
  field.OnlyKeys({"id", "name", "description", "type", "parent", "order"});
  CategoryData c;
  c.id = Guid(field.Field("id"));
  c.name = field.Field("name").String16();
  c.description = Text(field.Field("description"));
  c.type = json::ToUtf16(field.Field("type").OneOf<std::string_view>({{"Company", "Company"},
                                                                      {"ProductFamily", "ProductFamily"},
                                                                      {"Product", "Product"},
                                                                      {"UpdateClassification", "UpdateClassification"}}));
  if (!field.Field("parent").IsNull()) c.parentId = Guid(field.Field("parent"));
  c.order = static_cast<long>(field.Field("order").Integer(0));
  return c;
}

// scanPackages: file name -> { updates: [update IDs of the catalog] }.
std::vector<ScanPackageData> ReadScanPackages(const Reader& field, const Scenario& scenario) {
  std::vector<ScanPackageData> packages;
  if (field.IsNull()) return packages;
  if (!field.IsObject()) field.Fail("expected an object of file names and packages");
  for (const std::string& name : field.Keys()) {
    const Reader package = field.Field(name);
    if (name.empty() || name.find_first_of("\\/:") != std::string::npos) package.Fail("must be a file name, without a folder");
    package.OnlyKeys({"updates"});
    ScanPackageData data;
    data.file = wua::NormalizeId(json::ToUtf16(name));
    const Strings ids = Guids(package.Field("updates"));
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!scenario.FindUpdate(ids[i])) package.Field("updates").Item(i).Fail("names an update that is not in 'updates'");
    }
    data.updateIds.insert(ids.begin(), ids.end());
    packages.push_back(std::move(data));
  }
  return packages;
}

Scenario ReadScenario(const Reader& root) {
  // "$schema" names the JSON Schema for editors (lib/testing/scenario.schema.json); nothing reads it.
  root.OnlyKeys(
      {"$schema", "name", "description", "agent", "categories", "updates", "search", "download", "install", "uninstall", "scanPackages"});
  Scenario s;
  s.name = root.Field("name").String("unnamed");
  s.agent = ReadAgent(root.Field("agent"));
  if (const Reader categories = root.Field("categories"); !categories.IsNull()) {
    for (size_t i = 0; i < categories.Size(); ++i) s.categories.push_back(ReadCategory(categories.Item(i)));
  }
  const Reader updates = root.Field("updates");
  if (!updates.IsNull()) {
    s.updates.reserve(updates.Size());
    for (size_t i = 0; i < updates.Size(); ++i) s.updates.push_back(ReadUpdate(updates.Item(i)));
  }
  s.search = ReadSearch(root.Field("search"));
  s.download = ReadJobBehavior(root.Field("download"));
  s.install = ReadJobBehavior(root.Field("install"));
  s.uninstall = ReadJobBehavior(root.Field("uninstall"));
  s.BuildIndexes();
  s.scanPackages = ReadScanPackages(root.Field("scanPackages"), s);
  for (size_t i = 0; i < s.agent.services.size(); ++i) {
    const std::u16string& package = s.agent.services[i].scanPackage;
    if (!package.empty() && !s.FindScanPackage(package)) {
      root.Field("agent").Field("services").Item(i).Field("scanPackage").Fail("names no package of 'scanPackages'");
    }
  }

  // References between entries must resolve, as they always do in the real agent's data store.
  for (size_t i = 0; i < s.categories.size(); ++i) {
    if (!s.categories[i].parentId.empty() && !s.FindCategory(s.categories[i].parentId)) {
      root.Field("categories").Item(i).Field("parent").Fail("names a category that is not in 'categories'");
    }
  }
  for (size_t i = 0; i < s.updates.size(); ++i) {
    const UpdateData& u = s.updates[i];
    if (s.FindUpdate(u.updateId) != &u) root.Field("updates").Item(i).Field("id").Fail("is the ID of an earlier update too");
    for (size_t c = 0; c < u.categoryIds.size(); ++c) {
      if (!s.FindCategory(u.categoryIds[c])) {
        root.Field("updates").Item(i).Field("categories").Item(c).Fail("names a category that is not in 'categories'");
      }
    }
    for (size_t b = 0; b < u.bundledUpdateIds.size(); ++b) {
      const UpdateData* child = s.FindUpdate(u.bundledUpdateIds[b]);
      if (!child || u.bundledUpdateIds[b] == u.updateId) {
        root.Field("updates").Item(i).Field("bundledUpdates").Item(b).Fail("names an update that is not in 'updates'");
      }
      // The simulator installs one level of bundling; the catalogs it models have no deeper one.
      if (child->IsBundle()) {
        root.Field("updates").Item(i).Field("bundledUpdates").Item(b).Fail("names an update that is itself a bundle");
      }
    }
  }
  for (UpdateData& u : s.updates) {
    if (!u.IsBundle()) continue;
    std::vector<InstallationBehaviorData> installs, uninstalls;
    for (const UpdateData* child : s.UnitsOf(u)) {
      installs.push_back(child->installationBehavior);
      if (child->uninstallationBehavior) uninstalls.push_back(*child->uninstallationBehavior);
    }
    u.installationBehavior = Combine(installs);
    u.uninstallationBehavior = uninstalls.empty() ? std::nullopt : std::optional(Combine(uninstalls));
  }
  return s;
}

std::string ReadFile(const std::wstring& path) {
  std::ifstream file(path.c_str(), std::ios::binary);
  if (!file) throw std::runtime_error("cannot open the scenario file");
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace

void Scenario::BuildIndexes() {
  updateIndex.clear();
  categoryIndex.clear();
  for (size_t i = 0; i < updates.size(); ++i) updateIndex.emplace(updates[i].updateId, i);
  for (size_t i = 0; i < categories.size(); ++i) categoryIndex.emplace(categories[i].id, i);
  bundledIds.clear();
  for (const UpdateData& u : updates) bundledIds.insert(u.bundledUpdateIds.begin(), u.bundledUpdateIds.end());
}

std::vector<const UpdateData*> Scenario::UnitsOf(const UpdateData& update) const {
  if (!update.IsBundle()) return {&update};
  std::vector<const UpdateData*> units;
  for (const auto& id : update.bundledUpdateIds) units.push_back(FindUpdate(id));
  return units;
}

const UpdateData* Scenario::FindUpdate(std::u16string_view updateId) const {
  auto found = updateIndex.find(wua::NormalizeId(std::u16string(updateId)));
  return found == updateIndex.end() ? nullptr : &updates[found->second];
}

const ScanPackageData* Scenario::FindScanPackage(std::u16string_view fileName) const {
  // File names compare without regard to case, as Windows compares them (ASCII folding suffices
  // for the names scenarios give).
  const std::u16string name = wua::NormalizeId(std::u16string(fileName));
  for (const ScanPackageData& package : scanPackages) {
    if (package.file == name) return &package;
  }
  return nullptr;
}

const CategoryData* Scenario::FindCategory(std::u16string_view categoryId) const {
  auto found = categoryIndex.find(wua::NormalizeId(std::u16string(categoryId)));
  return found == categoryIndex.end() ? nullptr : &categories[found->second];
}

Scenario LoadScenario(const std::wstring& path) {
  const std::string name = json::ToUtf8(std::u16string(path.begin(), path.end()));
  try {
    const json::Value document = json::Parse(ReadFile(path));
    return ReadScenario(Reader(document));
  } catch (const json::SchemaError& error) {
    throw std::runtime_error(name + ": " + error.what());
  } catch (const std::exception& error) {
    throw std::runtime_error(name + ": " + error.what());
  }
}

}  // namespace sim

// A scenario: the catalog of updates the simulated agent knows, the agent's own facts, and how
// each operation behaves. Read once from a JSON file (schema: ../README.md) and never changed;
// what operations change lives in State.
#pragma once
#include <windows.h>
#include <wuerror.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "members.h"
#include "wua/wuapi_sdk.h"

namespace sim {

using Strings = std::vector<std::u16string>;

// How one operation (search, download, install, uninstall) unfolds, for all updates or one.
struct Behavior {
  int durationMs = 0;     // spread over the progress steps
  int progressSteps = 4;  // progress callbacks per update
  OperationResultCode resultCode = orcSucceeded;
  HRESULT hresult = S_OK;              // the HRESULT of a failed result, or of the call
  bool failCall = false;               // the call itself fails with `hresult`
  bool hangUntilAbort = false;         // never finishes unless RequestAbort is called
  bool wedged = false;                 // never finishes, and RequestAbort does not end it (wedge.h)
  int disconnectAtPercent = -1;        // the agent goes away (RPC_E_DISCONNECTED) there
  std::optional<bool> rebootRequired;  // overrides the update's installation behaviour
  // Top level only: what IDownloadResult/IInstallationResult::HResult report for the whole job,
  // whatever the updates' own HRESULTs are.
  std::optional<HRESULT> jobHresult;
};

struct InstallationBehaviorData {
  bool canRequestUserInput = false;
  InstallationImpact impact = iiNormal;
  InstallationRebootBehavior rebootBehavior = irbNeverReboots;
  bool requiresNetworkConnectivity = false;
};

struct CategoryData {
  std::u16string id, name, description, type;
  std::u16string parentId;
  long order = 0;
};

struct ImageData {
  std::u16string altText, source;
  long height = 0, width = 0;
};

struct DownloadContentData {
  std::u16string url;
  bool isDeltaCompressedContent = false;
};

struct DriverEntryData {
  std::u16string driverClass, hardwareId, manufacturer, model, provider;
  double verDate = 0;
  long deviceProblemNumber = 0, deviceStatus = 0;
};

struct DriverData {
  DriverEntryData main;
  std::vector<DriverEntryData> entries;
};

struct UpdateData {
  std::u16string updateId;  // lower-case GUID
  long revisionNumber = 1;
  std::u16string title, description;
  UpdateType type = utSoftware;
  Strings kbArticleIds, securityBulletinIds, cveIds, categoryIds, languages, moreInfoUrls;
  Strings supersededUpdateIds, bundledUpdateIds, uninstallationSteps;
  std::u16string msrcSeverity, eulaText, handlerId, supportUrl, releaseNotes, uninstallationNotes;
  DeploymentAction deploymentAction = daInstallation;
  DownloadPriority downloadPriority = dpNormal;
  AutoSelectionMode autoSelection = asLetWindowsUpdateDecide;
  AutoDownloadMode autoDownload = adLetWindowsUpdateDecide;
  bool autoSelectOnWebSites = true, browseOnly = false, canRequireSource = false, isBeta = false, isMandatory = false,
       isUninstallable = false, perUser = false, isAssigned = true, deltaCompressedContentAvailable = false,
       deltaCompressedContentPreferred = true;
  long long maxDownloadSize = 0, minDownloadSize = 0;
  long recommendedCpuSpeed = 0, recommendedHardDiskSpace = 0, recommendedMemory = 0;
  std::optional<double> deadline;       // DATE, UTC
  double lastDeploymentChangeTime = 0;  // DATE, UTC
  InstallationBehaviorData installationBehavior;
  std::optional<InstallationBehaviorData> uninstallationBehavior;
  std::optional<ImageData> image;
  std::vector<DownloadContentData> downloadContents;
  std::optional<DriverData> driver;
  // The machine's state before any operation of the scenario.
  bool isInstalled = false, isDownloaded = false, isHidden = false, eulaAccepted = true, isPresent = false, rebootRequired = false;
  std::optional<Behavior> download, install, uninstall;
  Faults faults;  // null when the scenario gives this update none

  // A bundle is a container: its children carry the payloads and are what installs. Its
  // installation behaviours are derived from theirs when the scenario is loaded.
  bool IsBundle() const { return !bundledUpdateIds.empty(); }
};

struct ServiceData {
  std::u16string serviceId, name, serviceUrl, setupPrefix, contentValidationCert;
  bool isManaged = false, isRegisteredWithAu = false, isScanPackageService = false, canRegisterWithAu = true, offersWindowsUpdates = true,
       isDefaultAuService = false;
  double issueDate = 0, expirationDate = 0;
  Strings redirectUrls;
  // A scan package service's package: the file name, a key of Scenario::scanPackages.
  std::u16string scanPackage;
  // Registered with asfAllowPendingRegistration and not yet registered: absent from Services,
  // pending in QueryServiceRegistration (UpdateServiceRegistrationState usrsRegistrationPending).
  bool registrationPending = false;
  // The pending registration also registers the service with Automatic Updates once it succeeds.
  bool pendingRegistrationWithAu = false;
};

// A scan package (wsusscn2.cab): the catalog updates a scan package service registered from it
// offers. Its file only needs to exist; its name says which package it is.
struct ScanPackageData {
  std::u16string file;  // the file name, lower case, without a folder
  std::unordered_set<std::u16string> updateIds;
};

struct HistoryEntryData {
  UpdateOperation operation = uoInstallation;
  OperationResultCode resultCode = orcSucceeded;
  HRESULT hresult = S_OK;
  // IUpdateHistoryEntry::UnmappedResultCode: the code the operation returned before the agent
  // mapped it to `hresult`; the same as `hresult` unless the scenario says otherwise.
  std::optional<HRESULT> unmappedResultCode;
  double date = 0;
  std::u16string updateId, title, description, clientApplicationId, supportUrl;
  long revisionNumber = 1;
  ServerSelection serverSelection = ssDefault;
  std::u16string serviceId;
  Strings uninstallationSteps, categoryIds;
  std::u16string uninstallationNotes;
};

// What lies between the agent and its update servers. The agent reaches them for searches with
// IUpdateSearcher::Online set (the default) and for downloads; a search with Online off uses the
// data the agent already holds and reaches nothing.
struct NetworkData {
  bool reachable = true;
  HRESULT hresult = WU_E_PT_WINHTTP_NAME_NOT_RESOLVED;
  // A proxy the servers can be reached through only: a request through another one, or none,
  // fails with `hresult`; one without these credentials fails with HTTP 407.
  struct Proxy {
    std::u16string address, userName, password;
  };
  std::optional<Proxy> proxy;
};

struct AgentData {
  long apiMajorVersion = 8, apiMinorVersion = 0;
  std::u16string productVersion = u"10.0.19041.3636";
  std::u16string oemHardwareSupportLink;
  bool rebootRequired = false;
  // IUpdateInstaller::RebootRequiredBeforeInstallation at the start; the scenario's rebootRequired
  // unless it says otherwise.
  bool rebootRequiredBeforeInstallation = false;
  bool isAdministrator = true;
  bool installerBusy = false;
  // False plays WUA 1.0, which has no WindowsUpdateAgentInfo class.
  bool agentInfoAvailable = true;
  int notificationLevel = 4, scheduledInstallationDay = 0, scheduledInstallationTime = 3;
  bool serviceEnabled = true, automaticUpdatesRequired = false;
  std::optional<double> lastSearchSuccessDate, lastInstallationSuccessDate;
  std::vector<ServiceData> services;
  // Whether AddScanPackageService accepts a package on a network path (UNC or a network drive),
  // which the real agent refuses (services.cc).
  bool acceptNetworkScanPackages = false;
  // Online registration of a service (AddService2 with asfAllowOnlineRegistration): the service
  // IDs the update service offers (Microsoft Update by default), and the failure an attempt meets
  // (a network error, say), S_OK for none.
  Strings registrableServices;
  HRESULT onlineRegistrationHresult = S_OK;
  std::vector<HistoryEntryData> history;
  // Member ("IUpdateSearcher::Search") -> HRESULT returned by every call to it.
  std::map<std::string, HRESULT> faults;
  // Member -> milliseconds every call to it takes before doing its work.
  std::map<std::string, int> delays;
  // Members whose every call never returns (wedge.h).
  std::set<std::string, std::less<>> wedgedCalls;
  // The logon the client runs under, as the real agent sees it on a server.
  struct Logon {
    bool remote = false;                             // a remote caller, or a shell reached remotely (SSH, WinRM)
    bool interactiveUser = true;                     // false: a Secondary Logon (RunAs) process with no user to ask
    std::set<std::string, std::less<>> deniedCalls;  // what a remote logon may not call
  } logon;
  NetworkData network;
};

struct SearchData {
  Behavior behavior;
  std::vector<std::pair<UpdateExceptionContext, HRESULT>> warnings;  // with their messages
  Strings warningMessages;
  // Bundled updates are offered through their bundle, not as results of their own, unless this is set.
  bool listBundledUpdates = false;
};

struct Scenario {
  std::string name;
  AgentData agent;
  std::vector<CategoryData> categories;
  std::vector<UpdateData> updates;
  SearchData search;
  Behavior download, install, uninstall;  // defaults for updates with no behaviour of their own
  std::vector<ScanPackageData> scanPackages;

  // Both take an ID in any case.
  const UpdateData* FindUpdate(std::u16string_view updateId) const;
  const CategoryData* FindCategory(std::u16string_view categoryId) const;
  // By file name, in any case; null for a file that is no package of the scenario.
  const ScanPackageData* FindScanPackage(std::u16string_view fileName) const;
  void BuildIndexes();
  // Whether another update of the catalog bundles this one.
  bool IsBundled(const std::u16string& updateId) const { return bundledIds.count(updateId) != 0; }
  // The updates that install when `update` does: a bundle's children in order, or the update.
  std::vector<const UpdateData*> UnitsOf(const UpdateData& update) const;

 private:
  std::unordered_map<std::u16string, size_t> updateIndex, categoryIndex;
  std::unordered_set<std::u16string> bundledIds;
};

// Reads and validates a scenario; throws std::runtime_error naming the file and the bad field.
Scenario LoadScenario(const std::wstring& path);

}  // namespace sim

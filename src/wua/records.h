// Plain C++ copies of what the agent's objects say: read on a COM thread, then handed to the JS
// thread, which never sees a COM object. Enumerations keep the agent's numeric values; the
// facade names them (lib/enums.ts).
#pragma once
#include <windows.h>

#include <optional>
#include <string>
#include <vector>

namespace wua {

using Text = std::u16string;
using Texts = std::vector<Text>;

struct IdentityRecord {
  Text updateId;
  long revisionNumber = 0;
};

struct CategoryRecord {
  Text categoryId, name, type, description;
  long order = 0;
  std::optional<Text> parentId;
};

struct BehaviorRecord {
  bool canRequestUserInput = false;
  long impact = 0;
  long rebootBehavior = 0;
  bool requiresNetworkConnectivity = false;
};

struct ImageRecord {
  Text altText, source;
  long height = 0, width = 0;
};

struct DownloadContentRecord {
  Text downloadUrl;
  bool isDeltaCompressedBinary = false;
};

struct DriverEntryRecord {
  Text driverClass, hardwareId, manufacturer, model, provider;
  std::optional<double> verDate;  // DATE
  long deviceProblemNumber = 0, deviceStatus = 0;
};

struct DriverRecord {
  DriverEntryRecord main;
  std::vector<DriverEntryRecord> entries;
};

struct UpdateRecord {
  IdentityRecord identity;
  Text title, description;
  long type = 1;
  Texts kbArticleIds, securityBulletinIds, cveIds;
  std::vector<CategoryRecord> categories;
  Text msrcSeverity;
  long deploymentAction = 1, downloadPriority = 2, autoSelection = 0, autoDownload = 0;
  bool autoSelectOnWebSites = false, browseOnly = false, canRequireSource = false, isBeta = false,
       isDownloaded = false, isHidden = false, isInstalled = false, isMandatory = false, isPresent = false,
       isUninstallable = false, rebootRequired = false, perUser = false, eulaAccepted = false,
       deltaCompressedContentAvailable = false, deltaCompressedContentPreferred = false;
  std::optional<Text> eulaText;
  Text handlerId, supportUrl, releaseNotes, uninstallationNotes;
  Texts languages, moreInfoUrls, supersededUpdateIds, uninstallationSteps;
  double maxDownloadSize = 0, minDownloadSize = 0;
  long recommendedCpuSpeed = 0, recommendedHardDiskSpace = 0, recommendedMemory = 0;
  std::optional<double> deadline, lastDeploymentChangeTime;  // DATE, UTC
  BehaviorRecord installationBehavior;
  std::optional<BehaviorRecord> uninstallationBehavior;
  std::optional<ImageRecord> image;
  std::vector<DownloadContentRecord> downloadContents;
  std::vector<UpdateRecord> bundledUpdates;
  std::optional<DriverRecord> driver;
};

struct WarningRecord {
  HRESULT hresult = S_OK;
  Text message;
  long context = 1;
  // Set when the warning is the package's own: an update left out because a property of it
  // could not be read.
  Text updateId;
  std::string property;
};

// A search's result apart from its updates, which are handed over one by one as they are read.
struct SearchRecord {
  long resultCode = 0;
  std::vector<CategoryRecord> rootCategories;
  std::vector<WarningRecord> warnings;
};

struct OutcomeRecord {
  Text updateId;
  Text title;          // as the agent's update object gives them, so that a failure names its update
  Texts kbArticleIds;
  long resultCode = 0;
  HRESULT hresult = S_OK;
  bool rebootRequired = false;
};

// What the facade needs to plan a download, install or uninstall: the update's state now, and
// what its installation asks of the agent (an exclusive update must be installed alone).
struct InspectRecord {
  Text updateId, title;
  Texts kbArticleIds;
  bool isDownloaded = false, isInstalled = false, eulaAccepted = false;
  BehaviorRecord installationBehavior;
  std::optional<BehaviorRecord> uninstallationBehavior;
  long bundledUpdateCount = 0;
};

// The result of a download, install or uninstall.
struct ChangeRecord {
  long resultCode = 0;
  HRESULT hresult = S_OK;
  bool rebootRequired = false;
  // IUpdateInstaller::RebootRequiredBeforeInstallation after an install or uninstall: the agent
  // will install nothing more until the machine restarts.
  bool rebootRequiredBeforeInstallation = false;
  std::vector<OutcomeRecord> updates;
};

struct ProgressRecord {
  long percentComplete = 0;
  long currentIndex = 0;
  long currentPercentComplete = 0;
  long phase = 0;                 // downloads only; 0 for installs
  double currentBytesDone = 0, currentBytesTotal = 0, totalBytesDone = 0, totalBytesTotal = 0;
  bool hasBytes = false;
};

struct AgentInfoRecord {
  long apiMajorVersion = 0, apiMinorVersion = 0;
  Text productVersion;
  bool rebootRequired = false;
};

}  // namespace wua

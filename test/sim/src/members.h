// The one list of the agent's members that a scenario can name: in agent.faults and agent.delays,
// in agent.logon.deniedCalls, and in an update's own faults. The loader accepts only names from
// here, and the code that applies them checks at compile time that it names only these, so a
// scenario can never name a member that nothing checks.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <windows.h>

#include "diagnostics.h"

namespace sim {

enum class MemberKind {
  // Logged by SIM_ENTER, where agent-wide faults, delays and remote denials apply.
  kCall,
  // A getter of IUpdate..IUpdate5, or of an object an update returns (its categories, identity
  // and installation behaviours); an update's own `faults` can fail it.
  kUpdateGetter,
  // A getter only IWindowsDriverUpdate..5 has: an update's own `faults`, on a driver only.
  kDriverGetter,
};

struct Member {
  std::string_view name;
  MemberKind kind;
  // Listed in "Using WUA From a Remote Computer" (learn.microsoft.com/windows/win32/wua_sdk/
  // using-wua-from-a-remote-computer) as not available to remote users and applications, or said
  // by its own reference page to fail with E_ACCESSDENIED because it "cannot be called from a
  // remote computer": what a remote logon denies unless the scenario gives its own list.
  bool deniedRemotely = false;
  // Denied to every remote logon, whatever the scenario's list: the member's own reference page
  // says it cannot be used remotely, and [MS-UAMG] leaves it off the DCOM wire (its slot is an
  // OpnumNNNotUsedOnWire), so no remote caller can reach it on any Windows.
  bool neverRemote = false;
};

// Members that exist on two interfaces with one implementation (IUpdate2::CopyToCache and
// IWindowsDriverUpdate2::CopyToCache, the getters IWindowsDriverUpdate2..5 share with
// IUpdate2..5) are listed once, under the IUpdate name, which covers both.
inline constexpr Member kMembers[] = {
    {"IUpdateSession::get_ClientApplicationID", MemberKind::kCall},
    {"IUpdateSession::put_ClientApplicationID", MemberKind::kCall},
    {"IUpdateSession::get_ReadOnly", MemberKind::kCall},
    {"IUpdateSession::get_WebProxy", MemberKind::kCall, true},
    {"IUpdateSession::put_WebProxy", MemberKind::kCall, true},
    {"IUpdateSession::CreateUpdateSearcher", MemberKind::kCall},
    {"IUpdateSession::CreateUpdateDownloader", MemberKind::kCall, true},
    {"IUpdateSession::CreateUpdateInstaller", MemberKind::kCall, true},
    {"IUpdateSession3::CreateUpdateServiceManager", MemberKind::kCall},
    {"IUpdateSession3::QueryHistory", MemberKind::kCall},
    {"IUpdateSearcher::BeginSearch", MemberKind::kCall, true},
    {"IUpdateSearcher::EndSearch", MemberKind::kCall, true},
    {"IUpdateSearcher::Search", MemberKind::kCall},
    {"IUpdateSearcher::QueryHistory", MemberKind::kCall},
    {"IUpdateSearcher::GetTotalHistoryCount", MemberKind::kCall},
    {"ISearchJob::CleanUp", MemberKind::kCall},
    {"ISearchJob::RequestAbort", MemberKind::kCall},
    // Its reference page gives it "a COM or Windows error code" on failure (learn.microsoft.com/
    // windows/win32/api/wuapi/nf-wuapi-isearchresult-get_warnings): read after a search's updates,
    // so a failure here comes after every record of the search was read.
    {"ISearchResult::get_Warnings", MemberKind::kCall},
    // "IsHidden is read-only when it is called remotely" (Using WUA From a Remote Computer).
    {"IUpdate::put_IsHidden", MemberKind::kCall, true, true},
    // "E_ACCESSDENIED: This method cannot be called from a remote computer" (IUpdate::AcceptEula,
    // learn.microsoft.com/windows/win32/api/wuapi/nf-wuapi-iupdate-accepteula).
    {"IUpdate::AcceptEula", MemberKind::kCall, true, true},
    {"IUpdate::CopyFromCache", MemberKind::kCall, true},
    {"IUpdate2::CopyToCache", MemberKind::kCall, true},
    {"IUpdateDownloader::BeginDownload", MemberKind::kCall},
    {"IUpdateDownloader::Download", MemberKind::kCall},
    {"IUpdateDownloader::EndDownload", MemberKind::kCall},
    {"IUpdateInstaller::BeginInstall", MemberKind::kCall},
    {"IUpdateInstaller::BeginUninstall", MemberKind::kCall},
    {"IUpdateInstaller::EndInstall", MemberKind::kCall},
    {"IUpdateInstaller::EndUninstall", MemberKind::kCall},
    {"IUpdateInstaller::Install", MemberKind::kCall},
    {"IUpdateInstaller::RunWizard", MemberKind::kCall},
    {"IUpdateInstaller::Uninstall", MemberKind::kCall},
    {"IUpdateInstaller::get_IsBusy", MemberKind::kCall},
    {"IUpdateInstaller::get_RebootRequiredBeforeInstallation", MemberKind::kCall},
    {"IUpdateInstaller4::Commit", MemberKind::kCall},
    {"Job::CleanUp", MemberKind::kCall},
    {"Job::RequestAbort", MemberKind::kCall},
    {"IUpdateServiceManager::get_Services", MemberKind::kCall},
    {"IUpdateServiceManager::AddService", MemberKind::kCall, true},
    {"IUpdateServiceManager::RegisterServiceWithAU", MemberKind::kCall, true},
    // RemoveService and AddScanPackageService, by their reference pages: E_ACCESSDENIED, "This
    // method cannot be called from a remote computer" (PowerShell/PowerShell#15207 met it for
    // AddScanPackageService over WinRM).
    {"IUpdateServiceManager::RemoveService", MemberKind::kCall, true},
    {"IUpdateServiceManager::UnregisterServiceWithAU", MemberKind::kCall, true},
    {"IUpdateServiceManager::AddScanPackageService", MemberKind::kCall, true},
    {"IUpdateServiceManager::SetOption", MemberKind::kCall},
    {"IUpdateServiceManager2::QueryServiceRegistration", MemberKind::kCall},
    {"IUpdateServiceManager2::AddService2", MemberKind::kCall},
    {"IAutomaticUpdates::DetectNow", MemberKind::kCall},
    {"IAutomaticUpdates::Pause", MemberKind::kCall, true},
    {"IAutomaticUpdates::Resume", MemberKind::kCall, true},
    {"IAutomaticUpdates::ShowSettingsDialog", MemberKind::kCall, true},
    {"IAutomaticUpdates::get_Settings", MemberKind::kCall, true},
    {"IAutomaticUpdates::get_ServiceEnabled", MemberKind::kCall, true},
    {"IAutomaticUpdates::EnableService", MemberKind::kCall, true},
    {"IAutomaticUpdatesSettings::Save", MemberKind::kCall},
    // The whole interface is listed; these are its two members.
    {"ISystemInformation::get_OemHardwareSupportLink", MemberKind::kCall, true},
    {"ISystemInformation::get_RebootRequired", MemberKind::kCall, true},
    {"IWindowsUpdateAgentInfo::GetInfo", MemberKind::kCall},
    {"IWebProxy::SetPassword", MemberKind::kCall},

    {"IUpdate::get_Title", MemberKind::kUpdateGetter},
    {"IUpdate::get_AutoSelectOnWebSites", MemberKind::kUpdateGetter},
    {"IUpdate::get_BundledUpdates", MemberKind::kUpdateGetter},
    {"IUpdate::get_CanRequireSource", MemberKind::kUpdateGetter},
    {"IUpdate::get_Categories", MemberKind::kUpdateGetter},
    {"IUpdate::get_Deadline", MemberKind::kUpdateGetter},
    {"IUpdate::get_DeltaCompressedContentAvailable", MemberKind::kUpdateGetter},
    {"IUpdate::get_DeltaCompressedContentPreferred", MemberKind::kUpdateGetter},
    {"IUpdate::get_Description", MemberKind::kUpdateGetter},
    {"IUpdate::get_EulaAccepted", MemberKind::kUpdateGetter},
    {"IUpdate::get_EulaText", MemberKind::kUpdateGetter},
    {"IUpdate::get_HandlerID", MemberKind::kUpdateGetter},
    {"IUpdate::get_Identity", MemberKind::kUpdateGetter},
    {"IUpdate::get_Image", MemberKind::kUpdateGetter},
    {"IUpdate::get_InstallationBehavior", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsBeta", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsDownloaded", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsHidden", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsInstalled", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsMandatory", MemberKind::kUpdateGetter},
    {"IUpdate::get_IsUninstallable", MemberKind::kUpdateGetter},
    {"IUpdate::get_Languages", MemberKind::kUpdateGetter},
    {"IUpdate::get_LastDeploymentChangeTime", MemberKind::kUpdateGetter},
    {"IUpdate::get_MaxDownloadSize", MemberKind::kUpdateGetter},
    {"IUpdate::get_MinDownloadSize", MemberKind::kUpdateGetter},
    {"IUpdate::get_MoreInfoUrls", MemberKind::kUpdateGetter},
    {"IUpdate::get_MsrcSeverity", MemberKind::kUpdateGetter},
    {"IUpdate::get_RecommendedCpuSpeed", MemberKind::kUpdateGetter},
    {"IUpdate::get_RecommendedHardDiskSpace", MemberKind::kUpdateGetter},
    {"IUpdate::get_RecommendedMemory", MemberKind::kUpdateGetter},
    {"IUpdate::get_ReleaseNotes", MemberKind::kUpdateGetter},
    {"IUpdate::get_SecurityBulletinIDs", MemberKind::kUpdateGetter},
    {"IUpdate::get_SupersededUpdateIDs", MemberKind::kUpdateGetter},
    {"IUpdate::get_SupportUrl", MemberKind::kUpdateGetter},
    {"IUpdate::get_Type", MemberKind::kUpdateGetter},
    {"IUpdate::get_UninstallationNotes", MemberKind::kUpdateGetter},
    {"IUpdate::get_UninstallationBehavior", MemberKind::kUpdateGetter},
    {"IUpdate::get_UninstallationSteps", MemberKind::kUpdateGetter},
    {"IUpdate::get_KBArticleIDs", MemberKind::kUpdateGetter},
    {"IUpdate::get_DeploymentAction", MemberKind::kUpdateGetter},
    {"IUpdate::get_DownloadPriority", MemberKind::kUpdateGetter},
    {"IUpdate::get_DownloadContents", MemberKind::kUpdateGetter},
    {"IUpdate2::get_RebootRequired", MemberKind::kUpdateGetter},
    {"IUpdate2::get_IsPresent", MemberKind::kUpdateGetter},
    {"IUpdate2::get_CveIDs", MemberKind::kUpdateGetter},
    {"IUpdate3::get_BrowseOnly", MemberKind::kUpdateGetter},
    {"IUpdate4::get_PerUser", MemberKind::kUpdateGetter},
    {"IUpdate5::get_AutoSelection", MemberKind::kUpdateGetter},
    {"IUpdate5::get_AutoDownload", MemberKind::kUpdateGetter},
    {"ICategory::get_Name", MemberKind::kUpdateGetter},
    {"ICategory::get_CategoryID", MemberKind::kUpdateGetter},
    {"ICategory::get_Children", MemberKind::kUpdateGetter},
    {"ICategory::get_Description", MemberKind::kUpdateGetter},
    {"ICategory::get_Image", MemberKind::kUpdateGetter},
    {"ICategory::get_Order", MemberKind::kUpdateGetter},
    {"ICategory::get_Parent", MemberKind::kUpdateGetter},
    {"ICategory::get_Type", MemberKind::kUpdateGetter},
    {"ICategory::get_Updates", MemberKind::kUpdateGetter},
    {"IInstallationBehavior::get_CanRequestUserInput", MemberKind::kUpdateGetter},
    {"IInstallationBehavior::get_Impact", MemberKind::kUpdateGetter},
    {"IInstallationBehavior::get_RebootBehavior", MemberKind::kUpdateGetter},
    {"IInstallationBehavior::get_RequiresNetworkConnectivity", MemberKind::kUpdateGetter},
    {"IUpdateIdentity::get_RevisionNumber", MemberKind::kUpdateGetter},
    {"IUpdateIdentity::get_UpdateID", MemberKind::kUpdateGetter},

    {"IWindowsDriverUpdate::get_DriverClass", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DriverHardwareID", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DriverManufacturer", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DriverModel", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DriverProvider", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DriverVerDate", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DeviceProblemNumber", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate::get_DeviceStatus", MemberKind::kDriverGetter},
    {"IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries", MemberKind::kDriverGetter},
};

constexpr const Member* FindMember(std::string_view name) {
  for (const Member& member : kMembers) {
    if (member.name == name) return &member;
  }
  return nullptr;
}

constexpr bool IsMember(std::string_view name, MemberKind kind) {
  const Member* member = FindMember(name);
  return member && member->kind == kind;
}

constexpr bool IsNeverRemote(std::string_view name) {
  const Member* member = FindMember(name);
  return member && member->neverRemote;
}

constexpr bool IsGetterMember(std::string_view name) {
  return IsMember(name, MemberKind::kUpdateGetter) || IsMember(name, MemberKind::kDriverGetter);
}

// An update's own faults: member name -> HRESULT. Shared with the objects the update hands out.
using FaultMap = std::map<std::string, HRESULT, std::less<>>;
using Faults = std::shared_ptr<const FaultMap>;

// The failure a getter with these faults returns (with its IErrorInfo set), or S_OK.
HRESULT InjectedFault(const FaultMap& faults, std::string_view member);

// Returns from an update's getter (or a getter of an object it handed out) with the fault the
// scenario gives that update for `member`. `faults` may be null: no faults.
#define SIM_GETTER(faults, member)                                                                   \
  do {                                                                                               \
    static_assert(::sim::IsGetterMember(member), "not a getter in members.h: " member);              \
    static std::atomic<long>& simGetterCalls = ::sim::Diagnostics::GetterCounter(member);            \
    simGetterCalls.fetch_add(1, std::memory_order_relaxed);                                          \
    if (const auto& held = (faults); held && !held->empty()) {                                       \
      if (HRESULT injected = ::sim::InjectedFault(*held, member); FAILED(injected)) return injected; \
    }                                                                                                \
  } while (0)

}  // namespace sim

// An update as the agent hands it out: IUpdate..IUpdate5 for every update, and
// IWindowsDriverUpdate..5 as well for drivers, over one entry of the scenario's catalog.
#pragma once
#include <memory>

#include "agent.h"
#include "collections.h"

namespace sim {

using ScenarioPtr = std::shared_ptr<const Scenario>;

// Where an update object came from: the ServerSelection and ServiceID of the search that returned
// it. IUpdateDownloader and IUpdateInstaller have no server selection of their own; an update is
// downloaded from, and its history entry names, the server it was found on
// (IUpdateHistoryEntry::ServerSelection "indicates which server provided an update").
struct UpdateOrigin {
  ServerSelection serverSelection = ssDefault;
  std::u16string serviceId;
};

// How the agent reads the origin of an update object this DLL made.
MIDL_INTERFACE("6D1F2B83-4E5A-4C9B-A7D0-2E8F9B1C4A36")
IUpdateOriginHolder : public IUnknown { virtual UpdateOrigin Origin() = 0; };

}  // namespace sim
__CRT_UUID_DECL(sim::IUpdateOriginHolder, 0x6d1f2b83, 0x4e5a, 0x4c9b, 0xa7, 0xd0, 0x2e, 0x8f, 0x9b, 0x1c, 0x4a, 0x36)
namespace sim {

class Update final
    : public Object<Update, Chain<IUpdate5, IUpdate4, IUpdate3, IUpdate2, IUpdate>,
                    Chain<IWindowsDriverUpdate5, IWindowsDriverUpdate4, IWindowsDriverUpdate3, IWindowsDriverUpdate2, IWindowsDriverUpdate>,
                    Chain<IUpdateOriginHolder>> {
 public:
  static constexpr const char* kClassName = "Update";
  Update(ScenarioPtr scenario, const UpdateData& data, UpdateOrigin origin);

  // The update with `data`'s ID and the machine's current state, as an IUpdate reference.
  static IUpdate* New(const ScenarioPtr& scenario, const UpdateData& data, const UpdateOrigin& origin = {});

  // IUpdateOriginHolder
  UpdateOrigin Origin() override { return origin_; }

  STDMETHODIMP QueryInterface(REFIID iid, void** out) override;

  // IUpdate
  STDMETHODIMP get_Title(BSTR* retval) override;
  STDMETHODIMP get_AutoSelectOnWebSites(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_BundledUpdates(IUpdateCollection** retval) override;
  STDMETHODIMP get_CanRequireSource(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_Categories(ICategoryCollection** retval) override;
  STDMETHODIMP get_Deadline(VARIANT* retval) override;
  STDMETHODIMP get_DeltaCompressedContentAvailable(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_DeltaCompressedContentPreferred(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_Description(BSTR* retval) override;
  STDMETHODIMP get_EulaAccepted(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_EulaText(BSTR* retval) override;
  STDMETHODIMP get_HandlerID(BSTR* retval) override;
  STDMETHODIMP get_Identity(IUpdateIdentity** retval) override;
  STDMETHODIMP get_Image(IImageInformation** retval) override;
  STDMETHODIMP get_InstallationBehavior(IInstallationBehavior** retval) override;
  STDMETHODIMP get_IsBeta(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_IsDownloaded(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_IsHidden(VARIANT_BOOL* retval) override;
  STDMETHODIMP put_IsHidden(VARIANT_BOOL value) override;
  STDMETHODIMP get_IsInstalled(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_IsMandatory(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_IsUninstallable(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_Languages(IStringCollection** retval) override;
  STDMETHODIMP get_LastDeploymentChangeTime(DATE* retval) override;
  STDMETHODIMP get_MaxDownloadSize(DECIMAL* retval) override;
  STDMETHODIMP get_MinDownloadSize(DECIMAL* retval) override;
  STDMETHODIMP get_MoreInfoUrls(IStringCollection** retval) override;
  STDMETHODIMP get_MsrcSeverity(BSTR* retval) override;
  STDMETHODIMP get_RecommendedCpuSpeed(LONG* retval) override;
  STDMETHODIMP get_RecommendedHardDiskSpace(LONG* retval) override;
  STDMETHODIMP get_RecommendedMemory(LONG* retval) override;
  STDMETHODIMP get_ReleaseNotes(BSTR* retval) override;
  STDMETHODIMP get_SecurityBulletinIDs(IStringCollection** retval) override;
  STDMETHODIMP get_SupersededUpdateIDs(IStringCollection** retval) override;
  STDMETHODIMP get_SupportUrl(BSTR* retval) override;
  STDMETHODIMP get_Type(UpdateType* retval) override;
  STDMETHODIMP get_UninstallationNotes(BSTR* retval) override;
  STDMETHODIMP get_UninstallationBehavior(IInstallationBehavior** retval) override;
  STDMETHODIMP get_UninstallationSteps(IStringCollection** retval) override;
  STDMETHODIMP get_KBArticleIDs(IStringCollection** retval) override;
  STDMETHODIMP AcceptEula() override;
  STDMETHODIMP get_DeploymentAction(DeploymentAction* retval) override;
  STDMETHODIMP CopyFromCache(BSTR path, VARIANT_BOOL toExtractCabFiles) override;
  STDMETHODIMP get_DownloadPriority(DownloadPriority* retval) override;
  STDMETHODIMP get_DownloadContents(IUpdateDownloadContentCollection** retval) override;
  // IUpdate2..5 (and their driver twins)
  STDMETHODIMP get_RebootRequired(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_IsPresent(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_CveIDs(IStringCollection** retval) override;
  STDMETHODIMP CopyToCache(IStringCollection* pFiles) override;
  STDMETHODIMP get_BrowseOnly(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_PerUser(VARIANT_BOOL* retval) override;
  STDMETHODIMP get_AutoSelection(AutoSelectionMode* retval) override;
  STDMETHODIMP get_AutoDownload(AutoDownloadMode* retval) override;
  // IWindowsDriverUpdate..5
  STDMETHODIMP get_DriverClass(BSTR* retval) override;
  STDMETHODIMP get_DriverHardwareID(BSTR* retval) override;
  STDMETHODIMP get_DriverManufacturer(BSTR* retval) override;
  STDMETHODIMP get_DriverModel(BSTR* retval) override;
  STDMETHODIMP get_DriverProvider(BSTR* retval) override;
  STDMETHODIMP get_DriverVerDate(DATE* retval) override;
  STDMETHODIMP get_DeviceProblemNumber(LONG* retval) override;
  STDMETHODIMP get_DeviceStatus(LONG* retval) override;
  STDMETHODIMP get_WindowsDriverUpdateEntries(IWindowsDriverUpdateEntryCollection** retval) override;

 private:
  const DriverEntryData& Driver() const { return data_.driver->main; }
  // The machine's state of this update now: the agent's objects follow downloads and installs
  // made after the search that returned them, as scripts expect.
  UpdateState State() const { return Agent::Instance().StateOf(data_); }

  ScenarioPtr scenario_;
  const UpdateData& data_;
  UpdateOrigin origin_;

 protected:
  DispatchView Dispatched() override;
};

// The origin of each update of a caller's collection, in order (the default one for an update
// object this DLL did not make).
std::vector<UpdateOrigin> ReadOrigins(IUpdateCollection* updates);

// `faults` are those of the update the object is reached from; history entries have none.
IUpdateIdentity* NewUpdateIdentity(std::u16string updateId, long revisionNumber, Faults faults = nullptr);

// The categories with the given IDs, in that order, as a read-only collection.
ICategoryCollection* NewCategoryCollection(const ScenarioPtr& scenario, const Strings& categoryIds, const Faults& faults = nullptr);
// The categories no other category names as parent.
ICategoryCollection* NewRootCategoryCollection(const ScenarioPtr& scenario);

}  // namespace sim

#include "update.h"

#include <wuerror.h>

namespace sim {

namespace {

IStringCollection* ReadOnlyStrings(const Strings& items) { return StringCollection::Create(items, true); }

}  // namespace

class UpdateIdentity final : public Object<UpdateIdentity, Chain<IUpdateIdentity>> {
 public:
  static constexpr const char* kClassName = "UpdateIdentity";
  UpdateIdentity(std::u16string id, long revision, Faults faults) : id_(std::move(id)), revision_(revision), faults_(std::move(faults)) {}
  STDMETHODIMP get_RevisionNumber(LONG* retval) override {
    SIM_GETTER(faults_, "IUpdateIdentity::get_RevisionNumber");
    return Out(retval, revision_);
  }
  STDMETHODIMP get_UpdateID(BSTR* retval) override {
    SIM_GETTER(faults_, "IUpdateIdentity::get_UpdateID");
    return Out(retval, id_);
  }

 private:
  std::u16string id_;
  long revision_;
  Faults faults_;
};

IUpdateIdentity* NewUpdateIdentity(std::u16string updateId, long revisionNumber, Faults faults) {
  return UpdateIdentity::Create(std::move(updateId), revisionNumber, std::move(faults));
}

namespace {

class ImageInformation final : public Object<ImageInformation, Chain<IImageInformation>> {
 public:
  static constexpr const char* kClassName = "ImageInformation";
  explicit ImageInformation(const ImageData& data) : data_(data) {}
  STDMETHODIMP get_AltText(BSTR* retval) override { return Out(retval, data_.altText); }
  STDMETHODIMP get_Height(LONG* retval) override { return Out(retval, data_.height); }
  STDMETHODIMP get_Source(BSTR* retval) override { return Out(retval, data_.source); }
  STDMETHODIMP get_Width(LONG* retval) override { return Out(retval, data_.width); }

 private:
  ImageData data_;
};

class InstallationBehavior final : public Object<InstallationBehavior, Chain<IInstallationBehavior>> {
 public:
  static constexpr const char* kClassName = "InstallationBehavior";
  InstallationBehavior(const InstallationBehaviorData& data, Faults faults) : data_(data), faults_(std::move(faults)) {}
  STDMETHODIMP get_CanRequestUserInput(VARIANT_BOOL* retval) override {
    SIM_GETTER(faults_, "IInstallationBehavior::get_CanRequestUserInput");
    return Out(retval, data_.canRequestUserInput);
  }
  STDMETHODIMP get_Impact(InstallationImpact* retval) override {
    SIM_GETTER(faults_, "IInstallationBehavior::get_Impact");
    return Out(retval, data_.impact);
  }
  STDMETHODIMP get_RebootBehavior(InstallationRebootBehavior* retval) override {
    SIM_GETTER(faults_, "IInstallationBehavior::get_RebootBehavior");
    return Out(retval, data_.rebootBehavior);
  }
  STDMETHODIMP get_RequiresNetworkConnectivity(VARIANT_BOOL* retval) override {
    SIM_GETTER(faults_, "IInstallationBehavior::get_RequiresNetworkConnectivity");
    return Out(retval, data_.requiresNetworkConnectivity);
  }

 private:
  InstallationBehaviorData data_;
  Faults faults_;
};

class DownloadContent final : public Object<DownloadContent, Chain<IUpdateDownloadContent2, IUpdateDownloadContent>> {
 public:
  static constexpr const char* kClassName = "UpdateDownloadContent";
  explicit DownloadContent(const DownloadContentData& data) : data_(data) {}
  STDMETHODIMP get_DownloadUrl(BSTR* retval) override { return Out(retval, data_.url); }
  STDMETHODIMP get_IsDeltaCompressedContent(VARIANT_BOOL* retval) override { return Out(retval, data_.isDeltaCompressedContent); }

 private:
  DownloadContentData data_;
};

class DownloadContentCollection final
    : public ReadOnlyList<DownloadContentCollection, Chain<IUpdateDownloadContentCollection>, IUpdateDownloadContent> {
 public:
  static constexpr const char* kClassName = "UpdateDownloadContentCollection";
  using ReadOnlyList::ReadOnlyList;
};

class DriverEntry final : public Object<DriverEntry, Chain<IWindowsDriverUpdateEntry>> {
 public:
  static constexpr const char* kClassName = "WindowsDriverUpdateEntry";
  explicit DriverEntry(const DriverEntryData& data) : data_(data) {}
  STDMETHODIMP get_DriverClass(BSTR* retval) override { return Out(retval, data_.driverClass); }
  STDMETHODIMP get_DriverHardwareID(BSTR* retval) override { return Out(retval, data_.hardwareId); }
  STDMETHODIMP get_DriverManufacturer(BSTR* retval) override { return Out(retval, data_.manufacturer); }
  STDMETHODIMP get_DriverModel(BSTR* retval) override { return Out(retval, data_.model); }
  STDMETHODIMP get_DriverProvider(BSTR* retval) override { return Out(retval, data_.provider); }
  STDMETHODIMP get_DriverVerDate(DATE* retval) override { return Out(retval, data_.verDate); }
  STDMETHODIMP get_DeviceProblemNumber(LONG* retval) override { return Out(retval, data_.deviceProblemNumber); }
  STDMETHODIMP get_DeviceStatus(LONG* retval) override { return Out(retval, data_.deviceStatus); }

 private:
  DriverEntryData data_;
};

class DriverEntryCollection final
    : public ReadOnlyList<DriverEntryCollection, Chain<IWindowsDriverUpdateEntryCollection>, IWindowsDriverUpdateEntry> {
 public:
  static constexpr const char* kClassName = "WindowsDriverUpdateEntryCollection";
  using ReadOnlyList::ReadOnlyList;
};

class Category final : public Object<Category, Chain<ICategory>> {
 public:
  static constexpr const char* kClassName = "Category";
  // `faults` are those of the update this category was reached from, if any.
  Category(ScenarioPtr scenario, const CategoryData& data, Faults faults)
      : scenario_(std::move(scenario)), data_(data), faults_(std::move(faults)) {}

  STDMETHODIMP get_Name(BSTR* retval) override {
    SIM_GETTER(faults_, "ICategory::get_Name");
    return Out(retval, data_.name);
  }
  STDMETHODIMP get_CategoryID(BSTR* retval) override {
    SIM_GETTER(faults_, "ICategory::get_CategoryID");
    return Out(retval, data_.id);
  }
  STDMETHODIMP get_Children(ICategoryCollection** retval) override {
    SIM_GETTER(faults_, "ICategory::get_Children");
    Strings children;
    for (const CategoryData& c : scenario_->categories) {
      if (c.parentId == data_.id) children.push_back(c.id);
    }
    return OutObject(retval, NewCategoryCollection(scenario_, children, faults_));
  }
  STDMETHODIMP get_Description(BSTR* retval) override {
    SIM_GETTER(faults_, "ICategory::get_Description");
    return Out(retval, data_.description);
  }
  STDMETHODIMP get_Image(IImageInformation** retval) override {
    SIM_GETTER(faults_, "ICategory::get_Image");
    return OutObject(retval, static_cast<IImageInformation*>(nullptr));
  }
  STDMETHODIMP get_Order(LONG* retval) override {
    SIM_GETTER(faults_, "ICategory::get_Order");
    return Out(retval, data_.order);
  }
  STDMETHODIMP get_Parent(ICategory** retval) override {
    SIM_GETTER(faults_, "ICategory::get_Parent");
    const CategoryData* parent = data_.parentId.empty() ? nullptr : scenario_->FindCategory(data_.parentId);
    return OutObject(retval, parent ? Category::Create(scenario_, *parent, faults_) : nullptr);
  }
  STDMETHODIMP get_Type(BSTR* retval) override {
    SIM_GETTER(faults_, "ICategory::get_Type");
    return Out(retval, data_.type);
  }
  STDMETHODIMP get_Updates(IUpdateCollection** retval) override {
    SIM_GETTER(faults_, "ICategory::get_Updates");
    std::vector<ComPtr<IUpdate>> updates;
    for (const UpdateData& u : scenario_->updates) {
      for (const auto& id : u.categoryIds) {
        if (id != data_.id) continue;
        ComPtr<IUpdate> update;
        update.Attach(Update::New(scenario_, u));
        updates.push_back(std::move(update));
        break;
      }
    }
    return OutObject(retval, UpdateCollection::Create(std::move(updates), true));
  }

 private:
  ScenarioPtr scenario_;
  const CategoryData& data_;
  Faults faults_;
};

class CategoryCollection final : public ReadOnlyList<CategoryCollection, Chain<ICategoryCollection>, ICategory> {
 public:
  static constexpr const char* kClassName = "CategoryCollection";
  using ReadOnlyList::ReadOnlyList;
};

template <class Item, class Implementation, class Source>
std::vector<ComPtr<Item>> Wrap(const std::vector<Source>& sources) {
  std::vector<ComPtr<Item>> items;
  for (const Source& source : sources) {
    ComPtr<Item> item;
    item.Attach(Implementation::Create(source));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

ICategoryCollection* NewCategoryCollection(const ScenarioPtr& scenario, const Strings& categoryIds, const Faults& faults) {
  std::vector<ComPtr<ICategory>> items;
  for (const auto& id : categoryIds) {
    if (const CategoryData* data = scenario->FindCategory(id)) {
      ComPtr<ICategory> item;
      item.Attach(Category::Create(scenario, *data, faults));
      items.push_back(std::move(item));
    }
  }
  return CategoryCollection::Create(std::move(items));
}

ICategoryCollection* NewRootCategoryCollection(const ScenarioPtr& scenario) {
  Strings roots;
  for (const CategoryData& c : scenario->categories) {
    if (c.parentId.empty()) roots.push_back(c.id);
  }
  return NewCategoryCollection(scenario, roots);
}

Update::Update(ScenarioPtr scenario, const UpdateData& data, UpdateOrigin origin)
    : scenario_(std::move(scenario)), data_(data), origin_(std::move(origin)) {}

IUpdate* Update::New(const ScenarioPtr& scenario, const UpdateData& data, const UpdateOrigin& origin) {
  // Through IUpdate5: a driver update holds a second IUpdate under IWindowsDriverUpdate.
  return static_cast<IUpdate5*>(Update::Create(scenario, data, origin));
}

std::vector<UpdateOrigin> ReadOrigins(IUpdateCollection* updates) {
  std::vector<UpdateOrigin> origins;
  LONG count = 0;
  if (!updates || FAILED(updates->get_Count(&count))) return origins;
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdate> update;
    ComPtr<IUpdateOriginHolder> holder;
    const bool ours = SUCCEEDED(updates->get_Item(i, update.Put())) && update &&
                      SUCCEEDED(update->QueryInterface(__uuidof(IUpdateOriginHolder), holder.PutVoid()));
    origins.push_back(ours ? holder->Origin() : UpdateOrigin{});
  }
  return origins;
}

STDMETHODIMP Update::QueryInterface(REFIID iid, void** out) {
  const bool driverInterface = IsEqualIID(iid, __uuidof(IWindowsDriverUpdate)) || IsEqualIID(iid, __uuidof(IWindowsDriverUpdate2)) ||
                               IsEqualIID(iid, __uuidof(IWindowsDriverUpdate3)) || IsEqualIID(iid, __uuidof(IWindowsDriverUpdate4)) ||
                               IsEqualIID(iid, __uuidof(IWindowsDriverUpdate5));
  if (driverInterface && !data_.driver) {
    if (out) *out = nullptr;
    return E_NOINTERFACE;
  }
  return Object::QueryInterface(iid, out);
}

// A script reads a driver update's driver fields as properties of the update itself, through
// IWindowsDriverUpdate5, which the real agent's driver updates answer and no other update does.
Update::DispatchView Update::Dispatched() {
  using DriverChain =
      Chain<IWindowsDriverUpdate5, IWindowsDriverUpdate4, IWindowsDriverUpdate3, IWindowsDriverUpdate2, IWindowsDriverUpdate>;
  if (data_.driver) return {TypeInfoOf<DriverChain>(), static_cast<IWindowsDriverUpdate5*>(this)};
  return Object::Dispatched();
}

STDMETHODIMP Update::get_Title(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Title");
  return Out(retval, data_.title);
}
STDMETHODIMP Update::get_AutoSelectOnWebSites(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_AutoSelectOnWebSites");
  return Out(retval, data_.autoSelectOnWebSites);
}

STDMETHODIMP Update::get_BundledUpdates(IUpdateCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_BundledUpdates");
  std::vector<ComPtr<IUpdate>> bundled;
  for (const auto& id : data_.bundledUpdateIds) {
    ComPtr<IUpdate> update;
    // A bundle's children come from where the bundle came from.
    update.Attach(Update::New(scenario_, *scenario_->FindUpdate(id), origin_));
    bundled.push_back(std::move(update));
  }
  return OutObject(retval, UpdateCollection::Create(std::move(bundled), true));
}

STDMETHODIMP Update::get_CanRequireSource(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_CanRequireSource");
  return Out(retval, data_.canRequireSource);
}

STDMETHODIMP Update::get_Categories(ICategoryCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Categories");
  return OutObject(retval, NewCategoryCollection(scenario_, data_.categoryIds, data_.faults));
}

STDMETHODIMP Update::get_Deadline(VARIANT* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Deadline");
  if (!retval) return E_POINTER;
  ::VariantInit(retval);
  if (data_.deadline) {
    retval->vt = VT_DATE;
    retval->date = *data_.deadline;
  }
  return S_OK;
}

STDMETHODIMP Update::get_DeltaCompressedContentAvailable(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_DeltaCompressedContentAvailable");
  return Out(retval, data_.deltaCompressedContentAvailable);
}
STDMETHODIMP Update::get_DeltaCompressedContentPreferred(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_DeltaCompressedContentPreferred");
  return Out(retval, data_.deltaCompressedContentPreferred);
}
STDMETHODIMP Update::get_Description(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Description");
  return Out(retval, data_.description);
}
STDMETHODIMP Update::get_EulaAccepted(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_EulaAccepted");
  return Out(retval, State().eulaAccepted);
}
STDMETHODIMP Update::get_EulaText(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_EulaText");
  return Out(retval, data_.eulaText);
}
STDMETHODIMP Update::get_HandlerID(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_HandlerID");
  return Out(retval, data_.handlerId);
}

STDMETHODIMP Update::get_Identity(IUpdateIdentity** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Identity");
  return OutObject(retval, NewUpdateIdentity(data_.updateId, data_.revisionNumber, data_.faults));
}

STDMETHODIMP Update::get_Image(IImageInformation** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Image");
  return OutObject(retval, data_.image ? ImageInformation::Create(*data_.image) : nullptr);
}

STDMETHODIMP Update::get_InstallationBehavior(IInstallationBehavior** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_InstallationBehavior");
  return OutObject(retval, InstallationBehavior::Create(data_.installationBehavior, data_.faults));
}

STDMETHODIMP Update::get_IsBeta(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsBeta");
  return Out(retval, data_.isBeta);
}
STDMETHODIMP Update::get_IsDownloaded(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsDownloaded");
  return Out(retval, State().isDownloaded);
}
STDMETHODIMP Update::get_IsHidden(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsHidden");
  return Out(retval, State().isHidden);
}

// IUpdate::IsHidden (learn.microsoft.com/windows/win32/api/wuapi/nf-wuapi-iupdate-put_ishidden):
// "only administrators and members of the Power Users administrative group can set the value of
// this property", and a caller without the rights gets E_ACCESSDENIED ("Securing Interfaces,
// Methods, and Properties in the WUA API", learn.microsoft.com/windows/win32/wua_sdk/secured-
// methods-and-properties-in-the-wua-api); the simulator's only such caller is a non-administrator.
// "An attempt to mark a mandatory update as hidden causes an error", and the error is
// WU_E_DS_DECLINENOTALLOWED, "A request to hide an update was declined because it is a mandatory
// update or because it was deployed with a deadline" (Windows Update error reference,
// learn.microsoft.com/windows/deployment/update/windows-update-error-reference). Showing such an
// update again is not declined. A remote caller never gets here (members.h, neverRemote).
STDMETHODIMP Update::put_IsHidden(VARIANT_BOOL value) {
  SIM_ENTER("IUpdate::put_IsHidden");
  const bool hide = value != VARIANT_FALSE;
  if (!scenario_->agent.isAdministrator) return Fail(E_ACCESSDENIED, u"hiding an update needs an administrator");
  if (hide && (data_.isMandatory || data_.deadline)) {
    return Fail(WU_E_DS_DECLINENOTALLOWED, u"a mandatory update or one with a deadline cannot be hidden");
  }
  Agent::Instance().Update([&](MachineState& machine) { machine.updates[data_.updateId].isHidden = hide; });
  return S_OK;
}

STDMETHODIMP Update::get_IsInstalled(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsInstalled");
  return Out(retval, State().isInstalled);
}
STDMETHODIMP Update::get_IsMandatory(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsMandatory");
  return Out(retval, data_.isMandatory);
}
STDMETHODIMP Update::get_IsUninstallable(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_IsUninstallable");
  return Out(retval, data_.isUninstallable);
}
STDMETHODIMP Update::get_Languages(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Languages");
  return OutObject(retval, ReadOnlyStrings(data_.languages));
}
STDMETHODIMP Update::get_LastDeploymentChangeTime(DATE* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_LastDeploymentChangeTime");
  return Out(retval, data_.lastDeploymentChangeTime);
}
STDMETHODIMP Update::get_MaxDownloadSize(DECIMAL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_MaxDownloadSize");
  return OutDecimal(retval, data_.maxDownloadSize);
}
STDMETHODIMP Update::get_MinDownloadSize(DECIMAL* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_MinDownloadSize");
  return OutDecimal(retval, data_.minDownloadSize);
}
STDMETHODIMP Update::get_MoreInfoUrls(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_MoreInfoUrls");
  return OutObject(retval, ReadOnlyStrings(data_.moreInfoUrls));
}
STDMETHODIMP Update::get_MsrcSeverity(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_MsrcSeverity");
  return Out(retval, data_.msrcSeverity);
}
STDMETHODIMP Update::get_RecommendedCpuSpeed(LONG* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_RecommendedCpuSpeed");
  return Out(retval, data_.recommendedCpuSpeed);
}
STDMETHODIMP Update::get_RecommendedHardDiskSpace(LONG* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_RecommendedHardDiskSpace");
  return Out(retval, data_.recommendedHardDiskSpace);
}
STDMETHODIMP Update::get_RecommendedMemory(LONG* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_RecommendedMemory");
  return Out(retval, data_.recommendedMemory);
}
STDMETHODIMP Update::get_ReleaseNotes(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_ReleaseNotes");
  return Out(retval, data_.releaseNotes);
}
STDMETHODIMP Update::get_SecurityBulletinIDs(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_SecurityBulletinIDs");
  return OutObject(retval, ReadOnlyStrings(data_.securityBulletinIds));
}
STDMETHODIMP Update::get_SupersededUpdateIDs(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_SupersededUpdateIDs");
  return OutObject(retval, ReadOnlyStrings(data_.supersededUpdateIds));
}
STDMETHODIMP Update::get_SupportUrl(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_SupportUrl");
  return Out(retval, data_.supportUrl);
}
STDMETHODIMP Update::get_Type(UpdateType* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_Type");
  return Out(retval, data_.type);
}
STDMETHODIMP Update::get_UninstallationNotes(BSTR* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_UninstallationNotes");
  return Out(retval, data_.uninstallationNotes);
}

STDMETHODIMP Update::get_UninstallationBehavior(IInstallationBehavior** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_UninstallationBehavior");
  return OutObject(retval,
                   data_.uninstallationBehavior ? InstallationBehavior::Create(*data_.uninstallationBehavior, data_.faults) : nullptr);
}

STDMETHODIMP Update::get_UninstallationSteps(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_UninstallationSteps");
  return OutObject(retval, ReadOnlyStrings(data_.uninstallationSteps));
}
STDMETHODIMP Update::get_KBArticleIDs(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_KBArticleIDs");
  return OutObject(retval, ReadOnlyStrings(data_.kbArticleIds));
}

// IUpdate::AcceptEula (learn.microsoft.com/windows/win32/api/wuapi/nf-wuapi-iupdate-accepteula):
// "Administrators and power users can call this method"; E_ACCESSDENIED for others, as for
// put_IsHidden above, and for a remote caller ("This method cannot be called from a remote
// computer", members.h, neverRemote).
STDMETHODIMP Update::AcceptEula() {
  SIM_ENTER("IUpdate::AcceptEula");
  if (!scenario_->agent.isAdministrator) return Fail(E_ACCESSDENIED, u"accepting a license needs an administrator");
  Agent::Instance().Update([&](MachineState& machine) { machine.updates[data_.updateId].eulaAccepted = true; });
  return S_OK;
}

STDMETHODIMP Update::get_DeploymentAction(DeploymentAction* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_DeploymentAction");
  return Out(retval, data_.deploymentAction);
}

STDMETHODIMP Update::CopyFromCache(BSTR, VARIANT_BOOL) {
  SIM_ENTER("IUpdate::CopyFromCache");
  return State().isDownloaded ? S_OK : Fail(WU_E_INVALID_OPERATION, u"the update is not downloaded");
}

STDMETHODIMP Update::get_DownloadPriority(DownloadPriority* retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_DownloadPriority");
  return Out(retval, data_.downloadPriority);
}

STDMETHODIMP Update::get_DownloadContents(IUpdateDownloadContentCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate::get_DownloadContents");
  return OutObject(retval, DownloadContentCollection::Create(Wrap<IUpdateDownloadContent, DownloadContent>(data_.downloadContents)));
}

STDMETHODIMP Update::get_RebootRequired(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate2::get_RebootRequired");
  return Out(retval, State().rebootRequired);
}
STDMETHODIMP Update::get_IsPresent(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate2::get_IsPresent");
  return Out(retval, State().isPresent);
}
STDMETHODIMP Update::get_CveIDs(IStringCollection** retval) {
  SIM_GETTER(data_.faults, "IUpdate2::get_CveIDs");
  return OutObject(retval, ReadOnlyStrings(data_.cveIds));
}

STDMETHODIMP Update::CopyToCache(IStringCollection* files) {
  SIM_ENTER("IUpdate2::CopyToCache");
  return files ? S_OK : E_INVALIDARG;
}

STDMETHODIMP Update::get_BrowseOnly(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate3::get_BrowseOnly");
  return Out(retval, data_.browseOnly);
}
STDMETHODIMP Update::get_PerUser(VARIANT_BOOL* retval) {
  SIM_GETTER(data_.faults, "IUpdate4::get_PerUser");
  return Out(retval, data_.perUser);
}
STDMETHODIMP Update::get_AutoSelection(AutoSelectionMode* retval) {
  SIM_GETTER(data_.faults, "IUpdate5::get_AutoSelection");
  return Out(retval, data_.autoSelection);
}
STDMETHODIMP Update::get_AutoDownload(AutoDownloadMode* retval) {
  SIM_GETTER(data_.faults, "IUpdate5::get_AutoDownload");
  return Out(retval, data_.autoDownload);
}

STDMETHODIMP Update::get_DriverClass(BSTR* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverClass");
  return Out(retval, Driver().driverClass);
}
STDMETHODIMP Update::get_DriverHardwareID(BSTR* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverHardwareID");
  return Out(retval, Driver().hardwareId);
}
STDMETHODIMP Update::get_DriverManufacturer(BSTR* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverManufacturer");
  return Out(retval, Driver().manufacturer);
}
STDMETHODIMP Update::get_DriverModel(BSTR* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverModel");
  return Out(retval, Driver().model);
}
STDMETHODIMP Update::get_DriverProvider(BSTR* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverProvider");
  return Out(retval, Driver().provider);
}
STDMETHODIMP Update::get_DriverVerDate(DATE* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DriverVerDate");
  return Out(retval, Driver().verDate);
}
STDMETHODIMP Update::get_DeviceProblemNumber(LONG* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DeviceProblemNumber");
  return Out(retval, Driver().deviceProblemNumber);
}
STDMETHODIMP Update::get_DeviceStatus(LONG* retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate::get_DeviceStatus");
  return Out(retval, Driver().deviceStatus);
}

STDMETHODIMP Update::get_WindowsDriverUpdateEntries(IWindowsDriverUpdateEntryCollection** retval) {
  SIM_GETTER(data_.faults, "IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries");
  return OutObject(retval, DriverEntryCollection::Create(Wrap<IWindowsDriverUpdateEntry, DriverEntry>(data_.driver->entries)));
}

}  // namespace sim

#include "wua/update_reader.h"

#include "com/variant.h"
#include "wua/properties.h"

namespace wua {

namespace {

using com::ComPtr;
using com::ThrowIfFailed;

void ReadCategory(ICategory* category, CategoryRecord& into) {
  ReadText(category, &ICategory::get_CategoryID, "ICategory::CategoryID", into.categoryId);
  ReadText(category, &ICategory::get_Name, "ICategory::Name", into.name);
  ReadText(category, &ICategory::get_Type, "ICategory::Type", into.type);
  ReadText(category, &ICategory::get_Description, "ICategory::Description", into.description);
  into.order = ReadLong(category, &ICategory::get_Order, "ICategory::Order");
  ComPtr<ICategory> parent = ReadObject(category, &ICategory::get_Parent, "ICategory::Parent");
  if (!parent) {
    into.parentId.reset();
    return;
  }
  if (!into.parentId) into.parentId.emplace();
  ReadText(parent.Get(), &ICategory::get_CategoryID, "ICategory::CategoryID", *into.parentId);
}

void ReadCategories(ICategoryCollection* categories, std::vector<CategoryRecord>& into) {
  LONG count = 0;
  if (categories) ThrowIfFailed(categories->get_Count(&count), "ICategoryCollection::Count");
  into.resize(count);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<ICategory> category;
    ThrowIfFailed(categories->get_Item(i, category.Put()), "ICategoryCollection::Item");
    ReadCategory(category.Get(), into[i]);
  }
}

void ReadIdentity(IUpdate* update, IdentityRecord& into) {
  ComPtr<IUpdateIdentity> identity = ReadObject(update, &IUpdate::get_Identity, "IUpdate::Identity");
  ReadText(identity.Get(), &IUpdateIdentity::get_UpdateID, "IUpdateIdentity::UpdateID", into.updateId);
  into.revisionNumber = ReadLong(identity.Get(), &IUpdateIdentity::get_RevisionNumber, "IUpdateIdentity::RevisionNumber");
}

void ReadDownloadContents(IUpdate* update, std::vector<DownloadContentRecord>& into) {
  ComPtr<IUpdateDownloadContentCollection> contents = ReadObject(update, &IUpdate::get_DownloadContents, "IUpdate::DownloadContents");
  LONG count = 0;
  if (contents) ThrowIfFailed(contents->get_Count(&count), "IUpdateDownloadContentCollection::Count");
  into.resize(count);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdateDownloadContent> content;
    ThrowIfFailed(contents->get_Item(i, content.Put()), "IUpdateDownloadContentCollection::Item");
    DownloadContentRecord& record = into[i];
    ReadText(content.Get(), &IUpdateDownloadContent::get_DownloadUrl, "IUpdateDownloadContent::DownloadUrl", record.downloadUrl);
    ComPtr<IUpdateDownloadContent2> content2;
    record.isDeltaCompressedBinary =
        SUCCEEDED(content.As(content2)) && ReadBool(content2.Get(), &IUpdateDownloadContent2::get_IsDeltaCompressedContent,
                                                    "IUpdateDownloadContent2::IsDeltaCompressedContent");
  }
}

// Fills the entry fields of a driver record or of one of its entries.
template <class Entry, class Into>
void ReadDriverEntry(Entry* entry, Into& out) {
  out.driverClass = ReadText(entry, &Entry::get_DriverClass, "DriverClass");
  out.hardwareId = ReadText(entry, &Entry::get_DriverHardwareID, "DriverHardwareID");
  out.manufacturer = ReadText(entry, &Entry::get_DriverManufacturer, "DriverManufacturer");
  out.model = ReadText(entry, &Entry::get_DriverModel, "DriverModel");
  out.provider = ReadText(entry, &Entry::get_DriverProvider, "DriverProvider");
  out.verDate = ReadDate(entry, &Entry::get_DriverVerDate, "DriverVerDate");
  out.deviceProblemNumber = ReadLong(entry, &Entry::get_DeviceProblemNumber, "DeviceProblemNumber");
  out.deviceStatus = ReadLong(entry, &Entry::get_DeviceStatus, "DeviceStatus");
}

DriverRecord ReadDriver(IWindowsDriverUpdate* driver) {
  DriverRecord out;
  ReadDriverEntry(driver, out);
  ComPtr<IWindowsDriverUpdate4> driver4;
  if (SUCCEEDED(ComPtr<IWindowsDriverUpdate>(driver).As(driver4))) {
    ComPtr<IWindowsDriverUpdateEntryCollection> entries = ReadObject(driver4.Get(), &IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries,
                                                                     "IWindowsDriverUpdate4::WindowsDriverUpdateEntries");
    LONG count = 0;
    if (entries) ThrowIfFailed(entries->get_Count(&count), "IWindowsDriverUpdateEntryCollection::Count");
    out.entries.resize(count);
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IWindowsDriverUpdateEntry> entry;
      ThrowIfFailed(entries->get_Item(i, entry.Put()), "IWindowsDriverUpdateEntryCollection::Item");
      ReadDriverEntry(entry.Get(), out.entries[i]);
    }
  } else {
    out.entries.emplace_back();
    ReadDriverEntry(driver, out.entries.back());
  }
  return out;
}

}  // namespace

IdentityRecord ReadIdentity(IUpdate* update) {
  IdentityRecord out;
  ReadIdentity(update, out);
  return out;
}

std::vector<CategoryRecord> ReadCategories(ICategoryCollection* categories) {
  std::vector<CategoryRecord> out;
  ReadCategories(categories, out);
  return out;
}

std::vector<WarningRecord> ReadWarnings(IUpdateExceptionCollection* warnings) {
  std::vector<WarningRecord> out;
  if (!warnings) return out;
  LONG count = 0;
  ThrowIfFailed(warnings->get_Count(&count), "IUpdateExceptionCollection::Count");
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdateException> warning;
    ThrowIfFailed(warnings->get_Item(i, warning.Put()), "IUpdateExceptionCollection::Item");
    WarningRecord record;
    record.hresult = ReadLong(warning.Get(), &IUpdateException::get_HResult, "IUpdateException::HResult");
    record.message = ReadText(warning.Get(), &IUpdateException::get_Message, "IUpdateException::Message");
    record.context = ReadLong(warning.Get(), &IUpdateException::get_Context, "IUpdateException::Context");
    out.push_back(std::move(record));
  }
  return out;
}

void ReadUpdate(IUpdate* u, UpdateRecord& r) { ReadUpdate(u, r, UpdateFields::All()); }

// Each field's agent calls are made only when the projection has it: a search for a few fields of
// thousands of updates is that many fewer calls into the agent. Fields left out keep whatever
// `r` held; the writer sends only the projection's.
void ReadUpdate(IUpdate* u, UpdateRecord& r, UpdateFields fields) {
  using F = UpdateField;
  const auto want = [fields](F field) { return fields.Has(field); };
  ReadIdentity(u, r.identity);
  if (want(F::title)) ReadText(u, &IUpdate::get_Title, "IUpdate::Title", r.title);
  if (want(F::description)) ReadText(u, &IUpdate::get_Description, "IUpdate::Description", r.description);
  // A driver is read only for a driver update: its type decides.
  if (want(F::type) || want(F::driver)) r.type = ReadLong(u, &IUpdate::get_Type, "IUpdate::Type");
  if (want(F::kbArticleIds)) ReadTexts(u, &IUpdate::get_KBArticleIDs, "IUpdate::KBArticleIDs", r.kbArticleIds);
  if (want(F::securityBulletinIds)) ReadTexts(u, &IUpdate::get_SecurityBulletinIDs, "IUpdate::SecurityBulletinIDs", r.securityBulletinIds);
  if (want(F::categories)) {
    ComPtr<ICategoryCollection> categories = ReadObject(u, &IUpdate::get_Categories, "IUpdate::Categories");
    ReadCategories(categories.Get(), r.categories);
  }
  if (want(F::msrcSeverity)) ReadNullableText(u, &IUpdate::get_MsrcSeverity, "IUpdate::MsrcSeverity", r.msrcSeverity);
  if (want(F::deploymentAction)) r.deploymentAction = ReadLong(u, &IUpdate::get_DeploymentAction, "IUpdate::DeploymentAction");
  if (want(F::downloadPriority)) r.downloadPriority = ReadLong(u, &IUpdate::get_DownloadPriority, "IUpdate::DownloadPriority");
  if (want(F::autoSelectOnWebSites))
    r.autoSelectOnWebSites = ReadBool(u, &IUpdate::get_AutoSelectOnWebSites, "IUpdate::AutoSelectOnWebSites");
  if (want(F::canRequireSource)) r.canRequireSource = ReadBool(u, &IUpdate::get_CanRequireSource, "IUpdate::CanRequireSource");
  if (want(F::isBeta)) r.isBeta = ReadBool(u, &IUpdate::get_IsBeta, "IUpdate::IsBeta");
  if (want(F::isDownloaded)) r.isDownloaded = ReadBool(u, &IUpdate::get_IsDownloaded, "IUpdate::IsDownloaded");
  if (want(F::isHidden)) r.isHidden = ReadBool(u, &IUpdate::get_IsHidden, "IUpdate::IsHidden");
  if (want(F::isInstalled)) r.isInstalled = ReadBool(u, &IUpdate::get_IsInstalled, "IUpdate::IsInstalled");
  if (want(F::isMandatory)) r.isMandatory = ReadBool(u, &IUpdate::get_IsMandatory, "IUpdate::IsMandatory");
  if (want(F::isUninstallable)) r.isUninstallable = ReadBool(u, &IUpdate::get_IsUninstallable, "IUpdate::IsUninstallable");
  if (want(F::eulaAccepted)) r.eulaAccepted = ReadBool(u, &IUpdate::get_EulaAccepted, "IUpdate::EulaAccepted");
  if (want(F::eulaText)) ReadNullableText(u, &IUpdate::get_EulaText, "IUpdate::EulaText", r.eulaText);
  if (want(F::deltaCompressedContentAvailable))
    r.deltaCompressedContentAvailable =
        ReadBool(u, &IUpdate::get_DeltaCompressedContentAvailable, "IUpdate::DeltaCompressedContentAvailable");
  if (want(F::deltaCompressedContentPreferred))
    r.deltaCompressedContentPreferred =
        ReadBool(u, &IUpdate::get_DeltaCompressedContentPreferred, "IUpdate::DeltaCompressedContentPreferred");
  if (want(F::handlerId)) ReadText(u, &IUpdate::get_HandlerID, "IUpdate::HandlerID", r.handlerId);
  if (want(F::languages)) ReadTexts(u, &IUpdate::get_Languages, "IUpdate::Languages", r.languages);
  if (want(F::moreInfoUrls)) ReadTexts(u, &IUpdate::get_MoreInfoUrls, "IUpdate::MoreInfoUrls", r.moreInfoUrls);
  if (want(F::supportUrl)) ReadText(u, &IUpdate::get_SupportUrl, "IUpdate::SupportUrl", r.supportUrl);
  if (want(F::releaseNotes)) ReadText(u, &IUpdate::get_ReleaseNotes, "IUpdate::ReleaseNotes", r.releaseNotes);
  if (want(F::supersededUpdateIds)) ReadTexts(u, &IUpdate::get_SupersededUpdateIDs, "IUpdate::SupersededUpdateIDs", r.supersededUpdateIds);
  if (want(F::uninstallationNotes)) ReadText(u, &IUpdate::get_UninstallationNotes, "IUpdate::UninstallationNotes", r.uninstallationNotes);
  if (want(F::uninstallationSteps)) ReadTexts(u, &IUpdate::get_UninstallationSteps, "IUpdate::UninstallationSteps", r.uninstallationSteps);
  if (want(F::maxDownloadSize)) r.maxDownloadSize = ReadDecimal(u, &IUpdate::get_MaxDownloadSize, "IUpdate::MaxDownloadSize");
  if (want(F::minDownloadSize)) r.minDownloadSize = ReadDecimal(u, &IUpdate::get_MinDownloadSize, "IUpdate::MinDownloadSize");
  if (want(F::recommendedCpuSpeed)) r.recommendedCpuSpeed = ReadLong(u, &IUpdate::get_RecommendedCpuSpeed, "IUpdate::RecommendedCpuSpeed");
  if (want(F::recommendedHardDiskSpace))
    r.recommendedHardDiskSpace = ReadLong(u, &IUpdate::get_RecommendedHardDiskSpace, "IUpdate::RecommendedHardDiskSpace");
  if (want(F::recommendedMemory)) r.recommendedMemory = ReadLong(u, &IUpdate::get_RecommendedMemory, "IUpdate::RecommendedMemory");
  if (want(F::deadline)) {
    com::Variant deadline;
    ThrowIfFailed(u->get_Deadline(deadline.Put()), "IUpdate::Deadline");
    r.deadline = deadline.vt == VT_DATE ? std::optional<double>(deadline.date) : std::nullopt;
  }
  if (want(F::lastDeploymentChangeTime))
    r.lastDeploymentChangeTime = ReadDate(u, &IUpdate::get_LastDeploymentChangeTime, "IUpdate::LastDeploymentChangeTime");
  if (want(F::installationBehavior)) {
    ComPtr<IInstallationBehavior> behavior = ReadObject(u, &IUpdate::get_InstallationBehavior, "IUpdate::InstallationBehavior");
    r.installationBehavior = behavior ? ReadBehavior(behavior.Get()) : BehaviorRecord{};
  }
  if (want(F::uninstallationBehavior)) {
    ComPtr<IInstallationBehavior> behavior = ReadObject(u, &IUpdate::get_UninstallationBehavior, "IUpdate::UninstallationBehavior");
    r.uninstallationBehavior = behavior ? std::optional<BehaviorRecord>(ReadBehavior(behavior.Get())) : std::nullopt;
  }
  if (want(F::image)) {
    if (ComPtr<IImageInformation> image = ReadObject(u, &IUpdate::get_Image, "IUpdate::Image")) {
      ImageRecord& into = r.image ? *r.image : r.image.emplace();
      ReadText(image.Get(), &IImageInformation::get_AltText, "IImageInformation::AltText", into.altText);
      ReadText(image.Get(), &IImageInformation::get_Source, "IImageInformation::Source", into.source);
      into.height = ReadLong(image.Get(), &IImageInformation::get_Height, "IImageInformation::Height");
      into.width = ReadLong(image.Get(), &IImageInformation::get_Width, "IImageInformation::Width");
    } else {
      r.image.reset();
    }
  }
  if (want(F::downloadContents)) ReadDownloadContents(u, r.downloadContents);
  if (want(F::bundledUpdates)) {
    ComPtr<IUpdateCollection> bundled = ReadObject(u, &IUpdate::get_BundledUpdates, "IUpdate::BundledUpdates");
    LONG count = 0;
    if (bundled) ThrowIfFailed(bundled->get_Count(&count), "IUpdateCollection::Count");
    r.bundledUpdates.resize(count);
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IUpdate> child;
      ThrowIfFailed(bundled->get_Item(i, child.Put()), "IUpdateCollection::Item");
      ReadUpdate(child.Get(), r.bundledUpdates[i]);
    }
  }
  // Newer interfaces are optional: an older agent simply lacks their properties, which keep the
  // defaults of a new record. Each is asked for only when a field of it is wanted.
  ComPtr<IUpdate> update(u);
  if (want(F::rebootRequired) || want(F::isPresent) || want(F::cveIds)) {
    ComPtr<IUpdate2> update2;
    const bool has2 = SUCCEEDED(update.As(update2));
    if (want(F::rebootRequired))
      r.rebootRequired = has2 && ReadBool(update2.Get(), &IUpdate2::get_RebootRequired, "IUpdate2::RebootRequired");
    if (want(F::isPresent)) r.isPresent = has2 && ReadBool(update2.Get(), &IUpdate2::get_IsPresent, "IUpdate2::IsPresent");
    if (want(F::cveIds)) {
      if (has2)
        ReadTexts(update2.Get(), &IUpdate2::get_CveIDs, "IUpdate2::CveIDs", r.cveIds);
      else
        r.cveIds.clear();
    }
  }
  if (want(F::browseOnly)) {
    ComPtr<IUpdate3> update3;
    r.browseOnly = SUCCEEDED(update.As(update3)) && ReadBool(update3.Get(), &IUpdate3::get_BrowseOnly, "IUpdate3::BrowseOnly");
  }
  if (want(F::perUser)) {
    ComPtr<IUpdate4> update4;
    r.perUser = SUCCEEDED(update.As(update4)) && ReadBool(update4.Get(), &IUpdate4::get_PerUser, "IUpdate4::PerUser");
  }
  if (want(F::autoSelection) || want(F::autoDownload)) {
    ComPtr<IUpdate5> update5;
    const bool has5 = SUCCEEDED(update.As(update5));
    if (want(F::autoSelection))
      r.autoSelection =
          has5 ? ReadLong(update5.Get(), &IUpdate5::get_AutoSelection, "IUpdate5::AutoSelection") : UpdateRecord{}.autoSelection;
    if (want(F::autoDownload))
      r.autoDownload = has5 ? ReadLong(update5.Get(), &IUpdate5::get_AutoDownload, "IUpdate5::AutoDownload") : UpdateRecord{}.autoDownload;
  }
  if (want(F::driver)) {
    ComPtr<IWindowsDriverUpdate> driver;
    if (r.type == utDriver && SUCCEEDED(update.As(driver)))
      r.driver = ReadDriver(driver.Get());
    else
      r.driver.reset();
  }
}

UpdateRecord ReadUpdate(IUpdate* update) {
  UpdateRecord out;
  ReadUpdate(update, out);
  return out;
}

BehaviorRecord ReadBehavior(IInstallationBehavior* behavior) {
  BehaviorRecord out;
  out.canRequestUserInput =
      ReadBool(behavior, &IInstallationBehavior::get_CanRequestUserInput, "IInstallationBehavior::CanRequestUserInput");
  out.impact = ReadLong(behavior, &IInstallationBehavior::get_Impact, "IInstallationBehavior::Impact");
  out.rebootBehavior = ReadLong(behavior, &IInstallationBehavior::get_RebootBehavior, "IInstallationBehavior::RebootBehavior");
  out.requiresNetworkConnectivity =
      ReadBool(behavior, &IInstallationBehavior::get_RequiresNetworkConnectivity, "IInstallationBehavior::RequiresNetworkConnectivity");
  return out;
}

}  // namespace wua

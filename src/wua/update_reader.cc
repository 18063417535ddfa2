#include "wua/update_reader.h"

#include "com/variant.h"
#include "wua/properties.h"

namespace wua {

namespace {

using com::ComPtr;
using com::ThrowIfFailed;

BehaviorRecord ReadBehavior(IInstallationBehavior* behavior) {
  BehaviorRecord out;
  out.canRequestUserInput = ReadBool(behavior, &IInstallationBehavior::get_CanRequestUserInput, "IInstallationBehavior::CanRequestUserInput");
  out.impact = ReadLong(behavior, &IInstallationBehavior::get_Impact, "IInstallationBehavior::Impact");
  out.rebootBehavior = ReadLong(behavior, &IInstallationBehavior::get_RebootBehavior, "IInstallationBehavior::RebootBehavior");
  out.requiresNetworkConnectivity = ReadBool(behavior, &IInstallationBehavior::get_RequiresNetworkConnectivity,
                                             "IInstallationBehavior::RequiresNetworkConnectivity");
  return out;
}

CategoryRecord ReadCategory(ICategory* category) {
  CategoryRecord out;
  out.categoryId = ReadText(category, &ICategory::get_CategoryID, "ICategory::CategoryID");
  out.name = ReadText(category, &ICategory::get_Name, "ICategory::Name");
  out.type = ReadText(category, &ICategory::get_Type, "ICategory::Type");
  out.description = ReadText(category, &ICategory::get_Description, "ICategory::Description");
  out.order = ReadLong(category, &ICategory::get_Order, "ICategory::Order");
  ComPtr<ICategory> parent = ReadObject(category, &ICategory::get_Parent, "ICategory::Parent");
  if (parent) out.parentId = ReadText(parent.Get(), &ICategory::get_CategoryID, "ICategory::CategoryID");
  return out;
}

template <class Entry>
DriverEntryRecord ReadDriverEntry(Entry* entry) {
  DriverEntryRecord out;
  out.driverClass = ReadText(entry, &Entry::get_DriverClass, "DriverClass");
  out.hardwareId = ReadText(entry, &Entry::get_DriverHardwareID, "DriverHardwareID");
  out.manufacturer = ReadText(entry, &Entry::get_DriverManufacturer, "DriverManufacturer");
  out.model = ReadText(entry, &Entry::get_DriverModel, "DriverModel");
  out.provider = ReadText(entry, &Entry::get_DriverProvider, "DriverProvider");
  out.verDate = ReadDate(entry, &Entry::get_DriverVerDate, "DriverVerDate");
  out.deviceProblemNumber = ReadLong(entry, &Entry::get_DeviceProblemNumber, "DeviceProblemNumber");
  out.deviceStatus = ReadLong(entry, &Entry::get_DeviceStatus, "DeviceStatus");
  return out;
}

DriverRecord ReadDriver(IWindowsDriverUpdate* driver) {
  DriverRecord out;
  out.main = ReadDriverEntry(driver);
  ComPtr<IWindowsDriverUpdate4> driver4;
  if (SUCCEEDED(ComPtr<IWindowsDriverUpdate>(driver).As(driver4))) {
    ComPtr<IWindowsDriverUpdateEntryCollection> entries = ReadObject(
        driver4.Get(), &IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries, "IWindowsDriverUpdate4::WindowsDriverUpdateEntries");
    LONG count = 0;
    if (entries) ThrowIfFailed(entries->get_Count(&count), "IWindowsDriverUpdateEntryCollection::Count");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IWindowsDriverUpdateEntry> entry;
      ThrowIfFailed(entries->get_Item(i, entry.Put()), "IWindowsDriverUpdateEntryCollection::Item");
      out.entries.push_back(ReadDriverEntry(entry.Get()));
    }
  } else {
    out.entries.push_back(out.main);
  }
  return out;
}

}  // namespace

IdentityRecord ReadIdentity(IUpdate* update) {
  ComPtr<IUpdateIdentity> identity = ReadObject(update, &IUpdate::get_Identity, "IUpdate::Identity");
  return {ReadText(identity.Get(), &IUpdateIdentity::get_UpdateID, "IUpdateIdentity::UpdateID"),
          ReadLong(identity.Get(), &IUpdateIdentity::get_RevisionNumber, "IUpdateIdentity::RevisionNumber")};
}

std::vector<CategoryRecord> ReadCategories(ICategoryCollection* categories) {
  std::vector<CategoryRecord> out;
  if (!categories) return out;
  LONG count = 0;
  ThrowIfFailed(categories->get_Count(&count), "ICategoryCollection::Count");
  for (LONG i = 0; i < count; ++i) {
    ComPtr<ICategory> category;
    ThrowIfFailed(categories->get_Item(i, category.Put()), "ICategoryCollection::Item");
    out.push_back(ReadCategory(category.Get()));
  }
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

UpdateRecord ReadUpdate(IUpdate* u) {
  UpdateRecord r;
  r.identity = ReadIdentity(u);
  r.title = ReadText(u, &IUpdate::get_Title, "IUpdate::Title");
  r.description = ReadText(u, &IUpdate::get_Description, "IUpdate::Description");
  r.type = ReadLong(u, &IUpdate::get_Type, "IUpdate::Type");
  r.kbArticleIds = ReadTexts(u, &IUpdate::get_KBArticleIDs, "IUpdate::KBArticleIDs");
  r.securityBulletinIds = ReadTexts(u, &IUpdate::get_SecurityBulletinIDs, "IUpdate::SecurityBulletinIDs");
  {
    ComPtr<ICategoryCollection> categories = ReadObject(u, &IUpdate::get_Categories, "IUpdate::Categories");
    r.categories = ReadCategories(categories.Get());
  }
  r.msrcSeverity = ReadText(u, &IUpdate::get_MsrcSeverity, "IUpdate::MsrcSeverity");
  r.deploymentAction = ReadLong(u, &IUpdate::get_DeploymentAction, "IUpdate::DeploymentAction");
  r.downloadPriority = ReadLong(u, &IUpdate::get_DownloadPriority, "IUpdate::DownloadPriority");
  r.autoSelectOnWebSites = ReadBool(u, &IUpdate::get_AutoSelectOnWebSites, "IUpdate::AutoSelectOnWebSites");
  r.canRequireSource = ReadBool(u, &IUpdate::get_CanRequireSource, "IUpdate::CanRequireSource");
  r.isBeta = ReadBool(u, &IUpdate::get_IsBeta, "IUpdate::IsBeta");
  r.isDownloaded = ReadBool(u, &IUpdate::get_IsDownloaded, "IUpdate::IsDownloaded");
  r.isHidden = ReadBool(u, &IUpdate::get_IsHidden, "IUpdate::IsHidden");
  r.isInstalled = ReadBool(u, &IUpdate::get_IsInstalled, "IUpdate::IsInstalled");
  r.isMandatory = ReadBool(u, &IUpdate::get_IsMandatory, "IUpdate::IsMandatory");
  r.isUninstallable = ReadBool(u, &IUpdate::get_IsUninstallable, "IUpdate::IsUninstallable");
  r.eulaAccepted = ReadBool(u, &IUpdate::get_EulaAccepted, "IUpdate::EulaAccepted");
  r.eulaText = ReadNullableText(u, &IUpdate::get_EulaText, "IUpdate::EulaText");
  r.deltaCompressedContentAvailable = ReadBool(u, &IUpdate::get_DeltaCompressedContentAvailable, "IUpdate::DeltaCompressedContentAvailable");
  r.deltaCompressedContentPreferred = ReadBool(u, &IUpdate::get_DeltaCompressedContentPreferred, "IUpdate::DeltaCompressedContentPreferred");
  r.handlerId = ReadText(u, &IUpdate::get_HandlerID, "IUpdate::HandlerID");
  r.languages = ReadTexts(u, &IUpdate::get_Languages, "IUpdate::Languages");
  r.moreInfoUrls = ReadTexts(u, &IUpdate::get_MoreInfoUrls, "IUpdate::MoreInfoUrls");
  r.supportUrl = ReadText(u, &IUpdate::get_SupportUrl, "IUpdate::SupportUrl");
  r.releaseNotes = ReadText(u, &IUpdate::get_ReleaseNotes, "IUpdate::ReleaseNotes");
  r.supersededUpdateIds = ReadTexts(u, &IUpdate::get_SupersededUpdateIDs, "IUpdate::SupersededUpdateIDs");
  r.uninstallationNotes = ReadText(u, &IUpdate::get_UninstallationNotes, "IUpdate::UninstallationNotes");
  r.uninstallationSteps = ReadTexts(u, &IUpdate::get_UninstallationSteps, "IUpdate::UninstallationSteps");
  r.maxDownloadSize = ReadDecimal(u, &IUpdate::get_MaxDownloadSize, "IUpdate::MaxDownloadSize");
  r.minDownloadSize = ReadDecimal(u, &IUpdate::get_MinDownloadSize, "IUpdate::MinDownloadSize");
  r.recommendedCpuSpeed = ReadLong(u, &IUpdate::get_RecommendedCpuSpeed, "IUpdate::RecommendedCpuSpeed");
  r.recommendedHardDiskSpace = ReadLong(u, &IUpdate::get_RecommendedHardDiskSpace, "IUpdate::RecommendedHardDiskSpace");
  r.recommendedMemory = ReadLong(u, &IUpdate::get_RecommendedMemory, "IUpdate::RecommendedMemory");
  {
    com::Variant deadline;
    ThrowIfFailed(u->get_Deadline(deadline.Put()), "IUpdate::Deadline");
    if (deadline.vt == VT_DATE) r.deadline = deadline.date;
  }
  r.lastDeploymentChangeTime = ReadDate(u, &IUpdate::get_LastDeploymentChangeTime, "IUpdate::LastDeploymentChangeTime");
  {
    ComPtr<IInstallationBehavior> behavior = ReadObject(u, &IUpdate::get_InstallationBehavior, "IUpdate::InstallationBehavior");
    if (behavior) r.installationBehavior = ReadBehavior(behavior.Get());
    behavior = ReadObject(u, &IUpdate::get_UninstallationBehavior, "IUpdate::UninstallationBehavior");
    if (behavior) r.uninstallationBehavior = ReadBehavior(behavior.Get());
  }
  if (ComPtr<IImageInformation> image = ReadObject(u, &IUpdate::get_Image, "IUpdate::Image")) {
    r.image = ImageRecord{ReadText(image.Get(), &IImageInformation::get_AltText, "IImageInformation::AltText"),
                          ReadText(image.Get(), &IImageInformation::get_Source, "IImageInformation::Source"),
                          ReadLong(image.Get(), &IImageInformation::get_Height, "IImageInformation::Height"),
                          ReadLong(image.Get(), &IImageInformation::get_Width, "IImageInformation::Width")};
  }
  if (ComPtr<IUpdateDownloadContentCollection> contents =
          ReadObject(u, &IUpdate::get_DownloadContents, "IUpdate::DownloadContents")) {
    LONG count = 0;
    ThrowIfFailed(contents->get_Count(&count), "IUpdateDownloadContentCollection::Count");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IUpdateDownloadContent> content;
      ThrowIfFailed(contents->get_Item(i, content.Put()), "IUpdateDownloadContentCollection::Item");
      DownloadContentRecord record;
      record.downloadUrl = ReadText(content.Get(), &IUpdateDownloadContent::get_DownloadUrl, "IUpdateDownloadContent::DownloadUrl");
      ComPtr<IUpdateDownloadContent2> content2;
      if (SUCCEEDED(content.As(content2))) {
        record.isDeltaCompressedBinary = ReadBool(content2.Get(), &IUpdateDownloadContent2::get_IsDeltaCompressedContent,
                                                  "IUpdateDownloadContent2::IsDeltaCompressedContent");
      }
      r.downloadContents.push_back(std::move(record));
    }
  }
  if (ComPtr<IUpdateCollection> bundled = ReadObject(u, &IUpdate::get_BundledUpdates, "IUpdate::BundledUpdates")) {
    LONG count = 0;
    ThrowIfFailed(bundled->get_Count(&count), "IUpdateCollection::Count");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IUpdate> child;
      ThrowIfFailed(bundled->get_Item(i, child.Put()), "IUpdateCollection::Item");
      r.bundledUpdates.push_back(ReadUpdate(child.Get()));
    }
  }
  // Newer interfaces are optional: an older agent simply lacks their properties.
  ComPtr<IUpdate> update(u);
  ComPtr<IUpdate2> update2;
  if (SUCCEEDED(update.As(update2))) {
    r.rebootRequired = ReadBool(update2.Get(), &IUpdate2::get_RebootRequired, "IUpdate2::RebootRequired");
    r.isPresent = ReadBool(update2.Get(), &IUpdate2::get_IsPresent, "IUpdate2::IsPresent");
    r.cveIds = ReadTexts(update2.Get(), &IUpdate2::get_CveIDs, "IUpdate2::CveIDs");
  }
  ComPtr<IUpdate3> update3;
  if (SUCCEEDED(update.As(update3))) r.browseOnly = ReadBool(update3.Get(), &IUpdate3::get_BrowseOnly, "IUpdate3::BrowseOnly");
  ComPtr<IUpdate4> update4;
  if (SUCCEEDED(update.As(update4))) r.perUser = ReadBool(update4.Get(), &IUpdate4::get_PerUser, "IUpdate4::PerUser");
  ComPtr<IUpdate5> update5;
  if (SUCCEEDED(update.As(update5))) {
    r.autoSelection = ReadLong(update5.Get(), &IUpdate5::get_AutoSelection, "IUpdate5::AutoSelection");
    r.autoDownload = ReadLong(update5.Get(), &IUpdate5::get_AutoDownload, "IUpdate5::AutoDownload");
  }
  ComPtr<IWindowsDriverUpdate> driver;
  if (r.type == utDriver && SUCCEEDED(update.As(driver))) r.driver = ReadDriver(driver.Get());
  return r;
}

}  // namespace wua

// The floor of a search's read: a plain C++ loop that makes exactly the agent calls the addon's
// reader makes for every field (src/wua/update_reader.cc: the same interfaces, the same
// collections walked, the same QueryInterface for the newer interfaces), consuming each value as
// little as possible (a length or a checksum, every string freed and every object released at
// once) and building nothing. No JS, no JSON, no records, no thread hops.
// Usage: read-floor.exe <criteria>. For each line read from standard input it searches and reads
// once, and answers with one JSON line, {"ms":..,"searchMs":..,"updates":..,"checksum":..}: the
// whole run, and the agent's search alone (IUpdateSearcher::Search, before any update is read).
#include <windows.h>

#include <oleauto.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "com/apartment.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "wua/wua.h"

namespace {

using wua::com::ComPtr;
using wua::com::ThrowIfFailed;

uint64_t checksum = 0;

template <class I>
void Text(I* object, HRESULT (STDMETHODCALLTYPE I::*getter)(BSTR*)) {
  BSTR value = nullptr;
  ThrowIfFailed((object->*getter)(&value), "text");
  checksum += ::SysStringLen(value);
  ::SysFreeString(value);
}

template <class I, class Value>
void Scalar(I* object, HRESULT (STDMETHODCALLTYPE I::*getter)(Value*)) {
  Value value{};
  ThrowIfFailed((object->*getter)(&value), "scalar");
  checksum += static_cast<uint64_t>(value);
}

template <class I>
void Decimal(I* object, HRESULT (STDMETHODCALLTYPE I::*getter)(DECIMAL*)) {
  DECIMAL value{};
  ThrowIfFailed((object->*getter)(&value), "decimal");
  checksum += value.Lo32;
}

template <class I>
void Texts(I* object, HRESULT (STDMETHODCALLTYPE I::*getter)(IStringCollection**)) {
  ComPtr<IStringCollection> strings;
  ThrowIfFailed((object->*getter)(strings.Put()), "texts");
  LONG count = 0;
  if (strings) ThrowIfFailed(strings->get_Count(&count), "texts");
  for (LONG i = 0; i < count; ++i) {
    BSTR item = nullptr;
    ThrowIfFailed(strings->get_Item(i, &item), "texts");
    checksum += ::SysStringLen(item);
    ::SysFreeString(item);
  }
}

template <class I, class Item>
ComPtr<Item> Object(I* object, HRESULT (STDMETHODCALLTYPE I::*getter)(Item**)) {
  ComPtr<Item> out;
  ThrowIfFailed((object->*getter)(out.Put()), "object");
  return out;
}

void Category(ICategory* category) {
  Text(category, &ICategory::get_CategoryID);
  Text(category, &ICategory::get_Name);
  Text(category, &ICategory::get_Type);
  Text(category, &ICategory::get_Description);
  Scalar(category, &ICategory::get_Order);
  if (ComPtr<ICategory> parent = Object(category, &ICategory::get_Parent)) Text(parent.Get(), &ICategory::get_CategoryID);
}

void Behavior(IInstallationBehavior* behavior) {
  Scalar(behavior, &IInstallationBehavior::get_CanRequestUserInput);
  Scalar(behavior, &IInstallationBehavior::get_Impact);
  Scalar(behavior, &IInstallationBehavior::get_RebootBehavior);
  Scalar(behavior, &IInstallationBehavior::get_RequiresNetworkConnectivity);
}

template <class Entry>
void DriverEntry(Entry* entry) {
  Text(entry, &Entry::get_DriverClass);
  Text(entry, &Entry::get_DriverHardwareID);
  Text(entry, &Entry::get_DriverManufacturer);
  Text(entry, &Entry::get_DriverModel);
  Text(entry, &Entry::get_DriverProvider);
  Scalar(entry, &Entry::get_DriverVerDate);
  Scalar(entry, &Entry::get_DeviceProblemNumber);
  Scalar(entry, &Entry::get_DeviceStatus);
}

void Update(IUpdate* u) {
  {
    ComPtr<IUpdateIdentity> identity = Object(u, &IUpdate::get_Identity);
    Text(identity.Get(), &IUpdateIdentity::get_UpdateID);
    Scalar(identity.Get(), &IUpdateIdentity::get_RevisionNumber);
  }
  Text(u, &IUpdate::get_Title);
  Text(u, &IUpdate::get_Description);
  UpdateType type = utSoftware;
  ThrowIfFailed(u->get_Type(&type), "type");
  Texts(u, &IUpdate::get_KBArticleIDs);
  Texts(u, &IUpdate::get_SecurityBulletinIDs);
  {
    ComPtr<ICategoryCollection> categories = Object(u, &IUpdate::get_Categories);
    LONG count = 0;
    if (categories) ThrowIfFailed(categories->get_Count(&count), "categories");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<ICategory> category;
      ThrowIfFailed(categories->get_Item(i, category.Put()), "category");
      Category(category.Get());
    }
  }
  Text(u, &IUpdate::get_MsrcSeverity);
  Scalar(u, &IUpdate::get_DeploymentAction);
  Scalar(u, &IUpdate::get_DownloadPriority);
  Scalar(u, &IUpdate::get_AutoSelectOnWebSites);
  Scalar(u, &IUpdate::get_CanRequireSource);
  Scalar(u, &IUpdate::get_IsBeta);
  Scalar(u, &IUpdate::get_IsDownloaded);
  Scalar(u, &IUpdate::get_IsHidden);
  Scalar(u, &IUpdate::get_IsInstalled);
  Scalar(u, &IUpdate::get_IsMandatory);
  Scalar(u, &IUpdate::get_IsUninstallable);
  Scalar(u, &IUpdate::get_EulaAccepted);
  Text(u, &IUpdate::get_EulaText);
  Scalar(u, &IUpdate::get_DeltaCompressedContentAvailable);
  Scalar(u, &IUpdate::get_DeltaCompressedContentPreferred);
  Text(u, &IUpdate::get_HandlerID);
  Texts(u, &IUpdate::get_Languages);
  Texts(u, &IUpdate::get_MoreInfoUrls);
  Text(u, &IUpdate::get_SupportUrl);
  Text(u, &IUpdate::get_ReleaseNotes);
  Texts(u, &IUpdate::get_SupersededUpdateIDs);
  Text(u, &IUpdate::get_UninstallationNotes);
  Texts(u, &IUpdate::get_UninstallationSteps);
  Decimal(u, &IUpdate::get_MaxDownloadSize);
  Decimal(u, &IUpdate::get_MinDownloadSize);
  Scalar(u, &IUpdate::get_RecommendedCpuSpeed);
  Scalar(u, &IUpdate::get_RecommendedHardDiskSpace);
  Scalar(u, &IUpdate::get_RecommendedMemory);
  {
    VARIANT deadline;
    ::VariantInit(&deadline);
    ThrowIfFailed(u->get_Deadline(&deadline), "deadline");
    checksum += deadline.vt;
    ::VariantClear(&deadline);
  }
  Scalar(u, &IUpdate::get_LastDeploymentChangeTime);
  if (ComPtr<IInstallationBehavior> behavior = Object(u, &IUpdate::get_InstallationBehavior)) Behavior(behavior.Get());
  if (ComPtr<IInstallationBehavior> behavior = Object(u, &IUpdate::get_UninstallationBehavior)) Behavior(behavior.Get());
  if (ComPtr<IImageInformation> image = Object(u, &IUpdate::get_Image)) {
    Text(image.Get(), &IImageInformation::get_AltText);
    Text(image.Get(), &IImageInformation::get_Source);
    Scalar(image.Get(), &IImageInformation::get_Height);
    Scalar(image.Get(), &IImageInformation::get_Width);
  }
  {
    ComPtr<IUpdateDownloadContentCollection> contents = Object(u, &IUpdate::get_DownloadContents);
    LONG count = 0;
    if (contents) ThrowIfFailed(contents->get_Count(&count), "contents");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IUpdateDownloadContent> content;
      ThrowIfFailed(contents->get_Item(i, content.Put()), "content");
      Text(content.Get(), &IUpdateDownloadContent::get_DownloadUrl);
      ComPtr<IUpdateDownloadContent2> content2;
      if (SUCCEEDED(content.As(content2))) Scalar(content2.Get(), &IUpdateDownloadContent2::get_IsDeltaCompressedContent);
    }
  }
  {
    ComPtr<IUpdateCollection> bundled = Object(u, &IUpdate::get_BundledUpdates);
    LONG count = 0;
    if (bundled) ThrowIfFailed(bundled->get_Count(&count), "bundled");
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IUpdate> child;
      ThrowIfFailed(bundled->get_Item(i, child.Put()), "bundled");
      Update(child.Get());
    }
  }
  ComPtr<IUpdate> update(u);
  ComPtr<IUpdate2> update2;
  if (SUCCEEDED(update.As(update2))) {
    Scalar(update2.Get(), &IUpdate2::get_RebootRequired);
    Scalar(update2.Get(), &IUpdate2::get_IsPresent);
    Texts(update2.Get(), &IUpdate2::get_CveIDs);
  }
  ComPtr<IUpdate3> update3;
  if (SUCCEEDED(update.As(update3))) Scalar(update3.Get(), &IUpdate3::get_BrowseOnly);
  ComPtr<IUpdate4> update4;
  if (SUCCEEDED(update.As(update4))) Scalar(update4.Get(), &IUpdate4::get_PerUser);
  ComPtr<IUpdate5> update5;
  if (SUCCEEDED(update.As(update5))) {
    Scalar(update5.Get(), &IUpdate5::get_AutoSelection);
    Scalar(update5.Get(), &IUpdate5::get_AutoDownload);
  }
  ComPtr<IWindowsDriverUpdate> driver;
  if (type == utDriver && SUCCEEDED(update.As(driver))) {
    DriverEntry(driver.Get());
    ComPtr<IWindowsDriverUpdate4> driver4;
    if (SUCCEEDED(driver.As(driver4))) {
      ComPtr<IWindowsDriverUpdateEntryCollection> entries = Object(driver4.Get(), &IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries);
      LONG count = 0;
      if (entries) ThrowIfFailed(entries->get_Count(&count), "entries");
      for (LONG i = 0; i < count; ++i) {
        ComPtr<IWindowsDriverUpdateEntry> entry;
        ThrowIfFailed(entries->get_Item(i, entry.Put()), "entry");
        DriverEntry(entry.Get());
      }
    } else {
      DriverEntry(driver.Get());
    }
  }
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  wua::com::ScopedApartment apartment;
  const std::wstring criteria = argc > 1 ? argv[1] : L"";
  try {
    ComPtr<IUpdateSession> session;
    ThrowIfFailed(::CoCreateInstance(__uuidof(UpdateSession), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IUpdateSession), session.PutVoid()),
                  "CoCreateInstance(UpdateSession)");
    char line[64];
    while (std::fgets(line, sizeof line, stdin)) {
      using Clock = std::chrono::steady_clock;
      const auto started = Clock::now();
      ComPtr<IUpdateSearcher> searcher;
      ThrowIfFailed(session->CreateUpdateSearcher(searcher.Put()), "CreateUpdateSearcher");
      ThrowIfFailed(searcher->put_IncludePotentiallySupersededUpdates(VARIANT_TRUE), "IncludePotentiallySupersededUpdates");
      BSTR text = ::SysAllocString(criteria.c_str());
      ComPtr<ISearchResult> result;
      const HRESULT searched = searcher->Search(text, result.Put());
      ::SysFreeString(text);
      ThrowIfFailed(searched, "Search");
      const auto searchedAt = Clock::now();
      ComPtr<IUpdateCollection> updates;
      ThrowIfFailed(result->get_Updates(updates.Put()), "Updates");
      LONG count = 0;
      ThrowIfFailed(updates->get_Count(&count), "Count");
      for (LONG i = 0; i < count; ++i) {
        ComPtr<IUpdate> update;
        ThrowIfFailed(updates->get_Item(i, update.Put()), "Item");
        Update(update.Get());
      }
      // The rest of the result, as the addon reads it after the updates.
      ComPtr<ICategoryCollection> roots;
      ThrowIfFailed(result->get_RootCategories(roots.Put()), "RootCategories");
      LONG rootCount = 0;
      if (roots) ThrowIfFailed(roots->get_Count(&rootCount), "roots");
      for (LONG i = 0; i < rootCount; ++i) {
        ComPtr<ICategory> category;
        ThrowIfFailed(roots->get_Item(i, category.Put()), "root");
        Category(category.Get());
      }
      ComPtr<IUpdateExceptionCollection> warnings;
      ThrowIfFailed(result->get_Warnings(warnings.Put()), "Warnings");
      LONG warningCount = 0;
      if (warnings) ThrowIfFailed(warnings->get_Count(&warningCount), "warnings");
      for (LONG i = 0; i < warningCount; ++i) {
        ComPtr<IUpdateException> warning;
        ThrowIfFailed(warnings->get_Item(i, warning.Put()), "warning");
        Scalar(warning.Get(), &IUpdateException::get_HResult);
        Text(warning.Get(), &IUpdateException::get_Message);
        Scalar(warning.Get(), &IUpdateException::get_Context);
      }
      const auto ended = Clock::now();
      const auto ms = [](auto from, auto to) { return std::chrono::duration<double, std::milli>(to - from).count(); };
      std::printf("{\"ms\":%.3f,\"searchMs\":%.3f,\"updates\":%ld,\"checksum\":%llu}\n", ms(started, ended), ms(started, searchedAt), count,
                  static_cast<unsigned long long>(checksum));
      std::fflush(stdout);
    }
    return 0;
  } catch (const wua::com::ComError& error) {
    std::fprintf(stderr, "%s failed: 0x%08lX\n", error.operation.c_str(), static_cast<unsigned long>(error.hr));
    return 1;
  }
}

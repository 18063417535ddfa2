// The simulated agent through its COM interfaces, as a native client sees them: what the addon
// does not reach yet (update services, Automatic Updates, the web proxy, history queries,
// hiding, the collections' rules) against the `basic` scenario (test/sim/selftest.test.ts), and,
// given a section name, the rules taken from Microsoft's documentation against the scenario of
// that section (test/sim/rules.test.ts), with no client logic deciding anything in between.
// The `wedge-*` sections check that a wedged call never returns.
// Prints every failure, then "N passed, N failed".
#include <windows.h>

#include <wuerror.h>

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "com/apartment.h"
#include "com/bstr.h"
#include "com/com_ptr.h"
#include "members.h"
#include "wua/wua.h"

namespace {

using wua::com::Bstr;
using wua::com::ComPtr;

int passed = 0;
int failed = 0;

void Check(const char* what, bool ok) {
  ok ? ++passed : ++failed;
  if (!ok) std::printf("FAIL %s\n", what);
}

void CheckHr(const char* what, HRESULT expected, HRESULT actual) {
  const bool ok = expected == actual;
  ok ? ++passed : ++failed;
  if (!ok)
    std::printf("FAIL %s: expected 0x%08lX, got 0x%08lX\n", what, static_cast<unsigned long>(expected), static_cast<unsigned long>(actual));
}

template <class Interface>
ComPtr<Interface> Create(const CLSID& clsid) {
  ComPtr<Interface> object;
  CheckHr("CoCreateInstance", S_OK, ::CoCreateInstance(clsid, nullptr, CLSCTX_INPROC_SERVER, __uuidof(Interface), object.PutVoid()));
  return object;
}

std::u16string Text(const Bstr& text) { return text.ToU16(); }

constexpr char16_t kMicrosoftUpdate[] = u"7971f918-a847-4430-9279-4a52d1efe18d";
constexpr char16_t kWindowsUpdate[] = u"9482f4b4-e343-43b6-b170-9a65bc822c77";
constexpr char16_t kDefender[] = u"4b2d8e91-7c3a-4f1e-b5d6-2a9c8e7f6b31";
constexpr char16_t kInstalled[] = u"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";

void ServiceManager(const wchar_t* ownPath) {
  auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
  ComPtr<IUpdateServiceCollection> services;
  CheckHr("Services", S_OK, manager->get_Services(services.Put()));
  LONG count = 0;
  services->get_Count(&count);
  Check("the scenario's two services", count == 2);

  Bstr mu(kMicrosoftUpdate), empty, cab(u"C:\\\\authorization.cab");
  ComPtr<IUpdateServiceRegistration> registration;
  CheckHr("AddService2 with a cab and online registration", E_INVALIDARG,
          manager->AddService2(mu.Get(), asfAllowOnlineRegistration, cab.Get(), registration.Put()));
  CheckHr("AddService2 online, registered with AU", S_OK,
          manager->AddService2(mu.Get(), asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU, empty.Get(),
                               registration.Put()));
  UpdateServiceRegistrationState state = usrsNotRegistered;
  registration->get_RegistrationState(&state);
  Check("registered", state == usrsRegistered);
  CheckHr("QueryServiceRegistration", S_OK, manager->QueryServiceRegistration(mu.Get(), registration.Put()));
  ComPtr<IUpdateService2> service;
  registration->get_Service(service.Put());
  Bstr name;
  if (service) service->get_Name(name.Put());
  Check("the Microsoft Update service by name", Text(name) == u"Microsoft Update");
  VARIANT_BOOL withAu = VARIANT_FALSE;
  if (service) service->get_IsRegisteredWithAU(&withAu);
  Check("registered with Automatic Updates", withAu == VARIANT_TRUE);
  CheckHr("UnregisterServiceWithAU", S_OK, manager->UnregisterServiceWithAU(mu.Get()));
  CheckHr("RemoveService", S_OK, manager->RemoveService(mu.Get()));
  CheckHr("RemoveService of an unknown service", WU_E_DS_UNKNOWNSERVICE, manager->RemoveService(mu.Get()));
  Bstr wu(kWindowsUpdate);
  CheckHr("RemoveService of Windows Update", WU_E_DS_NEEDWINDOWSSERVICE, manager->RemoveService(wu.Get()));

  Bstr scanName(u"offline scan"), missing(u"C:\\\\no\\\\such\\\\wsusscn2.cab"), existing(reinterpret_cast<const char16_t*>(ownPath));
  ComPtr<IUpdateService> scan;
  CheckHr("AddScanPackageService of a missing file", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
          manager->AddScanPackageService(scanName.Get(), missing.Get(), 0, scan.Put()));
  CheckHr("AddScanPackageService of a file that is no signed package", TRUST_E_NOSIGNATURE,
          manager->AddScanPackageService(scanName.Get(), existing.Get(), 0, scan.Put()));

  Bstr option(u"AllowWarningUI"), unknownOption(u"Colour");
  VARIANT value;
  ::VariantInit(&value);
  value.vt = VT_BOOL;
  value.boolVal = VARIANT_FALSE;
  CheckHr("SetOption AllowWarningUI", S_OK, manager->SetOption(option.Get(), value));
  CheckHr("SetOption of an unknown option", E_INVALIDARG, manager->SetOption(unknownOption.Get(), value));
}

void AutomaticUpdatesAndSystem() {
  auto au = Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates));
  VARIANT_BOOL enabled = VARIANT_FALSE;
  au->get_ServiceEnabled(&enabled);
  Check("the AU service is enabled", enabled == VARIANT_TRUE);
  CheckHr("DetectNow", S_OK, au->DetectNow());
  ComPtr<IAutomaticUpdatesSettings> settings;
  CheckHr("Settings", S_OK, au->get_Settings(settings.Put()));
  AutomaticUpdatesNotificationLevel level = aunlNotConfigured;
  settings->get_NotificationLevel(&level);
  Check("scheduled installation by default", level == aunlScheduledInstallation);
  CheckHr("an out-of-range notification level", E_INVALIDARG,
          settings->put_NotificationLevel(static_cast<AutomaticUpdatesNotificationLevel>(9)));
  CheckHr("put_NotificationLevel", S_OK, settings->put_NotificationLevel(aunlNotifyBeforeDownload));
  CheckHr("Save", S_OK, settings->Save());
  settings->Refresh();
  settings->get_NotificationLevel(&level);
  Check("Save keeps nothing since Windows 10", level == aunlScheduledInstallation);
  ComPtr<IAutomaticUpdatesSettings3> settings3;
  CheckHr("IAutomaticUpdatesSettings3", S_OK, settings.As(settings3));
  VARIANT_BOOL allowed = VARIANT_FALSE;
  if (settings3) settings3->CheckPermission(auutCurrentUser, auptSetNotificationLevel, &allowed);
  Check("CheckPermission", allowed == VARIANT_TRUE);
  ComPtr<IAutomaticUpdatesResults> results;
  CheckHr("Results", S_OK, au->get_Results(results.Put()));
  VARIANT date;
  ::VariantInit(&date);
  if (results) results->get_LastSearchSuccessDate(&date);
  Check("no search date in the scenario", date.vt == VT_EMPTY);

  auto system = Create<ISystemInformation>(__uuidof(SystemInformation));
  Bstr link;
  system->get_OemHardwareSupportLink(link.Put());
  Check("the OEM support link", Text(link) == u"https://support.example.com/hardware");

  auto proxy = Create<IWebProxy>(__uuidof(WebProxy));
  Bstr address(u"proxy.example.com:8080"), readBack;
  proxy->put_Address(address.Get());
  proxy->get_Address(readBack.Put());
  Check("the proxy address reads back", Text(readBack) == u"proxy.example.com:8080");
  Bstr title(u"credentials");
  CheckHr("no credential prompt", WU_E_NOT_SUPPORTED, proxy->PromptForCredentials(nullptr, title.Get()));
}

ComPtr<IUpdateCollection> Search(IUpdateSearcher* searcher, const char16_t* criteria) {
  Bstr text(criteria);
  ComPtr<ISearchResult> result;
  CheckHr("Search", S_OK, searcher->Search(text.Get(), result.Put()));
  ComPtr<IUpdateCollection> updates;
  if (result) result->get_Updates(updates.Put());
  return updates;
}

LONG CountOf(IUpdateCollection* updates) {
  LONG count = -1;
  if (updates) updates->get_Count(&count);
  return count;
}

void HistoryHidingAndCollections() {
  auto session = Create<IUpdateSession3>(__uuidof(UpdateSession));
  ComPtr<IUpdateSearcher> searcher;
  session->CreateUpdateSearcher(searcher.Put());
  LONG total = 0;
  CheckHr("GetTotalHistoryCount", S_OK, searcher->GetTotalHistoryCount(&total));
  Check("the scenario's history entry", total == 1);
  ComPtr<IUpdateHistoryEntryCollection> history;
  Bstr byId(std::u16string(u"UpdateID='") + kInstalled + u"'"), badHistory(u"IsInstalled=1");
  CheckHr("QueryHistory by update ID", S_OK, session->QueryHistory(byId.Get(), 0, 10, history.Put()));
  LONG entries = 0;
  if (history) history->get_Count(&entries);
  Check("one entry for that update", entries == 1);
  CheckHr("history takes no other criteria", WU_E_INVALID_CRITERIA, session->QueryHistory(badHistory.Get(), 0, 10, history.Put()));

  Bstr raw(u"it's [x]"), escaped;
  searcher->EscapeString(raw.Get(), escaped.Put());
  Check("EscapeString", Text(escaped) == u"it[']s [[]x[]]");

  ComPtr<IUpdateCollection> pending = Search(searcher.Get(), u"IsInstalled=0 and IsHidden=0");
  const LONG before = CountOf(pending.Get());
  ComPtr<IUpdateCollection> defender = Search(searcher.Get(), (std::u16string(u"UpdateID='") + kDefender + u"'").c_str());
  ComPtr<IUpdate> update;
  if (defender) defender->get_Item(0, update.Put());
  if (update) CheckHr("put_IsHidden", S_OK, update->put_IsHidden(VARIANT_TRUE));
  Check("hidden updates leave the default search", CountOf(Search(searcher.Get(), u"IsInstalled=0 and IsHidden=0").Get()) == before - 1);
  Check("and join the hidden ones", CountOf(Search(searcher.Get(), u"IsHidden=1").Get()) == 2);
  if (update) update->put_IsHidden(VARIANT_FALSE);

  ComPtr<IStringCollection> kbs;
  if (update) update->get_KBArticleIDs(kbs.Put());
  Bstr extra(u"1"), item;
  LONG index = 0;
  if (kbs) CheckHr("an agent's string collection is read-only", WU_E_NOT_SUPPORTED, kbs->Add(extra.Get(), &index));
  if (pending) CheckHr("a search result is read-only", WU_E_NOT_SUPPORTED, pending->Add(update.Get(), &index));
  auto strings = Create<IStringCollection>(__uuidof(StringCollection));
  strings->Add(extra.Get(), &index);
  strings->Insert(0, extra.Get());
  CheckHr("RemoveAt out of range", E_INVALIDARG, strings->RemoveAt(5));
  LONG stringCount = 0;
  strings->get_Count(&stringCount);
  Check("a new string collection is writable", stringCount == 2);
  auto collection = Create<IUpdateCollection>(__uuidof(UpdateCollection));
  if (update) collection->Add(update.Get(), &index);
  ComPtr<IUpdate> none;
  CheckHr("Item out of range", E_INVALIDARG, collection->get_Item(3, none.Put()));
  ComPtr<IUpdateCollection> copy;
  collection->Copy(copy.Put());
  Check("Copy", CountOf(copy.Get()) == 1);

  ComPtr<IUpdateInstaller> installer;
  session->CreateUpdateInstaller(installer.Put());
  VARIANT_BOOL busy = VARIANT_TRUE;
  installer->get_IsBusy(&busy);
  Check("no installation runs", busy == VARIANT_FALSE);
  CheckHr("Install without updates", WU_E_NO_UPDATE, [&] {
    ComPtr<IInstallationResult> result;
    return installer->Install(result.Put());
  }());
  ComPtr<IUpdateInstaller4> installer4;
  CheckHr("IUpdateInstaller4", S_OK, installer.As(installer4));
  if (installer4) {
    CheckHr("Commit(0)", S_OK, installer4->Commit(0));
    CheckHr("Commit with a flag", E_INVALIDARG, installer4->Commit(1));
  }
}

// The rules' sections share these update IDs with test/sim/rules.test.ts, which writes the
// scenario each section runs against: 100000NN-0000-4000-8000-000000000000.
std::u16string Id(int n) {
  std::u16string id = u"100000__-0000-4000-8000-000000000000";
  id[6] = static_cast<char16_t>(u'0' + n / 10);
  id[7] = static_cast<char16_t>(u'0' + n % 10);
  return id;
}

std::u16string LastErrorText() {
  ComPtr<IErrorInfo> info;
  if (::GetErrorInfo(0, info.Put()) != S_OK || !info) return u"";
  Bstr text;
  info->GetDescription(text.Put());
  return Text(text);
}

bool Contains(const std::u16string& text, std::u16string_view part) { return text.find(part) != std::u16string::npos; }

struct Client {
  ComPtr<IUpdateSession3> session = Create<IUpdateSession3>(__uuidof(UpdateSession));
  ComPtr<IUpdateSearcher> searcher = [&] {
    ComPtr<IUpdateSearcher> made;
    session->CreateUpdateSearcher(made.Put());
    return made;
  }();

  // The update with this ID as a search offers it (bundled children are reached through their bundle).
  ComPtr<IUpdate> Find(int n) {
    ComPtr<IUpdateCollection> found = Search(searcher.Get(), (u"UpdateID='" + Id(n) + u"'").c_str());
    ComPtr<IUpdate> update;
    if (found && CountOf(found.Get()) == 1) found->get_Item(0, update.Put());
    Check("the update is offered by a search", update.Get() != nullptr);
    return update;
  }
  ComPtr<IUpdateCollection> Collection(std::initializer_list<IUpdate*> updates) {
    auto collection = Create<IUpdateCollection>(__uuidof(UpdateCollection));
    LONG index = 0;
    for (IUpdate* update : updates) collection->Add(update, &index);
    return collection;
  }
  ComPtr<IUpdateInstaller> Installer(IUpdateCollection* updates) {
    ComPtr<IUpdateInstaller> installer;
    session->CreateUpdateInstaller(installer.Put());
    if (installer) installer->put_Updates(updates);
    return installer;
  }
  ComPtr<IUpdateDownloader> Downloader(IUpdateCollection* updates) {
    ComPtr<IUpdateDownloader> downloader;
    session->CreateUpdateDownloader(downloader.Put());
    if (downloader) downloader->put_Updates(updates);
    return downloader;
  }
  ComPtr<IUpdate> any;  // an update a search offers, for calls that need one

  LONG HistoryCount() {
    LONG count = -1;
    searcher->GetTotalHistoryCount(&count);
    return count;
  }
};

bool IsInstalled(IUpdate* update) {
  VARIANT_BOOL value = VARIANT_FALSE;
  if (update) update->get_IsInstalled(&value);
  return value == VARIANT_TRUE;
}

bool IsDownloaded(IUpdate* update) {
  VARIANT_BOOL value = VARIANT_FALSE;
  if (update) update->get_IsDownloaded(&value);
  return value == VARIANT_TRUE;
}

ComPtr<IUpdate> Child(IUpdate* bundle, LONG index) {
  ComPtr<IUpdateCollection> children;
  ComPtr<IUpdate> child;
  if (bundle) bundle->get_BundledUpdates(children.Put());
  if (children) children->get_Item(index, child.Put());
  return child;
}

OperationResultCode CodeOf(IInstallationResult* result, LONG index = -1) {
  OperationResultCode code = orcNotStarted;
  if (!result) return code;
  if (index < 0) {
    result->get_ResultCode(&code);
  } else {
    ComPtr<IUpdateInstallationResult> one;
    if (SUCCEEDED(result->GetUpdateResult(index, one.Put()))) one->get_ResultCode(&code);
  }
  return code;
}

HRESULT HresultOf(IInstallationResult* result, LONG index = -1) {
  LONG hr = S_OK;
  if (!result) return E_UNEXPECTED;
  if (index < 0) {
    result->get_HResult(&hr);
  } else {
    ComPtr<IUpdateInstallationResult> one;
    if (SUCCEEDED(result->GetUpdateResult(index, one.Put()))) one->get_HResult(&hr);
  }
  return hr;
}

InstallationImpact ImpactOf(IUpdate* update, bool uninstall = false) {
  ComPtr<IInstallationBehavior> behavior;
  InstallationImpact impact = iiNormal;
  if (update) uninstall ? update->get_UninstallationBehavior(behavior.Put()) : update->get_InstallationBehavior(behavior.Put());
  if (behavior) behavior->get_Impact(&impact);
  return impact;
}

// InstallationImpact: an exclusive update in a call with others fails the call with
// WU_E_EXCLUSIVE_INSTALL_CONFLICT and installs nothing; a bundle with an exclusive child is one.
void Exclusive() {
  Client c;
  ComPtr<IUpdate> exclusive = c.Find(1), first = c.Find(2), second = c.Find(3), bundle = c.Find(4), third = c.Find(7);
  ComPtr<IUpdate> alsoExclusive = c.Find(8), removable = c.Find(9);
  const LONG historyBefore = c.HistoryCount();
  ComPtr<IInstallationResult> result;

  auto mixed = c.Collection({first.Get(), exclusive.Get()});
  CheckHr("Install of a mixed batch", WU_E_EXCLUSIVE_INSTALL_CONFLICT, c.Installer(mixed.Get())->Install(result.Put()));
  Check("the error names the exclusive update", Contains(LastErrorText(), u"Exclusive firmware update"));
  ComPtr<IInstallationJob> job;
  VARIANT state;
  ::VariantInit(&state);
  CheckHr("BeginInstall of a mixed batch", WU_E_EXCLUSIVE_INSTALL_CONFLICT,
          c.Installer(mixed.Get())->BeginInstall(nullptr, nullptr, state, job.Put()));
  CheckHr("RunWizard of a mixed batch", WU_E_EXCLUSIVE_INSTALL_CONFLICT, c.Installer(mixed.Get())->RunWizard(nullptr, result.Put()));
  Check("nothing of the mixed batch is installed", !IsInstalled(first.Get()) && !IsInstalled(exclusive.Get()));
  Check("and nothing reached the history", c.HistoryCount() == historyBefore);
  auto twoExclusive = c.Collection({exclusive.Get(), alsoExclusive.Get()});
  CheckHr("two exclusive updates together", WU_E_EXCLUSIVE_INSTALL_CONFLICT, c.Installer(twoExclusive.Get())->Install(result.Put()));

  CheckHr("Install of the exclusive update alone", S_OK, c.Installer(c.Collection({exclusive.Get()}).Get())->Install(result.Put()));
  Check("succeeds", CodeOf(result.Get()) == orcSucceeded && IsInstalled(exclusive.Get()));
  CheckHr("Install of the others together", S_OK, c.Installer(c.Collection({first.Get(), second.Get()}).Get())->Install(result.Put()));
  Check("succeeds too", CodeOf(result.Get()) == orcSucceeded && IsInstalled(first.Get()) && IsInstalled(second.Get()));

  Check("a bundle with an exclusive child is exclusive", ImpactOf(bundle.Get()) == iiRequiresExclusiveHandling);
  Check("its children keep their own impact",
        ImpactOf(Child(bundle.Get(), 0).Get()) == iiNormal && ImpactOf(Child(bundle.Get(), 1).Get()) == iiRequiresExclusiveHandling);
  ComPtr<IInstallationBehavior> behavior;
  InstallationRebootBehavior reboot = irbNeverReboots;
  VARIANT_BOOL input = VARIANT_FALSE;
  if (bundle) bundle->get_InstallationBehavior(behavior.Put());
  if (behavior) behavior->get_RebootBehavior(&reboot), behavior->get_CanRequestUserInput(&input);
  Check("its reboot behaviour is its children's strongest", reboot == irbAlwaysRequiresReboot);
  Check("it can ask for input if a child can", input == VARIANT_TRUE);
  CheckHr("Install of the bundle with another update", WU_E_EXCLUSIVE_INSTALL_CONFLICT,
          c.Installer(c.Collection({bundle.Get(), third.Get()}).Get())->Install(result.Put()));
  Check("installs neither", !IsInstalled(third.Get()) && !IsInstalled(Child(bundle.Get(), 0).Get()));
  CheckHr("Install of the bundle alone", S_OK, c.Installer(c.Collection({bundle.Get()}).Get())->Install(result.Put()));
  Check("installs it", CodeOf(result.Get()) == orcSucceeded && IsInstalled(bundle.Get()));

  // Uninstalls look at the uninstallation behaviour.
  Check("an exclusive uninstallation",
        ImpactOf(removable.Get(), true) == iiRequiresExclusiveHandling && ImpactOf(removable.Get()) == iiNormal);
  auto removals = c.Collection({removable.Get(), first.Get()});
  CheckHr("Uninstall of a mixed batch", WU_E_EXCLUSIVE_INSTALL_CONFLICT, c.Installer(removals.Get())->Uninstall(result.Put()));
  CheckHr("BeginUninstall of a mixed batch", WU_E_EXCLUSIVE_INSTALL_CONFLICT,
          c.Installer(removals.Get())->BeginUninstall(nullptr, nullptr, state, job.Put()));
  Check("removes nothing", IsInstalled(removable.Get()) && IsInstalled(first.Get()));
  CheckHr("Install of it with another update is no conflict", S_OK,
          c.Installer(c.Collection({removable.Get(), third.Get()}).Get())->Install(result.Put()));
  CheckHr("Uninstall of it alone", S_OK, c.Installer(c.Collection({removable.Get()}).Get())->Uninstall(result.Put()));
  Check("removes it", CodeOf(result.Get()) == orcSucceeded && !IsInstalled(removable.Get()));
}

long long DecimalOf(const DECIMAL& value) {
  VARIANT in, out;
  ::VariantInit(&in);
  ::VariantInit(&out);
  in.vt = VT_DECIMAL;
  in.decVal = value;
  if (FAILED(::VariantChangeType(&out, &in, 0, VT_I8))) return -1;
  return out.llVal;
}

// WSUS "Relationships Among Updates": a bundle is offered, its children carry the payloads and
// install in order, and a child's failure stops the bundle there.
void Bundles(bool listed) {
  Client c;
  ComPtr<IUpdateCollection> offered = Search(c.searcher.Get(), u"IsInstalled=0");
  Check(listed ? "children are results of their own when the scenario lists them" : "children are offered through their bundles only",
        CountOf(offered.Get()) == (listed ? 8 : 3));
  if (listed) return;
  ComPtr<IUpdate> bundle = c.Find(10), failing = c.Find(20), plain = c.Find(30);
  ComPtr<IUpdateCollection> children;
  if (bundle) bundle->get_BundledUpdates(children.Put());
  Check("the bundle lists its two children", CountOf(children.Get()) == 2);
  ComPtr<IUpdateDownloadContentCollection> contents;
  if (bundle) bundle->get_DownloadContents(contents.Put());
  LONG contentCount = -1;
  if (contents) contents->get_Count(&contentCount);
  Check("the bundle has no payload of its own", contentCount == 0);
  Check("the bundle is not downloaded while its children are not", !IsDownloaded(bundle.Get()));

  auto downloader = c.Downloader(c.Collection({bundle.Get(), plain.Get()}).Get());
  ComPtr<IDownloadJob> job;
  VARIANT state;
  ::VariantInit(&state);
  CheckHr("BeginDownload of the bundle", S_OK, downloader->BeginDownload(nullptr, nullptr, state, job.Put()));
  ComPtr<IDownloadResult> downloaded;
  CheckHr("EndDownload", S_OK, downloader->EndDownload(job.Get(), downloaded.Put()));
  ComPtr<IDownloadProgress> progress;
  if (job) job->GetProgress(progress.Put());
  DECIMAL total{};
  if (progress) progress->get_TotalBytesToDownload(&total);
  Check("the bytes to download are the children's (100 + 300) and the plain update's (50)", DecimalOf(total) == 450);
  Check("the bundle is downloaded when its children are",
        IsDownloaded(bundle.Get()) && IsDownloaded(Child(bundle.Get(), 0).Get()) && IsDownloaded(Child(bundle.Get(), 1).Get()));

  const LONG historyBefore = c.HistoryCount();
  ComPtr<IInstallationResult> result;
  CheckHr("Install of the bundle", S_OK, c.Installer(c.Collection({bundle.Get()}).Get())->Install(result.Put()));
  Check("succeeds", CodeOf(result.Get()) == orcSucceeded);
  Check("installs both children", IsInstalled(Child(bundle.Get(), 0).Get()) && IsInstalled(Child(bundle.Get(), 1).Get()));
  Check("and the bundle reports installed", IsInstalled(bundle.Get()));
  VARIANT_BOOL reboot = VARIANT_FALSE;
  ComPtr<IUpdate2> bundle2;
  if (bundle && SUCCEEDED(bundle.As(bundle2))) bundle2->get_RebootRequired(&reboot);
  Check("its reboot flag follows the child that needs one", reboot == VARIANT_TRUE);
  Check("one history entry, for the bundle", c.HistoryCount() == historyBefore + 1);
  ComPtr<IUpdateHistoryEntryCollection> history;
  ComPtr<IUpdateHistoryEntry> newest;
  ComPtr<IUpdateIdentity> identity;
  Bstr historyId;
  c.searcher->QueryHistory(0, 1, history.Put());
  if (history) history->get_Item(0, newest.Put());
  if (newest) newest->get_UpdateIdentity(identity.Put());
  if (identity) identity->get_UpdateID(historyId.Put());
  Check("naming the bundle", Text(historyId) == Id(10));

  auto failingDownload = c.Downloader(c.Collection({failing.Get()}).Get());
  CheckHr("Download of the second bundle", S_OK, failingDownload->Download(downloaded.Put()));
  CheckHr("Install of a bundle whose second child fails", S_OK, c.Installer(c.Collection({failing.Get()}).Get())->Install(result.Put()));
  Check("fails", CodeOf(result.Get()) == orcFailed && CodeOf(result.Get(), 0) == orcFailed);
  Check("with the child's HRESULT",
        HresultOf(result.Get(), 0) == static_cast<HRESULT>(0x80070643) && HresultOf(result.Get()) == static_cast<HRESULT>(0x80070643));
  Check("the first child stays installed", IsInstalled(Child(failing.Get(), 0).Get()));
  Check("the failing child is not installed", !IsInstalled(Child(failing.Get(), 1).Get()));
  Check("the third child never ran", !IsInstalled(Child(failing.Get(), 2).Get()));
  Check("the bundle is not installed", !IsInstalled(failing.Get()));

  CheckHr("Uninstall of the bundle", S_OK, c.Installer(c.Collection({bundle.Get()}).Get())->Uninstall(result.Put()));
  Check("removes its children", CodeOf(result.Get()) == orcSucceeded && !IsInstalled(Child(bundle.Get(), 0).Get()) &&
                                    !IsInstalled(Child(bundle.Get(), 1).Get()) && !IsInstalled(bundle.Get()));
}

// A getter fault the scenario gives one update fails that getter of that update only, and of the
// objects it hands out.
void GetterFaults() {
  Client c;
  ComPtr<IUpdate> faulty = c.Find(40), healthy = c.Find(41);
  Bstr title;
  CheckHr("IUpdate::get_Title of the faulty update", static_cast<HRESULT>(0x8007000E), faulty->get_Title(title.Put()));
  Check("says it is injected", Contains(LastErrorText(), u"fault injected by the scenario at IUpdate::get_Title"));
  CheckHr("IUpdate::get_Title of another update", S_OK, healthy->get_Title(title.Put()));
  ComPtr<IUpdate2> faulty2;
  ComPtr<IStringCollection> cves;
  if (SUCCEEDED(faulty.As(faulty2))) CheckHr("IUpdate2::get_CveIDs", E_ACCESSDENIED, faulty2->get_CveIDs(cves.Put()));
  VARIANT_BOOL flag = VARIANT_FALSE;
  CheckHr("an unfaulted getter of the faulty update", S_OK, faulty->get_IsBeta(&flag));
  ComPtr<ICategoryCollection> categories;
  ComPtr<ICategory> category;
  Bstr name;
  CheckHr("IUpdate::get_Categories", S_OK, faulty->get_Categories(categories.Put()));
  if (categories) categories->get_Item(0, category.Put());
  if (category) CheckHr("ICategory::get_Name of its category", E_FAIL, category->get_Name(name.Put()));
  ComPtr<IInstallationBehavior> behavior;
  InstallationImpact impact;
  faulty->get_InstallationBehavior(behavior.Put());
  if (behavior)
    CheckHr("IInstallationBehavior::get_Impact of its behaviour", static_cast<HRESULT>(0x80240001), behavior->get_Impact(&impact));
  ComPtr<IUpdateIdentity> identity;
  Bstr id;
  faulty->get_Identity(identity.Put());
  if (identity)
    CheckHr("IUpdateIdentity::get_UpdateID of its identity", static_cast<HRESULT>(0x80240001), identity->get_UpdateID(id.Put()));
  ComPtr<IUpdateIdentity> healthyIdentity;
  healthy->get_Identity(healthyIdentity.Put());
  if (healthyIdentity) CheckHr("another update's identity", S_OK, healthyIdentity->get_UpdateID(id.Put()));
  ComPtr<IUpdate> driver = c.Find(42);
  ComPtr<IWindowsDriverUpdate> driverUpdate;
  Bstr driverClass;
  if (driver && SUCCEEDED(driver.As(driverUpdate))) {
    CheckHr("IWindowsDriverUpdate::get_DriverClass of the driver", static_cast<HRESULT>(0x80070005),
            driverUpdate->get_DriverClass(driverClass.Put()));
  } else {
    Check("the driver answers IWindowsDriverUpdate", false);
  }
}

// "Using WUA from a Secondary Logon (Run As) Process": installing an update that asks for input
// fails with WU_E_NO_INTERACTIVE_USER; the others of the call still install.
void RunAs() {
  Client c;
  ComPtr<IUpdate> asking = c.Find(50), quiet = c.Find(51), bundle = c.Find(52);
  ComPtr<IInstallationResult> result;
  CheckHr("Install with no interactive user", S_OK, c.Installer(c.Collection({asking.Get(), quiet.Get()}).Get())->Install(result.Put()));
  Check("the update that asks for input fails with WU_E_NO_INTERACTIVE_USER",
        CodeOf(result.Get(), 0) == orcFailed && HresultOf(result.Get(), 0) == WU_E_NO_INTERACTIVE_USER);
  Check("the other one installs", CodeOf(result.Get(), 1) == orcSucceeded && IsInstalled(quiet.Get()));
  Check("the call succeeds with errors", CodeOf(result.Get()) == orcSucceededWithErrors);
  CheckHr("Install of a bundle whose second child asks for input", S_OK,
          c.Installer(c.Collection({bundle.Get()}).Get())->Install(result.Put()));
  Check("stops at that child", HresultOf(result.Get(), 0) == WU_E_NO_INTERACTIVE_USER && IsInstalled(Child(bundle.Get(), 0).Get()) &&
                                   !IsInstalled(Child(bundle.Get(), 1).Get()));
}

// The job's HRESULT is the scenario's when it sets one, whatever the updates' are.
void JobHresult() {
  Client c;
  ComPtr<IUpdate> first = c.Find(60), second = c.Find(61);
  ComPtr<IInstallationResult> result;
  CheckHr("Install of two failing updates", S_OK, c.Installer(c.Collection({first.Get(), second.Get()}).Get())->Install(result.Put()));
  Check("the job fails with WU_E_ALL_UPDATES_FAILED",
        CodeOf(result.Get()) == orcFailed && HresultOf(result.Get()) == WU_E_ALL_UPDATES_FAILED);
  Check("the updates keep their own HRESULTs",
        HresultOf(result.Get(), 0) == static_cast<HRESULT>(0x80070643) && HresultOf(result.Get(), 1) == static_cast<HRESULT>(0x800F081F));
  ComPtr<IDownloadResult> downloaded;
  LONG hr = S_OK;
  CheckHr("Download", S_OK, c.Downloader(c.Collection({first.Get()}).Get())->Download(downloaded.Put()));
  if (downloaded) downloaded->get_HResult(&hr);
  Check("the download job reports its own HRESULT too", hr == static_cast<LONG>(0x80240FFF));
}

bool IsHidden(IUpdate* update) {
  VARIANT_BOOL value = VARIANT_FALSE;
  if (update) update->get_IsHidden(&value);
  return value == VARIANT_TRUE;
}

bool EulaAccepted(IUpdate* update) {
  VARIANT_BOOL value = VARIANT_FALSE;
  if (update) update->get_EulaAccepted(&value);
  return value == VARIANT_TRUE;
}

// Whether a search with these criteria offers the update with ID number `n`.
bool Offers(IUpdateSearcher* searcher, const char16_t* criteria, int n) {
  ComPtr<IUpdateCollection> found = Search(searcher, criteria);
  const LONG count = CountOf(found.Get());
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdate> update;
    ComPtr<IUpdateIdentity> identity;
    Bstr id;
    if (SUCCEEDED(found->get_Item(i, update.Put())) && SUCCEEDED(update->get_Identity(identity.Put()))) identity->get_UpdateID(id.Put());
    if (Text(id) == Id(n)) return true;
  }
  return false;
}

// IUpdate::IsHidden and IUpdate::AcceptEula: only administrators (and Power Users) may set them,
// a mandatory update or one with a deadline is not hidden (WU_E_DS_DECLINENOTALLOWED), and what
// is hidden leaves the searches that ask for IsHidden=0, the default ones included.
void Hiding(bool administrator) {
  Client c;
  ComPtr<IUpdate> mandatory = c.Find(80), deadline = c.Find(81), optional = c.Find(82), licensed = c.Find(83), hidden = c.Find(84);
  if (!administrator) {
    CheckHr("a user hides nothing", E_ACCESSDENIED, optional ? optional->put_IsHidden(VARIANT_TRUE) : E_POINTER);
    CheckHr("nor shows a hidden update", E_ACCESSDENIED, hidden ? hidden->put_IsHidden(VARIANT_FALSE) : E_POINTER);
    CheckHr("nor accepts license terms", E_ACCESSDENIED, licensed ? licensed->AcceptEula() : E_POINTER);
    Check("and nothing changed", !IsHidden(optional.Get()) && IsHidden(hidden.Get()) && !EulaAccepted(licensed.Get()));
    Check("but reads IsHidden", Offers(c.searcher.Get(), u"IsHidden=1", 84) && !Offers(c.searcher.Get(), u"IsHidden=1", 82));
    return;
  }
  CheckHr("hiding a mandatory update", WU_E_DS_DECLINENOTALLOWED, mandatory ? mandatory->put_IsHidden(VARIANT_TRUE) : E_POINTER);
  Check("is declined with a reason", Contains(LastErrorText(), u"mandatory"));
  CheckHr("hiding an update with a deadline", WU_E_DS_DECLINENOTALLOWED, deadline ? deadline->put_IsHidden(VARIANT_TRUE) : E_POINTER);
  Check("neither is hidden", !IsHidden(mandatory.Get()) && !IsHidden(deadline.Get()));
  Check("and the default search still offers both",
        Offers(c.searcher.Get(), u"", 80) && Offers(c.searcher.Get(), u"", 81) && !Offers(c.searcher.Get(), u"IsHidden=1", 80));
  CheckHr("showing a mandatory update is no hiding", S_OK, mandatory ? mandatory->put_IsHidden(VARIANT_FALSE) : E_POINTER);

  CheckHr("hiding an optional update", S_OK, optional ? optional->put_IsHidden(VARIANT_TRUE) : E_POINTER);
  Check("hides it", IsHidden(optional.Get()) && IsHidden(c.Find(82).Get()));
  Check("out of the default search", !Offers(c.searcher.Get(), u"", 82));
  Check("out of IsHidden=0", !Offers(c.searcher.Get(), u"IsInstalled=0 and IsHidden=0", 82));
  Check("in IsHidden=1", Offers(c.searcher.Get(), u"IsHidden=1", 82));
  Check("found by ID all the same", Offers(c.searcher.Get(), (u"UpdateID='" + Id(82) + u"'").c_str(), 82));
  CheckHr("showing it again", S_OK, optional ? optional->put_IsHidden(VARIANT_FALSE) : E_POINTER);
  Check("brings it back", Offers(c.searcher.Get(), u"IsHidden=0", 82) && !Offers(c.searcher.Get(), u"IsHidden=1", 82));
  CheckHr("showing the scenario's hidden update", S_OK, hidden ? hidden->put_IsHidden(VARIANT_FALSE) : E_POINTER);
  Check("brings it into the default search", Offers(c.searcher.Get(), u"", 84));

  Check("license terms start not accepted", licensed && !EulaAccepted(licensed.Get()));
  CheckHr("AcceptEula", S_OK, licensed ? licensed->AcceptEula() : E_POINTER);
  Check("accepts them, for a later search's object too", EulaAccepted(licensed.Get()) && EulaAccepted(c.Find(83).Get()));
}

// Automatic Updates on Windows 10 and later: Pause, Resume, ShowSettingsDialog, Save and the
// settings' setters return success and change nothing, not even the settings object they were
// called on; the getters report what Windows 10 always reports; administrators alone may pause,
// resume, enable the service and set anything, and any user may ask for a detection, which the
// service refuses while it is disabled.
void AutomaticUpdatesSinceWindows10(bool administrator) {
  auto au = Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates));
  if (!au) return;
  const HRESULT adminOnly = administrator ? S_OK : E_ACCESSDENIED;
  CheckHr("Pause", adminOnly, au->Pause());
  CheckHr("Resume", adminOnly, au->Resume());
  CheckHr("ShowSettingsDialog", S_OK, au->ShowSettingsDialog());
  CheckHr("DetectNow while the service is disabled", WU_E_AU_NOSERVICE, au->DetectNow());
  CheckHr("EnableService", adminOnly, au->EnableService());
  VARIANT_BOOL enabled = VARIANT_FALSE;
  au->get_ServiceEnabled(&enabled);
  Check("the service is enabled by an administrator only", (enabled == VARIANT_TRUE) == administrator);
  CheckHr("DetectNow", administrator ? S_OK : WU_E_AU_NOSERVICE, au->DetectNow());

  ComPtr<IAutomaticUpdatesSettings> settings;
  CheckHr("Settings", S_OK, au->get_Settings(settings.Put()));
  ComPtr<IAutomaticUpdatesSettings3> s3;
  CheckHr("IAutomaticUpdatesSettings3", S_OK, settings.As(s3));
  if (!s3) return;
  AutomaticUpdatesNotificationLevel level = aunlNotConfigured;
  AutomaticUpdatesScheduledInstallationDay day = ausidEveryDay;
  LONG time = 0;
  VARIANT_BOOL flag = VARIANT_FALSE;
  CheckHr("put_NotificationLevel", adminOnly, s3->put_NotificationLevel(aunlDisabled));
  CheckHr("put_NotificationLevel out of range", administrator ? E_INVALIDARG : E_ACCESSDENIED,
          s3->put_NotificationLevel(static_cast<AutomaticUpdatesNotificationLevel>(9)));
  CheckHr("put_ScheduledInstallationDay", adminOnly, s3->put_ScheduledInstallationDay(ausidEveryFriday));
  CheckHr("put_ScheduledInstallationTime", adminOnly, s3->put_ScheduledInstallationTime(22));
  CheckHr("put_IncludeRecommendedUpdates", adminOnly, s3->put_IncludeRecommendedUpdates(VARIANT_FALSE));
  CheckHr("put_NonAdministratorsElevated", adminOnly, s3->put_NonAdministratorsElevated(VARIANT_FALSE));
  CheckHr("put_FeaturedUpdatesEnabled", adminOnly, s3->put_FeaturedUpdatesEnabled(VARIANT_TRUE));
  CheckHr("Save", adminOnly, s3->Save());
  // Read from the same object the setters were called on, then from a new one.
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) au->get_Settings(settings.Put()), settings.As(s3);
    if (!s3) return;
    s3->get_NotificationLevel(&level);
    Check("the notification level stays the scenario's", level == aunlNotifyBeforeInstallation);
    s3->get_ScheduledInstallationDay(&day);
    Check("the scheduled day stays the scenario's", day == ausidEveryTuesday);
    s3->get_ScheduledInstallationTime(&time);
    Check("the scheduled time stays the scenario's", time == 5);
    s3->get_ReadOnly(&flag);
    Check("ReadOnly is always false", flag == VARIANT_FALSE);
    s3->get_Required(&flag);
    Check("Required is the scenario's", flag == VARIANT_TRUE);
    s3->get_IncludeRecommendedUpdates(&flag);
    Check("IncludeRecommendedUpdates is always true", flag == VARIANT_TRUE);
    s3->get_NonAdministratorsElevated(&flag);
    Check("NonAdministratorsElevated is always true", flag == VARIANT_TRUE);
    s3->get_FeaturedUpdatesEnabled(&flag);
    Check("FeaturedUpdatesEnabled reports false", flag == VARIANT_FALSE);
  }
  for (auto user : {auutCurrentUser, auutLocalAdministrator}) {
    for (auto permission : {auptSetNotificationLevel, auptDisableAutomaticUpdates, auptSetIncludeRecommendedUpdates,
                            auptSetFeaturedUpdatesEnabled, auptSetNonAdministratorsElevated}) {
      flag = VARIANT_FALSE;
      CheckHr("CheckPermission", S_OK, s3->CheckPermission(user, permission, &flag));
      Check("CheckPermission always grants", flag == VARIANT_TRUE);
    }
  }
}

// The network between the agent and its servers: an online search reaches the server only through
// the scenario's proxy, with its credentials; a search with Online off reaches nothing; downloads
// go through the session's proxy too; and an update's history entry names the server selection of
// the search that found it.
void Network() {
  Client c;
  VARIANT_BOOL online = VARIANT_FALSE;
  c.searcher->get_Online(&online);
  Check("searches go online by default", online == VARIANT_TRUE);
  Bstr criteria(u"IsInstalled=0");
  ComPtr<ISearchResult> result;
  CheckHr("an online search without the proxy", WU_E_PT_WINHTTP_NAME_NOT_RESOLVED, c.searcher->Search(criteria.Get(), result.Put()));
  Check("says the server can only be reached through the proxy", Contains(LastErrorText(), u"through the network's proxy"));
  c.searcher->put_Online(VARIANT_FALSE);
  CheckHr("an offline search without the proxy", S_OK, c.searcher->Search(criteria.Get(), result.Put()));

  auto proxy = Create<IWebProxy>(__uuidof(WebProxy));
  if (!proxy) return;
  const auto search = [&](const char* what, HRESULT expected) {
    ComPtr<IUpdateSearcher> searcher;
    c.session->CreateUpdateSearcher(searcher.Put());
    if (!searcher) return;
    searcher->put_ServerSelection(ssWindowsUpdate);
    CheckHr(what, expected, searcher->Search(criteria.Get(), result.Put()));
  };
  Bstr wrongAddress(u"other.example:8080"), address(u"PROXY.example:8080"), user(u"corp\\svc"), password(u"right"), wrong(u"wrong");
  proxy->put_Address(wrongAddress.Get());
  CheckHr("put_WebProxy", S_OK, c.session->put_WebProxy(proxy.Get()));
  search("through another proxy", WU_E_PT_WINHTTP_NAME_NOT_RESOLVED);
  proxy->put_Address(address.Get());
  search("through the proxy without credentials", WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ);
  proxy->put_UserName(user.Get());
  proxy->SetPassword(wrong.Get());
  search("through the proxy with a wrong password", WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ);
  Check("the 407 does not show the password", !Contains(LastErrorText(), u"wrong"));
  proxy->SetPassword(password.Get());
  search("through the proxy with its credentials", S_OK);
  proxy->put_Address(wrongAddress.Get());
  proxy->put_AutoDetect(VARIANT_TRUE);
  search("through the proxy the agent detects", S_OK);

  // The update from that last search, found on Windows Update, downloads through the proxy and is
  // installed; its history entry names Windows Update.
  ComPtr<IUpdateCollection> found;
  if (result) result->get_Updates(found.Put());
  ComPtr<IUpdate> update;
  if (found) found->get_Item(0, update.Put());
  Check("the search found the update", update.Get() != nullptr);
  if (!update) return;
  ComPtr<IUpdateCollection> one = c.Collection({update.Get()});
  ComPtr<IDownloadResult> downloaded;
  OperationResultCode code = orcNotStarted;
  CheckHr("Download through the proxy", S_OK, c.Downloader(one.Get())->Download(downloaded.Put()));
  if (downloaded) downloaded->get_ResultCode(&code);
  Check("the download succeeds", code == orcSucceeded);
  ComPtr<IInstallationResult> installed;
  CheckHr("Install", S_OK, c.Installer(one.Get())->Install(installed.Put()));
  ComPtr<IUpdateHistoryEntryCollection> history;
  ComPtr<IUpdateHistoryEntry> entry;
  ServerSelection selection = ssDefault;
  CheckHr("QueryHistory", S_OK, c.searcher->QueryHistory(0, 1, history.Put()));
  if (history) history->get_Item(0, entry.Put());
  if (entry) entry->get_ServerSelection(&selection);
  Check("the history names the server the update was found on", selection == ssWindowsUpdate);

  // Without the session's proxy, the same download fails for that update.
  Client direct;
  ComPtr<IUpdateDownloader> downloader;
  direct.session->CreateUpdateDownloader(downloader.Put());
  if (!downloader) return;
  downloader->put_Updates(one.Get());
  downloader->put_IsForced(VARIANT_TRUE);
  CheckHr("Download without the proxy", S_OK, downloader->Download(downloaded.Put()));
  ComPtr<IUpdateDownloadResult> perUpdate;
  LONG hr = S_OK;
  if (downloaded) downloaded->GetUpdateResult(0, perUpdate.Put());
  if (perUpdate) perUpdate->get_HResult(&hr);
  Check("the update fails with the network's HRESULT", hr == static_cast<LONG>(WU_E_PT_WINHTTP_NAME_NOT_RESOLVED));
}

// A machine without a network: online searches fail with the scenario's HRESULT, offline ones pass.
void NetworkUnreachable() {
  Client c;
  Bstr criteria(u"IsInstalled=0");
  ComPtr<ISearchResult> result;
  CheckHr("an online search", static_cast<HRESULT>(0x8024401C), c.searcher->Search(criteria.Get(), result.Put()));
  c.searcher->put_Online(VARIANT_FALSE);
  CheckHr("an offline search", S_OK, c.searcher->Search(criteria.Get(), result.Put()));
  ComPtr<IUpdateCollection> found;
  if (result) result->get_Updates(found.Put());
  Check("finds what the agent holds", found && CountOf(found.Get()) == 1);
}

// History queries, as Microsoft documents them and as scripts met them (searcher.cc, session.cc,
// history.cc): WU_E_INVALIDINDEX for a bad index or count, newest first, and with `empty`, a
// machine whose history is empty. The scenario's entries 80, 81 and 82 are recorded in that
// order, 81 and 82 with one date.
std::u16string TitleAt(IUpdateHistoryEntryCollection* entries, LONG index) {
  ComPtr<IUpdateHistoryEntry> entry;
  Bstr title;
  if (entries && SUCCEEDED(entries->get_Item(index, entry.Put())) && entry) entry->get_Title(title.Put());
  return Text(title);
}

LONG CountOf(IUpdateHistoryEntryCollection* entries) {
  LONG count = -1;
  if (entries) entries->get_Count(&count);
  return count;
}

void History(bool empty) {
  Client c;
  ComPtr<IUpdateHistoryEntryCollection> entries;
  const LONG total = c.HistoryCount();
  Check("GetTotalHistoryCount", total == (empty ? 0 : 3));
  CheckHr("QueryHistory(0, GetTotalHistoryCount()) with no entries, or any count of 0", WU_E_INVALIDINDEX,
          c.searcher->QueryHistory(0, 0, entries.Put()));
  CheckHr("a negative start", WU_E_INVALIDINDEX, c.searcher->QueryHistory(-1, 1, entries.Put()));
  CheckHr("a negative count", WU_E_INVALIDINDEX, c.searcher->QueryHistory(0, -5, entries.Put()));
  CheckHr("a start at the total", WU_E_INVALIDINDEX, c.searcher->QueryHistory(total, 1, entries.Put()));
  CheckHr("a start past the total", WU_E_INVALIDINDEX, c.searcher->QueryHistory(total + 4, 1, entries.Put()));
  CheckHr("no out-parameter", E_POINTER, c.searcher->QueryHistory(0, 1, nullptr));
  Bstr all(u""), one(u"UpdateID='" + Id(80) + u"'");
  CheckHr("IUpdateSession3::QueryHistory with a count of 0", WU_E_INVALIDINDEX, c.session->QueryHistory(all.Get(), 0, 0, entries.Put()));
  CheckHr("IUpdateSession3::QueryHistory with a negative start", WU_E_INVALIDINDEX,
          c.session->QueryHistory(all.Get(), -1, 10, entries.Put()));
  // An empty collection where IUpdateSearcher::QueryHistory fails (google/cabbie#144).
  CheckHr("IUpdateSession3::QueryHistory past the entries", S_OK, c.session->QueryHistory(all.Get(), total, 100, entries.Put()));
  Check("gives no entries", CountOf(entries.Get()) == 0);
  if (empty) return;

  CheckHr("QueryHistory(0, more than there are)", S_OK, c.searcher->QueryHistory(0, 100, entries.Put()));
  Check("gives every entry", CountOf(entries.Get()) == 3);
  Check("newest first; of two with one date, the one recorded later first",
        TitleAt(entries.Get(), 0) == u"Entry 82" && TitleAt(entries.Get(), 1) == u"Entry 81" && TitleAt(entries.Get(), 2) == u"Entry 80");
  CheckHr("QueryHistory(1, 1)", S_OK, c.searcher->QueryHistory(1, 1, entries.Put()));
  Check("gives the one entry asked for", CountOf(entries.Get()) == 1 && TitleAt(entries.Get(), 0) == u"Entry 81");
  CheckHr("QueryHistory(2, 5)", S_OK, c.searcher->QueryHistory(2, 5, entries.Put()));
  Check("gives what is left", CountOf(entries.Get()) == 1 && TitleAt(entries.Get(), 0) == u"Entry 80");
  CheckHr("IUpdateSession3::QueryHistory by update ID", S_OK, c.session->QueryHistory(one.Get(), 0, 10, entries.Put()));
  Check("gives that update's entry", CountOf(entries.Get()) == 1 && TitleAt(entries.Get(), 0) == u"Entry 80");
  ComPtr<IUpdateHistoryEntry> entry;
  LONG hresult = 0, unmapped = 0;
  if (entries) entries->get_Item(0, entry.Put());
  if (entry) entry->get_HResult(&hresult), entry->get_UnmappedResultCode(&unmapped);
  Check("with the scenario's HResult and UnmappedResultCode",
        hresult == static_cast<LONG>(0x80070643) && unmapped == static_cast<LONG>(0x80070652));
}

// What the agent says of the machine as a whole: IWindowsUpdateAgentInfo::GetInfo takes its names
// in any case ([MS-UAMG] 3.52.4.1) and refuses others, IUpdateInstaller::IsBusy is true while any
// installation runs, and an installation that needs a restart leaves ISystemInformation::
// RebootRequired and IUpdateInstaller::RebootRequiredBeforeInstallation set.
HRESULT GetInfo(IWindowsUpdateAgentInfo* info, VARIANT identifier, VARIANT* value) {
  ::VariantClear(value);
  return info->GetInfo(identifier, value);
}

bool RestartFlags(Client& c, bool* beforeInstallation) {
  VARIANT_BOOL pending = VARIANT_FALSE, before = VARIANT_FALSE;
  Create<ISystemInformation>(__uuidof(SystemInformation))->get_RebootRequired(&pending);
  if (ComPtr<IUpdateInstaller> installer = c.Installer(nullptr)) installer->get_RebootRequiredBeforeInstallation(&before);
  *beforeInstallation = before != VARIANT_FALSE;
  return pending != VARIANT_FALSE;
}

void Status() {
  Client c;
  auto info = Create<IWindowsUpdateAgentInfo>(__uuidof(WindowsUpdateAgentInfo));
  VARIANT identifier, value;
  ::VariantInit(&identifier);
  ::VariantInit(&value);
  identifier.vt = VT_BSTR;
  Bstr major(u"apimajorversion"), minor(u"ApiMinorVersion"), product(u"PRODUCTVERSIONSTRING"), other(u"Colour");
  identifier.bstrVal = major.Get();
  CheckHr("GetInfo in lower case", S_OK, GetInfo(info.Get(), identifier, &value));
  Check("the major version, a VT_I4", value.vt == VT_I4 && value.lVal == 9);
  identifier.bstrVal = minor.Get();
  GetInfo(info.Get(), identifier, &value);
  Check("the minor version", value.vt == VT_I4 && value.lVal == 2);
  identifier.bstrVal = product.Get();
  CheckHr("GetInfo in upper case", S_OK, GetInfo(info.Get(), identifier, &value));
  Check("the product version, a VT_BSTR",
        value.vt == VT_BSTR && std::u16string_view(reinterpret_cast<const char16_t*>(value.bstrVal)) == u"10.0.26100.1");
  identifier.bstrVal = other.Get();
  CheckHr("GetInfo of an unknown name", E_INVALIDARG, GetInfo(info.Get(), identifier, &value));
  identifier.vt = VT_I4;
  identifier.lVal = 1;
  CheckHr("GetInfo of a number", E_INVALIDARG, GetInfo(info.Get(), identifier, &value));
  ::VariantClear(&value);

  Bstr link;
  Create<ISystemInformation>(__uuidof(SystemInformation))->get_OemHardwareSupportLink(link.Put());
  Check("the scenario's OEM link", Text(link) == u"https://oem.example.com/support");

  bool before = true;
  Check("no restart pending at first", !RestartFlags(c, &before));
  Check("no restart required before installing at first", !before);
  ComPtr<IUpdate> quiet = c.Find(81), restarts = c.Find(80), slow = c.Find(82);
  ComPtr<IInstallationResult> result;
  CheckHr("Install of an update that needs no restart", S_OK, c.Installer(c.Collection({quiet.Get()}).Get())->Install(result.Put()));
  Check("still no restart pending", !RestartFlags(c, &before) && !before);

  ComPtr<IInstallationJob> job;
  VARIANT state;
  ::VariantInit(&state);
  ComPtr<IUpdateInstaller> running = c.Installer(c.Collection({slow.Get()}).Get());
  CheckHr("BeginInstall", S_OK, running->BeginInstall(nullptr, nullptr, state, job.Put()));
  VARIANT_BOOL busy = VARIANT_FALSE;
  c.Installer(nullptr)->get_IsBusy(&busy);
  Check("another installer is busy while it runs", busy == VARIANT_TRUE);
  if (job) {
    CheckHr("EndInstall", S_OK, running->EndInstall(job.Get(), result.Put()));
    job->CleanUp();
  }
  c.Installer(nullptr)->get_IsBusy(&busy);
  Check("and free once it ended", busy == VARIANT_FALSE);

  CheckHr("Install of an update that needs a restart", S_OK, c.Installer(c.Collection({restarts.Get()}).Get())->Install(result.Put()));
  Check("a restart is pending", RestartFlags(c, &before));
  Check("and required before installing more", before);
}

// WUA 1.0: "The IWindowsUpdateAgentInfo interface is not supported" ("Determining the Current
// Version of WUA"), while the rest of the agent answers; the scenario also sets both restart flags
// apart and another client's installation.
void Wua1() {
  Client c;
  ComPtr<IWindowsUpdateAgentInfo> info;
  CheckHr("no WindowsUpdateAgentInfo class", REGDB_E_CLASSNOTREG,
          ::CoCreateInstance(__uuidof(WindowsUpdateAgentInfo), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IWindowsUpdateAgentInfo),
                             info.PutVoid()));
  bool before = false;
  Check("a restart pending, from the scenario", RestartFlags(c, &before));
  Check("but none required before installing, as the scenario says", !before);
  VARIANT_BOOL busy = VARIANT_FALSE;
  c.Installer(nullptr)->get_IsBusy(&busy);
  Check("busy with another client's installation", busy == VARIANT_TRUE);
  ComPtr<IInstallationResult> result;
  CheckHr("which refuses an installation", WU_E_INSTALL_NOT_ALLOWED,
          c.Installer(c.Collection({c.Find(81).Get()}).Get())->Install(result.Put()));
}

// "Using WUA From a Remote Computer", and the reference pages of members that "cannot be called
// from a remote computer": what a remote caller may not do fails with E_ACCESSDENIED.
// Every member members.h marks as denied remotely has a call here, so the list cannot grow
// without a test.
using Call = std::function<HRESULT(Client&)>;

std::map<std::string_view, Call> RemoteCalls() {
  const auto anUpdate = [](Client& c) {
    if (!c.any) {
      ComPtr<IUpdateCollection> found = Search(c.searcher.Get(), u"IsInstalled=0");
      if (found) found->get_Item(0, c.any.Put());
    }
    return c.any.Get();
  };
  return {
      {"IUpdateSession::CreateUpdateDownloader",
       [](Client& c) {
         ComPtr<IUpdateDownloader> o;
         return c.session->CreateUpdateDownloader(o.Put());
       }},
      {"IUpdateSession::CreateUpdateInstaller",
       [](Client& c) {
         ComPtr<IUpdateInstaller> o;
         return c.session->CreateUpdateInstaller(o.Put());
       }},
      {"IUpdateSession::get_WebProxy",
       [](Client& c) {
         ComPtr<IWebProxy> o;
         return c.session->get_WebProxy(o.Put());
       }},
      {"IUpdateSession::put_WebProxy", [](Client& c) { return c.session->put_WebProxy(nullptr); }},
      {"IUpdateSearcher::BeginSearch",
       [](Client& c) {
         ComPtr<ISearchJob> job;
         VARIANT state;
         ::VariantInit(&state);
         Bstr criteria(u"IsInstalled=0");
         return c.searcher->BeginSearch(criteria.Get(), nullptr, state, job.Put());
       }},
      {"IUpdateSearcher::EndSearch",
       [](Client& c) {
         ComPtr<ISearchResult> o;
         return c.searcher->EndSearch(nullptr, o.Put());
       }},
      {"IUpdate::put_IsHidden", [=](Client& c) { return anUpdate(c)->put_IsHidden(VARIANT_TRUE); }},
      {"IUpdate::AcceptEula", [=](Client& c) { return anUpdate(c)->AcceptEula(); }},
      {"IUpdate::CopyFromCache",
       [=](Client& c) {
         Bstr path(u"C:\\\\cache");
         return anUpdate(c)->CopyFromCache(path.Get(), VARIANT_FALSE);
       }},
      {"IUpdate2::CopyToCache",
       [=](Client& c) {
         ComPtr<IUpdate2> update2;
         ComPtr<IUpdate> own(anUpdate(c));
         if (FAILED(own.As(update2))) return E_NOINTERFACE;
         auto files = Create<IStringCollection>(__uuidof(StringCollection));
         return update2->CopyToCache(files.Get());
       }},
      {"IUpdateServiceManager::AddService",
       [](Client&) {
         auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
         Bstr id(kMicrosoftUpdate), cab(u"C:\\\\authorization.cab");
         ComPtr<IUpdateService> o;
         return manager->AddService(id.Get(), cab.Get(), o.Put());
       }},
      {"IUpdateServiceManager::RegisterServiceWithAU",
       [](Client&) {
         Bstr id(kWindowsUpdate);
         return Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager))->RegisterServiceWithAU(id.Get());
       }},
      {"IUpdateServiceManager::UnregisterServiceWithAU",
       [](Client&) {
         Bstr id(kWindowsUpdate);
         return Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager))->UnregisterServiceWithAU(id.Get());
       }},
      {"IUpdateServiceManager::RemoveService",
       [](Client&) {
         Bstr id(kMicrosoftUpdate);
         return Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager))->RemoveService(id.Get());
       }},
      {"IUpdateServiceManager::AddScanPackageService",
       [](Client&) {
         Bstr name(u"offline scan"), file(u"C:\\wsusscn2.cab");
         ComPtr<IUpdateService> o;
         return Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager))->AddScanPackageService(name.Get(), file.Get(), 0, o.Put());
       }},
      {"IAutomaticUpdates::Pause", [](Client&) { return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->Pause(); }},
      {"IAutomaticUpdates::Resume", [](Client&) { return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->Resume(); }},
      {"IAutomaticUpdates::ShowSettingsDialog",
       [](Client&) { return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->ShowSettingsDialog(); }},
      {"IAutomaticUpdates::get_Settings",
       [](Client&) {
         ComPtr<IAutomaticUpdatesSettings> o;
         return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->get_Settings(o.Put());
       }},
      {"IAutomaticUpdates::get_ServiceEnabled",
       [](Client&) {
         VARIANT_BOOL o;
         return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->get_ServiceEnabled(&o);
       }},
      {"IAutomaticUpdates::EnableService", [](Client&) { return Create<IAutomaticUpdates2>(__uuidof(AutomaticUpdates))->EnableService(); }},
      {"ISystemInformation::get_OemHardwareSupportLink",
       [](Client&) {
         Bstr o;
         return Create<ISystemInformation>(__uuidof(SystemInformation))->get_OemHardwareSupportLink(o.Put());
       }},
      {"ISystemInformation::get_RebootRequired",
       [](Client&) {
         VARIANT_BOOL o;
         return Create<ISystemInformation>(__uuidof(SystemInformation))->get_RebootRequired(&o);
       }},
      {"IUpdateSearcher::Search",
       [](Client& c) {
         Bstr criteria(u"IsInstalled=0");
         ComPtr<ISearchResult> o;
         return c.searcher->Search(criteria.Get(), o.Put());
       }},
      {"IUpdateSession3::QueryHistory",
       [](Client& c) {
         ComPtr<IUpdateHistoryEntryCollection> o;
         return c.session->QueryHistory(nullptr, 0, 10, o.Put());
       }},
  };
}

void CheckDenied(const std::string& member, HRESULT hr) {
  CheckHr(("remote " + member).c_str(), E_ACCESSDENIED, hr);
  const std::u16string text = LastErrorText();
  Check(("remote " + member + " says why").c_str(), Contains(text, u"not allowed from a remote session"));
}

void Remote(bool customList) {
  Client c;
  std::map<std::string_view, Call> calls = RemoteCalls();
  if (!customList) {
    // Search, which the documentation allows remotely, gives the updates the denied calls need.
    Bstr criteria(u"IsInstalled=0");
    ComPtr<ISearchResult> found;
    CheckHr("a remote Search", S_OK, c.searcher->Search(criteria.Get(), found.Put()));
    int denied = 0;
    for (const sim::Member& member : sim::kMembers) {
      if (!member.deniedRemotely) continue;
      ++denied;
      auto call = calls.find(member.name);
      Check(("a test call for " + std::string(member.name)).c_str(), call != calls.end());
      if (call != calls.end()) CheckDenied(std::string(member.name), call->second(c));
    }
    Check("Microsoft's lists have 23 members here", denied == 23);
    LONG count = 0;
    CheckHr("a remote GetTotalHistoryCount", S_OK, c.searcher->GetTotalHistoryCount(&count));
    return;
  }
  // The scenario denies only Search and IUpdateSession3::QueryHistory, as newer Windows does over SSH.
  CheckDenied("IUpdateSearcher::Search", calls["IUpdateSearcher::Search"](c));
  CheckDenied("IUpdateSession3::QueryHistory", calls["IUpdateSession3::QueryHistory"](c));
  CheckHr("CreateUpdateInstaller, which this list allows", S_OK, calls["IUpdateSession::CreateUpdateInstaller"](c));
  CheckHr("ISystemInformation, which this list allows", S_OK, calls["ISystemInformation::get_RebootRequired"](c));
}

// A scenario's own list of remote denials cannot allow what no remote caller reaches (members.h,
// neverRemote): the scenario lists only CreateUpdateInstaller.
void RemoteNever() {
  Client c;
  std::map<std::string_view, Call> calls = RemoteCalls();
  CheckDenied("IUpdateSession::CreateUpdateInstaller", calls["IUpdateSession::CreateUpdateInstaller"](c));
  int never = 0;
  for (const sim::Member& member : sim::kMembers) {
    if (!member.neverRemote) continue;
    ++never;
    CheckDenied(std::string(member.name), calls[member.name](c));
  }
  Check("IsHidden and AcceptEula are never remote", never == 2);
  CheckHr("CreateUpdateDownloader, which this list allows", S_OK, calls["IUpdateSession::CreateUpdateDownloader"](c));
  VARIANT_BOOL hidden = VARIANT_TRUE;
  CheckHr("IsHidden reads remotely", S_OK, c.any ? c.any->get_IsHidden(&hidden) : E_POINTER);
  Check("and nothing was hidden", hidden == VARIANT_FALSE);
}

// The service manager's documented answers (IUpdateServiceManager and IUpdateServiceManager2
// reference pages, [MS-UAMG] 3.44): registration with and without a cab, pending or online,
// Automatic Updates' default service, removal, and the errors of each.
struct ServiceState {
  bool listed = false, registeredWithAu = false, defaultAu = false;
};

ServiceState StateOf(IUpdateServiceManager2* manager, std::u16string_view id) {
  ServiceState state;
  ComPtr<IUpdateServiceCollection> services;
  if (FAILED(manager->get_Services(services.Put()))) return state;
  LONG count = 0;
  services->get_Count(&count);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdateService> service;
    services->get_Item(i, service.Put());
    Bstr serviceId;
    service->get_ServiceID(serviceId.Put());
    if (Text(serviceId) != id) continue;
    state.listed = true;
    VARIANT_BOOL withAu = VARIANT_FALSE, isDefault = VARIANT_FALSE;
    service->get_IsRegisteredWithAU(&withAu);
    ComPtr<IUpdateService2> service2;
    if (SUCCEEDED(service.As(service2))) service2->get_IsDefaultAUService(&isDefault);
    state.registeredWithAu = withAu == VARIANT_TRUE;
    state.defaultAu = isDefault == VARIANT_TRUE;
  }
  return state;
}

UpdateServiceRegistrationState RegistrationOf(IUpdateServiceManager2* manager, const char16_t* id, HRESULT expected,
                                              bool* pendingWithAu = nullptr) {
  Bstr serviceId(id);
  ComPtr<IUpdateServiceRegistration> registration;
  CheckHr("QueryServiceRegistration", expected, manager->QueryServiceRegistration(serviceId.Get(), registration.Put()));
  UpdateServiceRegistrationState state = usrsNotRegistered;
  if (!registration) return state;
  registration->get_RegistrationState(&state);
  VARIANT_BOOL withAu = VARIANT_FALSE;
  registration->get_IsPendingRegistrationWithAU(&withAu);
  if (pendingWithAu) *pendingWithAu = withAu == VARIANT_TRUE;
  ComPtr<IUpdateService2> service;
  registration->get_Service(service.Put());
  Check("a registration has its service once registered, none while pending", (state == usrsRegistered) == (service.Get() != nullptr));
  return state;
}

constexpr char16_t kManaged[] = u"3da21691-e39d-4da6-8a4b-b43877bcb1b7";
constexpr char16_t kUnknown[] = u"00000000-1111-4222-8333-444444444444";

void Services() {
  auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
  Bstr mu(kMicrosoftUpdate), wu(kWindowsUpdate), managed(kManaged), unknown(kUnknown), empty, notAnId(u"Microsoft Update");
  Bstr cab(u"C:\\\\authorization.cab");
  ComPtr<IUpdateServiceRegistration> registration;

  CheckHr("AddService2 with a cab and pending registration", E_INVALIDARG,
          manager->AddService2(mu.Get(), asfAllowPendingRegistration, cab.Get(), registration.Put()));
  CheckHr("AddService2 with neither a cab nor a deferred registration", E_INVALIDARG,
          manager->AddService2(mu.Get(), 0, empty.Get(), registration.Put()));
  CheckHr("AddService2 with an unknown flag", E_INVALIDARG,
          manager->AddService2(mu.Get(), 8 | asfAllowOnlineRegistration, empty.Get(), registration.Put()));
  CheckHr("AddService2 of a cab that does not exist", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
          manager->AddService2(mu.Get(), asfRegisterServiceWithAU, cab.Get(), registration.Put()));
  CheckHr("AddService2 online of a service the update service does not offer", WU_E_DS_UNKNOWNSERVICE,
          manager->AddService2(unknown.Get(), asfAllowOnlineRegistration, empty.Get(), registration.Put()));
  RegistrationOf(manager.Get(), kUnknown, WU_E_DS_UNKNOWNSERVICE);
  CheckHr("QueryServiceRegistration of what is not a service ID", E_INVALIDARG,
          manager->QueryServiceRegistration(notAnId.Get(), registration.Put()));

  CheckHr("AddService2 pending only", S_OK,
          manager->AddService2(mu.Get(), asfAllowPendingRegistration | asfRegisterServiceWithAU, empty.Get(), registration.Put()));
  bool pendingWithAu = false;
  Check("is pending", RegistrationOf(manager.Get(), kMicrosoftUpdate, S_OK, &pendingWithAu) == usrsRegistrationPending);
  Check("with Automatic Updates to follow", pendingWithAu);
  Check("a pending service is not among the services", !StateOf(manager.Get(), kMicrosoftUpdate).listed);
  CheckHr("RegisterServiceWithAU of a pending service", WU_E_DS_UNKNOWNSERVICE, manager->RegisterServiceWithAU(mu.Get()));

  CheckHr("AddService2 online, with Automatic Updates (Microsoft's opt-in sample: flags 7)", S_OK,
          manager->AddService2(mu.Get(), asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU, empty.Get(),
                               registration.Put()));
  Check("is registered", RegistrationOf(manager.Get(), kMicrosoftUpdate, S_OK, &pendingWithAu) == usrsRegistered && !pendingWithAu);
  ServiceState muState = StateOf(manager.Get(), kMicrosoftUpdate), wuState = StateOf(manager.Get(), kWindowsUpdate);
  Check("Microsoft Update is Automatic Updates' default service", muState.listed && muState.registeredWithAu && muState.defaultAu);
  Check("Windows Update stays registered with AU, no longer its default", wuState.registeredWithAu && !wuState.defaultAu);

  CheckHr("RegisterServiceWithAU of what is not a service ID", WU_E_INVALID_OPERATION, manager->RegisterServiceWithAU(notAnId.Get()));
  CheckHr("RegisterServiceWithAU of an unknown service", WU_E_DS_UNKNOWNSERVICE, manager->RegisterServiceWithAU(unknown.Get()));
  CheckHr("RegisterServiceWithAU of a service that cannot register", WU_E_INVALID_OPERATION, manager->RegisterServiceWithAU(managed.Get()));
  CheckHr("UnregisterServiceWithAU of an unknown service", WU_E_DS_UNKNOWNSERVICE, manager->UnregisterServiceWithAU(unknown.Get()));
  CheckHr("UnregisterServiceWithAU", S_OK, manager->UnregisterServiceWithAU(mu.Get()));
  muState = StateOf(manager.Get(), kMicrosoftUpdate);
  Check("Microsoft Update leaves Automatic Updates", muState.listed && !muState.registeredWithAu && !muState.defaultAu);
  Check("which falls back to Windows Update", StateOf(manager.Get(), kWindowsUpdate).defaultAu);
  CheckHr("UnregisterServiceWithAU of Windows Update, the only one left", WU_E_DS_NEEDWINDOWSSERVICE,
          manager->UnregisterServiceWithAU(wu.Get()));
  CheckHr("RegisterServiceWithAU", S_OK, manager->RegisterServiceWithAU(mu.Get()));
  Check("makes it the default again",
        StateOf(manager.Get(), kMicrosoftUpdate).defaultAu && !StateOf(manager.Get(), kWindowsUpdate).defaultAu);

  CheckHr("RemoveService of Windows Update", WU_E_DS_NEEDWINDOWSSERVICE, manager->RemoveService(wu.Get()));
  CheckHr("RemoveService of what is not a service ID", E_INVALIDARG, manager->RemoveService(notAnId.Get()));
  CheckHr("RemoveService", S_OK, manager->RemoveService(mu.Get()));
  Check("removes it", !StateOf(manager.Get(), kMicrosoftUpdate).listed);
  Check("and AU falls back to Windows Update", StateOf(manager.Get(), kWindowsUpdate).defaultAu);
  CheckHr("RemoveService of an unknown service", WU_E_DS_UNKNOWNSERVICE, manager->RemoveService(mu.Get()));

  Client c;
  ComPtr<IUpdateSearcher> searcher = c.searcher;
  searcher->put_ServerSelection(ssOthers);
  Bstr criteria(u"IsInstalled=0");
  ComPtr<ISearchResult> result;
  CheckHr("a search of ssOthers without a ServiceID", WU_E_DS_UNKNOWNSERVICE, searcher->Search(criteria.Get(), result.Put()));
  searcher->put_ServiceID(unknown.Get());
  CheckHr("a search of ssOthers with an unknown ServiceID", WU_E_DS_UNKNOWNSERVICE, searcher->Search(criteria.Get(), result.Put()));
  searcher->put_ServiceID(managed.Get());
  CheckHr("a search of ssOthers with a registered ServiceID", S_OK, searcher->Search(criteria.Get(), result.Put()));
}

// Online registration that meets a network failure: alone it fails and registers nothing; with
// pending registration allowed, it fails and stays pending (AddService2 remarks).
void ServicesOffline() {
  auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
  Bstr mu(kMicrosoftUpdate), empty;
  ComPtr<IUpdateServiceRegistration> registration;
  const HRESULT offline = static_cast<HRESULT>(0x8024402C);
  CheckHr("AddService2 online only", offline, manager->AddService2(mu.Get(), asfAllowOnlineRegistration, empty.Get(), registration.Put()));
  RegistrationOf(manager.Get(), kMicrosoftUpdate, WU_E_DS_UNKNOWNSERVICE);
  CheckHr("AddService2 online and pending", offline,
          manager->AddService2(mu.Get(), asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU, empty.Get(),
                               registration.Put()));
  bool pendingWithAu = false;
  Check("stays pending", RegistrationOf(manager.Get(), kMicrosoftUpdate, S_OK, &pendingWithAu) == usrsRegistrationPending && pendingWithAu);
  Check("Windows Update stays AU's default", StateOf(manager.Get(), kWindowsUpdate).defaultAu);
}

// Every change to the service manager needs an administrator; reading does not.
void ServicesUser() {
  auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
  Bstr mu(kMicrosoftUpdate), wu(kWindowsUpdate), empty, name(u"offline scan"), file(u"C:\\wsusscn2.cab");
  ComPtr<IUpdateServiceRegistration> registration;
  ComPtr<IUpdateService> service;
  CheckHr("AddService2", E_ACCESSDENIED, manager->AddService2(mu.Get(), 7, empty.Get(), registration.Put()));
  CheckHr("RemoveService", E_ACCESSDENIED, manager->RemoveService(mu.Get()));
  CheckHr("RegisterServiceWithAU", E_ACCESSDENIED, manager->RegisterServiceWithAU(wu.Get()));
  CheckHr("UnregisterServiceWithAU", E_ACCESSDENIED, manager->UnregisterServiceWithAU(wu.Get()));
  CheckHr("AddScanPackageService", E_ACCESSDENIED, manager->AddScanPackageService(name.Get(), file.Get(), 0, service.Put()));
  Check("Services still reads", StateOf(manager.Get(), kWindowsUpdate).listed);
  RegistrationOf(manager.Get(), kWindowsUpdate, S_OK);
}

// Scan packages ("Using WUA to Scan for Updates Offline", AddScanPackageService, UpdateServiceOption):
// a signed package registers a service that offers the package's updates to a search of
// ssOthers with its ID; the registration goes with the IUpdateService unless registered with
// usoNonVolatileService; unsigned files, missing files and network paths are refused.
void ScanPackages(bool networkAccepted) {
  wchar_t temp[MAX_PATH];
  ::GetTempPathW(MAX_PATH, temp);
  const std::wstring folder = std::wstring(temp) + L"wua-selftest-" + std::to_wstring(::GetCurrentProcessId());
  ::CreateDirectoryW(folder.c_str(), nullptr);
  const auto write = [&](const wchar_t* name) {
    const std::wstring path = folder + L"\\" + name;
    HANDLE file = ::CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file != INVALID_HANDLE_VALUE) ::CloseHandle(file);
    return path;
  };
  const std::wstring signedPath = write(L"WSUSSCN2.CAB"), otherPath = write(L"other.cab");
  auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
  Bstr name(u"offline scan"), empty, package(reinterpret_cast<const char16_t*>(signedPath.c_str())),
      other(reinterpret_cast<const char16_t*>(otherPath.c_str())), missing(u"C:\\\\no\\\\such\\\\wsusscn2.cab"),
      unc(u"\\\\server\\share\\wsusscn2.cab"), longUnc(u"\\\\?\\UNC\\server\\share\\wsusscn2.cab");
  ComPtr<IUpdateService> service;
  if (networkAccepted) {
    CheckHr("a UNC path, when the scenario accepts one, is looked for", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
            manager->AddScanPackageService(name.Get(), unc.Get(), 0, service.Put()));
    ::DeleteFileW(signedPath.c_str());
    ::DeleteFileW(otherPath.c_str());
    ::RemoveDirectoryW(folder.c_str());
    return;
  }
  CheckHr("a UNC path", HRESULT_FROM_WIN32(ERROR_INVALID_NAME), manager->AddScanPackageService(name.Get(), unc.Get(), 0, service.Put()));
  CheckHr("a long UNC path", HRESULT_FROM_WIN32(ERROR_INVALID_NAME),
          manager->AddScanPackageService(name.Get(), longUnc.Get(), 0, service.Put()));
  CheckHr("a missing file", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
          manager->AddScanPackageService(name.Get(), missing.Get(), 0, service.Put()));
  CheckHr("an unsigned file", TRUST_E_NOSIGNATURE, manager->AddScanPackageService(name.Get(), other.Get(), 0, service.Put()));
  CheckHr("no name", E_INVALIDARG, manager->AddScanPackageService(empty.Get(), package.Get(), 0, service.Put()));
  CheckHr("an unknown flag", E_INVALIDARG, manager->AddScanPackageService(name.Get(), package.Get(), 2, service.Put()));

  CheckHr("AddScanPackageService", S_OK, manager->AddScanPackageService(name.Get(), package.Get(), 0, service.Put()));
  Bstr serviceId, serviceName;
  VARIANT_BOOL isScan = VARIANT_FALSE, canRegister = VARIANT_TRUE;
  if (service) {
    service->get_ServiceID(serviceId.Put());
    service->get_Name(serviceName.Put());
    service->get_IsScanPackageService(&isScan);
    service->get_CanRegisterWithAU(&canRegister);
  }
  Check("a scan package service, by the name given", isScan == VARIANT_TRUE && Text(serviceName) == u"offline scan");
  Check("that cannot register with Automatic Updates", canRegister == VARIANT_FALSE);
  Check("listed among the services", StateOf(manager.Get(), Text(serviceId)).listed);
  CheckHr("RegisterServiceWithAU of it", WU_E_INVALID_OPERATION, manager->RegisterServiceWithAU(serviceId.Get()));

  Client c;
  c.searcher->put_ServerSelection(ssOthers);
  c.searcher->put_ServiceID(serviceId.Get());
  ComPtr<IUpdateCollection> found = Search(c.searcher.Get(), u"IsInstalled=0");
  LONG count = CountOf(found.Get());
  bool onlyThePackage = count == 2;
  for (LONG i = 0; i < count && onlyThePackage; ++i) {
    ComPtr<IUpdate> update;
    found->get_Item(i, update.Put());
    ComPtr<IUpdateIdentity> identity;
    update->get_Identity(identity.Put());
    Bstr id;
    identity->get_UpdateID(id.Put());
    onlyThePackage = Text(id) == Id(70) || Text(id) == Id(71);
  }
  Check("a search of the service finds the package's updates, and only those", onlyThePackage);

  service.Reset();
  Check("releasing the service removes its registration", !StateOf(manager.Get(), Text(serviceId)).listed);
  CheckHr("and a search of it fails", WU_E_DS_UNKNOWNSERVICE, [&] {
    Bstr criteria(u"IsInstalled=0");
    ComPtr<ISearchResult> result;
    return c.searcher->Search(criteria.Get(), result.Put());
  }());

  CheckHr("AddScanPackageService, non-volatile", S_OK,
          manager->AddScanPackageService(name.Get(), package.Get(), usoNonVolatileService, service.Put()));
  if (service) service->get_ServiceID(serviceId.Put());
  service.Reset();
  Check("outlives its IUpdateService", StateOf(manager.Get(), Text(serviceId)).listed);
  CheckHr("until RemoveService", S_OK, manager->RemoveService(serviceId.Get()));
  Check("removes it", !StateOf(manager.Get(), Text(serviceId)).listed);

  ::DeleteFileW(signedPath.c_str());
  ::DeleteFileW(otherPath.c_str());
  ::RemoveDirectoryW(folder.c_str());
}

// Whether `call`, run on a thread of its own, is still running `milliseconds` later. A call that
// never returns keeps its thread; the process's end takes it.
bool StillRunningAfter(std::function<void()> call, DWORD milliseconds) {
  struct Shared {
    std::function<void()> call;
    volatile LONG done = 0;
  };
  auto* shared = new Shared{std::move(call)};  // leaked with the thread if it never returns
  HANDLE thread = ::CreateThread(
      nullptr, 0,
      [](void* argument) -> DWORD {
        auto* s = static_cast<Shared*>(argument);
        {
          wua::com::ScopedApartment apartment;
          s->call();
        }
        ::InterlockedExchange(&s->done, 1);
        return 0;
      },
      shared, 0, nullptr);
  if (!thread) return false;
  const bool running = ::WaitForSingleObject(thread, milliseconds) == WAIT_TIMEOUT;
  ::CloseHandle(thread);
  return running;
}

bool IsCompleted(ISearchJob* job) {
  VARIANT_BOOL completed = VARIANT_FALSE;
  if (job) job->get_IsCompleted(&completed);
  return completed == VARIANT_TRUE;
}

bool IsCompleted(IInstallationJob* job) {
  VARIANT_BOOL completed = VARIANT_FALSE;
  if (job) job->get_IsCompleted(&completed);
  return completed == VARIANT_TRUE;
}

// A wedge: the scenario's search and AddService2 never return, and RequestAbort does not end the
// search, while the agent's other members still answer.
void WedgedSearch() {
  Client c;
  VARIANT state;
  ::VariantInit(&state);
  Bstr criteria(u"IsInstalled=0");
  ComPtr<ISearchJob> job;
  CheckHr("BeginSearch starts a wedged search", S_OK, c.searcher->BeginSearch(criteria.Get(), nullptr, state, job.Put()));
  CheckHr("RequestAbort is taken", S_OK, job ? job->RequestAbort() : E_POINTER);
  ::Sleep(500);
  Check("but the search never completes", job && !IsCompleted(job.Get()));
  ComPtr<IUpdateSearcher> searcher = c.searcher;
  Check("a synchronous Search never returns", StillRunningAfter(
                                                  [searcher] {
                                                    Bstr text(u"IsInstalled=0");
                                                    ComPtr<ISearchResult> result;
                                                    searcher->Search(text.Get(), result.Put());
                                                  },
                                                  500));
  Check("AddService2 never returns", StillRunningAfter(
                                         [] {
                                           auto manager = Create<IUpdateServiceManager2>(__uuidof(UpdateServiceManager));
                                           Bstr id(kMicrosoftUpdate), empty;
                                           ComPtr<IUpdateServiceRegistration> registration;
                                           manager->AddService2(id.Get(), asfAllowPendingRegistration | asfAllowOnlineRegistration,
                                                                empty.Get(), registration.Put());
                                         },
                                         500));
  LONG count = -1;
  CheckHr("while the agent's other members answer", S_OK, c.searcher->GetTotalHistoryCount(&count));
  job.Detach();  // its thread never ends: the process's end takes it
}

// A wedged download and install: neither returns, and RequestAbort does not end the install.
void WedgedJobs() {
  Client c;
  ComPtr<IUpdate> download = c.Find(90), install = c.Find(91);
  ComPtr<IUpdateCollection> downloads = c.Collection({download.Get()}), installs = c.Collection({install.Get()});
  ComPtr<IUpdateDownloader> downloader = c.Downloader(downloads.Get());
  Check("a synchronous Download never returns", downloader && StillRunningAfter(
                                                                  [downloader] {
                                                                    ComPtr<IDownloadResult> result;
                                                                    downloader->Download(result.Put());
                                                                  },
                                                                  500));
  ComPtr<IUpdateInstaller> installer = c.Installer(installs.Get());
  VARIANT state;
  ::VariantInit(&state);
  ComPtr<IInstallationJob> job;
  CheckHr("BeginInstall starts a wedged install", S_OK,
          installer ? installer->BeginInstall(nullptr, nullptr, state, job.Put()) : E_POINTER);
  CheckHr("RequestAbort is taken", S_OK, job ? job->RequestAbort() : E_POINTER);
  ::Sleep(500);
  Check("but the install never completes", job && !IsCompleted(job.Get()));
  VARIANT_BOOL busy = VARIANT_FALSE;
  CheckHr("IsBusy answers", S_OK, installer ? installer->get_IsBusy(&busy) : E_POINTER);
  Check("and says an installation runs", busy == VARIANT_TRUE);
  job.Detach();
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  wua::com::ScopedApartment apartment;
  const std::wstring section = argc > 1 ? argv[1] : L"";
  if (section.empty()) {
    wchar_t ownPath[MAX_PATH];
    ::GetModuleFileNameW(nullptr, ownPath, MAX_PATH);
    ServiceManager(ownPath);
    AutomaticUpdatesAndSystem();
    HistoryHidingAndCollections();
  } else if (section == L"exclusive") {
    Exclusive();
  } else if (section == L"bundles" || section == L"bundles-listed") {
    Bundles(section == L"bundles-listed");
  } else if (section == L"faults") {
    GetterFaults();
  } else if (section == L"runas") {
    RunAs();
  } else if (section == L"job") {
    JobHresult();
  } else if (section == L"hiding" || section == L"hiding-user") {
    Hiding(section == L"hiding");
  } else if (section == L"history" || section == L"history-empty") {
    History(section == L"history-empty");
  } else if (section == L"remote" || section == L"remote-custom") {
    Remote(section == L"remote-custom");
  } else if (section == L"remote-never") {
    RemoteNever();
  } else if (section == L"automatic-updates" || section == L"automatic-updates-user") {
    AutomaticUpdatesSinceWindows10(section == L"automatic-updates");
  } else if (section == L"network") {
    Network();
  } else if (section == L"network-unreachable") {
    NetworkUnreachable();
  } else if (section == L"status") {
    Status();
  } else if (section == L"wua1") {
    Wua1();
  } else if (section == L"services") {
    Services();
  } else if (section == L"services-offline") {
    ServicesOffline();
  } else if (section == L"services-user") {
    ServicesUser();
  } else if (section == L"scan-packages" || section == L"scan-packages-network") {
    ScanPackages(section == L"scan-packages-network");
  } else if (section == L"wedge-search") {
    WedgedSearch();
  } else if (section == L"wedge-jobs") {
    WedgedJobs();
  } else {
    std::printf("unknown section\n");
    return 2;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  std::fflush(stdout);
  // A wedged call keeps its thread (and the objects it holds) for good: the process ends without
  // waiting for it, as the process holding a wedged agent must.
  if (section.rfind(L"wedge", 0) == 0) ::ExitProcess(failed == 0 ? 0 : 1);
  return failed == 0 ? 0 : 1;
}

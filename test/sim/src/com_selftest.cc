// The simulated agent through its COM interfaces, as a native client sees them: what the addon
// does not reach yet (update services, Automatic Updates, the web proxy, history queries,
// hiding, the collections' rules). Runs against the `basic` scenario named by the environment
// (test/sim/selftest.test.ts). Prints every failure, then "N passed, N failed".
#include <windows.h>

#include <wuerror.h>

#include <cstdio>
#include <string>

#include "com/apartment.h"
#include "com/bstr.h"
#include "com/com_ptr.h"
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
  if (!ok) std::printf("FAIL %s: expected 0x%08lX, got 0x%08lX\n", what, static_cast<unsigned long>(expected), static_cast<unsigned long>(actual));
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
          manager->AddService2(mu.Get(), asfAllowPendingRegistration | asfAllowOnlineRegistration | asfRegisterServiceWithAU,
                               empty.Get(), registration.Put()));
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
  CheckHr("RemoveService of Windows Update", WU_E_DS_INVALIDOPERATION, manager->RemoveService(wu.Get()));

  Bstr scanName(u"offline scan"), missing(u"C:\\\\no\\\\such\\\\wsusscn2.cab"), existing(reinterpret_cast<const char16_t*>(ownPath));
  ComPtr<IUpdateService> scan;
  CheckHr("AddScanPackageService of a missing file", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
          manager->AddScanPackageService(scanName.Get(), missing.Get(), 0, scan.Put()));
  CheckHr("AddScanPackageService", S_OK, manager->AddScanPackageService(scanName.Get(), existing.Get(), 0, scan.Put()));
  VARIANT_BOOL isScan = VARIANT_FALSE;
  if (scan) scan->get_IsScanPackageService(&isScan);
  Check("a scan package service", isScan == VARIANT_TRUE);

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

}  // namespace

int wmain() {
  wua::com::ScopedApartment apartment;
  wchar_t ownPath[MAX_PATH];
  ::GetModuleFileNameW(nullptr, ownPath, MAX_PATH);
  ServiceManager(ownPath);
  AutomaticUpdatesAndSystem();
  HistoryHidingAndCollections();
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

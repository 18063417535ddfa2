#include "agent.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "dates.h"
#include "json.h"
#include "wua/ids.h"

namespace sim {

namespace {

// A process the test did not start (a service's, whose environment comes from the service control
// manager) plays the scenario the test named under this key (harness.ts, useScenarioMachineWide).
constexpr wchar_t kMachineScenarioKey[] = L"SOFTWARE\\WindowsUpdateAgentSimulator";

std::wstring EnvironmentValue(const wchar_t* name) {
  wchar_t buffer[MAX_PATH * 2];
  const DWORD length = ::GetEnvironmentVariableW(name, buffer, static_cast<DWORD>(std::size(buffer)));
  if (length > 0 && length < std::size(buffer)) return std::wstring(buffer, length);
  DWORD size = sizeof(buffer);
  if (::RegGetValueW(HKEY_LOCAL_MACHINE, kMachineScenarioKey, name, RRF_RT_REG_SZ, nullptr, buffer, &size) == ERROR_SUCCESS) {
    return std::wstring(buffer);
  }
  return std::wstring();
}

std::string Utf8(const std::u16string& text) { return json::ToUtf8(text); }
std::u16string Utf16(const std::string& text) { return json::ToUtf16(text); }

json::Value StringsToJson(const Strings& strings) {
  json::Value out = json::Value::Array();
  for (const auto& s : strings) out.Push(Utf8(s));
  return out;
}

Strings StringsFromJson(const json::Reader& field) {
  Strings out;
  for (const std::string& s : field.Strings()) out.push_back(Utf16(s));
  return out;
}

json::Value HistoryToJson(const HistoryEntryData& h) {
  json::Value out = json::Value::Object();
  out.Set("operation", static_cast<int>(h.operation))
      .Set("resultCode", static_cast<int>(h.resultCode))
      .Set("hresult", static_cast<int64_t>(static_cast<uint32_t>(h.hresult)))
      .Set("unmappedResultCode", static_cast<int64_t>(static_cast<uint32_t>(h.unmappedResultCode.value_or(h.hresult))))
      .Set("date", FormatIsoDate(h.date))
      .Set("updateId", Utf8(h.updateId))
      .Set("revision", h.revisionNumber)
      .Set("title", Utf8(h.title))
      .Set("description", Utf8(h.description))
      .Set("clientApplicationId", Utf8(h.clientApplicationId))
      .Set("supportUrl", Utf8(h.supportUrl))
      .Set("serverSelection", static_cast<int>(h.serverSelection))
      .Set("serviceId", Utf8(h.serviceId))
      .Set("uninstallationNotes", Utf8(h.uninstallationNotes))
      .Set("uninstallationSteps", StringsToJson(h.uninstallationSteps))
      .Set("categories", StringsToJson(h.categoryIds));
  return out;
}

HistoryEntryData HistoryFromJson(const json::Reader& field) {
  HistoryEntryData h;
  h.operation = static_cast<UpdateOperation>(field.Field("operation").Integer());
  h.resultCode = static_cast<OperationResultCode>(field.Field("resultCode").Integer());
  h.hresult = static_cast<HRESULT>(static_cast<uint32_t>(field.Field("hresult").Integer()));
  if (!field.Field("unmappedResultCode").IsNull()) {
    h.unmappedResultCode = static_cast<HRESULT>(static_cast<uint32_t>(field.Field("unmappedResultCode").Integer()));
  }
  if (!ParseIsoDate(field.Field("date").String(), &h.date)) field.Field("date").Fail("is not a date");
  h.updateId = field.Field("updateId").String16();
  h.revisionNumber = static_cast<long>(field.Field("revision").Integer());
  h.title = field.Field("title").String16();
  h.description = field.Field("description").String16();
  h.clientApplicationId = field.Field("clientApplicationId").String16();
  h.supportUrl = field.Field("supportUrl").String16();
  h.serverSelection = static_cast<ServerSelection>(field.Field("serverSelection").Integer());
  h.serviceId = field.Field("serviceId").String16();
  h.uninstallationNotes = field.Field("uninstallationNotes").String16();
  h.uninstallationSteps = StringsFromJson(field.Field("uninstallationSteps"));
  h.categoryIds = StringsFromJson(field.Field("categories"));
  return h;
}

json::Value ServiceToJson(const ServiceData& s) {
  json::Value out = json::Value::Object();
  out.Set("id", Utf8(s.serviceId))
      .Set("name", Utf8(s.name))
      .Set("serviceUrl", Utf8(s.serviceUrl))
      .Set("setupPrefix", Utf8(s.setupPrefix))
      .Set("contentValidationCert", Utf8(s.contentValidationCert))
      .Set("isManaged", s.isManaged)
      .Set("isRegisteredWithAu", s.isRegisteredWithAu)
      .Set("isScanPackageService", s.isScanPackageService)
      .Set("canRegisterWithAu", s.canRegisterWithAu)
      .Set("offersWindowsUpdates", s.offersWindowsUpdates)
      .Set("isDefaultAuService", s.isDefaultAuService)
      .Set("issueDate", FormatIsoDate(s.issueDate))
      .Set("expirationDate", FormatIsoDate(s.expirationDate))
      .Set("redirectUrls", StringsToJson(s.redirectUrls))
      .Set("scanPackage", Utf8(s.scanPackage))
      .Set("registrationPending", s.registrationPending)
      .Set("pendingRegistrationWithAu", s.pendingRegistrationWithAu);
  return out;
}

ServiceData ServiceFromJson(const json::Reader& field) {
  ServiceData s;
  s.serviceId = field.Field("id").String16();
  s.name = field.Field("name").String16();
  s.serviceUrl = field.Field("serviceUrl").String16();
  s.setupPrefix = field.Field("setupPrefix").String16();
  s.contentValidationCert = field.Field("contentValidationCert").String16();
  s.isManaged = field.Field("isManaged").Bool();
  s.isRegisteredWithAu = field.Field("isRegisteredWithAu").Bool();
  s.isScanPackageService = field.Field("isScanPackageService").Bool();
  s.canRegisterWithAu = field.Field("canRegisterWithAu").Bool();
  s.offersWindowsUpdates = field.Field("offersWindowsUpdates").Bool();
  s.isDefaultAuService = field.Field("isDefaultAuService").Bool();
  ParseIsoDate(field.Field("issueDate").String(), &s.issueDate);
  ParseIsoDate(field.Field("expirationDate").String(), &s.expirationDate);
  s.redirectUrls = StringsFromJson(field.Field("redirectUrls"));
  s.scanPackage = field.Field("scanPackage").IsNull() ? u"" : field.Field("scanPackage").String16();
  s.registrationPending = field.Field("registrationPending").Bool(false);
  s.pendingRegistrationWithAu = field.Field("pendingRegistrationWithAu").Bool(false);
  return s;
}

}  // namespace

json::Value NetworkRequestToJson(const NetworkRequest& r) {
  json::Value out = json::Value::Object();
  out.Set("call", r.call)
      .Set("online", r.online)
      .Set("serverSelection", static_cast<int>(r.serverSelection))
      .Set("serviceId", Utf8(r.serviceId))
      .Set("updateId", Utf8(r.updateId))
      .Set("hresult", static_cast<int64_t>(static_cast<uint32_t>(r.hresult)));
  if (r.proxy) {
    json::Value proxy = json::Value::Object();
    proxy.Set("address", Utf8(r.proxy->address))
        .Set("userName", Utf8(r.proxy->userName))
        .Set("bypassList", StringsToJson(r.proxy->bypassList))
        .Set("bypassProxyOnLocal", r.proxy->bypassProxyOnLocal)
        .Set("autoDetect", r.proxy->autoDetect)
        .Set("passwordSet", r.proxy->passwordSet);
    out.Set("proxy", std::move(proxy));
  } else {
    out.Set("proxy", json::Value());
  }
  return out;
}

namespace {

NetworkRequest NetworkRequestFromJson(const json::Reader& field) {
  NetworkRequest r;
  r.call = field.Field("call").String();
  r.online = field.Field("online").Bool();
  r.serverSelection = static_cast<ServerSelection>(field.Field("serverSelection").Integer());
  r.serviceId = field.Field("serviceId").String16();
  r.updateId = field.Field("updateId").String16();
  r.hresult = static_cast<HRESULT>(static_cast<uint32_t>(field.Field("hresult").Integer()));
  if (const json::Reader proxy = field.Field("proxy"); !proxy.IsNull()) {
    ProxyRecord p;
    p.address = proxy.Field("address").String16();
    p.userName = proxy.Field("userName").String16();
    p.bypassList = StringsFromJson(proxy.Field("bypassList"));
    p.bypassProxyOnLocal = proxy.Field("bypassProxyOnLocal").Bool();
    p.autoDetect = proxy.Field("autoDetect").Bool();
    p.passwordSet = proxy.Field("passwordSet").Bool();
    r.proxy = std::move(p);
  }
  return r;
}

}  // namespace

double NowAsDate() {
  FILETIME now;
  ::GetSystemTimeAsFileTime(&now);
  const unsigned long long ticks = (static_cast<unsigned long long>(now.dwHighDateTime) << 32) | now.dwLowDateTime;
  // FILETIME counts 100 ns from 1601-01-01; a DATE counts days from 1899-12-30.
  constexpr double kDaysFrom1601To1899Epoch = 109205.0;
  return static_cast<double>(ticks) / 864000000000.0 - kDaysFrom1601To1899Epoch;
}

Agent& Agent::Instance() {
  static Agent* const agent = new Agent();  // never destroyed: objects may outlive static teardown
  return *agent;
}

void Agent::Load(const std::wstring& scenarioPath, const std::wstring& statePath) {
  auto scenario = std::make_shared<const Scenario>(LoadScenario(scenarioPath));
  std::lock_guard<std::mutex> lock(mutex_);
  scenarioPath_ = scenarioPath;
  statePath_ = statePath;
  scenario_ = std::move(scenario);
  loadError_.clear();
  LoadState();
  loaded_ = true;
}

void Agent::ResetState() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  if (!statePath_.empty()) ::DeleteFileW(statePath_.c_str());
  if (!statePath_.empty()) ::DeleteFileW(NetworkLogPath().c_str());
  state_ = InitialState(*scenario_);
  stateFileTime_ = {};
}

std::shared_ptr<const Scenario> Agent::CurrentScenario() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  return scenario_;
}

std::string Agent::LoadError() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  return loadError_;
}

std::optional<ServiceData> Agent::FindService(std::u16string_view serviceId) {
  std::optional<ServiceData> found = FindRegistration(serviceId);
  if (found && found->registrationPending) found.reset();
  return found;
}

std::optional<ServiceData> Agent::FindRegistration(std::u16string_view serviceId) {
  const std::u16string id = wua::NormalizeId(serviceId);
  return Read([&](const MachineState& state) -> std::optional<ServiceData> {
    for (const ServiceData& service : state.services) {
      if (service.serviceId == id) return service;
    }
    return std::nullopt;
  });
}

FILETIME Agent::StateFileTime() const {
  WIN32_FILE_ATTRIBUTE_DATA attributes{};
  if (statePath_.empty() || !::GetFileAttributesExW(statePath_.c_str(), GetFileExInfoStandard, &attributes)) return {};
  return attributes.ftLastWriteTime;
}

void Agent::ReloadIfChanged() {
  const FILETIME now = StateFileTime();
  if (::CompareFileTime(&now, &stateFileTime_) != 0) LoadState();
}

UpdateState MachineState::Of(const UpdateData& update) const {
  const auto own = [&](const std::u16string& id) {
    auto found = updates.find(id);
    return found == updates.end() ? UpdateState{} : found->second;
  };
  UpdateState state = own(update.updateId);
  if (!update.IsBundle()) return state;
  state.isInstalled = state.isDownloaded = true;
  state.isPresent = state.rebootRequired = false;
  for (const auto& id : update.bundledUpdateIds) {
    const UpdateState child = own(id);
    state.isInstalled = state.isInstalled && child.isInstalled;
    state.isDownloaded = state.isDownloaded && child.isDownloaded;
    state.isPresent = state.isPresent || child.isPresent;
    state.rebootRequired = state.rebootRequired || child.rebootRequired;
  }
  return state;
}

UpdateState Agent::StateOf(const UpdateData& update) {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  return state_.Of(update);
}

bool Agent::TryBeginInstallation() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  if (installing_ || scenario_->agent.installerBusy) return false;
  installing_ = true;
  return true;
}

void Agent::EndInstallation() {
  std::lock_guard<std::mutex> lock(mutex_);
  installing_ = false;
}

bool Agent::IsInstallationRunning() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  return installing_ || scenario_->agent.installerBusy;
}

void Agent::EnsureLoaded() {
  if (loaded_) return;
  loaded_ = true;
  scenarioPath_ = EnvironmentValue(L"WUA_SIMULATOR_SCENARIO");
  statePath_ = EnvironmentValue(L"WUA_SIMULATOR_STATE");
  // A scenario that does not load leaves an empty agent; the error is visible through the
  // control interface rather than as a failure of an unrelated COM call.
  try {
    scenario_ = std::make_shared<const Scenario>(scenarioPath_.empty() ? Scenario{} : LoadScenario(scenarioPath_));
  } catch (const std::exception& error) {
    loadError_ = error.what();
    scenario_ = std::make_shared<const Scenario>();
  }
  LoadState();
}

MachineState Agent::InitialState(const Scenario& scenario) {
  MachineState state;
  for (const UpdateData& u : scenario.updates) {
    state.updates[u.updateId] = UpdateState{u.isInstalled, u.isDownloaded, u.isHidden, u.eulaAccepted, u.isPresent, u.rebootRequired};
  }
  state.history = scenario.agent.history;
  state.services = scenario.agent.services;
  const AgentData& agent = scenario.agent;
  state.automaticUpdates =
      AutomaticUpdatesState{agent.notificationLevel, agent.scheduledInstallationDay, agent.scheduledInstallationTime, agent.serviceEnabled};
  state.rebootRequired = scenario.agent.rebootRequired;
  state.rebootRequiredBeforeInstallation = scenario.agent.rebootRequiredBeforeInstallation;
  return state;
}

void Agent::LoadState() {
  state_ = InitialState(*scenario_);
  stateFileTime_ = StateFileTime();
  if (statePath_.empty()) return;
  std::ifstream file(statePath_.c_str(), std::ios::binary);
  if (!file) return;
  std::ostringstream content;
  content << file.rdbuf();
  const json::Value document = json::Parse(content.str());
  const json::Reader root(document);
  if (root.Field("scenario").String("") != scenario_->name) return;  // another scenario's state
  state_.rebootRequired = root.Field("rebootRequired").Bool(false);
  state_.rebootRequiredBeforeInstallation = root.Field("rebootRequiredBeforeInstallation").Bool(state_.rebootRequiredBeforeInstallation);
  const json::Reader updates = root.Field("updates");
  for (auto& [id, state] : state_.updates) {
    const json::Reader saved = updates.Field(Utf8(id));
    if (saved.IsNull()) continue;
    state = UpdateState{saved.Field("isInstalled").Bool(),  saved.Field("isDownloaded").Bool(), saved.Field("isHidden").Bool(),
                        saved.Field("eulaAccepted").Bool(), saved.Field("isPresent").Bool(),    saved.Field("rebootRequired").Bool()};
  }
  if (const json::Reader services = root.Field("services"); !services.IsNull()) {
    state_.services.clear();
    for (size_t i = 0; i < services.Size(); ++i) state_.services.push_back(ServiceFromJson(services.Item(i)));
  }
  if (const json::Reader au = root.Field("automaticUpdates"); !au.IsNull()) {
    AutomaticUpdatesState& a = state_.automaticUpdates;
    a.notificationLevel = static_cast<int>(au.Field("notificationLevel").Integer());
    a.scheduledInstallationDay = static_cast<int>(au.Field("scheduledInstallationDay").Integer());
    a.scheduledInstallationTime = static_cast<int>(au.Field("scheduledInstallationTime").Integer());
    a.serviceEnabled = au.Field("serviceEnabled").Bool();
    a.detections = static_cast<long>(au.Field("detections").Integer(0));
  }
  state_.history.clear();
  const json::Reader history = root.Field("history");
  for (size_t i = 0; i < history.Size(); ++i) state_.history.push_back(HistoryFromJson(history.Item(i)));
}

void Agent::RecordNetworkRequest(NetworkRequest request) {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  if (statePath_.empty()) {
    state_.network.push_back(std::move(request));
    return;
  }
  // One write of one line in append mode: lines of processes sharing the log do not interleave.
  const std::string line = json::Serialize(NetworkRequestToJson(request)) + "\n";
  HANDLE file = ::CreateFileW(NetworkLogPath().c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return;
  DWORD written = 0;
  ::WriteFile(file, line.data(), static_cast<DWORD>(line.size()), &written, nullptr);
  ::CloseHandle(file);
}

std::vector<NetworkRequest> Agent::NetworkRequests() {
  std::lock_guard<std::mutex> lock(mutex_);
  EnsureLoaded();
  if (statePath_.empty()) return state_.network;
  std::vector<NetworkRequest> out;
  std::ifstream file(NetworkLogPath().c_str(), std::ios::binary);
  for (std::string line; std::getline(file, line);) {
    if (!line.empty()) out.push_back(NetworkRequestFromJson(json::Reader(json::Parse(line))));
  }
  return out;
}

void Agent::SaveState() {
  if (statePath_.empty()) return;
  json::Value updates = json::Value::Object();
  for (const auto& [id, s] : state_.updates) {
    json::Value entry = json::Value::Object();
    entry.Set("isInstalled", s.isInstalled)
        .Set("isDownloaded", s.isDownloaded)
        .Set("isHidden", s.isHidden)
        .Set("eulaAccepted", s.eulaAccepted)
        .Set("isPresent", s.isPresent)
        .Set("rebootRequired", s.rebootRequired);
    // Add, as the map's keys are unique: a large catalog's save is linear.
    updates.Add(Utf8(id), std::move(entry));
  }
  json::Value history = json::Value::Array();
  for (const auto& h : state_.history) history.Push(HistoryToJson(h));
  json::Value services = json::Value::Array();
  for (const auto& service : state_.services) services.Push(ServiceToJson(service));
  const AutomaticUpdatesState& a = state_.automaticUpdates;
  json::Value automaticUpdates = json::Value::Object();
  automaticUpdates.Set("notificationLevel", a.notificationLevel)
      .Set("scheduledInstallationDay", a.scheduledInstallationDay)
      .Set("scheduledInstallationTime", a.scheduledInstallationTime)
      .Set("serviceEnabled", a.serviceEnabled)
      .Set("detections", static_cast<int64_t>(a.detections));
  json::Value root = json::Value::Object();
  root.Set("scenario", scenario_->name)
      .Set("rebootRequired", state_.rebootRequired)
      .Set("rebootRequiredBeforeInstallation", state_.rebootRequiredBeforeInstallation)
      .Set("updates", std::move(updates))
      .Set("history", std::move(history))
      .Set("services", std::move(services))
      .Set("automaticUpdates", std::move(automaticUpdates));
  // Written beside the target and renamed over it, so a reader in another process never sees
  // half a file. The temporary file is this process's own: two processes that saved at once into
  // one temporary file interleaved their writes, and the rename then put that over the state
  // (a JSON parse error, and a crash, in the next process to read it).
  const std::wstring temporary = statePath_ + L".tmp." + std::to_wstring(::GetCurrentProcessId());
  {
    std::ofstream file(temporary.c_str(), std::ios::binary | std::ios::trunc);
    file << json::Serialize(root, true);
  }
  ::MoveFileExW(temporary.c_str(), statePath_.c_str(), MOVEFILE_REPLACE_EXISTING);
  stateFileTime_ = StateFileTime();
}

}  // namespace sim

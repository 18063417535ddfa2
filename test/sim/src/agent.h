// The simulated agent behind every object of this DLL: the scenario it plays and the machine
// state its operations change. The state persists in a JSON file so that a second process (a
// CLI run, a test's child) sees what the first one installed, hid or accepted.
#pragma once
#include <windows.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "json.h"
#include "scenario.h"

namespace sim {

// What operations change, per update.
struct UpdateState {
  bool isInstalled = false, isDownloaded = false, isHidden = false, eulaAccepted = false, isPresent = false, rebootRequired = false;
};

struct AutomaticUpdatesState {
  int notificationLevel = 0, scheduledInstallationDay = 0, scheduledInstallationTime = 3;
  bool serviceEnabled = true;
  long detections = 0;  // DetectNow calls that started a detection
};

// The proxy a session carried when the agent went to the network for it: what IWebProxy says,
// without the password, of which only whether one was set is kept.
struct ProxyRecord {
  std::u16string address, userName;
  Strings bypassList;
  bool bypassProxyOnLocal = false, autoDetect = false, passwordSet = false;
};

// A search or download, and whether it went to the network: what a test reads to prove that an
// offline search stayed off it, and which server selection and proxy a request carried.
struct NetworkRequest {
  std::string call;  // "search" or "download"
  bool online = true;
  ServerSelection serverSelection = ssDefault;
  std::u16string serviceId;
  std::u16string updateId;  // downloads: the update
  std::optional<ProxyRecord> proxy;
  HRESULT hresult = S_OK;  // what the network answered: S_OK, or the failure the request met
};

struct MachineState {
  std::map<std::u16string, UpdateState> updates;  // by update ID
  std::vector<HistoryEntryData> history;          // oldest first
  std::vector<ServiceData> services;              // update services, registered or pending
  AutomaticUpdatesState automaticUpdates;
  bool rebootRequired = false;
  std::vector<NetworkRequest> network;  // oldest first; only without a state file (see Agent::NetworkRequests)
  // IUpdateInstaller::RebootRequiredBeforeInstallation.
  bool rebootRequiredBeforeInstallation = false;

  // The state of `update` as the agent reports it: a bundle's download, install and reboot flags
  // are its children's taken together, since installing a bundle installs them.
  UpdateState Of(const UpdateData& update) const;
};

class Agent {
 public:
  // The scenario and state files come from WUA_SIMULATOR_SCENARIO and WUA_SIMULATOR_STATE; the
  // first use loads them. Without a scenario the agent has an empty catalog.
  static Agent& Instance();

  // Switches to another scenario (tests), starting from the state file if it exists.
  void Load(const std::wstring& scenarioPath, const std::wstring& statePath);
  // Forgets the state: the next read starts from the scenario's initial state.
  void ResetState();

  std::shared_ptr<const Scenario> CurrentScenario();
  // Reads from the machine state under the agent's lock, without copying all of it.
  template <class Reader>
  auto Read(Reader&& read) {
    std::lock_guard<std::mutex> lock(mutex_);
    EnsureLoaded();
    ReloadIfChanged();
    return read(static_cast<const MachineState&>(state_));
  }
  // Why the scenario named by the environment did not load; empty when it did.
  std::string LoadError();
  // A registered update service (the scenario's, plus or minus what clients added or removed).
  std::optional<ServiceData> FindService(std::u16string_view serviceId);
  // The same, or a service whose registration is still pending.
  std::optional<ServiceData> FindRegistration(std::u16string_view serviceId);
  UpdateState StateOf(const UpdateData& update);

  // Applies a change and persists it, under the agent's lock.
  template <class Change>
  void Update(Change&& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    EnsureLoaded();
    ReloadIfChanged();
    change(state_);
    SaveState();
  }

  // Records a search or download's network request. Not through Update: a search changes nothing
  // else of the machine, and saving the whole state for it made every search of a large catalog
  // serialise every update's state. The requests are appended to a log beside the state file
  // (its name plus ".network"), one JSON line each, which processes sharing the state share.
  void RecordNetworkRequest(NetworkRequest request);
  // Every request recorded since the state was reset, in this process and the others on the
  // same state, oldest first.
  std::vector<NetworkRequest> NetworkRequests();

  // One install or uninstall at a time, as the real agent allows.
  bool TryBeginInstallation();
  void EndInstallation();
  bool IsInstallationRunning();

 private:
  Agent() = default;
  void EnsureLoaded();  // with mutex_ held
  void LoadState();
  void SaveState();
  std::wstring NetworkLogPath() const { return statePath_.empty() ? std::wstring() : statePath_ + L".network"; }
  // Another process may have changed the state file since this one read it.
  void ReloadIfChanged();
  FILETIME StateFileTime() const;
  static MachineState InitialState(const Scenario& scenario);

  std::mutex mutex_;
  bool loaded_ = false;
  std::wstring scenarioPath_, statePath_;
  std::shared_ptr<const Scenario> scenario_;
  std::string loadError_;
  MachineState state_;
  FILETIME stateFileTime_{};  // of the state file as last read or written here
  bool installing_ = false;
};

// The current time as a DATE in UTC, as the agent stamps history entries.
double NowAsDate();

// A request as the state file and the tests' control handle write it.
json::Value NetworkRequestToJson(const NetworkRequest& request);

}  // namespace sim

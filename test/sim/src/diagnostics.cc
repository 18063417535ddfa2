#include "diagnostics.h"

#include <deque>
#include <map>
#include <mutex>

#include "agent.h"
#include "json.h"
#include "object.h"
#include "wedge.h"

namespace sim {

namespace {

// Enough to see what a test did, bounded so that a 10,000-update read does not grow it forever.
constexpr size_t kCallLogLimit = 20000;

struct Registry {
  std::mutex mutex;
  std::map<std::string, long> live;
  std::deque<std::string> calls;
  std::map<std::string, std::atomic<long>, std::less<>> getters;  // nodes never move: call sites keep references
  std::map<std::string, long, std::less<>> injected;
};

Registry& TheRegistry() {
  static Registry* const registry = new Registry();
  return *registry;
}

}  // namespace

void Diagnostics::ObjectCreated(const char* className) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  ++r.live[className];
}

void Diagnostics::ObjectDestroyed(const char* className) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  --r.live[className];
}

long Diagnostics::LiveObjectTotal() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  long total = 0;
  for (const auto& [name, count] : r.live) total += count;
  return total;
}

std::vector<std::pair<std::string, long>> Diagnostics::LiveObjects() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::pair<std::string, long>> out;
  for (const auto& [name, count] : r.live) {
    if (count != 0) out.emplace_back(name, count);
  }
  return out;
}

HRESULT Diagnostics::Enter(const char* member) {
  {
    Registry& r = TheRegistry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (r.calls.size() == kCallLogLimit) r.calls.pop_front();
    r.calls.emplace_back(member);
  }
  Agent& agent = Agent::Instance();
  const auto scenario = agent.CurrentScenario();
  // A broken scenario must not pass for an empty catalog.
  if (const std::string problem = agent.LoadError(); !problem.empty()) {
    return Fail(E_FAIL, json::ToUtf16("the simulated agent's scenario did not load: " + problem));
  }
  if (auto delay = scenario->agent.delays.find(member); delay != scenario->agent.delays.end()) ::Sleep(delay->second);
  // "Using WUA From a Remote Computer" (learn.microsoft.com/windows/win32/wua_sdk/using-wua-from-
  // a-remote-computer) lists what is "not available to remote users and applications"; newer
  // Windows also denies searches and history to a shell reached over SSH (PowerShell/
  // Win32-OpenSSH#2083, mgajda83/PSWindowsUpdate#60), so the scenario says which calls, beside
  // those that no remote caller ever reaches (members.h, neverRemote).
  if (const auto& logon = scenario->agent.logon; logon.remote && (logon.deniedCalls.count(member) != 0 || IsNeverRemote(member))) {
    return Fail(E_ACCESSDENIED, json::ToUtf16(std::string(member) + " is not allowed from a remote session"));
  }
  // The real agent has been seen to never return from a call at all: AddService2 on a corrupt
  // data store (PowerShell/PowerShell#17899, where setup hung registering Microsoft Update), a
  // monitoring plugin's query that never came back (Icinga/icinga2#4755). Such a call ends only
  // with its process.
  if (scenario->agent.wedgedCalls.count(member) != 0) return Wedges::Hold();
  auto fault = scenario->agent.faults.find(member);
  if (fault == scenario->agent.faults.end()) return S_OK;
  Diagnostics::FaultInjected(member);
  return Fail(fault->second, json::ToUtf16(std::string("fault injected by the scenario at ") + member));
}

HRESULT InjectedFault(const FaultMap& faults, std::string_view member) {
  auto fault = faults.find(member);
  if (fault == faults.end()) return S_OK;
  Diagnostics::FaultInjected(member);
  return Fail(fault->second, json::ToUtf16("fault injected by the scenario at " + std::string(member)));
}

void Diagnostics::FaultInjected(std::string_view member) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  ++r.injected[std::string(member)];
}

std::vector<std::pair<std::string, long>> Diagnostics::InjectedFaults() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return {r.injected.begin(), r.injected.end()};
}

std::vector<std::string> Diagnostics::CallLog() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return {r.calls.begin(), r.calls.end()};
}

void Diagnostics::ClearCallLog() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.calls.clear();
  r.injected.clear();
  for (auto& [name, count] : r.getters) count.store(0, std::memory_order_relaxed);
}

std::atomic<long>& Diagnostics::GetterCounter(const char* member) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.getters.try_emplace(member, 0).first->second;
}

std::vector<std::pair<std::string, long>> Diagnostics::GetterCounts() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::pair<std::string, long>> out;
  for (const auto& [name, count] : r.getters) {
    if (const long calls = count.load(std::memory_order_relaxed); calls != 0) out.emplace_back(name, calls);
  }
  return out;
}

}  // namespace sim

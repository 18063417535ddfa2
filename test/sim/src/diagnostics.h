// What the tests observe of the simulated agent: live objects per class (every COM reference the
// client took must be released) and a bounded log of the members the client called.
#pragma once
#include <windows.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

class Diagnostics {
 public:
  static void ObjectCreated(const char* className);
  static void ObjectDestroyed(const char* className);
  static long LiveObjectTotal();
  static std::vector<std::pair<std::string, long>> LiveObjects();

  // Records one call by the client, waits as long as the scenario says it takes, and returns
  // the failure the call must report (with its IErrorInfo set), or S_OK: the fault the scenario
  // injects, or the reason the scenario named by the environment did not load.
  static HRESULT Enter(const char* member);
  static std::vector<std::string> CallLog();
  // Clears the counts of the getters too.
  static void ClearCallLog();

  // The count of one getter's calls (SIM_GETTER). Getters are not logged, since a read of 10,000
  // updates makes half a million of them, but tests count how many of each a read made: the
  // counter is found once per call site and counted without a lock.
  static std::atomic<long>& GetterCounter(const char* member);
  // Every getter called since the log was last cleared, and how many times.
  static std::vector<std::pair<std::string, long>> GetterCounts();

  // The scenario's faults (agent.faults, an update's faults) that a member returned since the log
  // was last cleared, and how many times: a call can reach a member through an object the
  // scenario's faults do not cover (a history entry's categories), and a test of a fault must
  // know that it was injected.
  static void FaultInjected(std::string_view member);
  static std::vector<std::pair<std::string, long>> InjectedFaults();
};

}  // namespace sim

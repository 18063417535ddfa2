#include "wua/keep_awake.h"

#include <windows.h>

#include <atomic>

namespace wua {

namespace {

thread_local long threadHolds = 0;
std::atomic<long> allHolds{0};

}  // namespace

void KeepAwake::Acquire() {
  // ES_SYSTEM_REQUIRED only: the display may turn off, the system may not sleep.
  if (threadHolds++ == 0) ::SetThreadExecutionState(ES_CONTINUOUS | ES_SYSTEM_REQUIRED);
  ++allHolds;
}

void KeepAwake::Release() {
  if (threadHolds == 0) return;
  if (--threadHolds == 0) ::SetThreadExecutionState(ES_CONTINUOUS);
  --allHolds;
}

long KeepAwake::Holds() { return allHolds.load(); }

}  // namespace wua

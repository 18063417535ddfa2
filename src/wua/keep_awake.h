// Keeps the machine from sleeping while the agent downloads or installs: a machine that sleeps
// halfway through an install leaves it half done (ansible-collections/ansible.windows#310, fixed
// there the same way). SetThreadExecutionState holds per thread, so holds are counted per
// thread: one session thread may wait for several jobs at once, and only the last one to end may
// let the machine sleep again.
#pragma once

namespace wua {

class KeepAwake {
 public:
  // On the thread that waits for the agent; each Acquire is matched by one Release there.
  static void Acquire();
  static void Release();
  // Holds in force on all threads (for diagnostics and tests).
  static long Holds();
};

}  // namespace wua

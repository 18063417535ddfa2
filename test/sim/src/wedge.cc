#include "wedge.h"

#include <condition_variable>
#include <mutex>

#include "object.h"

namespace sim {

namespace {

struct State {
  std::mutex mutex;
  std::condition_variable released;
  unsigned long long generation = 0;  // advanced by each release
  long held = 0;
};

State& TheState() {
  static State* const state = new State();  // never destroyed: a held thread may outlive statics
  return *state;
}

}  // namespace

HRESULT Wedges::Hold() {
  State& s = TheState();
  {
    std::unique_lock<std::mutex> lock(s.mutex);
    const unsigned long long generation = s.generation;
    ++s.held;
    s.released.wait(lock, [&] { return s.generation != generation; });
    --s.held;
  }
  return Fail(RPC_E_DISCONNECTED, u"the agent stopped answering (a wedge the scenario plays) and went away");
}

void Wedges::ReleaseAll() {
  State& s = TheState();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    ++s.generation;
  }
  s.released.notify_all();
}

long Wedges::Held() {
  State& s = TheState();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.held;
}

}  // namespace sim

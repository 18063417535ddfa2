// One agent session and the thread that owns it, shared by the JS handle and the tasks queued on
// its thread, so whichever ends last frees it. Nothing here knows of JS.
#pragma once
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "com/com_thread.h"
#include "wua/session.h"
#include "wua/update_cache.h"

namespace wua {

struct SessionCore {
  com::ComThread thread;
  std::u16string clientApplicationId;
  // Touched only on `thread`.
  std::unique_ptr<Session> session;
  std::exception_ptr openFailure;
  UpdateCache updates;
  // The running operations, by the facade's ID: how each is asked to abort. The one record of
  // what runs; an operation removes itself when the agent completes it.
  std::map<uint32_t, std::function<void()>> aborts;

  Session& Require() const;  // the open session, or the error that kept it from opening
  // Asks the agent to abort operation `id`, if it still runs; on `thread`.
  void Abort(uint32_t id);
  // The one teardown: aborts what runs and releases every agent object; on `thread`.
  void Release();
};

// Releases `core` on its thread and lets the thread end; with `wait`, joins it (the environment
// is exiting, and nothing may outlive it).
void Shutdown(const std::shared_ptr<SessionCore>& core, bool wait);

}  // namespace wua

#include "wua/session_core.h"

#include "com/hresult.h"

namespace wua {

Session& SessionCore::Require() const {
  if (openFailure) std::rethrow_exception(openFailure);
  if (!session) throw com::ComError(RPC_E_DISCONNECTED, "UpdateSession (closed)");
  return *session;
}

void SessionCore::Abort(uint32_t id) {
  auto found = aborts.find(id);
  if (found == aborts.end()) return;
  try {
    found->second();
  } catch (...) {
    // Already finishing: the operation settles with its own result.
  }
}

void SessionCore::Release() {
  for (auto& [id, abort] : aborts) {
    try {
      abort();
    } catch (...) {
      // The job may be finishing on its own; nothing is left to abort then.
    }
  }
  updates.Clear();
  session.reset();
}

void Shutdown(const std::shared_ptr<SessionCore>& core, bool wait) {
  core->thread.Post([core] { core->Release(); });
  if (wait)
    core->thread.Stop();
  else
    core->thread.RequestStop();
}

}  // namespace wua

// What the facade reads before it starts a download, install or uninstall, to plan it: which
// updates still need a download, and which must be installed alone.
#pragma once
#include <string>
#include <vector>

#include "wua/records.h"
#include "wua/update_cache.h"
#include "wua/wua.h"

namespace wua {

// Reads the updates' state now (not as a search saw it), resolving IDs as a change would.
std::vector<InspectRecord> InspectUpdates(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds);

}  // namespace wua

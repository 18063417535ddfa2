#include "wua/update_cache.h"

#include "wua/ids.h"

namespace wua {

// A search remembers every update it reads: the agent's IDs are already in normal form, and are
// then looked up as they are, without a copy.
UpdateCache::Entry& UpdateCache::EntryOf(const std::u16string& updateId) {
  return IsNormalizedId(updateId) ? updates_[updateId] : updates_[NormalizeId(updateId)];
}

void UpdateCache::Remember(const std::u16string& updateId, IUpdate* update) {
  Entry& entry = EntryOf(updateId);
  entry.update = com::ComPtr<IUpdate>(update);  // the newest search's object
  ++entry.records;
}

void UpdateCache::Keep(const std::u16string& updateId, IUpdate* update) {
  EntryOf(updateId).update = com::ComPtr<IUpdate>(update);
}

IUpdate* UpdateCache::Find(const std::u16string& updateId) const {
  auto found = updates_.find(NormalizeId(updateId));
  return found == updates_.end() ? nullptr : found->second.update.Get();
}

void UpdateCache::Forget(const std::vector<std::u16string>& updateIds) {
  for (const auto& id : updateIds) {
    auto found = updates_.find(NormalizeId(id));
    // The agent's object goes; the entry stays, since searches that come back every few minutes
    // deliver the same updates again (at most one entry per update the agent ever offered).
    if (found != updates_.end() && found->second.records > 0 && --found->second.records == 0) {
      found->second.update.Reset();
    }
  }
}

}  // namespace wua

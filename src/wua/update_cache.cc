#include "wua/update_cache.h"

#include "wua/ids.h"

namespace wua {

namespace {

// Looks an ID up in normal form. The agent's IDs are in that form already (a search remembers
// every update it reads, and a collection forgets thousands): they are looked up as they are,
// without a copy.
template <class Map>
auto Locate(Map& updates, const std::u16string& updateId) {
  return IsNormalizedId(updateId) ? updates.find(updateId) : updates.find(NormalizeId(updateId));
}

}  // namespace

UpdateCache::Entry& UpdateCache::EntryOf(const std::u16string& updateId) {
  const auto found = Locate(updates_, updateId);
  return found != updates_.end() ? found->second : updates_[NormalizeId(updateId)];
}

void UpdateCache::Remember(const std::u16string& updateId, IUpdate* update) {
  Entry& entry = EntryOf(updateId);
  entry.update = com::ComPtr<IUpdate>(update);  // the newest search's object
  ++entry.records;
}

void UpdateCache::Keep(const std::u16string& updateId, IUpdate* update) { EntryOf(updateId).update = com::ComPtr<IUpdate>(update); }

IUpdate* UpdateCache::Find(const std::u16string& updateId) const {
  const auto found = Locate(updates_, updateId);
  return found == updates_.end() ? nullptr : found->second.update.Get();
}

void UpdateCache::Forget(const std::vector<std::u16string>& updateIds) {
  for (const auto& id : updateIds) {
    const auto found = Locate(updates_, id);
    // The agent's object goes; the entry stays, since searches that come back every few minutes
    // deliver the same updates again (at most one entry per update the agent ever offered).
    if (found != updates_.end() && found->second.records > 0 && --found->second.records == 0) {
      found->second.update.Reset();
    }
  }
}

}  // namespace wua

#include "wua/update_cache.h"

#include "wua/ids.h"

namespace wua {

void UpdateCache::Remember(const std::u16string& updateId, IUpdate* update) {
  updates_[NormalizeId(updateId)] = com::ComPtr<IUpdate>(update);
}

IUpdate* UpdateCache::Find(const std::u16string& updateId) const {
  auto found = updates_.find(NormalizeId(updateId));
  return found == updates_.end() ? nullptr : found->second.Get();
}

void UpdateCache::Forget(const std::vector<std::u16string>& updateIds) {
  for (const auto& id : updateIds) updates_.erase(NormalizeId(id));
}

}  // namespace wua

#include "wua/update_cache.h"

namespace wua {

std::u16string NormalizeUpdateId(std::u16string_view updateId) {
  std::u16string out(updateId);
  for (char16_t& c : out) {
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
  }
  return out;
}

void UpdateCache::Remember(const std::u16string& updateId, IUpdate* update) {
  updates_[NormalizeUpdateId(updateId)] = com::ComPtr<IUpdate>(update);
}

IUpdate* UpdateCache::Find(const std::u16string& updateId) const {
  auto found = updates_.find(NormalizeUpdateId(updateId));
  return found == updates_.end() ? nullptr : found->second.Get();
}

void UpdateCache::Forget(const std::vector<std::u16string>& updateIds) {
  for (const auto& id : updateIds) updates_.erase(NormalizeUpdateId(id));
}

}  // namespace wua

// The agent's IUpdate objects behind the records JS holds, by update ID, so that a record from a
// search goes back to download or install without a new search. Used on the session's thread
// only; released with the session or when JS lets go of every record of an update.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "com/com_ptr.h"
#include "wua/wua.h"

namespace wua {

class UpdateCache {
 public:
  void Remember(const std::u16string& updateId, IUpdate* update);
  IUpdate* Find(const std::u16string& updateId) const;  // null when not remembered
  void Forget(const std::vector<std::u16string>& updateIds);
  void Clear() { updates_.clear(); }
  size_t Size() const { return updates_.size(); }

 private:
  std::unordered_map<std::u16string, com::ComPtr<IUpdate>> updates_;
};

}  // namespace wua

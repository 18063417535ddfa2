// The agent's IUpdate objects behind the records JS holds, by update ID, so that a record from a
// search goes back to download or install without a new search. Used on the session's thread
// only; released with the session or when JS lets go of every record of an update. The records
// are counted here, in the order the session's thread delivers and forgets them: a count kept
// in JS could drop an update that a search running meanwhile has just delivered again.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "com/com_ptr.h"
#include "wua/wua.h"

namespace wua {

class UpdateCache {
 public:
  // A record of `update` goes to JS: kept until every such record is forgotten.
  void Remember(const std::u16string& updateId, IUpdate* update);
  // `update` was found for a call rather than for a record: kept until the session closes, or
  // until records of it come and go.
  void Keep(const std::u16string& updateId, IUpdate* update);
  IUpdate* Find(const std::u16string& updateId) const;  // null when not remembered
  // JS let go of one record of each of these updates.
  void Forget(const std::vector<std::u16string>& updateIds);
  void Clear() { updates_.clear(); }

 private:
  struct Entry {
    com::ComPtr<IUpdate> update;
    long records = 0;  // held by JS
  };
  Entry& EntryOf(const std::u16string& updateId);
  std::unordered_map<std::u16string, Entry> updates_;
};

}  // namespace wua

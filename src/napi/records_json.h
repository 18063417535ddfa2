// Records to JSON text (Latin-1 bytes, see JsonWriter), the cheapest way found to bring thousands of updates into JS: a search
// sends its updates in chunks of JSON, each parsed by the engine's JSON.parse while the next is
// read. Field names are the facade's (lib/types.ts); enumerations stay numbers and dates stay
// OLE DATEs, both converted by lib/records.ts.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "wua/records.h"

namespace wua::napi {

// Builds the chunks of one search's updates, one update at a time: {"fields": {"update":
// [names], "updateTextIndexes": [names], "updateTextListIndexes": [names], "category": [names]},
// "updates": [tuples], "categories": [tuples], "categoryLists":
// [[category index]], "behaviors": [objects], "texts": [texts], "textLists": [[text index]]}, where a
// tuple is an array of a record's values in the order of its names. Values that repeat across a
// search are sent once, in the chunk where they first appear, appended to the search's tables of
// their kind; a tuple names them by index in those tables, and "fields" says which fields of an
// update are indexes into the texts or the lists of texts. Empty lists are null.
class UpdateChunk {
 public:
  UpdateChunk();
  ~UpdateChunk();
  void Add(const UpdateRecord& update);
  size_t Count() const { return count_; }
  // The chunk so far, leaving it empty.
  std::string Take();

 private:
  struct Tables;  // what the search's tables hold so far

  std::string json_;
  size_t count_ = 0;
  size_t lastSize_ = 0;
  std::unique_ptr<Tables> tables_;
};

// Everything of a search but its updates.
std::string SearchToJson(const SearchRecord& search);

}  // namespace wua::napi

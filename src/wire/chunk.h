// Records to the wire format (README.md beside this file): a search's records, and a history
// read's entries, go to JS in chunks of JSON, each parsed by the engine's JSON.parse while the
// next is read. No Node-API here: the format is plain text, built and tested without an engine.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "wua/records.h"

namespace wua::wire {

class SearchTables;  // what a search has sent once so far (chunk.cc)

// Builds the chunks of one list of records, one record at a time. Values that a chunk's records
// share with earlier chunks are sent once, in the first chunk that has them.
template <class Record>
class Chunk {
 public:
  Chunk();
  ~Chunk();
  void Add(const Record& record);
  // From now on, only the fields whose bit (their place in the table) is set, in the table's
  // order: a projected search's tuples hold only what it asked for (README.md).
  void Project(uint64_t fields) { projection_ = fields; }
  size_t Count() const { return count_; }
  // The chunk so far, leaving it empty.
  std::string Take();

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string json_;
  size_t count_ = 0;
  size_t lastSize_ = 0;
  uint64_t projection_ = ~uint64_t{0};
};

extern template class Chunk<UpdateRecord>;
using UpdateChunk = Chunk<UpdateRecord>;
extern template class Chunk<HistoryEntryRecord>;
using HistoryChunk = Chunk<HistoryEntryRecord>;
extern template class Chunk<ServiceRecord>;
extern template class Chunk<RegistrationRecord>;

// Everything of a search but its updates, in a chunk of its own (no records).
std::string SearchToJson(const SearchRecord& search);

// Everything of a page of the history but its entries: {"total":n,"count":n,"aborted":b}.
std::string HistoryPageToJson(const HistoryPageRecord& page);

}  // namespace wua::wire

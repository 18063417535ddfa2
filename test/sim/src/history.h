// The agent's installation history, newest first, as IUpdateHistoryEntryCollection.
#pragma once
#include "update.h"

namespace sim {

// Entries [start, start + count) of the machine's history, newest first; only those for
// `updateId` when it is not empty. Fewer, or none, when the history ends before.
IUpdateHistoryEntryCollection* NewHistoryCollection(const ScenarioPtr& scenario, LONG start, LONG count, const std::u16string& updateId);

// The number of entries in the machine's history (IUpdateSearcher::GetTotalHistoryCount).
LONG HistoryCount();

}  // namespace sim

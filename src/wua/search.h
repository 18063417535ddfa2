// IUpdateSearcher's asynchronous search: BeginSearch with a completion callback, EndSearch and the
// reading of its result into records on the session's thread.
#pragma once
#include <functional>
#include <optional>

#include "com/com_ptr.h"
#include "wua/records.h"
#include "wua/update_cache.h"
#include "wua/update_fields.h"
#include "wua/wua.h"

namespace wua {

struct SearchOptions {
  std::u16string criteria;
  std::optional<bool> online;
  std::optional<long> serverSelection;
  std::u16string serviceId;
  std::optional<long> searchScope;
  bool includePotentiallySupersededUpdates = false;
  // The fields End reads of each update: the agent calls behind the others are never made.
  UpdateFields fields = UpdateFields::All();
};

class Search {
 public:
  // Starts the search; `completed` runs on the agent's thread once the agent is done.
  Search(IUpdateSession* session, const std::u16string& clientApplicationId, const SearchOptions& options, std::function<void()> completed);
  // Reads the finished search, remembering its updates for later downloads and installs. Each
  // update goes to `each` as soon as it is read, so that the caller can pass it on while the
  // rest are read; the record is reused for the next update, so `each` copies what it keeps.
  // The returned record has no updates of its own.
  SearchRecord End(UpdateCache& cache, const std::function<void(const UpdateRecord&)>& each);
  void RequestAbort();

 private:
  com::ComPtr<IUpdateSearcher> searcher_;
  com::ComPtr<ISearchJob> job_;
  com::ComPtr<ISearchResult> result_;  // a synchronous search's, where BeginSearch is denied
  HRESULT beginDenied_ = S_OK;         // BeginSearch's refusal, which the result reports
  UpdateFields fields_ = UpdateFields::All();
};

// A synchronous search for one update by ID: how records that lost their IUpdate (a JSON round
// trip, another process) are found again. Null when the agent does not know the update.
com::ComPtr<IUpdate> FindUpdateById(IUpdateSession* session, const std::u16string& updateId);

// The update a caller means by `updateId`: remembered from a search, or found again and kept.
// Throws E_INVALIDARG for an ID that is not a GUID, WU_E_ITEMNOTFOUND for one the agent lacks.
IUpdate* ResolveUpdate(IUpdateSession* session, UpdateCache& cache, const std::u16string& updateId);

}  // namespace wua

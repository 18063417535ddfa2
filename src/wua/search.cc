#include "wua/search.h"

#include <wuerror.h>

#include "com/bstr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/callbacks.h"
#include "wua/ids.h"
#include "wua/properties.h"
#include "wua/update_reader.h"

namespace wua {

using com::Bstr;
using com::ComPtr;
using com::ThrowIfFailed;

namespace {

ComPtr<IUpdateSearcher> CreateSearcher(IUpdateSession* session) {
  ComPtr<IUpdateSearcher> searcher;
  ThrowIfFailed(session->CreateUpdateSearcher(searcher.Put()), "IUpdateSession::CreateUpdateSearcher");
  return searcher;
}

}  // namespace

Search::Search(IUpdateSession* session, const std::u16string& clientApplicationId, const SearchOptions& options,
               std::function<void()> completed)
    : searcher_(CreateSearcher(session)), fields_(options.fields) {
  if (!clientApplicationId.empty()) {
    Bstr id(clientApplicationId);
    ThrowIfFailed(searcher_->put_ClientApplicationID(id.Get()), "IUpdateSearcher::put_ClientApplicationID");
  }
  if (options.online) {
    ThrowIfFailed(searcher_->put_Online(*options.online ? VARIANT_TRUE : VARIANT_FALSE), "IUpdateSearcher::put_Online");
  }
  if (options.serverSelection) {
    ThrowIfFailed(searcher_->put_ServerSelection(static_cast<ServerSelection>(*options.serverSelection)),
                  "IUpdateSearcher::put_ServerSelection");
  }
  if (!options.serviceId.empty()) {
    Bstr id(options.serviceId);
    ThrowIfFailed(searcher_->put_ServiceID(id.Get()), "IUpdateSearcher::put_ServiceID");
  }
  if (options.includePotentiallySupersededUpdates) {
    ThrowIfFailed(searcher_->put_IncludePotentiallySupersededUpdates(VARIANT_TRUE),
                  "IUpdateSearcher::put_IncludePotentiallySupersededUpdates");
  }
  if (options.searchScope) {
    ComPtr<IUpdateSearcher3> searcher3;
    ThrowIfFailed(searcher_.As(searcher3), "IUpdateSearcher3 (search scope)");
    ThrowIfFailed(searcher3->put_SearchScope(static_cast<SearchScope>(*options.searchScope)), "IUpdateSearcher3::put_SearchScope");
  }
  ComPtr<ISearchCompletedCallback> callback;
  callback.Attach(SearchCompleted::New([completed](ISearchJob*, ISearchCompletedCallbackArgs*) { completed(); }));
  Bstr criteria(options.criteria);
  com::Variant state;
  const HRESULT begun = searcher_->BeginSearch(criteria.Get(), callback.Get(), state, job_.Put());
  if (begun == E_ACCESSDENIED) {
    // Microsoft documents BeginSearch as unavailable to remote callers, who may still call Search
    // ("Using WUA From a Remote Computer"): such a session searches synchronously, on this
    // thread, and cannot be aborted while it does. The JS thread still never waits.
    ThrowIfFailed(searcher_->Search(criteria.Get(), result_.Put()), "IUpdateSearcher::Search");
    beginDenied_ = begun;
    completed();
    return;
  }
  ThrowIfFailed(begun, "IUpdateSearcher::BeginSearch");
}

namespace {

// The warning for an update left out of a search: named by its ID, and its title when those
// still read.
WarningRecord Unreadable(IUpdate* update, LONG index, const com::ComError& error) {
  WarningRecord warning;
  warning.hresult = error.hr;
  warning.property = error.operation;
  Text title;
  try {
    warning.updateId = ReadIdentity(update).updateId;
    title = ReadText(update, &IUpdate::get_Title, "IUpdate::Title");
  } catch (const com::ComError&) {
    // Nothing more to name it by than its place in the result.
  }
  const std::string place = std::to_string(index), property = error.operation;
  Text named = warning.updateId.empty() ? u"update #" + Text(place.begin(), place.end()) : u"update " + warning.updateId;
  if (!title.empty()) named += u" (" + title + u")";
  warning.message = named + u" was left out: its property " + Text(property.begin(), property.end()) + u" could not be read";
  return warning;
}

}  // namespace

SearchRecord Search::End(UpdateCache& cache, const std::function<void(const UpdateRecord&)>& each) {
  ComPtr<ISearchResult> result = std::move(result_);
  if (!result) {
    const HRESULT hr = searcher_->EndSearch(job_.Get(), result.Put());
    job_->CleanUp();
    ThrowIfFailed(hr, "IUpdateSearcher::EndSearch");
  }
  SearchRecord record;
  OperationResultCode code = orcNotStarted;
  ThrowIfFailed(result->get_ResultCode(&code), "ISearchResult::ResultCode");
  record.resultCode = code;
  // An aborted search's result is the abort the caller asked for: its updates are never read,
  // so that nothing that happens while reading them can stand in for it.
  if (code == orcAborted) return record;
  ComPtr<IUpdateCollection> updates;
  ThrowIfFailed(result->get_Updates(updates.Put()), "ISearchResult::Updates");
  LONG count = 0;
  ThrowIfFailed(updates->get_Count(&count), "IUpdateCollection::Count");
  UpdateRecord read;  // every update in turn, in the same storage
  std::vector<WarningRecord> unreadable;
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdate> update;
    ThrowIfFailed(updates->get_Item(i, update.Put()), "IUpdateCollection::Item");
    try {
      ReadUpdate(update.Get(), read, fields_);
    } catch (const com::ComError& error) {
      // One update whose property the agent cannot give must not cost the caller every other
      // update: it is left out, and a warning names it and the property.
      unreadable.push_back(Unreadable(update.Get(), i, error));
      continue;
    }
    cache.Remember(read.identity.updateId, update.Get());
    each(read);
  }
  ComPtr<ICategoryCollection> roots;
  ThrowIfFailed(result->get_RootCategories(roots.Put()), "ISearchResult::RootCategories");
  record.rootCategories = ReadCategories(roots.Get());
  ComPtr<IUpdateExceptionCollection> warnings;
  ThrowIfFailed(result->get_Warnings(warnings.Put()), "ISearchResult::Warnings");
  record.warnings = ReadWarnings(warnings.Get());
  record.warnings.insert(record.warnings.end(), unreadable.begin(), unreadable.end());
  if (!unreadable.empty() && record.resultCode == orcSucceeded) record.resultCode = orcSucceededWithErrors;
  if (FAILED(beginDenied_)) {
    // The denial changed how the search ran (it could not be aborted), not what it found: the
    // caller learns of it from a warning, and the result code stays the agent's.
    WarningRecord denied;
    denied.hresult = beginDenied_;
    denied.property = "IUpdateSearcher::BeginSearch";
    denied.message = u"IUpdateSearcher::BeginSearch was denied; the search ran through IUpdateSearcher::Search, which cannot be aborted";
    record.warnings.push_back(std::move(denied));
  }
  return record;
}

void Search::RequestAbort() {
  if (job_) ThrowIfFailed(job_->RequestAbort(), "ISearchJob::RequestAbort");
}

ComPtr<IUpdate> FindUpdateById(IUpdateSession* session, const std::u16string& updateId) {
  ComPtr<IUpdateSearcher> searcher = CreateSearcher(session);
  // Hidden, superseded and installed updates must be found too: the record may be any of them.
  ThrowIfFailed(searcher->put_IncludePotentiallySupersededUpdates(VARIANT_TRUE),
                "IUpdateSearcher::put_IncludePotentiallySupersededUpdates");
  Bstr criteria(u"UpdateID='" + updateId + u"' and DeploymentAction=*");
  ComPtr<ISearchResult> result;
  ThrowIfFailed(searcher->Search(criteria.Get(), result.Put()), "IUpdateSearcher::Search");
  ComPtr<IUpdateCollection> updates;
  ThrowIfFailed(result->get_Updates(updates.Put()), "ISearchResult::Updates");
  LONG count = 0;
  ThrowIfFailed(updates->get_Count(&count), "IUpdateCollection::Count");
  ComPtr<IUpdate> update;
  if (count > 0) ThrowIfFailed(updates->get_Item(0, update.Put()), "IUpdateCollection::Item");
  return update;
}

IUpdate* ResolveUpdate(IUpdateSession* session, UpdateCache& cache, const std::u16string& updateId) {
  const std::string narrow(updateId.begin(), updateId.end());
  if (!IsGuidText(updateId)) throw com::ComError(E_INVALIDARG, "update ID '" + narrow + "' is not a GUID");
  if (IUpdate* known = cache.Find(updateId)) return known;
  ComPtr<IUpdate> found = FindUpdateById(session, updateId);
  if (!found) throw com::ComError(WU_E_ITEMNOTFOUND, "the agent does not know update " + narrow);
  cache.Keep(updateId, found.Get());
  return found.Get();
}

}  // namespace wua

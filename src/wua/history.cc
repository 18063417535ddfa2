#include "wua/history.h"

#include <algorithm>
#include <cstdint>

#include "com/bstr.h"
#include "com/hresult.h"
#include "wua/ids.h"
#include "wua/properties.h"
#include "wua/update_reader.h"

namespace wua {

using com::ComPtr;
using com::ThrowIfFailed;

namespace {

// An HRESULT as the facade gives every HRESULT: unsigned.
double Unsigned(long hresult) { return static_cast<double>(static_cast<uint32_t>(hresult)); }

void ReadEntry(IUpdateHistoryEntry* e, HistoryEntryRecord& r) {
  r.operation = ReadLong(e, &IUpdateHistoryEntry::get_Operation, "IUpdateHistoryEntry::Operation");
  r.resultCode = ReadLong(e, &IUpdateHistoryEntry::get_ResultCode, "IUpdateHistoryEntry::ResultCode");
  r.hresult = Unsigned(ReadLong(e, &IUpdateHistoryEntry::get_HResult, "IUpdateHistoryEntry::HResult"));
  r.unmappedResultCode = Unsigned(ReadLong(e, &IUpdateHistoryEntry::get_UnmappedResultCode, "IUpdateHistoryEntry::UnmappedResultCode"));
  // Every entry has a date; read as it is, since ReadDate's "0 is no date" is for updates.
  DATE date = 0;
  ThrowIfFailed(e->get_Date(&date), "IUpdateHistoryEntry::Date");
  r.date = date;
  ComPtr<IUpdateIdentity> identity = ReadObject(e, &IUpdateHistoryEntry::get_UpdateIdentity, "IUpdateHistoryEntry::UpdateIdentity");
  if (identity) {
    ReadText(identity.Get(), &IUpdateIdentity::get_UpdateID, "IUpdateIdentity::UpdateID", r.identity.updateId);
    r.identity.revisionNumber = ReadLong(identity.Get(), &IUpdateIdentity::get_RevisionNumber, "IUpdateIdentity::RevisionNumber");
  } else {
    r.identity = IdentityRecord{};
  }
  ReadText(e, &IUpdateHistoryEntry::get_Title, "IUpdateHistoryEntry::Title", r.title);
  ReadText(e, &IUpdateHistoryEntry::get_Description, "IUpdateHistoryEntry::Description", r.description);
  ReadText(e, &IUpdateHistoryEntry::get_ClientApplicationID, "IUpdateHistoryEntry::ClientApplicationID", r.clientApplicationId);
  r.serverSelection = ReadLong(e, &IUpdateHistoryEntry::get_ServerSelection, "IUpdateHistoryEntry::ServerSelection");
  ReadText(e, &IUpdateHistoryEntry::get_ServiceID, "IUpdateHistoryEntry::ServiceID", r.serviceId);
  ReadText(e, &IUpdateHistoryEntry::get_SupportUrl, "IUpdateHistoryEntry::SupportUrl", r.supportUrl);
  ReadText(e, &IUpdateHistoryEntry::get_UninstallationNotes, "IUpdateHistoryEntry::UninstallationNotes", r.uninstallationNotes);
  ReadTexts(e, &IUpdateHistoryEntry::get_UninstallationSteps, "IUpdateHistoryEntry::UninstallationSteps", r.uninstallationSteps);
  // Categories came with IUpdateHistoryEntry2: an older agent's entries have none.
  ComPtr<IUpdateHistoryEntry2> entry2;
  if (SUCCEEDED(ComPtr<IUpdateHistoryEntry>(e).As(entry2))) {
    ComPtr<ICategoryCollection> categories =
        ReadObject(entry2.Get(), &IUpdateHistoryEntry2::get_Categories, "IUpdateHistoryEntry2::Categories");
    r.categories = ReadCategories(categories.Get());
  } else {
    r.categories.clear();
  }
}

ComPtr<IUpdateSearcher> CreateSearcher(IUpdateSession* session) {
  ComPtr<IUpdateSearcher> searcher;
  ThrowIfFailed(session->CreateUpdateSearcher(searcher.Put()), "IUpdateSession::CreateUpdateSearcher");
  return searcher;
}

long TotalOf(IUpdateSearcher* searcher) {
  LONG total = 0;
  ThrowIfFailed(searcher->GetTotalHistoryCount(&total), "IUpdateSearcher::GetTotalHistoryCount");
  return total;
}

}  // namespace

HistoryRead::HistoryRead(IUpdateSession* session, HistoryQuery query, Each each, std::function<void()> completed)
    : query_(std::move(query)), each_(std::move(each)), completed_(std::move(completed)) {
  reader_.Post([this, session = ComPtr<IUpdateSession>(session)] {
    try {
      Read(session.Get());
    } catch (...) {
      failure_ = std::current_exception();
    }
    // The last thing the task does with this object: `completed` may let go of it.
    std::function<void()> completed = std::move(completed_);
    completed();
  });
  reader_.RequestStop();
}

HistoryRead::~HistoryRead() = default;

HistoryPageRecord HistoryRead::End() {
  if (failure_) std::rethrow_exception(failure_);
  return page_;
}

void HistoryRead::Read(IUpdateSession* session) {
  if (abort_) {
    page_.aborted = true;
    return;
  }
  ComPtr<IUpdateSearcher> searcher = CreateSearcher(session);
  if (query_.updateId.empty())
    ReadPage(searcher.Get());
  else
    ReadUpdate(session, searcher.Get());
}

void HistoryRead::ReadPage(IUpdateSearcher* searcher) {
  if (query_.start < 0 || query_.count <= 0) throw com::ComError(E_INVALIDARG, "history page (start 0 or more, count 1 or more)");
  // The page and its total must agree: the facade takes the first page's total as the size of
  // the history its read gives. So the total is read before and after the page, and the page is
  // read again when an install (or a pruning) came between them; after a few tries, the page
  // goes with the later total, and the facade's own checks find what it cannot follow.
  constexpr int kTries = 3;
  for (int tries = 1;; ++tries) {
    const long total = TotalOf(searcher);
    page_.total = total;
    // The agent refuses a start at or past its last entry and a count of 0 (WU_E_INVALIDINDEX),
    // so only what the total says is there is asked for.
    if (query_.start >= total) return;
    ComPtr<IUpdateHistoryEntryCollection> entries;
    const HRESULT hr = searcher->QueryHistory(query_.start, std::min(query_.count, total - query_.start), entries.Put());
    // Entries went between the two calls (a cleared or pruned history): the total says again
    // whether anything is left from the start.
    if (hr == WU_E_INVALIDINDEX && tries < kTries) continue;
    ThrowIfFailed(hr, "IUpdateSearcher::QueryHistory");
    page_.total = TotalOf(searcher);
    if (page_.total != total && tries < kTries) continue;
    ReadEntries(entries.Get());
    return;
  }
}

void HistoryRead::ReadUpdate(IUpdateSession* session, IUpdateSearcher* searcher) {
  if (!IsGuidText(query_.updateId)) throw com::ComError(E_INVALIDARG, "history of an update (an update ID)");
  ComPtr<IUpdateSession3> session3;
  ThrowIfFailed(ComPtr<IUpdateSession>(session).As(session3), "IUpdateSession3 (history of one update)");
  com::Bstr criteria(u"UpdateID='" + query_.updateId + u"'");
  // An update has at most as many entries as the whole history: the total bounds the count,
  // and an empty history is not asked at all (a count of 0 is refused).
  page_.total = TotalOf(searcher);
  if (page_.total == 0) return;
  ComPtr<IUpdateHistoryEntryCollection> entries;
  ThrowIfFailed(session3->QueryHistory(criteria.Get(), 0, page_.total, entries.Put()), "IUpdateSession3::QueryHistory");
  ReadEntries(entries.Get());
}

void HistoryRead::ReadEntries(IUpdateHistoryEntryCollection* entries) {
  LONG count = 0;
  ThrowIfFailed(entries->get_Count(&count), "IUpdateHistoryEntryCollection::Count");
  HistoryEntryRecord record;  // every entry in turn, in the same storage
  for (LONG i = 0; i < count; ++i) {
    if (abort_) {
      page_.aborted = true;
      return;
    }
    ComPtr<IUpdateHistoryEntry> entry;
    ThrowIfFailed(entries->get_Item(i, entry.Put()), "IUpdateHistoryEntryCollection::Item");
    ReadEntry(entry.Get(), record);
    each_(record);
    ++page_.count;
  }
}

long ReadHistoryCount(IUpdateSession* session) { return TotalOf(CreateSearcher(session).Get()); }

}  // namespace wua

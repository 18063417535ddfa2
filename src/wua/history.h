// The agent's history of installs and uninstalls (IUpdateSearcher::QueryHistory and
// IUpdateSession3::QueryHistory), read a page at a time into records. A page is read on a thread
// of its own: a page holds up to a thousand entries, and the session's thread must stay free to
// take the abort that stops it (see SessionCore::aborts).
#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <string>

#include "com/com_ptr.h"
#include "com/com_thread.h"
#include "wua/records.h"
#include "wua/wua.h"

namespace wua {

struct HistoryQuery {
  // Entries [start, start + count) of the history, newest first (IUpdateSearcher::QueryHistory).
  // Nothing is asked of the agent past its last entry, where it fails (WU_E_INVALIDINDEX): a
  // start at or past the total gives an empty page.
  long start = 0;
  long count = 0;
  // When not empty: every entry of this update instead (IUpdateSession3::QueryHistory with
  // UpdateID='<updateId>', which sees per-machine updates only); start and count are unused.
  std::u16string updateId;
};

class HistoryRead {
 public:
  using Each = std::function<void(const HistoryEntryRecord&)>;

  // Starts reading. `each` gets every entry as soon as it is read, on the reading thread; the
  // record is reused for the next entry, so `each` copies what it keeps. `completed` runs on the
  // reading thread once the page is read, failed or stopped.
  HistoryRead(IUpdateSession* session, HistoryQuery query, Each each, std::function<void()> completed);
  ~HistoryRead();
  HistoryRead(const HistoryRead&) = delete;
  HistoryRead& operator=(const HistoryRead&) = delete;

  // The page without its entries, after `completed`; throws what the read failed with.
  HistoryPageRecord End();
  // From any thread: the read stops before its next entry, and the page says it was aborted.
  void RequestAbort() noexcept { abort_ = true; }

 private:
  void Read(IUpdateSession* session);
  void ReadPage(IUpdateSearcher* searcher);
  void ReadUpdate(IUpdateSession* session, IUpdateSearcher* searcher);
  void ReadEntries(IUpdateHistoryEntryCollection* entries);

  const HistoryQuery query_;
  const Each each_;
  std::function<void()> completed_;
  std::atomic<bool> abort_{false};
  HistoryPageRecord page_;
  std::exception_ptr failure_;
  com::ComThread reader_;  // last: joined before the members its task uses are gone
};

// IUpdateSearcher::GetTotalHistoryCount: the number of entries in the history.
long ReadHistoryCount(IUpdateSession* session);

}  // namespace wua

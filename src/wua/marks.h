// What the agent keeps per update at a caller's word: that it is hidden (IUpdate::put_IsHidden)
// and that its license terms are accepted (IUpdate::AcceptEula). Each update is one call of its
// own, so each gets an outcome of its own: one refused update (a mandatory one cannot be hidden)
// leaves the others done.
#pragma once
#include <string>
#include <vector>

#include "wua/records.h"
#include "wua/update_cache.h"
#include "wua/wua.h"

namespace wua {

// One update's mark before and after the call. An update already as asked is not sent to the
// agent (before == after, hresult 0); one the agent refused keeps its state (after == before).
struct MarkRecord {
  Text updateId;
  Text title;
  Texts kbArticleIds;
  bool before = false;
  bool after = false;
  long hresult = 0;  // an HRESULT (LONG): the agent's answer to the update's call
  Text description;  // the agent's IErrorInfo text for a refused update, when it gave one
};

// Hides (or shows again) each update. Every ID is resolved, and every update read, before the
// first change: an ID that is not a GUID (E_INVALIDARG) or that the agent does not know
// (WU_E_ITEMNOTFOUND) fails the call with nothing changed.
std::vector<MarkRecord> SetHidden(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds, bool hidden);

// Accepts each update's license terms, where they are not accepted yet; resolves as SetHidden.
std::vector<MarkRecord> AcceptEulas(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds);

}  // namespace wua

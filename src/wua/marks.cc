#include "wua/marks.h"

#include "com/hresult.h"
#include "wua/properties.h"
#include "wua/search.h"

namespace wua {

namespace {

using Getter = HRESULT (STDMETHODCALLTYPE IUpdate::*)(VARIANT_BOOL*);

// Reads what the outcomes name and the mark's state now, for every update, so that a property the
// agent fails to give fails the call before anything has changed rather than halfway through.
std::vector<MarkRecord> Prepare(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds,
                                std::vector<IUpdate*>& updates, Getter state, const char* stateName) {
  for (const std::u16string& id : updateIds) updates.push_back(ResolveUpdate(session, cache, id));
  std::vector<MarkRecord> out(updateIds.size());
  for (size_t i = 0; i < updates.size(); ++i) {
    MarkRecord& r = out[i];
    r.updateId = updateIds[i];
    ReadText(updates[i], &IUpdate::get_Title, "IUpdate::Title", r.title);
    ReadTexts(updates[i], &IUpdate::get_KBArticleIDs, "IUpdate::KBArticleIDs", r.kbArticleIds);
    r.before = r.after = ReadBool(updates[i], state, stateName);
  }
  return out;
}

// Runs one update's call; a refusal is that update's outcome, with the agent's text, which can
// only be read on this thread and before the next call.
template <class Call>
void Mark(MarkRecord& record, bool asked, const char* operation, Call call) {
  if (record.before == asked) return;
  try {
    com::ThrowIfFailed(call(), operation);
    record.after = asked;
  } catch (const com::ComError& error) {
    record.hresult = error.hr;
    record.description = error.description;
  }
}

}  // namespace

std::vector<MarkRecord> SetHidden(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds, bool hidden) {
  std::vector<IUpdate*> updates;
  std::vector<MarkRecord> out = Prepare(session, cache, updateIds, updates, &IUpdate::get_IsHidden, "IUpdate::IsHidden");
  for (size_t i = 0; i < updates.size(); ++i) {
    Mark(out[i], hidden, "IUpdate::put_IsHidden", [&] { return updates[i]->put_IsHidden(hidden ? VARIANT_TRUE : VARIANT_FALSE); });
  }
  return out;
}

std::vector<MarkRecord> AcceptEulas(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds) {
  std::vector<IUpdate*> updates;
  std::vector<MarkRecord> out = Prepare(session, cache, updateIds, updates, &IUpdate::get_EulaAccepted, "IUpdate::EulaAccepted");
  for (size_t i = 0; i < updates.size(); ++i) {
    Mark(out[i], true, "IUpdate::AcceptEula", [&] { return updates[i]->AcceptEula(); });
  }
  return out;
}

}  // namespace wua

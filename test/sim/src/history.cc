#include "history.h"

#include <algorithm>

namespace sim {

namespace {

class HistoryEntry final : public Object<HistoryEntry, Chain<IUpdateHistoryEntry2, IUpdateHistoryEntry>> {
 public:
  static constexpr const char* kClassName = "UpdateHistoryEntry";
  HistoryEntry(ScenarioPtr scenario, HistoryEntryData data) : scenario_(std::move(scenario)), data_(std::move(data)) {}

  STDMETHODIMP get_Operation(UpdateOperation* retval) override { return Out(retval, data_.operation); }
  STDMETHODIMP get_ResultCode(OperationResultCode* retval) override { return Out(retval, data_.resultCode); }
  STDMETHODIMP get_HResult(LONG* retval) override { return Out(retval, data_.hresult); }
  STDMETHODIMP get_Date(DATE* retval) override { return Out(retval, data_.date); }
  STDMETHODIMP get_UpdateIdentity(IUpdateIdentity** retval) override {
    return OutObject(retval, NewUpdateIdentity(data_.updateId, data_.revisionNumber));
  }
  STDMETHODIMP get_Title(BSTR* retval) override { return Out(retval, data_.title); }
  STDMETHODIMP get_Description(BSTR* retval) override { return Out(retval, data_.description); }
  STDMETHODIMP get_UnmappedResultCode(LONG* retval) override { return Out(retval, data_.unmappedResultCode.value_or(data_.hresult)); }
  STDMETHODIMP get_ClientApplicationID(BSTR* retval) override { return Out(retval, data_.clientApplicationId); }
  STDMETHODIMP get_ServerSelection(ServerSelection* retval) override { return Out(retval, data_.serverSelection); }
  STDMETHODIMP get_ServiceID(BSTR* retval) override { return Out(retval, data_.serviceId); }
  STDMETHODIMP get_UninstallationSteps(IStringCollection** retval) override {
    return OutObject(retval, StringCollection::Create(data_.uninstallationSteps, true));
  }
  STDMETHODIMP get_UninstallationNotes(BSTR* retval) override { return Out(retval, data_.uninstallationNotes); }
  STDMETHODIMP get_SupportUrl(BSTR* retval) override { return Out(retval, data_.supportUrl); }
  STDMETHODIMP get_Categories(ICategoryCollection** retval) override {
    return OutObject(retval, NewCategoryCollection(scenario_, data_.categoryIds));
  }

 private:
  ScenarioPtr scenario_;
  HistoryEntryData data_;
};

class HistoryCollection final : public ReadOnlyList<HistoryCollection, Chain<IUpdateHistoryEntryCollection>, IUpdateHistoryEntry> {
 public:
  static constexpr const char* kClassName = "UpdateHistoryEntryCollection";
  using ReadOnlyList::ReadOnlyList;
};

}  // namespace

IUpdateHistoryEntryCollection* NewHistoryCollection(const ScenarioPtr& scenario, LONG start, LONG count, const std::u16string& updateId) {
  // Only the entries asked for are copied out of the machine state: a client pages through a
  // history of thousands, and each page would otherwise copy all of it.
  std::vector<HistoryEntryData> page = Agent::Instance().Read([&](const MachineState& state) {
    std::vector<size_t> order;
    order.reserve(state.history.size());
    for (size_t i = 0; i < state.history.size(); ++i) {
      if (updateId.empty() || state.history[i].updateId == updateId) order.push_back(i);
    }
    // Newest first, as both QueryHistory pages say ("in descending chronological order"); the
    // history is kept oldest first, so of two entries with the same date the one recorded later
    // (a second update of the same job, written in the same millisecond) is the newer.
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const double left = state.history[a].date, right = state.history[b].date;
      return left != right ? left > right : a > b;
    });
    std::vector<HistoryEntryData> out;
    for (size_t i = static_cast<size_t>(start); i < order.size() && static_cast<LONG>(out.size()) < count; ++i) {
      out.push_back(state.history[order[i]]);
    }
    return out;
  });
  std::vector<ComPtr<IUpdateHistoryEntry>> entries;
  entries.reserve(page.size());
  for (HistoryEntryData& entry : page) {
    ComPtr<IUpdateHistoryEntry> item;
    item.Attach(HistoryEntry::Create(scenario, std::move(entry)));
    entries.push_back(std::move(item));
  }
  return HistoryCollection::Create(std::move(entries));
}

LONG HistoryCount() {
  return Agent::Instance().Read([](const MachineState& state) { return static_cast<LONG>(state.history.size()); });
}

}  // namespace sim

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
  STDMETHODIMP get_UnmappedResultCode(LONG* retval) override { return Out(retval, data_.hresult); }
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
  std::vector<HistoryEntryData> history = Agent::Instance().Read([](const MachineState& state) { return state.history; });
  std::stable_sort(history.begin(), history.end(), [](const HistoryEntryData& a, const HistoryEntryData& b) { return a.date > b.date; });
  std::vector<ComPtr<IUpdateHistoryEntry>> entries;
  LONG skipped = 0;
  for (const HistoryEntryData& entry : history) {
    if (!updateId.empty() && entry.updateId != updateId) continue;
    if (skipped++ < start) continue;
    if (static_cast<LONG>(entries.size()) >= count) break;
    ComPtr<IUpdateHistoryEntry> item;
    item.Attach(HistoryEntry::Create(scenario, entry));
    entries.push_back(std::move(item));
  }
  return HistoryCollection::Create(std::move(entries));
}

}  // namespace sim

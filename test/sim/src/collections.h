// The agent's collections: the writable ones clients create (UpdateCollection, StringCollection)
// and the read-only lists the agent hands out, all enumerable by scripts through _NewEnum.
#pragma once
#include <string>
#include <vector>

#include "com/com_ptr.h"
#include "object.h"

namespace sim {

using wua::com::ComPtr;

// An IEnumVARIANT over a snapshot of a collection, for scripts' `for each` and `new Enumerator`.
IUnknown* NewVariantEnumerator(std::vector<IDispatch*> items);  // takes one reference to each
IUnknown* NewVariantEnumerator(const std::vector<std::u16string>& items);

inline bool IndexOutOfRange(LONG index, size_t size) { return index < 0 || static_cast<size_t>(index) >= size; }

// _NewEnum of a collection of agent objects.
template <class Item>
HRESULT OutEnumerator(IUnknown** retval, const std::vector<ComPtr<Item>>& items) {
  if (!retval) return E_POINTER;
  std::vector<IDispatch*> dispatches;
  for (const auto& item : items) {
    item->AddRef();
    dispatches.push_back(item.Get());
  }
  *retval = NewVariantEnumerator(std::move(dispatches));
  return S_OK;
}

// A read-only list of agent objects: Item, _NewEnum, Count.
template <class Self, class ChainOfList, class Item>
class ReadOnlyList : public Object<Self, ChainOfList> {
 public:
  explicit ReadOnlyList(std::vector<ComPtr<Item>> items) : items_(std::move(items)) {}

  STDMETHODIMP get_Item(LONG index, Item** retval) override {
    if (!retval) return E_POINTER;
    if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
    items_[index]->AddRef();
    *retval = items_[index].Get();
    return S_OK;
  }
  STDMETHODIMP get__NewEnum(IUnknown** retval) override { return OutEnumerator(retval, items_); }
  STDMETHODIMP get_Count(LONG* retval) override { return Out(retval, static_cast<long>(items_.size())); }

 protected:
  std::vector<ComPtr<Item>> items_;
};

class StringCollection final : public Object<StringCollection, Chain<IStringCollection>> {
 public:
  static constexpr const char* kClassName = "StringCollection";
  StringCollection(std::vector<std::u16string> items, bool readOnly) : items_(std::move(items)), readOnly_(readOnly) {}
  StringCollection() = default;

  STDMETHODIMP get_Item(LONG index, BSTR* retval) override;
  STDMETHODIMP put_Item(LONG index, BSTR value) override;
  STDMETHODIMP get__NewEnum(IUnknown** retval) override;
  STDMETHODIMP get_Count(LONG* retval) override;
  STDMETHODIMP get_ReadOnly(VARIANT_BOOL* retval) override;
  STDMETHODIMP Add(BSTR value, LONG* retval) override;
  STDMETHODIMP Clear() override;
  STDMETHODIMP Copy(IStringCollection** retval) override;
  STDMETHODIMP Insert(LONG index, BSTR value) override;
  STDMETHODIMP RemoveAt(LONG index) override;

  const std::vector<std::u16string>& Items() const { return items_; }

 private:
  std::vector<std::u16string> items_;
  bool readOnly_ = false;
};

class UpdateCollection final : public Object<UpdateCollection, Chain<IUpdateCollection>> {
 public:
  static constexpr const char* kClassName = "UpdateCollection";
  UpdateCollection(std::vector<ComPtr<IUpdate>> items, bool readOnly) : items_(std::move(items)), readOnly_(readOnly) {}
  UpdateCollection() = default;

  STDMETHODIMP get_Item(LONG index, IUpdate** retval) override;
  STDMETHODIMP put_Item(LONG index, IUpdate* value) override;
  STDMETHODIMP get__NewEnum(IUnknown** retval) override;
  STDMETHODIMP get_Count(LONG* retval) override;
  STDMETHODIMP get_ReadOnly(VARIANT_BOOL* retval) override;
  STDMETHODIMP Add(IUpdate* value, LONG* retval) override;
  STDMETHODIMP Clear() override;
  STDMETHODIMP Copy(IUpdateCollection** retval) override;
  STDMETHODIMP Insert(LONG index, IUpdate* value) override;
  STDMETHODIMP RemoveAt(LONG index) override;

 private:
  std::vector<ComPtr<IUpdate>> items_;
  bool readOnly_ = false;
};

// The update IDs in a client's collection, in order, with what the agent needs to know of each.
// Fails with WU_E_NO_UPDATE for an empty collection, as Download and Install do.
HRESULT ReadUpdateIds(IUpdateCollection* updates, std::vector<std::u16string>* ids);

}  // namespace sim

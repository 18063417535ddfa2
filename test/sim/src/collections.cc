#include "collections.h"

#include <wuerror.h>

#include "com/bstr.h"
#include "com/unknown.h"

namespace sim {

namespace {

class VariantEnumerator final : public wua::com::Unknown<VariantEnumerator, IEnumVARIANT> {
 public:
  explicit VariantEnumerator(std::vector<VARIANT> items) : items_(std::move(items)) {
    ModuleAddRef();
    Diagnostics::ObjectCreated("Enumerator");
  }
  ~VariantEnumerator() {
    for (VARIANT& v : items_) ::VariantClear(&v);
    Diagnostics::ObjectDestroyed("Enumerator");
    ModuleRelease();
  }

  STDMETHODIMP Next(ULONG count, VARIANT* out, ULONG* fetched) override {
    if (!out) return E_POINTER;
    ULONG done = 0;
    for (; done < count && position_ < items_.size(); ++done, ++position_) {
      ::VariantInit(&out[done]);
      ::VariantCopy(&out[done], &items_[position_]);
    }
    if (fetched) *fetched = done;
    return done == count ? S_OK : S_FALSE;
  }
  STDMETHODIMP Skip(ULONG count) override {
    position_ += count;
    if (position_ <= items_.size()) return S_OK;
    position_ = items_.size();
    return S_FALSE;
  }
  STDMETHODIMP Reset() override {
    position_ = 0;
    return S_OK;
  }
  STDMETHODIMP Clone(IEnumVARIANT** out) override {
    if (!out) return E_POINTER;
    std::vector<VARIANT> copy(items_.size());
    for (size_t i = 0; i < items_.size(); ++i) {
      ::VariantInit(&copy[i]);
      ::VariantCopy(&copy[i], &items_[i]);
    }
    auto* clone = new VariantEnumerator(std::move(copy));
    clone->position_ = position_;
    *out = clone;
    return S_OK;
  }

 private:
  std::vector<VARIANT> items_;
  size_t position_ = 0;
};

}  // namespace

IUnknown* NewVariantEnumerator(std::vector<IDispatch*> items) {
  std::vector<VARIANT> variants(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    variants[i].vt = VT_DISPATCH;
    variants[i].pdispVal = items[i];  // adopts the reference
  }
  return new VariantEnumerator(std::move(variants));
}

IUnknown* NewVariantEnumerator(const std::vector<std::u16string>& items) {
  std::vector<VARIANT> variants(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    variants[i].vt = VT_BSTR;
    Out(&variants[i].bstrVal, items[i]);
  }
  return new VariantEnumerator(std::move(variants));
}

// StringCollection

STDMETHODIMP StringCollection::get_Item(LONG index, BSTR* retval) {
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  return Out(retval, items_[index]);
}

STDMETHODIMP StringCollection::put_Item(LONG index, BSTR value) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  items_[index] = TextOf(value);
  return S_OK;
}

STDMETHODIMP StringCollection::get__NewEnum(IUnknown** retval) {
  if (!retval) return E_POINTER;
  *retval = NewVariantEnumerator(items_);
  return S_OK;
}

STDMETHODIMP StringCollection::get_Count(LONG* retval) { return Out(retval, static_cast<long>(items_.size())); }
STDMETHODIMP StringCollection::get_ReadOnly(VARIANT_BOOL* retval) { return Out(retval, readOnly_); }

STDMETHODIMP StringCollection::Add(BSTR value, LONG* retval) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  items_.push_back(TextOf(value));
  return retval ? Out(retval, static_cast<long>(items_.size() - 1)) : S_OK;
}

STDMETHODIMP StringCollection::Clear() {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  items_.clear();
  return S_OK;
}

STDMETHODIMP StringCollection::Copy(IStringCollection** retval) { return OutObject(retval, StringCollection::Create(items_, false)); }

STDMETHODIMP StringCollection::Insert(LONG index, BSTR value) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (index < 0 || static_cast<size_t>(index) > items_.size()) return E_INVALIDARG;
  items_.insert(items_.begin() + index, TextOf(value));
  return S_OK;
}

STDMETHODIMP StringCollection::RemoveAt(LONG index) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  items_.erase(items_.begin() + index);
  return S_OK;
}

// UpdateCollection

STDMETHODIMP UpdateCollection::get_Item(LONG index, IUpdate** retval) {
  if (!retval) return E_POINTER;
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  items_[index]->AddRef();
  *retval = items_[index].Get();
  return S_OK;
}

STDMETHODIMP UpdateCollection::put_Item(LONG index, IUpdate* value) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (!value) return E_INVALIDARG;
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  items_[index] = ComPtr<IUpdate>(value);
  return S_OK;
}

STDMETHODIMP UpdateCollection::get__NewEnum(IUnknown** retval) { return OutEnumerator(retval, items_); }

STDMETHODIMP UpdateCollection::get_Count(LONG* retval) { return Out(retval, static_cast<long>(items_.size())); }
STDMETHODIMP UpdateCollection::get_ReadOnly(VARIANT_BOOL* retval) { return Out(retval, readOnly_); }

STDMETHODIMP UpdateCollection::Add(IUpdate* value, LONG* retval) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (!value) return E_INVALIDARG;
  items_.emplace_back(value);
  return retval ? Out(retval, static_cast<long>(items_.size() - 1)) : S_OK;
}

STDMETHODIMP UpdateCollection::Clear() {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  items_.clear();
  return S_OK;
}

STDMETHODIMP UpdateCollection::Copy(IUpdateCollection** retval) { return OutObject(retval, UpdateCollection::Create(items_, false)); }

STDMETHODIMP UpdateCollection::Insert(LONG index, IUpdate* value) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (!value || index < 0 || static_cast<size_t>(index) > items_.size()) return E_INVALIDARG;
  items_.insert(items_.begin() + index, ComPtr<IUpdate>(value));
  return S_OK;
}

STDMETHODIMP UpdateCollection::RemoveAt(LONG index) {
  if (readOnly_) return WU_E_NOT_SUPPORTED;
  if (IndexOutOfRange(index, items_.size())) return E_INVALIDARG;
  items_.erase(items_.begin() + index);
  return S_OK;
}

HRESULT ReadUpdateIds(IUpdateCollection* updates, std::vector<std::u16string>* ids) {
  if (!updates) return WU_E_NO_UPDATE;
  LONG count = 0;
  if (HRESULT hr = updates->get_Count(&count); FAILED(hr)) return hr;
  if (count == 0) return WU_E_NO_UPDATE;
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdate> update;
    if (HRESULT hr = updates->get_Item(i, update.Put()); FAILED(hr)) return hr;
    ComPtr<IUpdateIdentity> identity;
    if (HRESULT hr = update->get_Identity(identity.Put()); FAILED(hr)) return hr;
    wua::com::Bstr id;
    if (HRESULT hr = identity->get_UpdateID(id.Put()); FAILED(hr)) return hr;
    ids->push_back(id.ToU16());
  }
  return S_OK;
}

}  // namespace sim

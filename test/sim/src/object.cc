#include "object.h"

#include <oleauto.h>

#include <atomic>

namespace sim {

namespace {
std::atomic<long> moduleReferences{0};
}

void ModuleAddRef() { ++moduleReferences; }
void ModuleRelease() { --moduleReferences; }
long ModuleReferences() { return moduleReferences; }

HRESULT Fail(HRESULT hr, std::u16string_view description) {
  ICreateErrorInfo* create = nullptr;
  if (SUCCEEDED(::CreateErrorInfo(&create))) {
    std::u16string text(description);
    create->SetDescription(reinterpret_cast<LPOLESTR>(text.data()));
    create->SetSource(const_cast<LPOLESTR>(L"WUA simulator"));
    IErrorInfo* info = nullptr;
    if (SUCCEEDED(create->QueryInterface(IID_IErrorInfo, reinterpret_cast<void**>(&info)))) {
      ::SetErrorInfo(0, info);
      info->Release();
    }
    create->Release();
  }
  return hr;
}

HRESULT Out(BSTR* out, std::u16string_view value) {
  if (!out) return E_POINTER;
  *out = value.empty() ? nullptr : ::SysAllocStringLen(reinterpret_cast<const OLECHAR*>(value.data()), static_cast<UINT>(value.size()));
  return value.empty() || *out ? S_OK : E_OUTOFMEMORY;
}

HRESULT Out(VARIANT_BOOL* out, bool value) {
  if (!out) return E_POINTER;
  *out = value ? VARIANT_TRUE : VARIANT_FALSE;
  return S_OK;
}

HRESULT Out(LONG* out, long value) {
  if (!out) return E_POINTER;
  *out = value;
  return S_OK;
}

HRESULT Out(DATE* out, double value) {
  if (!out) return E_POINTER;
  *out = value;
  return S_OK;
}

HRESULT OutDecimal(DECIMAL* out, long long value) {
  if (!out) return E_POINTER;
  VARIANT v;
  v.vt = VT_I8;
  v.llVal = value;
  VARIANT converted;
  ::VariantInit(&converted);
  const HRESULT hr = ::VariantChangeType(&converted, &v, 0, VT_DECIMAL);
  if (FAILED(hr)) return hr;
  *out = converted.decVal;
  return S_OK;
}

}  // namespace sim

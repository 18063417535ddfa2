// The base of every simulated agent object: reference counting, QueryInterface over the
// interface chains the class implements, IDispatch through the typelib registered in the prefix,
// and the helpers that write [out, retval] values the way the real agent does.
#pragma once
#include <windows.h>

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "members.h"
#include "typelib.h"
#include "wua/wuapi_sdk.h"

namespace sim {

// One chain of interfaces, newest first, where each derives from the next (IUpdate5 ... IUpdate):
// one C++ base serves them all with the same pointer.
template <class Newest, class... Older>
struct Chain {
  using Head = Newest;
  static bool Has(REFIID iid) { return IsEqualIID(iid, __uuidof(Newest)) || (IsEqualIID(iid, __uuidof(Older)) || ...); }
  static std::vector<IID> Iids() { return {__uuidof(Newest), __uuidof(Older)...}; }
};

// Sets the thread's IErrorInfo, as the agent does, and returns `hr`.
HRESULT Fail(HRESULT hr, std::u16string_view description);

void ModuleAddRef();
void ModuleRelease();

template <class Self, class PrimaryChain, class... OtherChains>
class Object : public PrimaryChain::Head, public OtherChains::Head... {
 public:
  using Primary = typename PrimaryChain::Head;

  Object() {
    ModuleAddRef();
    Diagnostics::ObjectCreated(Self::kClassName);
  }
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() {
    Diagnostics::ObjectDestroyed(Self::kClassName);
    ModuleRelease();
  }

  STDMETHODIMP QueryInterface(REFIID iid, void** out) override {
    if (!out) return E_POINTER;
    *out = nullptr;
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IDispatch) || PrimaryChain::Has(iid)) {
      *out = static_cast<Primary*>(this);
    } else {
      (void)((OtherChains::Has(iid) && (*out = static_cast<typename OtherChains::Head*>(this))) || ...);
    }
    if (!*out) return E_NOINTERFACE;
    AddRef();
    return S_OK;
  }
  STDMETHODIMP_(ULONG) AddRef() override { return ++references_; }
  STDMETHODIMP_(ULONG) Release() override {
    ULONG left = --references_;
    if (left == 0) delete static_cast<Self*>(this);
    return left;
  }

  STDMETHODIMP GetTypeInfoCount(UINT* count) override {
    if (!count) return E_POINTER;
    *count = Dispatched().info ? 1 : 0;
    return S_OK;
  }
  STDMETHODIMP GetTypeInfo(UINT index, LCID, ITypeInfo** info) override {
    if (!info) return E_POINTER;
    *info = nullptr;
    if (index != 0) return DISP_E_BADINDEX;
    ITypeInfo* known = Dispatched().info;
    if (!known) return TYPE_E_ELEMENTNOTFOUND;
    known->AddRef();
    *info = known;
    return S_OK;
  }
  STDMETHODIMP GetIDsOfNames(REFIID, LPOLESTR* names, UINT count, LCID, DISPID* ids) override {
    ITypeInfo* known = Dispatched().info;
    return known ? ::DispGetIDsOfNames(known, names, count, ids) : E_NOTIMPL;
  }
  STDMETHODIMP Invoke(DISPID id, REFIID, LCID, WORD flags, DISPPARAMS* params, VARIANT* result, EXCEPINFO* exception,
                      UINT* argError) override {
    const DispatchView view = Dispatched();
    if (!view.info) return E_NOTIMPL;
    // Script engines ask for _NewEnum as a method; the typelib declares it a property.
    if (id == DISPID_NEWENUM && (flags & DISPATCH_METHOD)) flags |= DISPATCH_PROPERTYGET;
    return ::DispInvoke(view.target, view.info, id, flags, params, result, exception, argError);
  }

  // A new object with one reference, owned by the caller.
  template <class... Args>
  static Self* Create(Args&&... args) {
    Self* object = new Self(std::forward<Args>(args)...);
    object->AddRef();
    return object;
  }

 protected:
  // What IDispatch answers with: the description of an interface and the vtable it calls.
  struct DispatchView {
    ITypeInfo* info;
    void* target;
  };
  // The newest interface of the primary chain. An object whose newest interface depends on its
  // data (a driver update is an IWindowsDriverUpdate5, any other an IUpdate5) overrides this.
  virtual DispatchView Dispatched() { return {TypeInfoOf<PrimaryChain>(), static_cast<Primary*>(this)}; }
  template <class AnyChain>
  static ITypeInfo* TypeInfoOf() {
    static ITypeInfo* const info = FindTypeInfo(AnyChain::Iids());
    return info;
  }

 private:
  std::atomic<ULONG> references_{0};
};

// A BSTR argument as text; NULL is the empty string, as COM defines it.
inline std::u16string TextOf(BSTR value) {
  return value ? std::u16string(reinterpret_cast<const char16_t*>(value), ::SysStringLen(value)) : std::u16string();
}

// [out, retval] writers. Each checks the pointer and hands over a fresh copy or reference.
HRESULT Out(BSTR* out, std::u16string_view value);
HRESULT Out(VARIANT_BOOL* out, bool value);
HRESULT Out(LONG* out, long value);
HRESULT Out(DATE* out, double value);
HRESULT OutDecimal(DECIMAL* out, long long value);
template <class Enum, class = std::enable_if_t<std::is_enum_v<Enum>>>
HRESULT Out(Enum* out, Enum value) {
  if (!out) return E_POINTER;
  *out = value;
  return S_OK;
}
// Takes ownership of one reference to `value` (which may be null where the agent returns null).
template <class Interface, class Implementation>
HRESULT OutObject(Interface** out, Implementation* value) {
  if (!out) {
    if (value) value->Release();
    return E_POINTER;
  }
  *out = value;
  return S_OK;
}

// Properties that several agent objects share, as layers between Object and the class:
// class UpdateInstaller final : public WithIsForced<WithClientApplicationId<Object<...>>>.
template <class Base>
class WithClientApplicationId : public Base {
 public:
  STDMETHODIMP get_ClientApplicationID(BSTR* retval) override { return Out(retval, clientApplicationId_); }
  STDMETHODIMP put_ClientApplicationID(BSTR value) override {
    clientApplicationId_ = TextOf(value);
    return S_OK;
  }

 protected:
  explicit WithClientApplicationId(std::u16string clientApplicationId) : clientApplicationId_(std::move(clientApplicationId)) {}
  std::u16string clientApplicationId_;
};

template <class Base>
class WithIsForced : public Base {
 public:
  STDMETHODIMP get_IsForced(VARIANT_BOOL* retval) override { return Out(retval, forced_); }
  STDMETHODIMP put_IsForced(VARIANT_BOOL value) override {
    forced_ = value != VARIANT_FALSE;
    return S_OK;
  }

 protected:
  using Base::Base;
  bool forced_ = false;
};

// Returns from a member with the failure Diagnostics::Enter gives it (an injected fault, a
// scenario that did not load), after the delay the scenario sets for it.
#define SIM_ENTER(member)                                                                                 \
  do {                                                                                                    \
    static_assert(::sim::IsMember(member, ::sim::MemberKind::kCall), "not a call in members.h: " member); \
    if (HRESULT entered = ::sim::Diagnostics::Enter(member); FAILED(entered)) return entered;             \
  } while (0)

}  // namespace sim

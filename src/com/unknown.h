// IUnknown for objects this code hands to COM that need nothing else of it (callbacks, class
// factories, enumerators): thread-safe reference counting and QueryInterface for one interface
// and the ones it derives from.
#pragma once
#include <unknwn.h>

#include <atomic>

namespace wua::com {

template <class Self, class Interface>
class Unknown : public Interface {
 public:
  STDMETHODIMP QueryInterface(REFIID iid, void** out) override {
    if (!out) return E_POINTER;
    *out = IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, __uuidof(Interface)) || static_cast<Self*>(this)->Answers(iid)
               ? static_cast<Interface*>(this)
               : nullptr;
    if (!*out) return E_NOINTERFACE;
    AddRef();
    return S_OK;
  }
  STDMETHODIMP_(ULONG) AddRef() override { return ++references_; }
  STDMETHODIMP_(ULONG) Release() override {
    const ULONG left = --references_;
    if (left == 0) delete static_cast<Self*>(this);
    return left;
  }

  // Other interfaces the same pointer answers for (a base interface, IAgileObject).
  bool Answers(REFIID) const { return false; }

 protected:
  Unknown() = default;
  ~Unknown() = default;

 private:
  std::atomic<ULONG> references_{1};  // the creator's
};

}  // namespace wua::com

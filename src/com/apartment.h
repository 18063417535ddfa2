// Joins the calling thread to the multithreaded apartment for the object's lifetime.
// Only the addon's own threads use this: the JS thread's apartment belongs to the host
// (Electron makes it an STA), so the addon never initializes COM there.
#pragma once
#include <objbase.h>

namespace wua::com {

class ScopedApartment {
 public:
  ScopedApartment() noexcept : hr_(::CoInitializeEx(nullptr, COINIT_MULTITHREADED)) {}
  ~ScopedApartment() {
    if (SUCCEEDED(hr_)) ::CoUninitialize();
  }  // S_FALSE is balanced too
  ScopedApartment(const ScopedApartment&) = delete;
  ScopedApartment& operator=(const ScopedApartment&) = delete;
  HRESULT Result() const noexcept { return hr_; }

 private:
  HRESULT hr_;
};

}  // namespace wua::com

// BSTR ownership and UTF-16 conversion. A NULL BSTR is the empty string, as COM defines it.
#pragma once
#include <windows.h>

#include <oleauto.h>

#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace wua::com {

static_assert(sizeof(wchar_t) == sizeof(char16_t), "COM strings are UTF-16");

class Bstr {
 public:
  Bstr() noexcept = default;
  explicit Bstr(std::u16string_view text) {
    if (text.empty()) return;  // NULL is the canonical empty BSTR
    bstr_ = ::SysAllocStringLen(reinterpret_cast<const OLECHAR*>(text.data()), static_cast<UINT>(text.size()));
    if (!bstr_) throw std::bad_alloc();
  }
  Bstr(const Bstr&) = delete;
  Bstr& operator=(const Bstr&) = delete;
  Bstr(Bstr&& other) noexcept : bstr_(std::exchange(other.bstr_, nullptr)) {}
  Bstr& operator=(Bstr&& other) noexcept {
    std::swap(bstr_, other.bstr_);
    return *this;
  }
  ~Bstr() { ::SysFreeString(bstr_); }

  BSTR Get() const noexcept { return bstr_; }
  BSTR* Put() noexcept {
    ::SysFreeString(bstr_);
    bstr_ = nullptr;
    return &bstr_;
  }

  std::u16string_view View() const noexcept { return {reinterpret_cast<const char16_t*>(bstr_), ::SysStringLen(bstr_)}; }
  std::u16string ToU16() const { return std::u16string(View()); }

 private:
  BSTR bstr_ = nullptr;
};

}  // namespace wua::com

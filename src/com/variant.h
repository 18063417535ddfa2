// VARIANT ownership: VariantClear on every exit path, including the ones an exception takes.
#pragma once
#include <windows.h>

#include <oleauto.h>

namespace wua::com {

class Variant : public VARIANT {
 public:
  Variant() noexcept { ::VariantInit(this); }
  Variant(const Variant&) = delete;
  Variant& operator=(const Variant&) = delete;
  ~Variant() { ::VariantClear(this); }

  VARIANT* Put() noexcept {
    ::VariantClear(this);
    return this;
  }

  Variant(Variant&& other) noexcept : VARIANT(other) { ::VariantInit(&other); }
};

}  // namespace wua::com

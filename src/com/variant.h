// VARIANT ownership: VariantClear on every exit path, including the ones an exception takes.
#pragma once
#include <oleauto.h>
#include <windows.h>

namespace wua::com {

class Variant : public VARIANT {
 public:
  Variant() noexcept { ::VariantInit(this); }
  Variant(const Variant&) = delete;
  Variant& operator=(const Variant&) = delete;
  ~Variant() { ::VariantClear(this); }

  VARIANT* Put() noexcept { ::VariantClear(this); return this; }
  bool IsEmpty() const noexcept { return vt == VT_EMPTY || vt == VT_NULL; }

  static Variant FromBool(bool value) noexcept {
    Variant v; v.vt = VT_BOOL; v.boolVal = value ? VARIANT_TRUE : VARIANT_FALSE; return v;
  }
  static Variant FromLong(long value) noexcept { Variant v; v.vt = VT_I4; v.lVal = value; return v; }

  Variant(Variant&& other) noexcept : VARIANT(other) { ::VariantInit(&other); }
};

}  // namespace wua::com

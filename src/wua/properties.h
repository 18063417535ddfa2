// Reading one property of an agent object into plain data. Each reader takes the getter as a
// member pointer, so that a failure names the property (com::ComError::operation).
#pragma once
#include <oleauto.h>

#include <optional>

#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "wua/records.h"
#include "wua/wua.h"

namespace wua {

template <class Interface>
Text ReadText(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(BSTR*), const char* name) {
  com::Bstr value;
  com::ThrowIfFailed((object->*getter)(value.Put()), name);
  return value.ToU16();
}

template <class Interface>
std::optional<Text> ReadNullableText(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(BSTR*),
                                     const char* name) {
  com::Bstr value;
  com::ThrowIfFailed((object->*getter)(value.Put()), name);
  if (!value.Get()) return std::nullopt;
  return value.ToU16();
}

template <class Interface>
bool ReadBool(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(VARIANT_BOOL*), const char* name) {
  VARIANT_BOOL value = VARIANT_FALSE;
  com::ThrowIfFailed((object->*getter)(&value), name);
  return value != VARIANT_FALSE;
}

template <class Interface, class Value>
long ReadLong(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(Value*), const char* name) {
  Value value{};
  com::ThrowIfFailed((object->*getter)(&value), name);
  return static_cast<long>(value);
}

template <class Interface>
double ReadDecimal(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(DECIMAL*), const char* name) {
  DECIMAL value{};
  com::ThrowIfFailed((object->*getter)(&value), name);
  double out = 0;
  com::ThrowIfFailed(::VarR8FromDec(&value, &out), name);
  return out;
}

template <class Interface>
std::optional<double> ReadDate(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(DATE*), const char* name) {
  DATE value = 0;
  com::ThrowIfFailed((object->*getter)(&value), name);
  if (value == 0) return std::nullopt;  // the agent's "no date"
  return value;
}

template <class Interface>
Texts ReadTexts(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(IStringCollection**), const char* name) {
  com::ComPtr<IStringCollection> strings;
  com::ThrowIfFailed((object->*getter)(strings.Put()), name);
  Texts out;
  if (!strings) return out;
  LONG count = 0;
  com::ThrowIfFailed(strings->get_Count(&count), name);
  out.reserve(count);
  for (LONG i = 0; i < count; ++i) {
    com::Bstr item;
    com::ThrowIfFailed(strings->get_Item(i, item.Put()), name);
    out.push_back(item.ToU16());
  }
  return out;
}

template <class Interface, class Item>
com::ComPtr<Item> ReadObject(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(Item**), const char* name) {
  com::ComPtr<Item> out;
  com::ThrowIfFailed((object->*getter)(out.Put()), name);
  return out;
}

}  // namespace wua

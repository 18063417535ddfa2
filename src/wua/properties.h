// Reading one property of an agent object into plain data. Each reader takes the getter as a
// member pointer, so that a failure names the property (com::ComError::operation).
#pragma once
#include <windows.h>

#include <oleauto.h>

#include <optional>

#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "wua/records.h"
#include "wua/wua.h"

namespace wua {

// The readers that fill `into` reuse its storage: a search reads thousands of updates, one after
// the other, into the same record.
template <class Interface>
void ReadText(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(BSTR*), const char* name, Text& into) {
  com::Bstr value;
  com::ThrowIfFailed((object->*getter)(value.Put()), name);
  into.assign(value.View());
}

template <class Interface>
Text ReadText(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(BSTR*), const char* name) {
  Text out;
  ReadText(object, getter, name, out);
  return out;
}

// A NULL BSTR is no text at all (an empty `into`); any other, possibly empty, is a text.
template <class Interface>
void ReadNullableText(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(BSTR*), const char* name,
                      std::optional<Text>& into) {
  com::Bstr value;
  com::ThrowIfFailed((object->*getter)(value.Put()), name);
  if (!value.Get()) {
    into.reset();
  } else if (into) {
    into->assign(value.View());
  } else {
    into.emplace(value.View());
  }
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
void ReadTexts(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(IStringCollection**), const char* name, Texts& into) {
  com::ComPtr<IStringCollection> strings;
  com::ThrowIfFailed((object->*getter)(strings.Put()), name);
  LONG count = 0;
  if (strings) com::ThrowIfFailed(strings->get_Count(&count), name);
  into.resize(count);
  for (LONG i = 0; i < count; ++i) {
    com::Bstr item;
    com::ThrowIfFailed(strings->get_Item(i, item.Put()), name);
    into[i].assign(item.View());
  }
}

template <class Interface, class Item>
com::ComPtr<Item> ReadObject(Interface* object, HRESULT (STDMETHODCALLTYPE Interface::*getter)(Item**), const char* name) {
  com::ComPtr<Item> out;
  com::ThrowIfFailed((object->*getter)(out.Put()), name);
  return out;
}

}  // namespace wua

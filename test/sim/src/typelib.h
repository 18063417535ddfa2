// The simulator's type library: every interface of the SDK's WUApiLib at its newest version, with
// the SDK's dispatch IDs, written from the table test/sim/typelib/generate.mjs makes of
// src/wua/wuapi_sdk.h, so that scripts reach every member through IDispatch as on Windows.
#pragma once
#include <windows.h>

#include <oaidl.h>

#include <string>
#include <vector>

namespace sim {

// The .tlb file beside this DLL.
std::wstring TypeLibraryPath();

// Writes the type library to TypeLibraryPath() and registers it (LIBID WUApiLib, version 2.0),
// over the 33-interface library Wine registers for its own wuapi.dll.
HRESULT WriteAndRegisterTypeLibrary();
HRESULT UnregisterTypeLibrary();

// The description of the first interface of `chain` (newest first) that the library has, or null
// when the library is not there.
ITypeInfo* FindTypeInfo(const std::vector<IID>& chain);

// Every interface of the library with the properties a script reads through it (property getters
// that are not restricted, its bases' included), as the library itself describes them.
struct ScriptableProperty {
  std::wstring name;
  bool isObject;  // an interface pointer, which a script reads with Set
};
struct InterfaceProperties {
  std::wstring name;
  std::vector<ScriptableProperty> properties;
};
std::vector<InterfaceProperties> ScriptableProperties();

}  // namespace sim

#include "typelib.h"

#include <oleauto.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>

#include "module.h"

namespace sim {

namespace {

enum class MemberKind { kGet, kPut, kMethod };
struct EnumValue {
  const wchar_t* name;
  long value;
};
struct EnumType {
  const wchar_t* name;
  const EnumValue* values;
  unsigned count;
};
struct Param {
  const wchar_t* type;
  int pointers;
  const wchar_t* name;
};
struct Member {
  const wchar_t* name;
  MemberKind kind;
  MEMBERID dispid;
  bool restricted;
  const Param* params;
  unsigned paramCount;
};
struct Interface {
  const wchar_t* name;
  const wchar_t* iid;
  const wchar_t* parent;
  bool dual;
  bool hidden;
  const Member* members;
  unsigned memberCount;
};

#include "typelib_table.inc"

// Types the header spells with their automation names.
const std::map<std::wstring, VARTYPE> kBuiltins = {
    {L"BSTR", VT_BSTR},
    {L"LONG", VT_I4},
    {L"VARIANT_BOOL", VT_BOOL},
    {L"DATE", VT_DATE},
    {L"DECIMAL", VT_DECIMAL},
    {L"VARIANT", VT_VARIANT},
    {L"LCID", VT_UI4},
    {L"DWORD", VT_UI4},
    // A window handle is pointer-sized; only restricted members, which scripts cannot call, take one.
    {L"HWND", VT_INT_PTR},
};

GUID GuidOf(const wchar_t* text) {
  GUID guid{};
  std::wstring braced = std::wstring(L"{") + text + L"}";
  ::CLSIDFromString(braced.c_str(), &guid);
  return guid;
}

class Writer {
 public:
  explicit Writer(ICreateTypeLib2* library) : library_(library) {}
  ~Writer() {
    for (auto& [name, info] : infos_) info->Release();
    if (stdole_) stdole_->Release();
  }

  HRESULT Write() {
    HRESULT hr = ::LoadTypeLib(L"stdole2.tlb", &stdole_);
    failedAt_ = L"stdole2.tlb";
    if (FAILED(hr)) return hr;
    for (const EnumType& e : kEnums) {
      if (FAILED(hr = Create(e.name, TKIND_ENUM))) return hr;
    }
    for (const Interface& i : kInterfaces) {
      if (FAILED(hr = Create(i.name, TKIND_INTERFACE))) return hr;
    }
    for (const EnumType& e : kEnums) {
      failedAt_ = e.name;
      if (FAILED(hr = WriteEnum(e))) return hr;
    }
    // The header declares a parent before the interfaces that derive from it, so that each is
    // laid out after the vtable it extends.
    for (const Interface& i : kInterfaces) {
      failedAt_ = i.name;
      if (FAILED(hr = WriteInterface(i))) return hr;
    }
    failedAt_ = L"SaveAllChanges";
    return library_->SaveAllChanges();
  }

  // The type or member the writer was at when it failed.
  const std::wstring& FailedAt() const { return failedAt_; }

 private:
  HRESULT Create(const wchar_t* name, TYPEKIND kind) {
    ICreateTypeInfo* info = nullptr;
    const HRESULT hr = library_->CreateTypeInfo(const_cast<LPOLESTR>(name), kind, &info);
    if (SUCCEEDED(hr)) infos_[name] = info;
    return hr;
  }

  HRESULT WriteEnum(const EnumType& e) {
    ICreateTypeInfo* info = infos_[e.name];
    for (unsigned index = 0; index < e.count; ++index) {
      VARIANT value;
      value.vt = VT_I4;
      value.lVal = e.values[index].value;
      VARDESC var{};
      var.memid = static_cast<MEMBERID>(0x40000000 + index);
      var.lpvarValue = &value;
      var.varkind = VAR_CONST;
      var.elemdescVar.tdesc.vt = VT_I4;
      HRESULT hr = info->AddVarDesc(index, &var);
      if (SUCCEEDED(hr)) hr = info->SetVarName(index, const_cast<LPOLESTR>(e.values[index].name));
      if (FAILED(hr)) return hr;
    }
    return info->LayOut();
  }

  // A reference from `from` to the library's type `name`, or to stdole's IUnknown or IDispatch.
  HRESULT Reference(ICreateTypeInfo* from, const std::wstring& name, HREFTYPE* href) {
    ITypeInfo* target = nullptr;
    HRESULT hr;
    if (name == L"IUnknown" || name == L"IDispatch") {
      hr = stdole_->GetTypeInfoOfGuid(name == L"IUnknown" ? IID_IUnknown : IID_IDispatch, &target);
    } else {
      auto found = infos_.find(name);
      if (found == infos_.end()) return TYPE_E_ELEMENTNOTFOUND;
      hr = found->second->QueryInterface(IID_ITypeInfo, reinterpret_cast<void**>(&target));
    }
    if (FAILED(hr)) return hr;
    hr = from->AddRefTypeInfo(target, href);
    target->Release();
    return hr;
  }

  // The automation type of a parameter the header spells `type` with `pointers` stars.
  HRESULT TypeOf(ICreateTypeInfo* from, const Param& param, std::deque<TYPEDESC>& storage, TYPEDESC* out) {
    const std::wstring type = param.type;
    int pointers = param.pointers;
    TYPEDESC base{};
    if (type == L"IUnknown" || type == L"IDispatch") {
      base.vt = type == L"IUnknown" ? VT_UNKNOWN : VT_DISPATCH;
      --pointers;  // the interface pointer is the type itself
    } else if (auto builtin = kBuiltins.find(type); builtin != kBuiltins.end()) {
      base.vt = builtin->second;
    } else {
      base.vt = VT_USERDEFINED;
      if (const HRESULT hr = Reference(from, type, &base.hreftype); FAILED(hr)) return hr;
    }
    while (pointers-- > 0) {
      storage.push_back(base);
      base = TYPEDESC{};
      base.vt = VT_PTR;
      base.lptdesc = &storage.back();
    }
    *out = base;
    return S_OK;
  }

  HRESULT WriteInterface(const Interface& i) {
    ICreateTypeInfo* info = infos_[i.name];
    HRESULT hr = info->SetGuid(GuidOf(i.iid));
    UINT flags = i.hidden ? TYPEFLAG_FHIDDEN : 0;
    if (i.dual) flags |= TYPEFLAG_FDUAL | TYPEFLAG_FOLEAUTOMATION | TYPEFLAG_FNONEXTENSIBLE;
    if (SUCCEEDED(hr)) hr = info->SetTypeFlags(flags);
    HREFTYPE parent = 0;
    if (SUCCEEDED(hr)) hr = Reference(info, i.parent, &parent);
    if (SUCCEEDED(hr)) hr = info->AddImplType(0, parent);
    if (FAILED(hr)) return hr;
    const UINT firstSlot = Slots(i.parent);
    for (unsigned index = 0; index < i.memberCount; ++index) {
      const Member& m = i.members[index];
      std::deque<TYPEDESC> storage;
      std::vector<ELEMDESC> params(m.paramCount);
      std::vector<LPOLESTR> names{const_cast<LPOLESTR>(m.name)};
      for (unsigned p = 0; p < m.paramCount; ++p) {
        if (FAILED(hr = TypeOf(info, m.params[p], storage, &params[p].tdesc))) return hr;
        const bool retval = std::wstring(m.params[p].name) == L"retval";
        params[p].paramdesc.wParamFlags = retval ? PARAMFLAG_FOUT | PARAMFLAG_FRETVAL : PARAMFLAG_FIN;
        // A property put's value has no name in a type library.
        if (!(m.kind == MemberKind::kPut && p + 1 == m.paramCount)) names.push_back(const_cast<LPOLESTR>(m.params[p].name));
      }
      FUNCDESC func{};
      func.memid = m.dispid;
      func.lprgelemdescParam = params.empty() ? nullptr : params.data();
      func.funckind = FUNC_PUREVIRTUAL;
      func.invkind = m.kind == MemberKind::kGet ? INVOKE_PROPERTYGET : m.kind == MemberKind::kPut ? INVOKE_PROPERTYPUT : INVOKE_FUNC;
      func.callconv = CC_STDCALL;
      func.cParams = static_cast<SHORT>(m.paramCount);
      func.oVft = static_cast<SHORT>((firstSlot + index) * sizeof(void*));
      func.elemdescFunc.tdesc.vt = VT_HRESULT;
      func.wFuncFlags = m.restricted ? FUNCFLAG_FRESTRICTED : 0;
      failedAt_ = std::wstring(i.name) + L"." + m.name;
      if (FAILED(hr = info->AddFuncDesc(index, &func))) return hr;
      if (FAILED(hr = info->SetFuncAndParamNames(index, names.data(), static_cast<UINT>(names.size())))) return hr;
    }
    failedAt_ = i.name;
    return info->LayOut();
  }

  // How many vtable slots the interface `name` fills, its bases' included.
  static UINT Slots(const std::wstring& name) {
    if (name == L"IUnknown") return 3;
    if (name == L"IDispatch") return 7;
    for (const Interface& i : kInterfaces) {
      if (name == i.name) return Slots(i.parent) + i.memberCount;
    }
    return 0;
  }

  ICreateTypeLib2* library_;
  ITypeLib* stdole_ = nullptr;
  std::wstring failedAt_;
  std::map<std::wstring, ICreateTypeInfo*> infos_;
};

}  // namespace

std::wstring TypeLibraryPath() {
  std::wstring path = ModulePath();
  return path.substr(0, path.find_last_of(L'.')) + L".tlb";
}

HRESULT WriteAndRegisterTypeLibrary() {
  const std::wstring path = TypeLibraryPath();
  ICreateTypeLib2* library = nullptr;
  HRESULT hr = ::CreateTypeLib2(SYS_WIN64, path.c_str(), &library);
  if (FAILED(hr)) return hr;
  hr = library->SetGuid(GuidOf(kLibraryId));
  if (SUCCEEDED(hr)) hr = library->SetVersion(2, 0);
  if (SUCCEEDED(hr)) hr = library->SetName(const_cast<LPOLESTR>(L"WUApiLib"));
  if (SUCCEEDED(hr)) hr = library->SetDocString(const_cast<LPOLESTR>(L"WUAPI 2.0 Type Library"));
  if (SUCCEEDED(hr)) hr = library->SetLcid(LOCALE_NEUTRAL);
  if (SUCCEEDED(hr)) {
    Writer writer(library);
    hr = writer.Write();
    // regsvr32 reports only that registration failed: say where, for the rig's output.
    if (FAILED(hr))
      fwprintf(stderr, L"the type library failed at %ls: 0x%08lX\n", writer.FailedAt().c_str(), static_cast<unsigned long>(hr));
  }
  library->Release();
  if (FAILED(hr)) return hr;
  ITypeLib* written = nullptr;
  hr = ::LoadTypeLibEx(path.c_str(), REGKIND_REGISTER, &written);
  if (written) written->Release();
  return hr;
}

HRESULT UnregisterTypeLibrary() { return ::UnRegisterTypeLib(GuidOf(kLibraryId), 2, 0, LOCALE_NEUTRAL, SYS_WIN64); }

namespace {

// The library beside this DLL rather than the registered one: a script host's process may have
// loaded another WUApiLib 2.0 registration first. Kept for the process's life.
ITypeLib* Library() {
  static ITypeLib* const library = [] {
    ITypeLib* loaded = nullptr;
    return SUCCEEDED(::LoadTypeLibEx(TypeLibraryPath().c_str(), REGKIND_NONE, &loaded)) ? loaded : nullptr;
  }();
  return library;
}

std::wstring NameOf(ITypeInfo* info, MEMBERID id) {
  BSTR name = nullptr;
  if (FAILED(info->GetDocumentation(id, &name, nullptr, nullptr, nullptr))) return {};
  std::wstring text(name, ::SysStringLen(name));
  ::SysFreeString(name);
  return text;
}

// Whether a getter's [out, retval] parameter is an interface pointer (what a script must Set).
bool ReturnsObject(const FUNCDESC& func) {
  if (func.cParams == 0) return false;
  const TYPEDESC& out = func.lprgelemdescParam[func.cParams - 1].tdesc;
  if (out.vt != VT_PTR) return false;
  const TYPEDESC& value = *out.lptdesc;
  return value.vt == VT_UNKNOWN || value.vt == VT_DISPATCH || (value.vt == VT_PTR && value.lptdesc->vt == VT_USERDEFINED);
}

// The properties a script can read through `info`, its bases' first, each name once.
void CollectProperties(ITypeInfo* info, std::vector<ScriptableProperty>& out) {
  TYPEATTR* attr = nullptr;
  if (FAILED(info->GetTypeAttr(&attr))) return;
  const WORD bases = attr->cImplTypes, functions = attr->cFuncs;
  info->ReleaseTypeAttr(attr);
  HREFTYPE href = 0;
  ITypeInfo* parent = nullptr;
  if (bases && SUCCEEDED(info->GetRefTypeOfImplType(0, &href)) && SUCCEEDED(info->GetRefTypeInfo(href, &parent))) {
    CollectProperties(parent, out);
    parent->Release();
  }
  for (WORD index = 0; index < functions; ++index) {
    FUNCDESC* func = nullptr;
    if (FAILED(info->GetFuncDesc(index, &func))) continue;
    if (func->invkind == INVOKE_PROPERTYGET && !(func->wFuncFlags & FUNCFLAG_FRESTRICTED)) {
      std::wstring name = NameOf(info, func->memid);
      const auto named = [&name](const ScriptableProperty& p) { return p.name == name; };
      if (std::find_if(out.begin(), out.end(), named) == out.end()) out.push_back({std::move(name), ReturnsObject(*func)});
    }
    info->ReleaseFuncDesc(func);
  }
}

}  // namespace

ITypeInfo* FindTypeInfo(const std::vector<IID>& chain) {
  ITypeLib* library = Library();
  if (!library) return nullptr;
  for (const IID& iid : chain) {
    ITypeInfo* found = nullptr;
    if (SUCCEEDED(library->GetTypeInfoOfGuid(iid, &found))) return found;
  }
  return nullptr;
}

std::vector<InterfaceProperties> ScriptableProperties() {
  std::vector<InterfaceProperties> out;
  ITypeLib* library = Library();
  if (!library) return out;
  for (UINT index = 0, count = library->GetTypeInfoCount(); index < count; ++index) {
    TYPEKIND kind;
    ITypeInfo* info = nullptr;
    if (FAILED(library->GetTypeInfoType(index, &kind)) || FAILED(library->GetTypeInfo(index, &info))) continue;
    // The library lists a dual interface by its dispatch view; its members are the vtable's.
    HREFTYPE vtable = 0;
    ITypeInfo* described = nullptr;
    if (kind == TKIND_DISPATCH && SUCCEEDED(info->GetRefTypeOfImplType(static_cast<UINT>(-1), &vtable)) &&
        SUCCEEDED(info->GetRefTypeInfo(vtable, &described))) {
      info->Release();
      info = described;
      kind = TKIND_INTERFACE;
    }
    if (kind == TKIND_INTERFACE) {
      InterfaceProperties entry{NameOf(info, MEMBERID_NIL), {}};
      CollectProperties(info, entry.properties);
      out.push_back(std::move(entry));
    }
    info->Release();
  }
  return out;
}

}  // namespace sim

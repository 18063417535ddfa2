#include "wua/status.h"

#include <utility>

#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/properties.h"

namespace wua {

namespace {

ReadFailure FailureOf(const com::ComError& error) { return ReadFailure{error.hr, error.operation, error.description}; }

// Reads one value, keeping an agent failure with it rather than letting it end the whole read.
template <class T, class Read>
void Attempt(Reading<T>& into, Read&& read) {
  try {
    into.value = read();
  } catch (const com::ComError& error) {
    into.failure = FailureOf(error);
  }
}

// Creates an agent object; when that fails, every value read through it carries the failure.
template <class Interface, class Create, class... Values>
com::ComPtr<Interface> Open(Create&& create, Values&... values) {
  com::ComPtr<Interface> object;
  try {
    object = create();
  } catch (const com::ComError& error) {
    ((values.failure = FailureOf(error)), ...);
  }
  return object;
}

template <class Class, class Interface>
com::ComPtr<Interface> CreateInstance(const char* operation) {
  com::ComPtr<Interface> object;
  com::ThrowIfFailed(::CoCreateInstance(__uuidof(Class), nullptr, CLSCTX_INPROC_SERVER, __uuidof(Interface), object.PutVoid()), operation);
  return object;
}

// IWindowsUpdateAgentInfo::GetInfo, converted to the type the documentation gives each name.
void GetInfo(IWindowsUpdateAgentInfo* info, const char16_t* name, VARTYPE type, com::Variant* out) {
  com::Bstr identifier(name);
  com::Variant argument;
  argument.vt = VT_BSTR;
  argument.bstrVal = identifier.Get();
  const HRESULT hr = info->GetInfo(argument, out->Put());
  argument.vt = VT_EMPTY;  // the BSTR stays owned by `identifier`
  com::ThrowIfFailed(hr, "IWindowsUpdateAgentInfo::GetInfo");
  com::ThrowIfFailed(::VariantChangeType(out, out, 0, type), "IWindowsUpdateAgentInfo::GetInfo");
}

long GetLongInfo(IWindowsUpdateAgentInfo* info, const char16_t* name) {
  com::Variant value;
  GetInfo(info, name, VT_I4, &value);
  return value.lVal;
}

Text GetTextInfo(IWindowsUpdateAgentInfo* info, const char16_t* name) {
  com::Variant value;
  GetInfo(info, name, VT_BSTR, &value);
  return value.bstrVal ? Text(reinterpret_cast<const char16_t*>(value.bstrVal), ::SysStringLen(value.bstrVal)) : Text();
}

}  // namespace

StatusRecord ReadStatus(IUpdateSession* session) {
  StatusRecord record;
  Attempt(record.readOnly, [&] { return ReadBool(session, &IUpdateSession::get_ReadOnly, "IUpdateSession::ReadOnly"); });

  auto system =
      Open<ISystemInformation>([] { return CreateInstance<SystemInformation, ISystemInformation>("CoCreateInstance(SystemInformation)"); },
                               record.rebootRequired, record.oemHardwareSupportLink);
  if (system) {
    Attempt(record.rebootRequired,
            [&] { return ReadBool(system.Get(), &ISystemInformation::get_RebootRequired, "ISystemInformation::RebootRequired"); });
    Attempt(record.oemHardwareSupportLink, [&] {
      return ReadText(system.Get(), &ISystemInformation::get_OemHardwareSupportLink, "ISystemInformation::OemHardwareSupportLink");
    });
  }

  // The installer the session creates, as an install would: IsBusy speaks for the machine (any
  // client's installation), not for this object.
  auto installer = Open<IUpdateInstaller>(
      [&] {
        com::ComPtr<IUpdateInstaller> created;
        com::ThrowIfFailed(session->CreateUpdateInstaller(created.Put()), "IUpdateSession::CreateUpdateInstaller");
        return created;
      },
      record.installerBusy, record.rebootRequiredBeforeInstallation);
  if (installer) {
    Attempt(record.installerBusy, [&] { return ReadBool(installer.Get(), &IUpdateInstaller::get_IsBusy, "IUpdateInstaller::IsBusy"); });
    Attempt(record.rebootRequiredBeforeInstallation, [&] {
      return ReadBool(installer.Get(), &IUpdateInstaller::get_RebootRequiredBeforeInstallation,
                      "IUpdateInstaller::RebootRequiredBeforeInstallation");
    });
  }

  auto info = Open<IWindowsUpdateAgentInfo>(
      [] { return CreateInstance<WindowsUpdateAgentInfo, IWindowsUpdateAgentInfo>("CoCreateInstance(WindowsUpdateAgentInfo)"); },
      record.apiMajorVersion, record.apiMinorVersion, record.productVersion);
  if (info) {
    Attempt(record.apiMajorVersion, [&] { return GetLongInfo(info.Get(), u"ApiMajorVersion"); });
    Attempt(record.apiMinorVersion, [&] { return GetLongInfo(info.Get(), u"ApiMinorVersion"); });
    Attempt(record.productVersion, [&] { return GetTextInfo(info.Get(), u"ProductVersionString"); });
  }
  return record;
}

}  // namespace wua

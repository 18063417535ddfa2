#include "wua/agent_info.h"

#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/wua.h"

namespace wua {

namespace {

void GetInfo(IWindowsUpdateAgentInfo* info, const char16_t* name, com::Variant* out) {
  com::Bstr identifier(name);
  com::Variant argument;
  argument.vt = VT_BSTR;
  argument.bstrVal = identifier.Get();
  const HRESULT hr = info->GetInfo(argument, out->Put());
  argument.vt = VT_EMPTY;  // the BSTR stays owned by `identifier`
  com::ThrowIfFailed(hr, "IWindowsUpdateAgentInfo::GetInfo");
}

}  // namespace

AgentInfoRecord ReadAgentInfo() {
  AgentInfoRecord record;
  com::ComPtr<IWindowsUpdateAgentInfo> info;
  com::ThrowIfFailed(::CoCreateInstance(__uuidof(WindowsUpdateAgentInfo), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IWindowsUpdateAgentInfo),
                                        info.PutVoid()),
                     "CoCreateInstance(WindowsUpdateAgentInfo)");
  com::Variant value;
  GetInfo(info.Get(), u"ApiMajorVersion", &value);
  com::ThrowIfFailed(::VariantChangeType(&value, &value, 0, VT_I4), "ApiMajorVersion");
  record.apiMajorVersion = value.lVal;
  GetInfo(info.Get(), u"ApiMinorVersion", &value);
  com::ThrowIfFailed(::VariantChangeType(&value, &value, 0, VT_I4), "ApiMinorVersion");
  record.apiMinorVersion = value.lVal;
  GetInfo(info.Get(), u"ProductVersionString", &value);
  com::ThrowIfFailed(::VariantChangeType(&value, &value, 0, VT_BSTR), "ProductVersionString");
  if (value.bstrVal) record.productVersion.assign(reinterpret_cast<const char16_t*>(value.bstrVal), ::SysStringLen(value.bstrVal));

  com::ComPtr<ISystemInformation> system;
  com::ThrowIfFailed(
      ::CoCreateInstance(__uuidof(SystemInformation), nullptr, CLSCTX_INPROC_SERVER, __uuidof(ISystemInformation), system.PutVoid()),
      "CoCreateInstance(SystemInformation)");
  VARIANT_BOOL reboot = VARIANT_FALSE;
  com::ThrowIfFailed(system->get_RebootRequired(&reboot), "ISystemInformation::RebootRequired");
  record.rebootRequired = reboot != VARIANT_FALSE;
  return record;
}

}  // namespace wua

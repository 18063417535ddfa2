#include "com/hresult.h"

#include <oleauto.h>

#include "com/bstr.h"
#include "com/com_ptr.h"

namespace wua::com {

void ThrowComError(HRESULT hr, const char* operation) {
  ComError error(hr, operation);
  ComPtr<IErrorInfo> info;
  if (::GetErrorInfo(0, info.Put()) == S_OK && info) {
    Bstr text;
    if (SUCCEEDED(info->GetDescription(text.Put()))) error.description = text.ToU16();
    if (SUCCEEDED(info->GetSource(text.Put()))) error.source = text.ToU16();
  }
  throw error;
}

}  // namespace wua::com

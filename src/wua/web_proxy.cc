#include "wua/web_proxy.h"

#include <oleauto.h>

#include <new>

#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"

namespace wua {

using com::Bstr;
using com::ComPtr;
using com::ThrowIfFailed;

namespace {

ComPtr<IStringCollection> StringList(const std::vector<std::u16string>& items) {
  ComPtr<IStringCollection> list;
  ThrowIfFailed(::CoCreateInstance(__uuidof(StringCollection), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IStringCollection), list.PutVoid()),
                "CoCreateInstance(StringCollection)");
  for (const auto& item : items) {
    Bstr text(item);
    LONG index = 0;
    ThrowIfFailed(list->Add(text.Get(), &index), "IStringCollection::Add");
  }
  return list;
}

// SetPassword takes a BSTR, which the system may keep in its cache of freed strings: the copy is
// wiped before it is freed.
HRESULT SetPassword(IWebProxy* proxy, com::SecretText& password) {
  const std::u16string_view text = password.View();
  BSTR secret = ::SysAllocStringLen(reinterpret_cast<const OLECHAR*>(text.data()), static_cast<UINT>(text.size()));
  if (!secret) throw std::bad_alloc();
  const HRESULT hr = proxy->SetPassword(secret);
  ::SecureZeroMemory(secret, text.size() * sizeof(OLECHAR));
  ::SysFreeString(secret);
  return hr;
}

}  // namespace

void ApplyWebProxy(IUpdateSession* session, WebProxyOptions& options) {
  struct Wipe {
    com::SecretText& password;
    ~Wipe() { password.Clear(); }
  } wipe{options.password};
  ComPtr<IWebProxy> proxy;
  ThrowIfFailed(::CoCreateInstance(__uuidof(WebProxy), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IWebProxy), proxy.PutVoid()),
                "CoCreateInstance(WebProxy)");
  if (!options.address.empty()) {
    Bstr address(options.address);
    ThrowIfFailed(proxy->put_Address(address.Get()), "IWebProxy::put_Address");
  }
  if (!options.bypassList.empty()) {
    ThrowIfFailed(proxy->put_BypassList(StringList(options.bypassList).Get()), "IWebProxy::put_BypassList");
  }
  if (options.bypassProxyOnLocal) ThrowIfFailed(proxy->put_BypassProxyOnLocal(VARIANT_TRUE), "IWebProxy::put_BypassProxyOnLocal");
  if (options.autoDetect) ThrowIfFailed(proxy->put_AutoDetect(VARIANT_TRUE), "IWebProxy::put_AutoDetect");
  if (!options.userName.empty()) {
    Bstr userName(options.userName);
    ThrowIfFailed(proxy->put_UserName(userName.Get()), "IWebProxy::put_UserName");
  }
  if (!options.password.Empty()) {
    const HRESULT hr = SetPassword(proxy.Get(), options.password);
    options.password.Clear();
    ThrowIfFailed(hr, "IWebProxy::SetPassword");
  }
  ThrowIfFailed(session->put_WebProxy(proxy.Get()), "IUpdateSession::put_WebProxy");
}

}  // namespace wua

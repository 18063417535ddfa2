#include "network.h"

#include <wuerror.h>

#include "collections.h"
#include "com/bstr.h"

namespace sim {

namespace {

bool SameText(std::u16string_view a, std::u16string_view b) {
  return a.size() == b.size() &&
         ::CompareStringOrdinal(reinterpret_cast<const wchar_t*>(a.data()), static_cast<int>(a.size()),
                                reinterpret_cast<const wchar_t*>(b.data()), static_cast<int>(b.size()), TRUE) == CSTR_EQUAL;
}

// What an online request meets on the scenario's network: S_OK, or the failure and why.
HRESULT Answer(const NetworkData& network, const std::optional<ProxyRecord>& proxy, IWebProxy* object, std::u16string* why) {
  if (!network.reachable) {
    *why = u"the update server cannot be reached from this machine";
    return network.hresult;
  }
  if (!network.proxy) return S_OK;
  // "The value of the Address property is ignored if the value of the AutoDetect property is set
  // to VARIANT_TRUE" (IWebProxy::put_Address, learn.microsoft.com/windows/win32/api/wuapi/
  // nf-wuapi-iwebproxy-put_address): the agent then discovers the proxy, and on this network it
  // finds the one there is.
  const bool throughProxy = proxy && (proxy->autoDetect || SameText(proxy->address, network.proxy->address));
  if (!throughProxy) {
    *why = u"the update server can only be reached through the network's proxy";
    return network.hresult;
  }
  if (network.proxy->userName.empty()) return S_OK;
  // An authenticating proxy answers HTTP 407 to a request without its credentials, which the
  // agent reports as WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ (wuerror.h); users of peers meet it
  // behind corporate proxies (rgl/packer-plugin-windows-update#135).
  ComPtr<IProxyCredentials> credentials;
  const bool passwordMatches = object && SUCCEEDED(object->QueryInterface(__uuidof(IProxyCredentials), credentials.PutVoid())) &&
                               credentials->PasswordEquals(network.proxy->password);
  if (!SameText(proxy->userName, network.proxy->userName) || !passwordMatches) {
    *why = u"the proxy asks for credentials the session's proxy does not carry (HTTP 407)";
    return WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ;
  }
  return S_OK;
}

}  // namespace

std::optional<ProxyRecord> ReadProxy(IWebProxy* proxy) {
  if (!proxy) return std::nullopt;
  ProxyRecord record;
  wua::com::Bstr text;
  if (SUCCEEDED(proxy->get_Address(text.Put()))) record.address = text.ToU16();
  if (SUCCEEDED(proxy->get_UserName(text.Put()))) record.userName = text.ToU16();
  VARIANT_BOOL flag = VARIANT_FALSE;
  if (SUCCEEDED(proxy->get_BypassProxyOnLocal(&flag))) record.bypassProxyOnLocal = flag != VARIANT_FALSE;
  if (SUCCEEDED(proxy->get_AutoDetect(&flag))) record.autoDetect = flag != VARIANT_FALSE;
  ComPtr<IStringCollection> bypass;
  LONG count = 0;
  if (SUCCEEDED(proxy->get_BypassList(bypass.Put())) && bypass && SUCCEEDED(bypass->get_Count(&count))) {
    for (LONG i = 0; i < count; ++i) {
      if (SUCCEEDED(bypass->get_Item(i, text.Put()))) record.bypassList.push_back(text.ToU16());
    }
  }
  ComPtr<IProxyCredentials> credentials;
  record.passwordSet = SUCCEEDED(proxy->QueryInterface(__uuidof(IProxyCredentials), credentials.PutVoid())) && credentials->PasswordSet();
  return record;
}

HRESULT ReachNetwork(NetworkRequest request, IWebProxy* proxy) {
  request.proxy = ReadProxy(proxy);
  std::u16string why;
  if (request.online) request.hresult = Answer(Agent::Instance().CurrentScenario()->agent.network, request.proxy, proxy, &why);
  const HRESULT hr = request.hresult;
  Agent::Instance().RecordNetworkRequest(std::move(request));
  return FAILED(hr) ? Fail(hr, why) : S_OK;
}

}  // namespace sim

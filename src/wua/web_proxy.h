// The proxy a session's searches and downloads go through: a WebProxy object (IWebProxy), put on
// the session with IUpdateSession::put_WebProxy, which Microsoft lists among the members not
// available to remote callers ("Using WUA From a Remote Computer").
#pragma once
#include <string>
#include <vector>

#include "com/secret_text.h"
#include "wua/wua.h"

namespace wua {

struct WebProxyOptions {
  std::u16string address;  // "host:port"; empty for none
  std::vector<std::u16string> bypassList;
  bool bypassProxyOnLocal = false;
  bool autoDetect = false;
  std::u16string userName;
  com::SecretText password;  // empty for none; wiped once handed to the agent
};

// Makes the proxy `options` describe and puts it on `session`. The password reaches the agent
// only through IWebProxy::SetPassword, and is wiped from `options` (and from the BSTR that carried
// it) whether or not the agent took it. Throws com::ComError.
void ApplyWebProxy(IUpdateSession* session, WebProxyOptions& options);

}  // namespace wua

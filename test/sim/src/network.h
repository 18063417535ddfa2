// The network between the simulated agent and its update servers (the scenario's agent.network),
// and the record of each search and download: whether it went to the network, with which server
// selection and proxy, and what it met there.
#pragma once
#include <windows.h>

#include <optional>
#include <string_view>

#include "agent.h"

namespace sim {

// How the agent checks the password of a proxy this DLL made against the scenario's proxy.
// IWebProxy has no getter for it (a client can only set it), and the agent never hands it out.
MIDL_INTERFACE("3B0E6F52-8C41-4D7A-9E1B-5F2A7C3D9E04")
IProxyCredentials : public IUnknown {
  virtual bool PasswordSet() = 0;
  virtual bool PasswordEquals(std::u16string_view expected) = 0;
};

// What a session's proxy carries, read through IWebProxy; nothing for a session without one.
std::optional<ProxyRecord> ReadProxy(IWebProxy* proxy);

// Records a search or download of the agent's. One that goes online (request.online) reaches the
// update server only if the scenario's network lets it through; otherwise it fails with the
// network's HRESULT (its IErrorInfo set). An offline one reaches nothing and always passes.
HRESULT ReachNetwork(NetworkRequest request, IWebProxy* proxy);

}  // namespace sim

__CRT_UUID_DECL(sim::IProxyCredentials, 0x3b0e6f52, 0x8c41, 0x4d7a, 0x9e, 0x1b, 0x5f, 0x2a, 0x7c, 0x3d, 0x9e, 0x04)

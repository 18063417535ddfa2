// The agent's session object. Lives on one ComThread: created, used and released there.
#pragma once
#include <windows.h>

#include <cstdint>
#include <memory>
#include <string>

#include "com/com_ptr.h"
#include "wua/web_proxy.h"
#include "wua/wua.h"

namespace wua {

struct SessionOptions {
  std::u16string clientApplicationId;
  // Shared by the copies of these options, so that wiping its password once wipes it everywhere.
  std::shared_ptr<WebProxyOptions> webProxy;
};

struct SessionInfo {
  std::u16string clientApplicationId;
  bool readOnly = false;
  std::string apartment;  // the apartment of the thread that holds the session
  uint32_t threadId = 0;  // that thread's Win32 id
};

class Session {
 public:
  explicit Session(const SessionOptions& options);  // throws com::ComError
  SessionInfo Describe() const;
  IUpdateSession* Get() const noexcept { return session_.Get(); }

 private:
  com::ComPtr<IUpdateSession> session_;
};

}  // namespace wua

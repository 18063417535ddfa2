// The machine's own state that decides whether Windows Update can work for this process, read
// with the Windows API (token, service control manager, registry, kernel objects, WinHTTP,
// volume, terminal services), not through the agent. Each fact is read on its own thread with
// its own time bound and its own failure, so that a hung service control manager or registry
// read costs that fact only: lib/preflight.ts turns a missing fact into an `unknown` check.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wua::platform {

// Why a fact could not be read: the Windows call that failed and its Win32 error code.
struct FactFailure {
  std::string call;
  uint32_t win32Error = 0;
  bool timedOut = false;
};

template <class T>
struct Fact {
  std::optional<T> value;
  std::optional<FactFailure> failure;
};

struct TokenFacts {
  bool elevated = false;
  uint32_t elevationType = 0;   // TOKEN_ELEVATION_TYPE: 1 default, 2 full, 3 limited
  uint32_t integrityRid = 0;    // the mandatory label's RID: 0x2000 medium, 0x3000 high, 0x4000 system
  bool administrators = false;  // the Administrators group is enabled in the token
  // Logon-type groups Windows puts in every token (well-known SIDs S-1-5-4, -2, -3, -6, -14).
  bool interactive = false, network = false, batch = false, service = false, remoteInteractive = false;
  bool localSystem = false;
  uint32_t sessionId = 0;
  std::u16string user;  // DOMAIN\name of the token's user
};

struct ServiceFacts {
  bool installed = false;
  uint32_t startType = 0;  // SERVICE_BOOT_START .. SERVICE_DISABLED
  bool delayedAutoStart = false;
  uint32_t state = 0;  // SERVICE_STOPPED .. SERVICE_PAUSED
};

struct RegistryValue {
  std::u16string name;
  uint32_t type = 0;  // REG_SZ, REG_DWORD, ...
  std::optional<double> number;
  std::optional<std::u16string> text;
  std::vector<std::u16string> texts;  // REG_MULTI_SZ
  uint32_t size = 0;                  // bytes of data
};

struct KeyFacts {
  bool exists = false;
  std::vector<RegistryValue> values;
};

// A key under HKEY_LOCAL_MACHINE (64-bit view), and the values to read (empty: all of them).
struct KeyRequest {
  std::u16string path;
  std::vector<std::u16string> values;
};

struct ProxyFacts {
  uint32_t accessType = 0;  // WINHTTP_ACCESS_TYPE_*
  std::u16string proxy, bypass;
};

struct DiskFacts {
  std::u16string root;
  uint64_t freeBytes = 0, totalBytes = 0;
};

// Who is logged on interactively to this process's session (empty: nobody), beside the token's user.
struct LogonSessionFacts {
  std::u16string sessionUser;
  uint32_t activeConsoleSessionId = 0;
};

struct PreflightRequest {
  std::vector<std::u16string> services;
  std::vector<KeyRequest> keys;
  std::vector<std::u16string> mutexes;
  std::chrono::milliseconds limit{5000};
};

struct PreflightFacts {
  Fact<TokenFacts> token;
  Fact<LogonSessionFacts> logonSession;
  std::vector<Fact<ServiceFacts>> services;  // in the order requested
  std::vector<Fact<KeyFacts>> keys;
  std::vector<Fact<bool>> mutexes;  // whether each named kernel mutex exists
  Fact<ProxyFacts> proxy;
  Fact<DiskFacts> disk;
};

// Reads every fact, in parallel, each within request.limit. Never throws for a failed fact.
PreflightFacts ReadPreflightFacts(const PreflightRequest& request);

}  // namespace wua::platform

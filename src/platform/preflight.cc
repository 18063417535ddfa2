#include "platform/preflight.h"

#include <windows.h>
// windows.h first: these need its types.
#include <winhttp.h>
#include <wtsapi32.h>

#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <utility>

namespace wua::platform {

namespace {

struct Win32Failure {
  std::string call;
  uint32_t error;
};

[[noreturn]] void Fail(const char* call, DWORD error = ::GetLastError()) { throw Win32Failure{call, error}; }

std::u16string U16(const wchar_t* text, size_t length) { return std::u16string(reinterpret_cast<const char16_t*>(text), length); }
std::u16string U16(const wchar_t* text) { return text ? U16(text, wcslen(text)) : std::u16string(); }
const wchar_t* W(const std::u16string& text) { return reinterpret_cast<const wchar_t*>(text.c_str()); }

struct Handle {
  HANDLE value = nullptr;
  ~Handle() {
    if (value) ::CloseHandle(value);
  }
};

struct ServiceHandle {
  SC_HANDLE value = nullptr;
  ~ServiceHandle() {
    if (value) ::CloseServiceHandle(value);
  }
};

struct Key {
  HKEY value = nullptr;
  ~Key() {
    if (value) ::RegCloseKey(value);
  }
};

// GetTokenInformation's two-call pattern.
std::vector<BYTE> TokenInformation(HANDLE token, TOKEN_INFORMATION_CLASS kind, const char* call) {
  DWORD size = 0;
  ::GetTokenInformation(token, kind, nullptr, 0, &size);
  if (size == 0) Fail(call);
  std::vector<BYTE> buffer(size);
  if (!::GetTokenInformation(token, kind, buffer.data(), size, &size)) Fail(call);
  return buffer;
}

bool IsWellKnown(PSID sid, WELL_KNOWN_SID_TYPE type) {
  BYTE buffer[SECURITY_MAX_SID_SIZE];
  DWORD size = sizeof(buffer);
  return ::CreateWellKnownSid(type, nullptr, buffer, &size) && ::EqualSid(sid, buffer);
}

std::u16string AccountName(PSID sid) {
  wchar_t name[256], domain[256];
  DWORD nameLength = 256, domainLength = 256;
  SID_NAME_USE use;
  if (!::LookupAccountSidW(nullptr, sid, name, &nameLength, domain, &domainLength, &use)) return {};
  std::u16string out = U16(domain);
  if (!out.empty()) out += u'\\';
  return out + U16(name);
}

TokenFacts ReadToken() {
  Handle token;
  if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token.value)) Fail("OpenProcessToken");
  TokenFacts facts;
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  if (!::GetTokenInformation(token.value, TokenElevation, &elevation, sizeof(elevation), &size))
    Fail("GetTokenInformation(TokenElevation)");
  facts.elevated = elevation.TokenIsElevated != 0;
  TOKEN_ELEVATION_TYPE type{};
  if (!::GetTokenInformation(token.value, TokenElevationType, &type, sizeof(type), &size)) Fail("GetTokenInformation(TokenElevationType)");
  facts.elevationType = static_cast<uint32_t>(type);
  DWORD session = 0;
  if (!::GetTokenInformation(token.value, TokenSessionId, &session, sizeof(session), &size)) Fail("GetTokenInformation(TokenSessionId)");
  facts.sessionId = session;

  auto label = TokenInformation(token.value, TokenIntegrityLevel, "GetTokenInformation(TokenIntegrityLevel)");
  PSID labelSid = reinterpret_cast<TOKEN_MANDATORY_LABEL*>(label.data())->Label.Sid;
  facts.integrityRid = *::GetSidSubAuthority(labelSid, *::GetSidSubAuthorityCount(labelSid) - 1);

  auto user = TokenInformation(token.value, TokenUser, "GetTokenInformation(TokenUser)");
  PSID userSid = reinterpret_cast<TOKEN_USER*>(user.data())->User.Sid;
  facts.localSystem = IsWellKnown(userSid, WinLocalSystemSid);
  facts.user = AccountName(userSid);

  auto groups = TokenInformation(token.value, TokenGroups, "GetTokenInformation(TokenGroups)");
  const auto* list = reinterpret_cast<TOKEN_GROUPS*>(groups.data());
  for (DWORD i = 0; i < list->GroupCount; ++i) {
    PSID sid = list->Groups[i].Sid;
    const bool enabled = (list->Groups[i].Attributes & SE_GROUP_ENABLED) != 0;
    facts.interactive |= IsWellKnown(sid, WinInteractiveSid);
    facts.network |= IsWellKnown(sid, WinNetworkSid);
    facts.batch |= IsWellKnown(sid, WinBatchSid);
    facts.service |= IsWellKnown(sid, WinServiceSid);
    facts.remoteInteractive |= IsWellKnown(sid, WinRemoteLogonIdSid);
    facts.administrators |= enabled && IsWellKnown(sid, WinBuiltinAdministratorsSid);
  }
  return facts;
}

LogonSessionFacts ReadLogonSession() {
  DWORD session = 0;
  if (!::ProcessIdToSessionId(::GetCurrentProcessId(), &session)) Fail("ProcessIdToSessionId");
  LogonSessionFacts facts;
  facts.activeConsoleSessionId = ::WTSGetActiveConsoleSessionId();
  auto query = [&](WTS_INFO_CLASS kind) {
    LPWSTR text = nullptr;
    DWORD bytes = 0;
    if (!::WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, session, kind, &text, &bytes)) Fail("WTSQuerySessionInformation");
    std::u16string out = U16(text);
    ::WTSFreeMemory(text);
    return out;
  };
  const std::u16string name = query(WTSUserName);
  if (!name.empty()) {
    const std::u16string domain = query(WTSDomainName);
    facts.sessionUser = domain.empty() ? name : domain + u'\\' + name;
  }
  return facts;
}

ServiceFacts ReadService(const std::u16string& name) {
  ServiceHandle manager;
  manager.value = ::OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT);
  if (!manager.value) Fail("OpenSCManager");
  ServiceHandle service;
  service.value = ::OpenServiceW(manager.value, W(name), SERVICE_QUERY_CONFIG | SERVICE_QUERY_STATUS);
  ServiceFacts facts;
  if (!service.value) {
    if (::GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST) return facts;
    Fail("OpenService");
  }
  facts.installed = true;
  DWORD size = 0;
  ::QueryServiceConfigW(service.value, nullptr, 0, &size);
  if (::GetLastError() != ERROR_INSUFFICIENT_BUFFER) Fail("QueryServiceConfig");
  std::vector<BYTE> config(size);
  if (!::QueryServiceConfigW(service.value, reinterpret_cast<QUERY_SERVICE_CONFIGW*>(config.data()), size, &size))
    Fail("QueryServiceConfig");
  facts.startType = reinterpret_cast<QUERY_SERVICE_CONFIGW*>(config.data())->dwStartType;
  // Only a refinement of an automatic start: a system that lacks it loses no other fact.
  SERVICE_DELAYED_AUTO_START_INFO delayed{};
  if (::QueryServiceConfig2W(service.value, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, reinterpret_cast<BYTE*>(&delayed), sizeof(delayed),
                             &size)) {
    facts.delayedAutoStart = delayed.fDelayedAutostart != FALSE;
  }
  SERVICE_STATUS status{};
  if (!::QueryServiceStatus(service.value, &status)) Fail("QueryServiceStatus");
  facts.state = status.dwCurrentState;
  return facts;
}

RegistryValue ValueOf(std::u16string name, DWORD type, const std::vector<BYTE>& data) {
  RegistryValue value;
  value.name = std::move(name);
  value.type = type;
  value.size = static_cast<uint32_t>(data.size());
  auto wide = [&] { return reinterpret_cast<const wchar_t*>(data.data()); };
  const size_t chars = data.size() / sizeof(wchar_t);
  switch (type) {
    case REG_DWORD:
      if (data.size() >= 4) value.number = *reinterpret_cast<const DWORD*>(data.data());
      break;
    case REG_QWORD:
      if (data.size() >= 8) value.number = static_cast<double>(*reinterpret_cast<const ULONGLONG*>(data.data()));
      break;
    case REG_SZ:
    case REG_EXPAND_SZ: {
      size_t length = 0;
      while (length < chars && wide()[length] != L'\0') ++length;
      value.text = U16(wide(), length);
      break;
    }
    case REG_MULTI_SZ:
      for (size_t start = 0; start < chars;) {
        size_t end = start;
        while (end < chars && wide()[end] != L'\0') ++end;
        if (end > start) value.texts.push_back(U16(wide() + start, end - start));
        start = end + 1;
      }
      break;
    default: break;
  }
  return value;
}

// One value's type and data; false when the key has no such value.
bool QueryValue(HKEY key, const wchar_t* name, DWORD* type, std::vector<BYTE>* data) {
  DWORD size = 0;
  LSTATUS status = ::RegQueryValueExW(key, name, nullptr, type, nullptr, &size);
  if (status == ERROR_FILE_NOT_FOUND) return false;
  if (status != ERROR_SUCCESS) Fail("RegQueryValueEx", status);
  data->resize(size);
  status = ::RegQueryValueExW(key, name, nullptr, type, data->data(), &size);
  if (status != ERROR_SUCCESS) Fail("RegQueryValueEx", status);
  data->resize(size);
  return true;
}

KeyFacts ReadKey(const KeyRequest& request) {
  Key key;
  LSTATUS status = ::RegOpenKeyExW(HKEY_LOCAL_MACHINE, W(request.path), 0, KEY_READ | KEY_WOW64_64KEY, &key.value);
  KeyFacts facts;
  if (status == ERROR_FILE_NOT_FOUND) return facts;
  if (status != ERROR_SUCCESS) Fail("RegOpenKeyEx", status);
  facts.exists = true;
  DWORD type = 0;
  std::vector<BYTE> data;
  if (!request.values.empty()) {
    for (const std::u16string& name : request.values) {
      if (QueryValue(key.value, W(name), &type, &data)) facts.values.push_back(ValueOf(name, type, data));
    }
    return facts;
  }
  for (DWORD index = 0;; ++index) {
    wchar_t name[16384];
    DWORD nameLength = 16384;
    status = ::RegEnumValueW(key.value, index, name, &nameLength, nullptr, nullptr, nullptr, nullptr);
    if (status == ERROR_NO_MORE_ITEMS) break;
    if (status != ERROR_SUCCESS) Fail("RegEnumValue", status);
    if (QueryValue(key.value, name, &type, &data)) facts.values.push_back(ValueOf(U16(name, nameLength), type, data));
  }
  return facts;
}

bool MutexExists(const std::u16string& name) {
  Handle mutex;
  mutex.value = ::OpenMutexW(SYNCHRONIZE, FALSE, W(name));
  if (mutex.value) return true;
  const DWORD error = ::GetLastError();
  if (error == ERROR_FILE_NOT_FOUND) return false;
  // Another account's mutex that this one may not open still exists.
  if (error == ERROR_ACCESS_DENIED) return true;
  Fail("OpenMutex", error);
}

ProxyFacts ReadProxy() {
  WINHTTP_PROXY_INFO info{};
  if (!::WinHttpGetDefaultProxyConfiguration(&info)) Fail("WinHttpGetDefaultProxyConfiguration");
  ProxyFacts facts{info.dwAccessType, U16(info.lpszProxy), U16(info.lpszProxyBypass)};
  if (info.lpszProxy) ::GlobalFree(info.lpszProxy);
  if (info.lpszProxyBypass) ::GlobalFree(info.lpszProxyBypass);
  return facts;
}

DiskFacts ReadDisk() {
  wchar_t windows[MAX_PATH];
  const UINT length = ::GetSystemWindowsDirectoryW(windows, MAX_PATH);
  if (length < 3 || length >= MAX_PATH) Fail("GetSystemWindowsDirectory");
  DiskFacts facts;
  facts.root = U16(windows, 3);  // "C:\"
  ULARGE_INTEGER available{}, total{}, free{};
  if (!::GetDiskFreeSpaceExW(W(facts.root), &available, &total, &free)) Fail("GetDiskFreeSpaceEx");
  facts.freeBytes = available.QuadPart;
  facts.totalBytes = total.QuadPart;
  return facts;
}

// A fact being read on its own thread. The thread owns what it reads into, so a read that never
// returns is left behind with its thread rather than holding the whole report; every other
// thread is joined, so that none is still running the addon's code when the process exits.
template <class T>
class Pending {
 public:
  explicit Pending(std::function<T()> read) {
    auto promise = std::make_shared<std::promise<T>>();
    future_ = promise->get_future();
    thread_ = std::thread([promise, read = std::move(read)] {
      try {
        promise->set_value(read());
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
  }
  Pending(Pending&&) = default;
  ~Pending() {
    if (thread_.joinable()) thread_.detach();
  }

  Fact<T> Wait(std::chrono::steady_clock::time_point deadline, const char* call) {
    Fact<T> fact;
    if (future_.wait_until(deadline) != std::future_status::ready) {
      thread_.detach();
      fact.failure = FactFailure{call, WAIT_TIMEOUT, true};
      return fact;
    }
    thread_.join();
    try {
      fact.value = future_.get();
    } catch (const Win32Failure& failure) {
      fact.failure = FactFailure{failure.call, failure.error, false};
    } catch (const std::exception& error) {
      fact.failure = FactFailure{error.what(), ERROR_OUTOFMEMORY, false};
    }
    return fact;
  }

 private:
  std::future<T> future_;
  std::thread thread_;
};

}  // namespace

PreflightFacts ReadPreflightFacts(const PreflightRequest& request) {
  const auto deadline = std::chrono::steady_clock::now() + request.limit;
  Pending<TokenFacts> token(ReadToken);
  Pending<LogonSessionFacts> logonSession(ReadLogonSession);
  Pending<ProxyFacts> proxy(ReadProxy);
  Pending<DiskFacts> disk(ReadDisk);
  std::vector<Pending<ServiceFacts>> services;
  for (const std::u16string& name : request.services) services.emplace_back([name] { return ReadService(name); });
  std::vector<Pending<KeyFacts>> keys;
  for (const KeyRequest& key : request.keys) keys.emplace_back([key] { return ReadKey(key); });
  std::vector<Pending<bool>> mutexes;
  for (const std::u16string& name : request.mutexes) mutexes.emplace_back([name] { return MutexExists(name); });

  PreflightFacts facts;
  facts.token = token.Wait(deadline, "OpenProcessToken");
  facts.logonSession = logonSession.Wait(deadline, "WTSQuerySessionInformation");
  facts.proxy = proxy.Wait(deadline, "WinHttpGetDefaultProxyConfiguration");
  facts.disk = disk.Wait(deadline, "GetDiskFreeSpaceEx");
  for (auto& service : services) facts.services.push_back(service.Wait(deadline, "QueryServiceConfig"));
  for (auto& key : keys) facts.keys.push_back(key.Wait(deadline, "RegOpenKeyEx"));
  for (auto& mutex : mutexes) facts.mutexes.push_back(mutex.Wait(deadline, "OpenMutex"));
  return facts;
}

}  // namespace wua::platform

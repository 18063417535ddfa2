// The broker's service host (wua-broker.exe): the process the service control manager starts as
// LocalSystem. Node cannot talk to the SCM, nor put a security descriptor on a named pipe, so this
// program does both, and is the only way into the agent host it runs:
//  - it owns the pipe \\.\pipe\windows-update-agent-broker, whose DACL grants SYSTEM and
//    BUILTIN\Administrators alone, first instance only (no one can squat the name before it),
//    local clients only;
//  - on every connection it reads the client's hello, impersonates the client, checks the token for
//    membership in Administrators or being SYSTEM, reverts, and only then relays a byte;
//  - it starts the Node agent host (dist/broker/agent-host.js) from the folder it is installed in,
//    never from a path a client or the command line names, and relays every admitted connection to
//    it over the host's stdin/stdout, one frame per piece of traffic (broker_frames.h);
//  - when the agent host leaves (idle, or told to by a stop), the service stops.
// Nothing here parses what a client says beyond the hello: the agent host validates every call.
#include <aclapi.h>
#include <sddl.h>
#include <windows.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "broker/broker_frames.h"

namespace {

constexpr wchar_t kServiceName[] = L"WindowsUpdateAgentBroker";
constexpr wchar_t kPipeName[] = L"\\\\.\\pipe\\windows-update-agent-broker";
constexpr wchar_t kParametersKey[] = L"SYSTEM\\CurrentControlSet\\Services\\WindowsUpdateAgentBroker\\Parameters";
// SYSTEM and BUILTIN\Administrators, full access; P: no inherited ACE widens it.
constexpr wchar_t kPipeSddl[] = L"D:P(A;;GA;;;SY)(A;;GA;;;BA)";
constexpr DWORD kPipeBuffer = 64 * 1024;
// How long the agent host has to close its sessions after a stop before it is ended.
constexpr DWORD kStopWaitMs = 30000;
constexpr DWORD kDefaultIdleSeconds = 300;

SERVICE_STATUS_HANDLE g_status_handle = nullptr;
SERVICE_STATUS g_status = {};
HANDLE g_host_stdin = nullptr;   // our end: frames to the agent host
HANDLE g_host_stdout = nullptr;  // our end: frames from it
HANDLE g_host_process = nullptr;
HANDLE g_host_job = nullptr;
std::mutex g_host_write_lock;

struct Connection {
  HANDLE pipe;
  std::mutex write_lock;
};
std::mutex g_connections_lock;
std::map<uint32_t, std::shared_ptr<Connection>> g_connections;
uint32_t g_next_connection = 1;

void ReportStatus(DWORD state, DWORD exit_code = NO_ERROR, DWORD wait_hint = 0) {
  g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
  g_status.dwCurrentState = state;
  g_status.dwWin32ExitCode = exit_code;
  g_status.dwWaitHint = wait_hint;
  g_status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
  if (state == SERVICE_RUNNING || state == SERVICE_STOPPED) {
    g_status.dwCheckPoint = 0;
  } else {
    ++g_status.dwCheckPoint;
  }
  SetServiceStatus(g_status_handle, &g_status);
}

DWORD ReadParameter(const wchar_t* name, DWORD fallback) {
  DWORD value = 0;
  DWORD size = sizeof(value);
  if (RegGetValueW(HKEY_LOCAL_MACHINE, kParametersKey, name, RRF_RT_REG_DWORD, nullptr, &value, &size) != ERROR_SUCCESS) {
    return fallback;
  }
  return value;
}

// The folder this program was started from: the protected folder `wua broker install` made.
std::wstring OwnFolder() {
  std::wstring path(MAX_PATH, L'\0');
  for (;;) {
    DWORD length = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    if (length == 0) return L"";
    if (length < path.size()) {
      path.resize(length);
      break;
    }
    path.resize(path.size() * 2);
  }
  return path.substr(0, path.find_last_of(L'\\'));
}

bool WriteAll(HANDLE handle, const void* data, DWORD size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    DWORD written = 0;
    if (!WriteFile(handle, bytes, size, &written, nullptr) || written == 0) return false;
    bytes += written;
    size -= written;
  }
  return true;
}

bool ReadAll(HANDLE handle, void* data, DWORD size) {
  char* bytes = static_cast<char*>(data);
  while (size > 0) {
    DWORD read = 0;
    if (!ReadFile(handle, bytes, size, &read, nullptr) || read == 0) return false;
    bytes += read;
    size -= read;
  }
  return true;
}

// Overlapped I/O on a client's pipe: its reader thread and the dispatcher write and read at the
// same time, which a handle opened for synchronous I/O would serialise into a deadlock.
bool PipeIo(HANDLE pipe, bool write, void* data, DWORD size, DWORD* done) {
  OVERLAPPED overlapped = {};
  overlapped.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  if (!overlapped.hEvent) return false;
  BOOL ok = write ? WriteFile(pipe, data, size, nullptr, &overlapped) : ReadFile(pipe, data, size, nullptr, &overlapped);
  if (!ok && GetLastError() != ERROR_IO_PENDING) {
    CloseHandle(overlapped.hEvent);
    return false;
  }
  ok = GetOverlappedResult(pipe, &overlapped, done, TRUE);
  CloseHandle(overlapped.hEvent);
  return ok && *done > 0;
}

bool PipeWriteAll(HANDLE pipe, const char* data, DWORD size) {
  while (size > 0) {
    DWORD written = 0;
    if (!PipeIo(pipe, true, const_cast<char*>(data), size, &written)) return false;
    data += written;
    size -= written;
  }
  return true;
}

bool PipeReadAll(HANDLE pipe, char* data, DWORD size) {
  while (size > 0) {
    DWORD read = 0;
    if (!PipeIo(pipe, false, data, size, &read)) return false;
    data += read;
    size -= read;
  }
  return true;
}

bool SendToHost(uint32_t connection, uint8_t kind, const char* data, uint32_t size) {
  broker::FrameHeader header = broker::MakeHeader(connection, kind, size);
  std::lock_guard<std::mutex> lock(g_host_write_lock);
  return WriteAll(g_host_stdin, &header, sizeof(header)) && (size == 0 || WriteAll(g_host_stdin, data, size));
}

// Whether the client on `pipe` may use the broker: its token (seen by impersonating it) is SYSTEM's
// or holds BUILTIN\Administrators enabled. The service's Parameters value TestRefuseClients (DWORD 1),
// a seam for tests on systems where every process is an administrator (Wine), makes the check
// refuse every client; it can only ever refuse, never admit.
bool ClientAllowed(HANDLE pipe) {
  if (!ImpersonateNamedPipeClient(pipe)) return false;
  HANDLE token = nullptr;
  bool opened = OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token);
  // Nothing runs as the client past this point; a thread that cannot stop being the client must
  // not run anything at all.
  if (!RevertToSelf()) ExitProcess(1);
  if (!opened) return false;
  bool allowed = false;
  BYTE admins[SECURITY_MAX_SID_SIZE];
  BYTE system[SECURITY_MAX_SID_SIZE];
  DWORD admins_size = sizeof(admins);
  DWORD system_size = sizeof(system);
  BOOL member = FALSE;
  if (CreateWellKnownSid(WinBuiltinAdministratorsSid, nullptr, admins, &admins_size) && CheckTokenMembership(token, admins, &member) &&
      member) {
    allowed = true;
  }
  member = FALSE;
  if (!allowed && CreateWellKnownSid(WinLocalSystemSid, nullptr, system, &system_size) && CheckTokenMembership(token, system, &member) &&
      member) {
    allowed = true;
  }
  CloseHandle(token);
  if (ReadParameter(L"TestRefuseClients", 0) == 1) allowed = false;
  return allowed;
}

void CloseConnection(uint32_t id) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard<std::mutex> lock(g_connections_lock);
    auto found = g_connections.find(id);
    if (found == g_connections.end()) return;
    connection = found->second;
    g_connections.erase(found);
  }
  FlushFileBuffers(connection->pipe);
  DisconnectNamedPipe(connection->pipe);
  CloseHandle(connection->pipe);
}

// One client: the hello, the token check, then its bytes to the agent host until it leaves.
DWORD WINAPI ServeClient(void* parameter) {
  HANDLE pipe = parameter;
  char hello[broker::kHelloSize];
  // The client must have written before it can be impersonated (ERROR_CANNOT_IMPERSONATE).
  bool greeted = PipeReadAll(pipe, hello, sizeof(hello)) && std::memcmp(hello, broker::kHello, sizeof(hello)) == 0;
  bool allowed = greeted && ClientAllowed(pipe);
  char answer = allowed ? broker::kAdmitted : broker::kRefused;
  if (greeted) PipeWriteAll(pipe, &answer, 1);
  if (!allowed) {
    FlushFileBuffers(pipe);
    DisconnectNamedPipe(pipe);
    CloseHandle(pipe);
    return 0;
  }
  auto connection = std::make_shared<Connection>();
  connection->pipe = pipe;
  uint32_t id;
  {
    std::lock_guard<std::mutex> lock(g_connections_lock);
    id = g_next_connection++;
    g_connections[id] = connection;
  }
  SendToHost(id, broker::kOpen, nullptr, 0);
  std::unique_ptr<char[]> buffer(new char[kPipeBuffer]);
  for (;;) {
    DWORD read = 0;
    if (!PipeIo(pipe, false, buffer.get(), kPipeBuffer, &read)) break;
    if (!SendToHost(id, broker::kData, buffer.get(), read)) break;
  }
  SendToHost(id, broker::kClose, nullptr, 0);
  CloseConnection(id);
  return 0;
}

// Frames from the agent host to the clients, until it leaves.
void DispatchFromHost() {
  std::string data;
  for (;;) {
    broker::FrameHeader header;
    if (!ReadAll(g_host_stdout, &header, sizeof(header))) return;
    uint32_t size = broker::FrameSize(header);
    if (size > broker::kMaxFrame) return;
    data.resize(size);
    if (size && !ReadAll(g_host_stdout, data.data(), size)) return;
    uint32_t id = broker::FrameConnection(header);
    if (header.kind == broker::kClose) {
      CloseConnection(id);
      continue;
    }
    std::shared_ptr<Connection> connection;
    {
      std::lock_guard<std::mutex> lock(g_connections_lock);
      auto found = g_connections.find(id);
      if (found != g_connections.end()) connection = found->second;
    }
    if (!connection) continue;
    std::lock_guard<std::mutex> lock(connection->write_lock);
    // A client that is gone is noticed by its reader thread.
    PipeWriteAll(connection->pipe, data.data(), size);
  }
}

HANDLE CreatePipeInstance(bool first, SECURITY_ATTRIBUTES* attributes) {
  DWORD open_mode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | (first ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
  // Remote clients are refused: the broker is for shells on this machine (SSH, WinRM and
  // PsExec sessions all run their commands here).
  DWORD pipe_mode = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
  return CreateNamedPipeW(kPipeName, open_mode, pipe_mode, PIPE_UNLIMITED_INSTANCES, kPipeBuffer, kPipeBuffer, 0, attributes);
}

DWORD WINAPI AcceptClients(void* parameter) {
  HANDLE pipe = parameter;
  SECURITY_ATTRIBUTES attributes = {sizeof(attributes), nullptr, FALSE};
  ConvertStringSecurityDescriptorToSecurityDescriptorW(kPipeSddl, SDDL_REVISION_1, &attributes.lpSecurityDescriptor, nullptr);
  for (;;) {
    OVERLAPPED overlapped = {};
    overlapped.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    BOOL connected = ConnectNamedPipe(pipe, &overlapped);
    DWORD error = GetLastError();
    if (!connected && error == ERROR_IO_PENDING) {
      DWORD ignored = 0;
      connected = GetOverlappedResult(pipe, &overlapped, &ignored, TRUE);
    } else if (!connected && error == ERROR_PIPE_CONNECTED) {
      connected = TRUE;
    }
    CloseHandle(overlapped.hEvent);
    HANDLE next = CreatePipeInstance(false, &attributes);
    if (connected) {
      HANDLE thread = CreateThread(nullptr, 0, ServeClient, pipe, 0, nullptr);
      if (thread) {
        CloseHandle(thread);
      } else {
        CloseHandle(pipe);
      }
    } else {
      CloseHandle(pipe);
    }
    if (next == INVALID_HANDLE_VALUE) return 1;
    pipe = next;
  }
}

// Starts `node.exe agent-host.js` from this program's folder, its stdin and stdout ours, in a job
// object that ends it (and the isolated children it starts) with this process.
bool StartAgentHost(const std::wstring& folder, DWORD idle_seconds) {
  SECURITY_ATTRIBUTES inheritable = {sizeof(inheritable), nullptr, TRUE};
  HANDLE child_stdin = nullptr;
  HANDLE child_stdout = nullptr;
  if (!CreatePipe(&child_stdin, &g_host_stdin, &inheritable, kPipeBuffer)) return false;
  if (!CreatePipe(&g_host_stdout, &child_stdout, &inheritable, kPipeBuffer)) return false;
  SetHandleInformation(g_host_stdin, HANDLE_FLAG_INHERIT, 0);
  SetHandleInformation(g_host_stdout, HANDLE_FLAG_INHERIT, 0);
  std::wstring log_path = folder + L"\\broker.log";
  HANDLE log = CreateFileW(log_path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, &inheritable, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
  std::wstring node = folder + L"\\node.exe";
  std::wstring script = folder + L"\\package\\dist\\broker\\agent-host.js";
  std::wstring command = L"\"" + node + L"\" \"" + script + L"\" --idle-seconds=" + std::to_wstring(idle_seconds);
  STARTUPINFOW startup = {};
  startup.cb = sizeof(startup);
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = child_stdin;
  startup.hStdOutput = child_stdout;
  startup.hStdError = log != INVALID_HANDLE_VALUE ? log : nullptr;
  PROCESS_INFORMATION process = {};
  BOOL started = CreateProcessW(node.c_str(), command.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW | CREATE_SUSPENDED, nullptr,
                                folder.c_str(), &startup, &process);
  CloseHandle(child_stdin);
  CloseHandle(child_stdout);
  if (log != INVALID_HANDLE_VALUE) CloseHandle(log);
  if (!started) return false;
  g_host_job = CreateJobObjectW(nullptr, nullptr);
  if (g_host_job) {
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits = {};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    SetInformationJobObject(g_host_job, JobObjectExtendedLimitInformation, &limits, sizeof(limits));
    AssignProcessToJobObject(g_host_job, process.hProcess);
  }
  ResumeThread(process.hThread);
  CloseHandle(process.hThread);
  g_host_process = process.hProcess;
  return true;
}

DWORD WINAPI HandleControl(DWORD control, DWORD, void*, void*) {
  if (control == SERVICE_CONTROL_STOP || control == SERVICE_CONTROL_SHUTDOWN) {
    ReportStatus(SERVICE_STOP_PENDING, NO_ERROR, kStopWaitMs);
    // The agent host's stdin ends: it closes its agent sessions and leaves.
    std::lock_guard<std::mutex> lock(g_host_write_lock);
    CloseHandle(g_host_stdin);
    g_host_stdin = INVALID_HANDLE_VALUE;
    return NO_ERROR;
  }
  return control == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
}

void WINAPI ServiceMain(DWORD, wchar_t**) {
  g_status_handle = RegisterServiceCtrlHandlerExW(kServiceName, HandleControl, nullptr);
  if (!g_status_handle) return;
  ReportStatus(SERVICE_START_PENDING, NO_ERROR, 10000);
  SECURITY_ATTRIBUTES attributes = {sizeof(attributes), nullptr, FALSE};
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(kPipeSddl, SDDL_REVISION_1, &attributes.lpSecurityDescriptor, nullptr)) {
    ReportStatus(SERVICE_STOPPED, GetLastError());
    return;
  }
  // The first instance, or nothing: a pipe of this name made by anyone else means someone is
  // waiting for administrators' traffic.
  HANDLE pipe = CreatePipeInstance(true, &attributes);
  if (pipe == INVALID_HANDLE_VALUE) {
    ReportStatus(SERVICE_STOPPED, GetLastError());
    return;
  }
  std::wstring folder = OwnFolder();
  if (folder.empty() || !StartAgentHost(folder, ReadParameter(L"IdleSeconds", kDefaultIdleSeconds))) {
    ReportStatus(SERVICE_STOPPED, GetLastError());
    return;
  }
  HANDLE acceptor = CreateThread(nullptr, 0, AcceptClients, pipe, 0, nullptr);
  if (acceptor) CloseHandle(acceptor);
  ReportStatus(SERVICE_RUNNING);
  DispatchFromHost();
  // The agent host has left: idle, stopped, or failed. Give it the stop's time to be gone.
  if (WaitForSingleObject(g_host_process, kStopWaitMs) != WAIT_OBJECT_0) TerminateProcess(g_host_process, 1);
  DWORD exit_code = 0;
  GetExitCodeProcess(g_host_process, &exit_code);
  if (g_host_job) CloseHandle(g_host_job);
  ReportStatus(SERVICE_STOPPED, exit_code == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR);
}

// ----- the install's folder check (`wua broker install` runs this program with --secure-folder) -----

// The folder the service runs from: owned by Administrators, SYSTEM and Administrators may change
// it, Users may read and run it, and no ACE is inherited from above (P) that could widen that.
constexpr wchar_t kFolderSddl[] = L"O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";
// Rights that let a holder change what the service runs: write or append data, add files or
// folders, delete, change the DACL or the owner, and the generic rights that include them.
constexpr ACCESS_MASK kWriteRights = FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES | FILE_DELETE_CHILD |
                                     DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL | MAXIMUM_ALLOWED;

// The user running the install, when its token holds Administrators: where the file system makes a
// file's creator its owner whatever owner is asked for (Wine does), that owner is an administrator.
PSID g_installing_administrator = nullptr;

void FindInstallingAdministrator() {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return;
  BYTE admins[SECURITY_MAX_SID_SIZE];
  DWORD admins_size = sizeof(admins);
  BOOL member = FALSE;
  static BYTE user_buffer[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
  DWORD size = sizeof(user_buffer);
  if (CreateWellKnownSid(WinBuiltinAdministratorsSid, nullptr, admins, &admins_size) && CheckTokenMembership(nullptr, admins, &member) &&
      member && GetTokenInformation(token, TokenUser, user_buffer, size, &size)) {
    g_installing_administrator = reinterpret_cast<TOKEN_USER*>(user_buffer)->User.Sid;
  }
  CloseHandle(token);
}

// Whether `sid` is SYSTEM, BUILTIN\Administrators, TrustedInstaller (NT SERVICE\TrustedInstaller,
// which owns Windows' own folders), or the administrator running the install.
bool IsTrustedSid(PSID sid) {
  if (IsWellKnownSid(sid, WinLocalSystemSid) || IsWellKnownSid(sid, WinBuiltinAdministratorsSid)) return true;
  if (g_installing_administrator && EqualSid(sid, g_installing_administrator)) return true;
  wchar_t* text = nullptr;
  if (!ConvertSidToStringSidW(sid, &text)) return false;
  bool trusted = std::wcscmp(text, L"S-1-5-80-956008885-3418522649-1831038044-1856505627-2524537224") == 0;
  LocalFree(text);
  return trusted;
}

// Whether only trusted SIDs own `path` and may change it (ACEs that apply only to children are
// left out when `own_only`: a parent's CREATOR OWNER entry is not about the parent).
bool OnlyAdministratorsWrite(const std::wstring& path, bool own_only, std::wstring* problem) {
  PSID owner = nullptr;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  DWORD error = GetNamedSecurityInfoW(path.c_str(), SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner, nullptr,
                                      &dacl, nullptr, &descriptor);
  if (error != ERROR_SUCCESS) {
    *problem = L"cannot read the security of " + path + L" (error " + std::to_wstring(error) + L")";
    return false;
  }
  bool ok = true;
  if (!owner || !IsTrustedSid(owner)) {
    *problem = path + L" is not owned by Administrators or SYSTEM";
    ok = false;
  } else if (!dacl) {
    *problem = path + L" has no DACL: everyone may change it";
    ok = false;
  }
  for (DWORD i = 0; ok && i < dacl->AceCount; ++i) {
    ACE_HEADER* header = nullptr;
    if (!GetAce(dacl, i, reinterpret_cast<void**>(&header))) continue;
    if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
    if (own_only && (header->AceFlags & INHERIT_ONLY_ACE)) continue;
    auto* ace = reinterpret_cast<ACCESS_ALLOWED_ACE*>(header);
    if ((ace->Mask & kWriteRights) && !IsTrustedSid(&ace->SidStart)) {
      wchar_t* text = nullptr;
      ConvertSidToStringSidW(&ace->SidStart, &text);
      *problem = path + L" lets " + (text ? text : L"a SID") + L" change it (only Administrators and SYSTEM may)";
      if (text) LocalFree(text);
      ok = false;
    }
  }
  LocalFree(descriptor);
  return ok;
}

// Puts the folder's DACL on `path` and, for a folder, on everything in it.
bool Secure(const std::wstring& path, PSECURITY_DESCRIPTOR descriptor, std::wstring* problem) {
  BOOL present = FALSE;
  BOOL defaulted = FALSE;
  PACL dacl = nullptr;
  PSID owner = nullptr;
  GetSecurityDescriptorDacl(descriptor, &present, &dacl, &defaulted);
  GetSecurityDescriptorOwner(descriptor, &owner, &defaulted);
  DWORD error = SetNamedSecurityInfoW(const_cast<wchar_t*>(path.c_str()), SE_FILE_OBJECT,
                                      OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, owner,
                                      nullptr, dacl, nullptr);
  if (error != ERROR_SUCCESS) {
    *problem = L"cannot set the security of " + path + L" (error " + std::to_wstring(error) + L")";
    return false;
  }
  DWORD attributes = GetFileAttributesW(path.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) return true;
  WIN32_FIND_DATAW found;
  HANDLE search = FindFirstFileW((path + L"\\*").c_str(), &found);
  if (search == INVALID_HANDLE_VALUE) return true;
  bool ok = true;
  do {
    if (!std::wcscmp(found.cFileName, L".") || !std::wcscmp(found.cFileName, L"..")) continue;
    // A link could point the service at a file outside the folder.
    if (found.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) {
      *problem = path + L"\\" + found.cFileName + L" is a link";
      ok = false;
      break;
    }
    ok = Secure(path + L"\\" + found.cFileName, descriptor, problem) &&
         OnlyAdministratorsWrite(path + L"\\" + found.cFileName, false, problem);
  } while (ok && FindNextFileW(search, &found));
  FindClose(search);
  return ok;
}

// Secures `folder` and checks it and its parent; prints the problem and returns 2 when it cannot.
int SecureFolder(const std::wstring& folder) {
  FindInstallingAdministrator();
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  std::wstring problem;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(kFolderSddl, SDDL_REVISION_1, &descriptor, nullptr)) {
    problem = L"cannot build the folder's security descriptor";
  } else {
    std::wstring parent = folder.substr(0, folder.find_last_of(L'\\'));
    bool ok = Secure(folder, descriptor, &problem) && OnlyAdministratorsWrite(folder, false, &problem) &&
              OnlyAdministratorsWrite(parent, true, &problem);
    LocalFree(descriptor);
    if (ok) return 0;
  }
  fwprintf(stderr, L"%ls\n", problem.c_str());
  return 2;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc == 3 && std::wcscmp(argv[1], L"--secure-folder") == 0) return SecureFolder(argv[2]);
  SERVICE_TABLE_ENTRYW table[] = {{const_cast<wchar_t*>(kServiceName), ServiceMain}, {nullptr, nullptr}};
  // Otherwise only the service control manager runs this program; started any other way it does nothing.
  return StartServiceCtrlDispatcherW(table) ? 0 : 1;
}

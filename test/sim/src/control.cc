// The tests' handle on the simulator: the same DLL, loaded into the test process with
// process.dlopen, exports one Node-API function, control(command, argument) -> JSON text.
// COM clients never reach this; in hosts other than Node it is never called, and its Node-API
// imports are delay-loaded, so the DLL loads in cscript and regsvr32 as well.
#include <node_api.h>
#include <windows.h>

#include <tlhelp32.h>

#include <string>

#include "agent.h"
#include "diagnostics.h"
#include "json.h"
#include "module.h"
#include "typelib.h"
#include "wedge.h"

namespace sim {

namespace {

std::string Utf8(const std::wstring& text) { return json::ToUtf8(std::u16string(text.begin(), text.end())); }
std::wstring Wide(const std::string& text) {
  const std::u16string wide = json::ToUtf16(text);
  return std::wstring(wide.begin(), wide.end());
}

json::Value LiveObjects() {
  json::Value classes = json::Value::Object();
  for (const auto& [name, count] : Diagnostics::LiveObjects()) classes.Set(name, count);
  json::Value out = json::Value::Object();
  out.Set("total", Diagnostics::LiveObjectTotal()).Set("classes", std::move(classes));
  return out;
}

// The processes the system lists now (a Toolhelp snapshot, which Wine implements where its
// tasklist is a stub): for tests that check which processes are left.
json::Value Processes() {
  json::Value out = json::Value::Array();
  HANDLE snapshot = ::CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snapshot == INVALID_HANDLE_VALUE) throw std::runtime_error("CreateToolhelp32Snapshot failed");
  PROCESSENTRY32W entry{};
  entry.dwSize = sizeof entry;
  for (BOOL more = ::Process32FirstW(snapshot, &entry); more; more = ::Process32NextW(snapshot, &entry)) {
    json::Value process = json::Value::Object();
    process.Set("pid", static_cast<double>(entry.th32ProcessID))
        .Set("parentPid", static_cast<double>(entry.th32ParentProcessID))
        .Set("executable", Utf8(entry.szExeFile));
    out.Push(std::move(process));
  }
  ::CloseHandle(snapshot);
  return out;
}

// The handles this process holds, two ways: GetProcessHandleCount, which Wine 8 answers with 0
// (a stub), and the entries of this process in the system's handle table
// (NtQuerySystemInformation(SystemHandleInformation), which Wine's server keeps for real), so that
// a soak test sees handles leak under Wine as on Windows.
json::Value Handles() {
  DWORD processCount = 0;
  ::GetProcessHandleCount(::GetCurrentProcess(), &processCount);
  struct Entry {
    ULONG ownerPid;
    BYTE objectType;
    BYTE flags;
    USHORT handle;
    PVOID object;
    ACCESS_MASK access;
  };
  struct Table {
    ULONG count;
    Entry entries[1];
  };
  using Query = LONG(WINAPI*)(ULONG, PVOID, ULONG, PULONG);
  constexpr ULONG kSystemHandleInformation = 16;
  constexpr LONG kInfoLengthMismatch = static_cast<LONG>(0xC0000004);
  const auto query =
      reinterpret_cast<Query>(reinterpret_cast<void*>(::GetProcAddress(::GetModuleHandleW(L"ntdll.dll"), "NtQuerySystemInformation")));
  double tableCount = -1;
  if (query) {
    std::string buffer(1 << 20, '\0');
    LONG status = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
      ULONG needed = 0;
      status = query(kSystemHandleInformation, buffer.data(), static_cast<ULONG>(buffer.size()), &needed);
      if (status != kInfoLengthMismatch) break;
      buffer.resize(buffer.size() * 2);
    }
    if (status == 0) {
      const auto* table = reinterpret_cast<const Table*>(buffer.data());
      const ULONG self = ::GetCurrentProcessId();
      tableCount = 0;
      for (ULONG i = 0; i < table->count; ++i) {
        if (table->entries[i].ownerPid == self) tableCount += 1;
      }
    }
  }
  return json::Value::Object().Set("processHandleCount", static_cast<double>(processCount)).Set("systemHandleTable", tableCount);
}

json::Value Run(const std::string& command, const std::string& argument) {
  Agent& agent = Agent::Instance();
  if (command == "load") {
    const json::Value options = json::Parse(argument);
    const json::Reader reader(options);
    agent.Load(Wide(reader.Field("scenario").String()), Wide(reader.Field("state").String("")));
    if (reader.Field("reset").Bool(false)) agent.ResetState();
    Diagnostics::ClearCallLog();
    return json::Value::Object().Set("scenario", agent.CurrentScenario()->name);
  }
  if (command == "reset") {
    agent.ResetState();
    Diagnostics::ClearCallLog();
    return json::Value(true);
  }
  if (command == "objects") return LiveObjects();
  if (command == "calls") {
    json::Value calls = json::Value::Array();
    for (const std::string& call : Diagnostics::CallLog()) calls.Push(call);
    return calls;
  }
  if (command == "getterCalls") {
    json::Value counts = json::Value::Object();
    for (const auto& [name, count] : Diagnostics::GetterCounts()) counts.Set(name, count);
    return counts;
  }
  if (command == "injectedFaults") {
    json::Value counts = json::Value::Object();
    for (const auto& [name, count] : Diagnostics::InjectedFaults()) counts.Set(name, count);
    return counts;
  }
  if (command == "clearCalls") {
    Diagnostics::ClearCallLog();
    return json::Value(true);
  }
  if (command == "status") {
    json::Value out = json::Value::Object();
    out.Set("scenario", agent.CurrentScenario()->name)
        .Set("loadError", agent.LoadError())
        .Set("module", Utf8(ModulePath()))
        .Set("moduleReferences", ModuleReferences())
        .Set("rebootRequired", agent.Read([](const MachineState& state) { return state.rebootRequired; }))
        .Set("wedgedCalls", Wedges::Held());
    return out;
  }
  if (command == "network") {
    json::Value requests = json::Value::Array();
    for (const NetworkRequest& request : agent.NetworkRequests()) {
      requests.Push(NetworkRequestToJson(request));
    }
    return requests;
  }
  if (command == "automaticUpdates") {
    const AutomaticUpdatesState au = agent.Read([](const MachineState& state) { return state.automaticUpdates; });
    return json::Value::Object().Set("serviceEnabled", au.serviceEnabled).Set("detections", static_cast<int64_t>(au.detections));
  }
  if (command == "processes") return Processes();
  if (command == "handles") return Handles();
  if (command == "typeLibrary") {
    json::Value interfaces = json::Value::Object();
    for (const InterfaceProperties& entry : ScriptableProperties()) {
      json::Value properties = json::Value::Array();
      for (const ScriptableProperty& property : entry.properties) {
        properties.Push(json::Value::Object().Set("name", Utf8(property.name)).Set("isObject", property.isObject));
      }
      interfaces.Set(Utf8(entry.name), std::move(properties));
    }
    return interfaces;
  }
  if (command == "releaseWedges") {
    const long held = Wedges::Held();
    Wedges::ReleaseAll();
    return json::Value(static_cast<double>(held));
  }
  if (command == "executionState") {
    // Wine keeps one execution state per process (NtSetThreadExecutionState) where Windows keeps
    // one per thread, so under Wine this reads what any thread of the process asked for, the
    // addon's included. A request without ES_CONTINUOUS leaves a continuous state as it is.
    return json::Value(static_cast<double>(::SetThreadExecutionState(0)));
  }
  throw std::invalid_argument("unknown command '" + command + "'");
}

std::string StringArgument(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, nullptr, 0, &length) != napi_ok) return {};
  std::string text(length, '\0');
  napi_get_value_string_utf8(env, value, text.data(), length + 1, &length);
  return text;
}

napi_value Control(napi_env env, napi_callback_info info) {
  size_t count = 2;
  napi_value args[2];
  napi_get_cb_info(env, info, &count, args, nullptr, nullptr);
  const std::string command = count > 0 ? StringArgument(env, args[0]) : "";
  const std::string argument = count > 1 ? StringArgument(env, args[1]) : "";
  try {
    const std::string out = json::Serialize(Run(command, argument));
    napi_value result;
    napi_create_string_utf8(env, out.data(), out.size(), &result);
    return result;
  } catch (const std::exception& error) {
    napi_throw_error(env, "ERR_WUA_SIMULATOR", error.what());
    return nullptr;
  }
}

}  // namespace

}  // namespace sim

extern "C" {

NAPI_MODULE_EXPORT int32_t node_api_module_get_api_version_v1() { return 8; }

NAPI_MODULE_EXPORT napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value control;
  napi_create_function(env, "control", NAPI_AUTO_LENGTH, sim::Control, nullptr, &control);
  napi_set_named_property(env, exports, "control", control);
  return exports;
}
}

// What the agent says about the machine's update state as a whole: whether it waits for a
// restart, whether its installer is busy, its version, the OEM's support link. Each value comes
// from its own agent object and member, and a member that fails costs only its own value: a
// network logon is refused ISystemInformation, and WUA 1.0 has no IWindowsUpdateAgentInfo, yet
// the rest still answers. The failure is kept beside the value, never dropped.
#pragma once
#include <optional>
#include <string>

#include "wua/records.h"
#include "wua/wua.h"

namespace wua {

// Why a value could not be read: the agent member (or object creation) that failed.
struct ReadFailure {
  long hresult = 0;  // an HRESULT (LONG)
  std::string member;
  Text description;  // IErrorInfo, when the agent supplied one
};

// A value, or the failure that kept it from being read.
template <class T>
struct Reading {
  std::optional<T> value;
  std::optional<ReadFailure> failure;
};

struct StatusRecord {
  Reading<bool> rebootRequired;  // ISystemInformation::RebootRequired
  Reading<Text> oemHardwareSupportLink;
  Reading<bool> installerBusy;  // IUpdateInstaller::IsBusy
  Reading<bool> rebootRequiredBeforeInstallation;
  Reading<long> apiMajorVersion, apiMinorVersion;  // IWindowsUpdateAgentInfo::GetInfo
  Reading<Text> productVersion;
  Reading<bool> readOnly;  // IUpdateSession::ReadOnly
};

// Reads every value on the calling (COM) thread. Throws only for what is no agent failure
// (out of memory); each agent failure stays with the value it concerns.
StatusRecord ReadStatus(IUpdateSession* session);

}  // namespace wua

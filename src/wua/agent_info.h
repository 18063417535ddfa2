// The agent's version (IWindowsUpdateAgentInfo) and whether the machine waits for a restart
// (ISystemInformation).
#pragma once
#include "wua/records.h"

namespace wua {

AgentInfoRecord ReadAgentInfo();

}  // namespace wua

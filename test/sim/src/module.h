// Facts about the simulator's DLL itself.
#pragma once
#include <string>

namespace sim {

std::wstring ModulePath();
bool CanUnload();
long ModuleReferences();

}  // namespace sim

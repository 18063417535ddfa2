// The one include for the agent's interfaces: the SDK's wuapi.h, completed under MinGW by the
// declarations its Wine-derived header lacks.
#pragma once
#include <windows.h>

#include <wuapi.h>
#include <wuerror.h>

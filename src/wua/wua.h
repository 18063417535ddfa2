// The one include for the agent's interfaces and error codes.
#pragma once
#include <windows.h>

#include <wuerror.h>

#include "wua/wuapi_sdk.h"

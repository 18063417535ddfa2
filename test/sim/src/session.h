// Constructors of the creatable classes, for the class factories.
#pragma once
#include "object.h"

namespace sim {

IUnknown* NewUpdateSession();
IUnknown* NewSystemInformation();
IUnknown* NewWindowsUpdateAgentInfo();
IUnknown* NewUpdateCollection();
IUnknown* NewStringCollection();
IUnknown* NewSearcherObject();
IUnknown* NewDownloaderObject();
IUnknown* NewInstallerObject();
IUnknown* NewServiceManagerObject();
IUnknown* NewAutomaticUpdates();
IUnknown* NewWebProxy();

// Whether the scenario's agent has the WindowsUpdateAgentInfo class (S_OK), or why not.
HRESULT WindowsUpdateAgentInfoAvailable();

HRESULT CreateServiceManager(const std::u16string& clientApplicationId, IUpdateServiceManager2** retval);

}  // namespace sim

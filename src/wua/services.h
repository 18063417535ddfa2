// Update services: the agent's service manager (IUpdateServiceManager2), made by the session
// (IUpdateSession3::CreateUpdateServiceManager) so that the agent records the session's client
// application ID for what it changes. Plain records out; each call makes its own manager.
#pragma once
#include <string>
#include <vector>

#include "com/com_ptr.h"
#include "wua/records.h"
#include "wua/wua.h"

namespace wua {

com::ComPtr<IUpdateServiceManager2> CreateServiceManager(IUpdateSession* session);

// IUpdateService (and IUpdateService2 where the agent has it) as a record.
void ReadService(IUpdateService* service, ServiceRecord& into);

// IUpdateServiceManager::Services: the registered services.
std::vector<ServiceRecord> ListServices(IUpdateSession* session);

// IUpdateServiceManager2::AddService2: `flags` are AddServiceFlag values, `cabPath` empty for
// none (the agent's rules on which goes with which are left to it).
RegistrationRecord AddService(IUpdateSession* session, const std::u16string& serviceId, long flags, const std::u16string& cabPath);

// IUpdateServiceManager::RemoveService.
void RemoveService(IUpdateSession* session, const std::u16string& serviceId);

// IUpdateServiceManager::RegisterServiceWithAU, or UnregisterServiceWithAU.
void SetServiceWithAu(IUpdateSession* session, const std::u16string& serviceId, bool registered);

// IUpdateServiceManager2::QueryServiceRegistration.
RegistrationRecord QueryServiceRegistration(IUpdateSession* session, const std::u16string& serviceId);

// GetDriveType of the volume that holds `path` (DRIVE_REMOTE for a mapped network drive), or
// DRIVE_UNKNOWN when the volume cannot be told.
unsigned DriveTypeOf(const std::u16string& path);

}  // namespace wua

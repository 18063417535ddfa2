#include "wua/services.h"

#include "com/bstr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/properties.h"

namespace wua {

using com::Bstr;
using com::ComPtr;
using com::ThrowIfFailed;

namespace {

RegistrationRecord ReadRegistration(IUpdateServiceRegistration* registration) {
  RegistrationRecord record;
  ReadText(registration, &IUpdateServiceRegistration::get_ServiceID, "IUpdateServiceRegistration::ServiceID", record.serviceId);
  record.registrationState =
      ReadLong(registration, &IUpdateServiceRegistration::get_RegistrationState, "IUpdateServiceRegistration::RegistrationState");
  record.isPendingRegistrationWithAu = ReadBool(registration, &IUpdateServiceRegistration::get_IsPendingRegistrationWithAU,
                                                "IUpdateServiceRegistration::IsPendingRegistrationWithAU");
  // Null while the registration is pending: nothing is known of the service yet.
  ComPtr<IUpdateService2> service =
      ReadObject(registration, &IUpdateServiceRegistration::get_Service, "IUpdateServiceRegistration::Service");
  if (service) ReadService(service.Get(), record.service.emplace());
  return record;
}

}  // namespace

ComPtr<IUpdateServiceManager2> CreateServiceManager(IUpdateSession* session) {
  ComPtr<IUpdateSession3> session3;
  ThrowIfFailed(ComPtr<IUpdateSession>(session).As(session3), "IUpdateSession3 (update services)");
  ComPtr<IUpdateServiceManager2> manager;
  ThrowIfFailed(session3->CreateUpdateServiceManager(manager.Put()), "IUpdateSession3::CreateUpdateServiceManager");
  return manager;
}

void ReadService(IUpdateService* service, ServiceRecord& into) {
  ReadText(service, &IUpdateService::get_ServiceID, "IUpdateService::ServiceID", into.serviceId);
  ReadText(service, &IUpdateService::get_Name, "IUpdateService::Name", into.name);
  ReadText(service, &IUpdateService::get_ServiceUrl, "IUpdateService::ServiceUrl", into.serviceUrl);
  ReadText(service, &IUpdateService::get_SetupPrefix, "IUpdateService::SetupPrefix", into.setupPrefix);
  into.isManaged = ReadBool(service, &IUpdateService::get_IsManaged, "IUpdateService::IsManaged");
  into.isRegisteredWithAu = ReadBool(service, &IUpdateService::get_IsRegisteredWithAU, "IUpdateService::IsRegisteredWithAU");
  ComPtr<IUpdateService2> service2;
  into.isDefaultAuService = SUCCEEDED(ComPtr<IUpdateService>(service).As(service2)) &&
                            ReadBool(service2.Get(), &IUpdateService2::get_IsDefaultAUService, "IUpdateService2::IsDefaultAUService");
  into.canRegisterWithAu = ReadBool(service, &IUpdateService::get_CanRegisterWithAU, "IUpdateService::CanRegisterWithAU");
  into.offersWindowsUpdates = ReadBool(service, &IUpdateService::get_OffersWindowsUpdates, "IUpdateService::OffersWindowsUpdates");
  into.isScanPackageService = ReadBool(service, &IUpdateService::get_IsScanPackageService, "IUpdateService::IsScanPackageService");
  into.issueDate = ReadDate(service, &IUpdateService::get_IssueDate, "IUpdateService::IssueDate");
  into.expirationDate = ReadDate(service, &IUpdateService::get_ExpirationDate, "IUpdateService::ExpirationDate");
  ReadTexts(service, &IUpdateService::get_RedirectUrls, "IUpdateService::RedirectUrls", into.redirectUrls);
  // The certificate itself (a byte array) is the agent's business; whether there is one is ours.
  com::Variant cert;
  ThrowIfFailed(service->get_ContentValidationCert(cert.Put()), "IUpdateService::ContentValidationCert");
  into.hasContentValidationCert = cert.vt != VT_EMPTY && cert.vt != VT_NULL;
}

std::vector<ServiceRecord> ListServices(IUpdateSession* session) {
  ComPtr<IUpdateServiceManager2> manager = CreateServiceManager(session);
  ComPtr<IUpdateServiceCollection> services;
  ThrowIfFailed(manager->get_Services(services.Put()), "IUpdateServiceManager::Services");
  LONG count = 0;
  if (services) ThrowIfFailed(services->get_Count(&count), "IUpdateServiceCollection::Count");
  std::vector<ServiceRecord> out(count);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IUpdateService> service;
    ThrowIfFailed(services->get_Item(i, service.Put()), "IUpdateServiceCollection::Item");
    ReadService(service.Get(), out[i]);
  }
  return out;
}

RegistrationRecord AddService(IUpdateSession* session, const std::u16string& serviceId, long flags, const std::u16string& cabPath) {
  ComPtr<IUpdateServiceManager2> manager = CreateServiceManager(session);
  Bstr id(serviceId), cab(cabPath);
  ComPtr<IUpdateServiceRegistration> registration;
  ThrowIfFailed(manager->AddService2(id.Get(), flags, cab.Get(), registration.Put()), "IUpdateServiceManager2::AddService2");
  return ReadRegistration(registration.Get());
}

void RemoveService(IUpdateSession* session, const std::u16string& serviceId) {
  Bstr id(serviceId);
  ThrowIfFailed(CreateServiceManager(session)->RemoveService(id.Get()), "IUpdateServiceManager::RemoveService");
}

void SetServiceWithAu(IUpdateSession* session, const std::u16string& serviceId, bool registered) {
  ComPtr<IUpdateServiceManager2> manager = CreateServiceManager(session);
  Bstr id(serviceId);
  if (registered) {
    ThrowIfFailed(manager->RegisterServiceWithAU(id.Get()), "IUpdateServiceManager::RegisterServiceWithAU");
  } else {
    ThrowIfFailed(manager->UnregisterServiceWithAU(id.Get()), "IUpdateServiceManager::UnregisterServiceWithAU");
  }
}

RegistrationRecord QueryServiceRegistration(IUpdateSession* session, const std::u16string& serviceId) {
  ComPtr<IUpdateServiceManager2> manager = CreateServiceManager(session);
  Bstr id(serviceId);
  ComPtr<IUpdateServiceRegistration> registration;
  ThrowIfFailed(manager->QueryServiceRegistration(id.Get(), registration.Put()), "IUpdateServiceManager2::QueryServiceRegistration");
  return ReadRegistration(registration.Get());
}

unsigned DriveTypeOf(const std::u16string& path) {
  wchar_t root[MAX_PATH + 1];
  if (!::GetVolumePathNameW(reinterpret_cast<const wchar_t*>(path.c_str()), root, MAX_PATH + 1)) return DRIVE_UNKNOWN;
  return ::GetDriveTypeW(root);
}

}  // namespace wua

#include "wua/offline_scan.h"

#include "com/bstr.h"
#include "com/hresult.h"
#include "wua/services.h"
#include "wua/update_cache.h"

namespace wua {

using com::Bstr;
using com::ThrowIfFailed;

OfflineScan::OfflineScan(IUpdateSession* session, const std::u16string& clientApplicationId, const OfflineScanOptions& options,
                         std::function<void()> completed)
    : manager_(CreateServiceManager(session)) {
  Bstr name(options.serviceName), path(options.packagePath);
  ThrowIfFailed(manager_->AddScanPackageService(name.Get(), path.Get(), 0, service_.Put()), "IUpdateServiceManager::AddScanPackageService");
  try {
    ReadService(service_.Get(), record_);
    SearchOptions search = options.search;
    search.serverSelection = ssOthers;
    search.serviceId = record_.serviceId;
    // Online stays as the caller left it (by default the agent's, true): Microsoft's sample does not
    // set it, and what keeps the agent off Windows Update and WSUS is the server selection.
    search_.emplace(session, clientApplicationId, search, std::move(completed));
  } catch (...) {
    Remove();
    throw;
  }
}

OfflineScan::~OfflineScan() { Remove(); }

OfflineScanRecord OfflineScan::End(const std::function<void(const UpdateRecord&)>& each) {
  OfflineScanRecord record;
  record.service = record_;
  // The scan's update objects go with it: records of them are not for a later download or install.
  UpdateCache scratch;
  try {
    record.search = search_->End(scratch, each);
  } catch (...) {
    Remove();
    throw;
  }
  record.removalHresult = Remove();
  return record;
}

void OfflineScan::RequestAbort() {
  if (search_) search_->RequestAbort();
}

HRESULT OfflineScan::Remove() noexcept {
  if (removed_ || !service_) return S_OK;
  removed_ = true;
  HRESULT hr = E_OUTOFMEMORY;
  try {
    Bstr id(record_.serviceId);
    hr = manager_->RemoveService(id.Get());
  } catch (...) {
    // Only the ID's copy can fail; the agent drops the registration when service_ goes anyway.
  }
  service_.Reset();
  return hr;
}

}  // namespace wua

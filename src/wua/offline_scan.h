// A search of an offline catalog (a scan package such as wsusscn2.cab), as "Using WUA to Scan for
// Updates Offline" does it: the package is registered as a scan package service
// (IUpdateServiceManager::AddScanPackageService), searched with ServerSelection = ssOthers and
// that service's ID, and removed again (RemoveService), whatever happens in between.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "com/com_ptr.h"
#include "wua/records.h"
#include "wua/search.h"
#include "wua/wua.h"

namespace wua {

struct OfflineScanOptions {
  std::u16string packagePath;  // a local path: the agent refuses network paths
  std::u16string serviceName;
  // The criteria and what else the caller chose; the server selection and service ID are the scan's.
  SearchOptions search;
};

struct OfflineScanRecord {
  ServiceRecord service;    // the scan package service, as the agent registered it
  SearchRecord search;      // without its updates, which went to the caller one by one
  long removalHresult = 0;  // RemoveService's HRESULT (an HRESULT, LONG): S_OK when the service is gone
};

class OfflineScan {
 public:
  // Registers the package and starts the search; `completed` runs on the agent's thread once the
  // search is done. Whatever fails after the registration removes the service before it throws.
  OfflineScan(IUpdateSession* session, const std::u16string& clientApplicationId, const OfflineScanOptions& options,
              std::function<void()> completed);
  // Removes the service if End did not (an abort before the end, a failure, a closed session).
  ~OfflineScan();
  OfflineScan(const OfflineScan&) = delete;
  OfflineScan& operator=(const OfflineScan&) = delete;

  // Reads the finished search, handing each update to `each` as Search::End does (the updates are
  // not remembered for later calls: a scan package holds no content to download or install), then
  // removes the service.
  OfflineScanRecord End(const std::function<void(const UpdateRecord&)>& each);
  void RequestAbort();

 private:
  HRESULT Remove() noexcept;

  com::ComPtr<IUpdateServiceManager2> manager_;
  // Registered without usoNonVolatileService, the registration lasts while this reference does:
  // should the process die, the agent drops it once COM releases the reference (UpdateServiceOption).
  com::ComPtr<IUpdateService> service_;
  ServiceRecord record_;
  std::optional<Search> search_;
  bool removed_ = false;
};

}  // namespace wua

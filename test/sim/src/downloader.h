// IUpdateDownloader and IUpdateInstaller4: argument checks, then an Operation.
#pragma once
#include "operation.h"

namespace sim {

// `webProxy`: the session's, which downloads go through.
IUpdateDownloader* NewUpdateDownloader(std::u16string clientApplicationId, ComPtr<IWebProxy> webProxy);
IUpdateInstaller4* NewUpdateInstaller(std::u16string clientApplicationId);

}  // namespace sim

// IUpdateDownloader and IUpdateInstaller4: argument checks, then an Operation.
#pragma once
#include "operation.h"

namespace sim {

IUpdateDownloader* NewUpdateDownloader(std::u16string clientApplicationId);
IUpdateInstaller4* NewUpdateInstaller(std::u16string clientApplicationId);

}  // namespace sim

// IUpdateSearcher3: the criteria language, synchronous and asynchronous search, history queries.
#pragma once
#include "update.h"

namespace sim {

struct SearcherSettings {
  std::u16string clientApplicationId;
  ComPtr<IWebProxy> webProxy;  // the session's, which its online searches go through
};

IUpdateSearcher3* NewUpdateSearcher(SearcherSettings settings);

}  // namespace sim

// OLE Automation DATEs (days since 1899-12-30, UTC here) to and from ISO 8601 text.
#pragma once
#include <string>

namespace sim {

// Accepts "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[.fff]Z".
bool ParseIsoDate(const std::string& text, double* date);
std::string FormatIsoDate(double date);

}  // namespace sim

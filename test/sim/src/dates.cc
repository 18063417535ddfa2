#include "dates.h"

#include <cmath>
#include <cstdio>

namespace sim {

namespace {

constexpr long kDaysFrom1970To1899Epoch = 25569;  // 1970-01-01 as a DATE

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void CivilFromDays(long z, long* y, unsigned* m, unsigned* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<long>(yoe) + era * 400 + (*m <= 2);
}

}  // namespace

bool ParseIsoDate(const std::string& text, double* date) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, consumed = 0;
  double second = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 || consumed != 10) return false;
  if (text.size() > 10) {
    int rest = 0;
    if (std::sscanf(text.c_str() + 10, "T%2d:%2d:%lfZ%n", &hour, &minute, &second, &rest) != 3 ||
        static_cast<size_t>(10 + rest) != text.size()) {
      return false;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second < 0 || second >= 61) return false;
  const long days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  *date = static_cast<double>(days + kDaysFrom1970To1899Epoch) + (hour * 3600 + minute * 60 + second) / 86400.0;
  return true;
}

std::string FormatIsoDate(double date) {
  const double totalMs = std::round((date - kDaysFrom1970To1899Epoch) * 86400000.0);
  long days = static_cast<long>(std::floor(totalMs / 86400000.0));
  long long ms = static_cast<long long>(totalMs - static_cast<double>(days) * 86400000.0);
  long year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  char out[32];
  std::snprintf(out, sizeof out, "%04ld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", year, month, day, ms / 3600000, ms / 60000 % 60,
                ms / 1000 % 60, ms % 1000);
  return out;
}

}  // namespace sim

// The search-criteria language of IUpdateSearcher::Search ([MS-UAMG] 2.2.1), parsed as strictly
// as the real agent parses it, so a search the real agent rejects fails against the simulator too.
// Standard library only, so the self-test (criteria_selftest.cc) builds and runs on Linux.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sim {

// What a criterion can look at, for one update.
struct UpdateFacts {
  std::u16string type;              // "Software" or "Driver"
  std::u16string deploymentAction;  // "Installation", "Uninstallation", "Detection",
                                    // "OptionalInstallation", "None"
  std::u16string updateId;          // GUID string, lower case
  long revisionNumber = 0;
  std::vector<std::u16string> categoryIds;  // GUID strings, lower case
  bool isAssigned = false, browseOnly = false, autoSelectOnWebSites = false, isInstalled = false, isHidden = false, isPresent = false,
       rebootRequired = false;
};

struct CriteriaError : std::runtime_error {
  size_t position;  // offset in the criteria text, in UTF-16 code units

  CriteriaError(const std::string& message, size_t position) : std::runtime_error(message), position(position) {}
};

namespace criteria_detail {

enum class Property : unsigned char {
  kType,
  kDeploymentAction,
  kIsAssigned,
  kBrowseOnly,
  kAutoSelectOnWebSites,
  kIsInstalled,
  kIsHidden,
  kIsPresent,
  kRebootRequired,
  kUpdateId,
  kRevisionNumber,
  kCategoryIds,
};

enum class Operator : unsigned char { kEquals, kNotEquals, kContains };

struct AnyValue {};  // the unquoted * of DeploymentAction=*

// Strings are stored in canonical form (the documented spelling, GUIDs in lower case), so that
// matching and Describe() need no further normalisation.
using Value = std::variant<AnyValue, long, std::u16string>;

struct Condition {
  Property property;
  Operator op;
  Value value;
};

using AndGroup = std::vector<Condition>;

}  // namespace criteria_detail

class Criteria {
 public:
  // Throws CriteriaError for anything the real agent rejects (WU_E_INVALID_CRITERIA there).
  static Criteria Parse(std::u16string_view text);

  bool Matches(const UpdateFacts& update) const;

  // The criteria as evaluated: canonical spelling, implied conditions made explicit. Parsing the
  // result gives the same criteria again.
  std::string Describe() const;

 private:
  explicit Criteria(std::vector<criteria_detail::AndGroup> groups) : groups_(std::move(groups)) {}

  std::vector<criteria_detail::AndGroup> groups_;  // an update matches if any group matches
};

// Escapes a raw string for use between the single quotes of a criteria string (adds no quotes):
// ' -> [']   [ -> [[]   ] -> []]
std::u16string EscapeCriteriaString(std::u16string_view raw);

}  // namespace sim

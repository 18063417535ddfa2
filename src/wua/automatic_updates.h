// Automatic Updates (IAutomaticUpdates2, IAutomaticUpdatesSettings3, IAutomaticUpdatesResults): what
// the service is set to and did last, and the two actions that still have an effect on Windows 10
// and later. The members Microsoft documents as doing nothing since Windows 10 (Pause, Resume,
// ShowSettingsDialog, IAutomaticUpdatesSettings::Save and the setters) are not called.
#pragma once
#include <optional>

namespace wua {

struct AutomaticUpdatesRecord {
  long notificationLevel = 0;  // AutomaticUpdatesNotificationLevel
  bool readOnly = false;
  bool required = false;
  // Null where the agent lacks IAutomaticUpdatesSettings2 or 3.
  std::optional<bool> includeRecommendedUpdates, nonAdministratorsElevated, featuredUpdatesEnabled;
  bool serviceEnabled = false;
  // IAutomaticUpdates2::Results; `hasResults` is false where the agent lacks it.
  bool hasResults = false;
  std::optional<double> lastSearchSuccessDate, lastInstallationSuccessDate;  // DATE, UTC
};

AutomaticUpdatesRecord ReadAutomaticUpdates();  // throws com::ComError
void DetectNow();                               // IAutomaticUpdates::DetectNow
void EnableAutomaticUpdatesService();           // IAutomaticUpdates::EnableService

}  // namespace wua

#include "wua/automatic_updates.h"

#include "com/com_ptr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/properties.h"
#include "wua/wua.h"

namespace wua {

using com::ComPtr;
using com::ThrowIfFailed;

namespace {

ComPtr<IAutomaticUpdates> Create() {
  ComPtr<IAutomaticUpdates> au;
  ThrowIfFailed(::CoCreateInstance(__uuidof(AutomaticUpdates), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IAutomaticUpdates), au.PutVoid()),
                "CoCreateInstance(AutomaticUpdates)");
  return au;
}

// The Results dates are VARIANTs: VT_DATE, or VT_EMPTY when Automatic Updates has none ([MS-UAMG]).
std::optional<double> ReadVariantDate(IAutomaticUpdatesResults* results,
                                      HRESULT (STDMETHODCALLTYPE IAutomaticUpdatesResults::*getter)(VARIANT*), const char* name) {
  com::Variant value;
  ThrowIfFailed((results->*getter)(value.Put()), name);
  return value.vt == VT_DATE ? std::optional<double>(value.date) : std::nullopt;
}

}  // namespace

AutomaticUpdatesRecord ReadAutomaticUpdates() {
  AutomaticUpdatesRecord record;
  ComPtr<IAutomaticUpdates> au = Create();
  record.serviceEnabled = ReadBool(au.Get(), &IAutomaticUpdates::get_ServiceEnabled, "IAutomaticUpdates::ServiceEnabled");
  ComPtr<IAutomaticUpdatesSettings> settings = ReadObject(au.Get(), &IAutomaticUpdates::get_Settings, "IAutomaticUpdates::Settings");
  if (!settings) throw com::ComError(E_POINTER, "IAutomaticUpdates::Settings");
  record.notificationLevel =
      ReadLong(settings.Get(), &IAutomaticUpdatesSettings::get_NotificationLevel, "IAutomaticUpdatesSettings::NotificationLevel");
  record.readOnly = ReadBool(settings.Get(), &IAutomaticUpdatesSettings::get_ReadOnly, "IAutomaticUpdatesSettings::ReadOnly");
  record.required = ReadBool(settings.Get(), &IAutomaticUpdatesSettings::get_Required, "IAutomaticUpdatesSettings::Required");
  ComPtr<IAutomaticUpdatesSettings2> settings2;
  if (SUCCEEDED(settings.As(settings2))) {
    record.includeRecommendedUpdates = ReadBool(settings2.Get(), &IAutomaticUpdatesSettings2::get_IncludeRecommendedUpdates,
                                                "IAutomaticUpdatesSettings2::IncludeRecommendedUpdates");
  }
  ComPtr<IAutomaticUpdatesSettings3> settings3;
  if (SUCCEEDED(settings.As(settings3))) {
    record.nonAdministratorsElevated = ReadBool(settings3.Get(), &IAutomaticUpdatesSettings3::get_NonAdministratorsElevated,
                                                "IAutomaticUpdatesSettings3::NonAdministratorsElevated");
    // Documented as "Not supported", with no value: an agent that fails the getter leaves it null
    // rather than failing the whole read.
    VARIANT_BOOL featured = VARIANT_FALSE;
    if (SUCCEEDED(settings3->get_FeaturedUpdatesEnabled(&featured))) record.featuredUpdatesEnabled = featured != VARIANT_FALSE;
  }
  ComPtr<IAutomaticUpdates2> au2;
  if (SUCCEEDED(au.As(au2))) {
    ComPtr<IAutomaticUpdatesResults> results = ReadObject(au2.Get(), &IAutomaticUpdates2::get_Results, "IAutomaticUpdates2::Results");
    if (results) {
      record.hasResults = true;
      record.lastSearchSuccessDate = ReadVariantDate(results.Get(), &IAutomaticUpdatesResults::get_LastSearchSuccessDate,
                                                     "IAutomaticUpdatesResults::LastSearchSuccessDate");
      record.lastInstallationSuccessDate = ReadVariantDate(results.Get(), &IAutomaticUpdatesResults::get_LastInstallationSuccessDate,
                                                           "IAutomaticUpdatesResults::LastInstallationSuccessDate");
    }
  }
  return record;
}

void DetectNow() { ThrowIfFailed(Create()->DetectNow(), "IAutomaticUpdates::DetectNow"); }

void EnableAutomaticUpdatesService() { ThrowIfFailed(Create()->EnableService(), "IAutomaticUpdates::EnableService"); }

}  // namespace wua

// Automatic Updates as the facade gives it: the agent's numbers named (enums.ts), its dates as Dates.
import { nameOf, NOTIFICATION_LEVELS } from './enums.js';
import type { NativeAutomaticUpdates } from './native.js';
import { dateFromOle } from './records/values.js';
import type { AutomaticUpdatesStatus } from './types.js';

export function automaticUpdatesFromNative(native: NativeAutomaticUpdates): AutomaticUpdatesStatus {
  return {
    settings: {
      notificationLevel: nameOf(NOTIFICATION_LEVELS, native.notificationLevel),
      required: native.required,
      readOnly: native.readOnly,
      includeRecommendedUpdates: native.includeRecommendedUpdates,
      nonAdministratorsElevated: native.nonAdministratorsElevated,
      featuredUpdatesEnabled: native.featuredUpdatesEnabled,
    },
    results: native.results && {
      lastSearchSuccessDate: dateFromOle(native.results.lastSearchSuccessDate),
      lastInstallationSuccessDate: dateFromOle(native.results.lastInstallationSuccessDate),
    },
    serviceEnabled: native.serviceEnabled,
  };
}

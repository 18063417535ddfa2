// Reads agent objects into records: every IUpdate..IUpdate5 property, and the driver interfaces'
// for drivers. Runs on a COM thread; throws com::ComError naming the property that failed.
#pragma once
#include "wua/records.h"
#include "wua/update_fields.h"
#include "wua/wua.h"

namespace wua {

UpdateRecord ReadUpdate(IUpdate* update);
// The same into `into`, reusing its storage; every field is overwritten.
void ReadUpdate(IUpdate* update, UpdateRecord& into);
// Only the agent calls behind `fields` (and the identity); the other fields keep what `into` held.
void ReadUpdate(IUpdate* update, UpdateRecord& into, UpdateFields fields);
IdentityRecord ReadIdentity(IUpdate* update);
BehaviorRecord ReadBehavior(IInstallationBehavior* behavior);
std::vector<CategoryRecord> ReadCategories(ICategoryCollection* categories);
std::vector<WarningRecord> ReadWarnings(IUpdateExceptionCollection* warnings);

}  // namespace wua

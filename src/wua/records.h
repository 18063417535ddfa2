// Plain C++ copies of what the agent's objects say: read on a COM thread, then handed to the JS
// thread, which never sees a COM object. Enumerations keep the agent's numeric values; the
// facade names them (lib/enums.ts). The records a search sends are declared by the field table
// (wire/fields.h); nothing here depends on Windows, so the wire layer builds anywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/fields.h"

namespace wua {

using Text = std::u16string;
using Texts = std::vector<Text>;

// A member of each kind of wire/fields.h.
#define WUA_MEMBER_Text(name, of) Text name;
#define WUA_MEMBER_OptionalText(name, of) std::optional<Text> name;
#define WUA_MEMBER_SharedText(name, of) Text name;
#define WUA_MEMBER_OptionalSharedText(name, of) std::optional<Text> name;
#define WUA_MEMBER_TextList(name, of) Texts name;
#define WUA_MEMBER_SharedTextList(name, of) Texts name;
#define WUA_MEMBER_Enum(name, of) long name = 0;
#define WUA_MEMBER_Integer(name, of) long name = 0;
#define WUA_MEMBER_Number(name, of) double name = 0;
#define WUA_MEMBER_Bool(name, of) bool name = false;
#define WUA_MEMBER_Date(name, of) std::optional<double> name;
#define WUA_MEMBER_Record(name, of) of##Record name;
#define WUA_MEMBER_OptionalRecord(name, of) std::optional<of##Record> name;
#define WUA_MEMBER_RecordList(name, of) std::vector<of##Record> name;
#define WUA_MEMBER_SharedRecord(name, of) of##Record name;
#define WUA_MEMBER_OptionalSharedRecord(name, of) std::optional<of##Record> name;
#define WUA_MEMBER_SharedRecordList(name, of) std::vector<of##Record> name;
#define WUA_DECLARE_MEMBER(name, kind, of) WUA_MEMBER_##kind(name, of)
#define WUA_DECLARE_RECORD(name, fields, jsType) \
  struct name##Record {                          \
    fields(WUA_DECLARE_MEMBER)                   \
  };
WUA_WIRE_RECORDS(WUA_DECLARE_RECORD)
#undef WUA_DECLARE_RECORD
#undef WUA_DECLARE_MEMBER

struct WarningRecord {
  long hresult = 0;  // an HRESULT (LONG)
  Text message;
  long context = 1;
  // Set when the warning is the package's own: an update left out because a property of it
  // could not be read.
  Text updateId;
  std::string property;
};

// A search's result apart from its updates, which are handed over one by one as they are read.
struct SearchRecord {
  long resultCode = 0;
  std::vector<CategoryRecord> rootCategories;
  std::vector<WarningRecord> warnings;
};

// A page of the history apart from its entries, which are handed over one by one as they are read.
struct HistoryPageRecord {
  long total = 0;        // IUpdateSearcher::GetTotalHistoryCount, read just before the page
  long count = 0;        // the entries handed over
  bool aborted = false;  // the read stopped early, as asked
};

struct OutcomeRecord {
  Text updateId;
  Text title;  // as the agent's update object gives them, so that a failure names its update
  Texts kbArticleIds;
  long resultCode = 0;
  long hresult = 0;  // an HRESULT (LONG)
  bool rebootRequired = false;
};

// What the facade needs to plan a download, install or uninstall: the update's state now, and
// what its installation asks of the agent (an exclusive update must be installed alone).
struct InspectRecord {
  Text updateId, title;
  Texts kbArticleIds;
  bool isDownloaded = false, isInstalled = false, eulaAccepted = false;
  BehaviorRecord installationBehavior;
  std::optional<BehaviorRecord> uninstallationBehavior;
  long bundledUpdateCount = 0;
};

// The result of a download, install or uninstall.
struct ChangeRecord {
  long resultCode = 0;
  long hresult = 0;  // an HRESULT (LONG)
  bool rebootRequired = false;
  // IUpdateInstaller::RebootRequiredBeforeInstallation after an install or uninstall: the agent
  // will install nothing more until the machine restarts.
  bool rebootRequiredBeforeInstallation = false;
  std::vector<OutcomeRecord> updates;
};

struct ProgressRecord {
  long percentComplete = 0;
  long currentIndex = 0;
  long currentPercentComplete = 0;
  long phase = 0;  // downloads only; 0 for installs
  double currentBytesDone = 0, currentBytesTotal = 0, totalBytesDone = 0, totalBytesTotal = 0;
  bool hasBytes = false;
};

}  // namespace wua

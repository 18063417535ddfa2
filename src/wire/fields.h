// The one table of the records a search or a history read sends to JS: every field once, with its kind. The C++
// structs (wua/records.h), the writer (wire/chunk.cc) and the JS decoder
// (lib/records/fields.generated.ts, made from this file by `npm run generate:wire`) all follow
// it, in its order. A field's name is both its C++ member and its JS property. See README.md
// beside this file for the format.
//
// X(name, kind, of): `of` is the JS table that names an enumeration's values (lib/enums.ts), or
// the record a record kind holds, and `_` otherwise. The kinds, and their C++ member types:
//   Text                  Text                          a string
//   OptionalText          std::optional<Text>           a string or null
//   SharedText            Text                          a string sent once per search
//   OptionalSharedText    std::optional<Text>           the same, null when absent or empty
//   TextList              Texts                         strings (frozen; empty ones shared)
//   SharedTextList        Texts                         the same, each distinct list sent once
//   Enum                  long                          the agent's value, named in JS by `of`
//   Integer               long                          a number
//   Number                double                        a number
//   Bool                  bool                          a boolean
//   Date                  std::optional<double>         an OLE DATE (UTC) as a Date, or null
//   Record                <of>Record                    a nested record
//   OptionalRecord        std::optional<<of>Record>     the same, or null
//   RecordList            std::vector<<of>Record>       nested records (frozen list)
//   SharedRecord          <of>Record                    a record sent once per search (frozen)
//   OptionalSharedRecord  std::optional<<of>Record>     the same, or null
//   SharedRecordList      std::vector<<of>Record>       shared records, each distinct list once
// A shared record's own fields may not be shared records: JS adds a chunk's shared records of
// one kind before those of the next.
#pragma once

#define WUA_IDENTITY_FIELDS(X) \
  X(updateId, Text, _)         \
  X(revisionNumber, Integer, _)

#define WUA_CATEGORY_FIELDS(X) \
  X(categoryId, Text, _)       \
  X(name, Text, _)             \
  X(type, Text, _)             \
  X(description, Text, _)      \
  X(order, Integer, _)         \
  X(parentId, OptionalText, _)

#define WUA_BEHAVIOR_FIELDS(X)              \
  X(canRequestUserInput, Bool, _)           \
  X(impact, Enum, INSTALLATION_IMPACTS)     \
  X(rebootBehavior, Enum, REBOOT_BEHAVIORS) \
  X(requiresNetworkConnectivity, Bool, _)

#define WUA_IMAGE_FIELDS(X) \
  X(altText, Text, _)       \
  X(height, Integer, _)     \
  X(source, Text, _)        \
  X(width, Integer, _)

#define WUA_DOWNLOAD_CONTENT_FIELDS(X) \
  X(downloadUrl, Text, _)              \
  X(isDeltaCompressedBinary, Bool, _)

#define WUA_DRIVER_ENTRY_FIELDS(X)   \
  X(driverClass, Text, _)            \
  X(hardwareId, Text, _)             \
  X(manufacturer, Text, _)           \
  X(model, Text, _)                  \
  X(provider, Text, _)               \
  X(verDate, Date, _)                \
  X(deviceProblemNumber, Integer, _) \
  X(deviceStatus, Integer, _)

// A driver is its first device's entry, and every entry (IWindowsDriverUpdate4).
#define WUA_DRIVER_FIELDS(X) \
  WUA_DRIVER_ENTRY_FIELDS(X) \
  X(entries, RecordList, DriverEntry)

#define WUA_UPDATE_FIELDS(X)                                \
  X(identity, Record, Identity)                             \
  X(title, Text, _)                                         \
  X(description, SharedText, _)                             \
  X(type, Enum, UPDATE_TYPES)                               \
  X(kbArticleIds, SharedTextList, _)                        \
  X(securityBulletinIds, SharedTextList, _)                 \
  X(cveIds, SharedTextList, _)                              \
  X(categories, SharedRecordList, Category)                 \
  X(msrcSeverity, OptionalSharedText, _)                    \
  X(deploymentAction, Enum, DEPLOYMENT_ACTIONS)             \
  X(downloadPriority, Enum, DOWNLOAD_PRIORITIES)            \
  X(autoSelectOnWebSites, Bool, _)                          \
  X(autoSelection, Enum, AUTO_SELECTION_MODES)              \
  X(autoDownload, Enum, AUTO_DOWNLOAD_MODES)                \
  X(browseOnly, Bool, _)                                    \
  X(canRequireSource, Bool, _)                              \
  X(isBeta, Bool, _)                                        \
  X(isDownloaded, Bool, _)                                  \
  X(isHidden, Bool, _)                                      \
  X(isInstalled, Bool, _)                                   \
  X(isMandatory, Bool, _)                                   \
  X(isPresent, Bool, _)                                     \
  X(isUninstallable, Bool, _)                               \
  X(rebootRequired, Bool, _)                                \
  X(perUser, Bool, _)                                       \
  X(eulaAccepted, Bool, _)                                  \
  X(eulaText, OptionalSharedText, _)                        \
  X(deltaCompressedContentAvailable, Bool, _)               \
  X(deltaCompressedContentPreferred, Bool, _)               \
  X(handlerId, SharedText, _)                               \
  X(languages, SharedTextList, _)                           \
  X(moreInfoUrls, SharedTextList, _)                        \
  X(supportUrl, SharedText, _)                              \
  X(releaseNotes, SharedText, _)                            \
  X(supersededUpdateIds, TextList, _)                       \
  X(uninstallationNotes, SharedText, _)                     \
  X(uninstallationSteps, SharedTextList, _)                 \
  X(maxDownloadSize, Number, _)                             \
  X(minDownloadSize, Number, _)                             \
  X(recommendedCpuSpeed, Integer, _)                        \
  X(recommendedHardDiskSpace, Integer, _)                   \
  X(recommendedMemory, Integer, _)                          \
  X(deadline, Date, _)                                      \
  X(lastDeploymentChangeTime, Date, _)                      \
  X(installationBehavior, SharedRecord, Behavior)           \
  X(uninstallationBehavior, OptionalSharedRecord, Behavior) \
  X(image, OptionalRecord, Image)                           \
  X(downloadContents, RecordList, DownloadContent)          \
  X(bundledUpdates, RecordList, Update)                     \
  X(driver, OptionalRecord, Driver)

// IUpdateHistoryEntry and IUpdateHistoryEntry2's Categories (none on an agent without it). The
// HRESULTs are unsigned, as the facade gives every HRESULT; texts that repeat across a history
// (clients, services, descriptions, links) are shared.
#define WUA_HISTORY_ENTRY_FIELDS(X)           \
  X(operation, Enum, UPDATE_OPERATIONS)       \
  X(resultCode, Enum, OPERATION_RESULT_CODES) \
  X(hresult, Number, _)                       \
  X(unmappedResultCode, Number, _)            \
  X(date, Date, _)                            \
  X(identity, Record, Identity)               \
  X(title, Text, _)                           \
  X(description, SharedText, _)               \
  X(clientApplicationId, SharedText, _)       \
  X(serverSelection, Enum, SERVER_SELECTIONS) \
  X(serviceId, SharedText, _)                 \
  X(supportUrl, SharedText, _)                \
  X(uninstallationNotes, SharedText, _)       \
  X(uninstallationSteps, SharedTextList, _)   \
  X(categories, SharedRecordList, Category)

// An update service (IUpdateService2). Dates are null where the agent gives none (0).
#define WUA_SERVICE_FIELDS(X)      \
  X(serviceId, Text, _)            \
  X(name, Text, _)                 \
  X(serviceUrl, Text, _)           \
  X(setupPrefix, Text, _)          \
  X(isManaged, Bool, _)            \
  X(isRegisteredWithAu, Bool, _)   \
  X(isDefaultAuService, Bool, _)   \
  X(canRegisterWithAu, Bool, _)    \
  X(offersWindowsUpdates, Bool, _) \
  X(isScanPackageService, Bool, _) \
  X(issueDate, Date, _)            \
  X(expirationDate, Date, _)       \
  X(redirectUrls, TextList, _)     \
  X(hasContentValidationCert, Bool, _)

// A service's registration (IUpdateServiceRegistration); no service while it is pending.
#define WUA_REGISTRATION_FIELDS(X)                        \
  X(serviceId, Text, _)                                   \
  X(registrationState, Enum, SERVICE_REGISTRATION_STATES) \
  X(isPendingRegistrationWithAu, Bool, _)                 \
  X(service, OptionalRecord, Service)

// RECORD(name, fields, JS type): every record on the wire, each after the records it holds. The
// C++ struct is <name>Record; a record's place in this list is its number on the wire.
#define WUA_WIRE_RECORDS(RECORD)                                              \
  RECORD(Service, WUA_SERVICE_FIELDS, ServiceRecord)                          \
  RECORD(Registration, WUA_REGISTRATION_FIELDS, ServiceRegistrationRecord)    \
  RECORD(Identity, WUA_IDENTITY_FIELDS, UpdateIdentity)                       \
  RECORD(Category, WUA_CATEGORY_FIELDS, CategoryRecord)                       \
  RECORD(Behavior, WUA_BEHAVIOR_FIELDS, InstallationBehaviorRecord)           \
  RECORD(Image, WUA_IMAGE_FIELDS, ImageRecord)                                \
  RECORD(DownloadContent, WUA_DOWNLOAD_CONTENT_FIELDS, DownloadContentRecord) \
  RECORD(DriverEntry, WUA_DRIVER_ENTRY_FIELDS, DriverEntryRecord)             \
  RECORD(Driver, WUA_DRIVER_FIELDS, DriverRecord)                             \
  RECORD(Update, WUA_UPDATE_FIELDS, UpdateRecord)                             \
  RECORD(HistoryEntry, WUA_HISTORY_ENTRY_FIELDS, HistoryEntryFields)

// KEY(name, member): shared records of this kind with the same `member` are one record (a
// category is known by its ID), so the writer looks up only that. A shared record without a key
// here is one when all its fields are equal.
#define WUA_SHARED_KEYS(KEY) KEY(Category, categoryId)

// The Windows Update Agent's COM API as the Windows SDK (10.0.26100) declares it: every interface
// in vtable order with its IID, the coclasses, and the enumerations with the SDK's values.
// Generated once from the SDK's wuapi.idl tables; MinGW-w64's wuapi.h is not used because it
// declares only 33 of the 78 interfaces and numbers DownloadPhase from 0 where Windows uses 1.
// Both the addon and the simulated agent compile against this header, under MSVC and MinGW alike.
#pragma once
// clang-format off: kept in the layout it was generated in (its macros confuse the formatter)
#include <oaidl.h>
#include <ocidl.h>
#include <windows.h>

#ifndef __CRT_UUID_DECL
#define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)
#endif

typedef enum tagAutomaticUpdatesNotificationLevel {
  aunlNotConfigured = 0,
  aunlDisabled = 1,
  aunlNotifyBeforeDownload = 2,
  aunlNotifyBeforeInstallation = 3,
  aunlScheduledInstallation = 4,
} AutomaticUpdatesNotificationLevel;

typedef enum tagAutomaticUpdatesScheduledInstallationDay {
  ausidEveryDay = 0,
  ausidEverySunday = 1,
  ausidEveryMonday = 2,
  ausidEveryTuesday = 3,
  ausidEveryWednesday = 4,
  ausidEveryThursday = 5,
  ausidEveryFriday = 6,
  ausidEverySaturday = 7,
} AutomaticUpdatesScheduledInstallationDay;

typedef enum tagDownloadPhase {
  dphInitializing = 1,
  dphDownloading = 2,
  dphVerifying = 3,
} DownloadPhase;

typedef enum tagDownloadPriority {
  dpLow = 1,
  dpNormal = 2,
  dpHigh = 3,
  dpExtraHigh = 4,
} DownloadPriority;

typedef enum tagAutoSelectionMode {
  asLetWindowsUpdateDecide = 0,
  asAutoSelectIfDownloaded = 1,
  asNeverAutoSelect = 2,
  asAlwaysAutoSelect = 3,
} AutoSelectionMode;

typedef enum tagAutoDownloadMode {
  adLetWindowsUpdateDecide = 0,
  adNeverAutoDownload = 1,
  adAlwaysAutoDownload = 2,
} AutoDownloadMode;

typedef enum tagInstallationImpact {
  iiNormal = 0,
  iiMinor = 1,
  iiRequiresExclusiveHandling = 2,
} InstallationImpact;

typedef enum tagInstallationRebootBehavior {
  irbNeverReboots = 0,
  irbAlwaysRequiresReboot = 1,
  irbCanRequestReboot = 2,
} InstallationRebootBehavior;

typedef enum tagOperationResultCode {
  orcNotStarted = 0,
  orcInProgress = 1,
  orcSucceeded = 2,
  orcSucceededWithErrors = 3,
  orcFailed = 4,
  orcAborted = 5,
} OperationResultCode;

typedef enum tagServerSelection {
  ssDefault = 0,
  ssManagedServer = 1,
  ssWindowsUpdate = 2,
  ssOthers = 3,
} ServerSelection;

typedef enum tagUpdateType {
  utSoftware = 1,
  utDriver = 2,
} UpdateType;

typedef enum tagUpdateOperation {
  uoInstallation = 1,
  uoUninstallation = 2,
} UpdateOperation;

typedef enum tagDeploymentAction {
  daNone = 0,
  daInstallation = 1,
  daUninstallation = 2,
  daDetection = 3,
  daOptionalInstallation = 4,
} DeploymentAction;

typedef enum tagUpdateExceptionContext {
  uecGeneral = 1,
  uecWindowsDriver = 2,
  uecWindowsInstaller = 3,
  uecSearchIncomplete = 4,
} UpdateExceptionContext;

typedef enum tagAutomaticUpdatesUserType {
  auutCurrentUser = 1,
  auutLocalAdministrator = 2,
} AutomaticUpdatesUserType;

typedef enum tagAutomaticUpdatesPermissionType {
  auptSetNotificationLevel = 1,
  auptDisableAutomaticUpdates = 2,
  auptSetIncludeRecommendedUpdates = 3,
  auptSetFeaturedUpdatesEnabled = 4,
  auptSetNonAdministratorsElevated = 5,
} AutomaticUpdatesPermissionType;

typedef enum tagUpdateServiceRegistrationState {
  usrsNotRegistered = 1,
  usrsRegistrationPending = 2,
  usrsRegistered = 3,
} UpdateServiceRegistrationState;

typedef enum tagSearchScope {
  searchScopeDefault = 0,
  searchScopeMachineOnly = 1,
  searchScopeCurrentUserOnly = 2,
  searchScopeMachineAndCurrentUser = 3,
  searchScopeMachineAndAllUsers = 4,
  searchScopeAllUsers = 5,
} SearchScope;

typedef enum tagDownloadType {
  downloadTypeFull = 0,
  downloadTypeUpdateBootstrapper = 1,
} DownloadType;

typedef enum tagUpdateLockdownOption {
  uloForWebsiteAccess = 0x00000001,
} UpdateLockdownOption;

typedef enum tagAddServiceFlag {
  asfAllowPendingRegistration = 0x00000001,
  asfAllowOnlineRegistration = 0x00000002,
  asfRegisterServiceWithAU = 0x00000004,
} AddServiceFlag;

typedef enum tagUpdateServiceOption {
  usoNonVolatileService = 0x00000001,
} UpdateServiceOption;

#define UPDATE_LOCKDOWN_WEBSITE_ACCESS 1

struct IUpdateLockdown;
struct IStringCollection;
struct IWebProxy;
struct ISystemInformation;
struct IWindowsUpdateAgentInfo;
struct IAutomaticUpdatesResults;
struct IAutomaticUpdatesSettings;
struct IAutomaticUpdatesSettings2;
struct IAutomaticUpdatesSettings3;
struct IAutomaticUpdates;
struct IAutomaticUpdates2;
struct IUpdateIdentity;
struct IImageInformation;
struct ICategory;
struct ICategoryCollection;
struct IInstallationBehavior;
struct IUpdateDownloadContent;
struct IUpdateDownloadContent2;
struct IUpdateDownloadContentCollection;
struct IUpdate;
struct IWindowsDriverUpdate;
struct IUpdate2;
struct IUpdate3;
struct IUpdate4;
struct IUpdate5;
struct IUpdateEx;
struct IWindowsDriverUpdate2;
struct IWindowsDriverUpdate3;
struct IWindowsDriverUpdateEntry;
struct IWindowsDriverUpdateEntryCollection;
struct IWindowsDriverUpdate4;
struct IWindowsDriverUpdate5;
struct IUpdateCollection;
struct IUpdateException;
struct IInvalidProductLicenseException;
struct IUpdateExceptionCollection;
struct ISearchResult;
struct ISearchJob;
struct ISearchCompletedCallbackArgs;
struct ISearchCompletedCallback;
struct IUpdateHistoryEntry;
struct IUpdateHistoryEntry2;
struct IUpdateHistoryEntryCollection;
struct IUpdateSearcher;
struct IUpdateSearcher2;
struct IUpdateSearcher3;
struct IUpdateDownloadResult;
struct IDownloadResult;
struct IDownloadProgress;
struct IDownloadJob;
struct IDownloadCompletedCallbackArgs;
struct IDownloadCompletedCallback;
struct IDownloadProgressChangedCallbackArgs;
struct IDownloadProgressChangedCallback;
struct IUpdateDownloader;
struct IUpdateDownloaderEx;
struct IUpdateInstallationResult;
struct IInstallationResult;
struct IInstallationProgress;
struct IInstallationJob;
struct IInstallationCompletedCallbackArgs;
struct IInstallationCompletedCallback;
struct IInstallationProgressChangedCallbackArgs;
struct IInstallationProgressChangedCallback;
struct IUpdateInstaller;
struct IUpdateInstaller2;
struct IUpdateInstaller3;
struct IUpdateInstaller4;
struct IUpdateSession;
struct IUpdateSession2;
struct IUpdateSession3;
struct IUpdateService;
struct IUpdateService2;
struct IUpdateServiceCollection;
struct IUpdateServiceRegistration;
struct IUpdateServiceManager;
struct IUpdateServiceManager2;
struct IInstallationAgent;

MIDL_INTERFACE("A976C28D-75A1-42AA-94AE-8AF8B872089A")
IUpdateLockdown : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE LockDown(LONG flags) = 0;
};
__CRT_UUID_DECL(IUpdateLockdown, 0xa976c28d, 0x75a1, 0x42aa, 0x94, 0xae, 0x8a, 0xf8, 0xb8, 0x72, 0x08, 0x9a)

MIDL_INTERFACE("EFF90582-2DDC-480F-A06D-60F3FBC362C3")
IStringCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Item(LONG index, BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReadOnly(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Add(BSTR value, LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Clear() = 0;
  virtual HRESULT STDMETHODCALLTYPE Copy(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Insert(LONG index, BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE RemoveAt(LONG index) = 0;
};
__CRT_UUID_DECL(IStringCollection, 0xeff90582, 0x2ddc, 0x480f, 0xa0, 0x6d, 0x60, 0xf3, 0xfb, 0xc3, 0x62, 0xc3)

MIDL_INTERFACE("174C81FE-AECD-4DAE-B8A0-2C6318DD86A8")
IWebProxy : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Address(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Address(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_BypassList(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_BypassList(IStringCollection * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_BypassProxyOnLocal(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_BypassProxyOnLocal(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReadOnly(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UserName(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_UserName(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE SetPassword(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE PromptForCredentials(IUnknown * parentWindow, BSTR title) = 0;
  virtual HRESULT STDMETHODCALLTYPE PromptForCredentialsFromHwnd(HWND parentWindow, BSTR title) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_AutoDetect(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_AutoDetect(VARIANT_BOOL value) = 0;
};
__CRT_UUID_DECL(IWebProxy, 0x174c81fe, 0xaecd, 0x4dae, 0xb8, 0xa0, 0x2c, 0x63, 0x18, 0xdd, 0x86, 0xa8)

MIDL_INTERFACE("ADE87BF7-7B56-4275-8FAB-B9B0E591844B")
ISystemInformation : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_OemHardwareSupportLink(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(ISystemInformation, 0xade87bf7, 0x7b56, 0x4275, 0x8f, 0xab, 0xb9, 0xb0, 0xe5, 0x91, 0x84, 0x4b)

MIDL_INTERFACE("85713FA1-7796-4FA2-BE3B-E2D6124DD373")
IWindowsUpdateAgentInfo : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE GetInfo(VARIANT varInfoIdentifier, VARIANT * retval) = 0;
};
__CRT_UUID_DECL(IWindowsUpdateAgentInfo, 0x85713fa1, 0x7796, 0x4fa2, 0xbe, 0x3b, 0xe2, 0xd6, 0x12, 0x4d, 0xd3, 0x73)

MIDL_INTERFACE("E7A4D634-7942-4DD9-A111-82228BA33901")
IAutomaticUpdatesResults : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_LastSearchSuccessDate(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_LastInstallationSuccessDate(VARIANT * retval) = 0;
};
__CRT_UUID_DECL(IAutomaticUpdatesResults, 0xe7a4d634, 0x7942, 0x4dd9, 0xa1, 0x11, 0x82, 0x22, 0x8b, 0xa3, 0x39, 0x01)

MIDL_INTERFACE("2EE48F22-AF3C-405F-8970-F71BE12EE9A2")
IAutomaticUpdatesSettings : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_NotificationLevel(AutomaticUpdatesNotificationLevel * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_NotificationLevel(AutomaticUpdatesNotificationLevel value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReadOnly(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Required(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ScheduledInstallationDay(AutomaticUpdatesScheduledInstallationDay * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ScheduledInstallationDay(AutomaticUpdatesScheduledInstallationDay value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ScheduledInstallationTime(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ScheduledInstallationTime(LONG value) = 0;
  virtual HRESULT STDMETHODCALLTYPE Refresh() = 0;
  virtual HRESULT STDMETHODCALLTYPE Save() = 0;
};
__CRT_UUID_DECL(IAutomaticUpdatesSettings, 0x2ee48f22, 0xaf3c, 0x405f, 0x89, 0x70, 0xf7, 0x1b, 0xe1, 0x2e, 0xe9, 0xa2)

MIDL_INTERFACE("6ABC136A-C3CA-4384-8171-CB2B1E59B8DC")
IAutomaticUpdatesSettings2 : public IAutomaticUpdatesSettings {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_IncludeRecommendedUpdates(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IncludeRecommendedUpdates(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE CheckPermission(AutomaticUpdatesUserType userType, AutomaticUpdatesPermissionType permissionType,
                                                    VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IAutomaticUpdatesSettings2, 0x6abc136a, 0xc3ca, 0x4384, 0x81, 0x71, 0xcb, 0x2b, 0x1e, 0x59, 0xb8, 0xdc)

MIDL_INTERFACE("B587F5C3-F57E-485F-BBF5-0D181C5CD0DC")
IAutomaticUpdatesSettings3 : public IAutomaticUpdatesSettings2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_NonAdministratorsElevated(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_NonAdministratorsElevated(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_FeaturedUpdatesEnabled(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_FeaturedUpdatesEnabled(VARIANT_BOOL value) = 0;
};
__CRT_UUID_DECL(IAutomaticUpdatesSettings3, 0xb587f5c3, 0xf57e, 0x485f, 0xbb, 0xf5, 0x0d, 0x18, 0x1c, 0x5c, 0xd0, 0xdc)

MIDL_INTERFACE("673425BF-C082-4C7C-BDFD-569464B8E0CE")
IAutomaticUpdates : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE DetectNow() = 0;
  virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
  virtual HRESULT STDMETHODCALLTYPE Resume() = 0;
  virtual HRESULT STDMETHODCALLTYPE ShowSettingsDialog() = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Settings(IAutomaticUpdatesSettings * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceEnabled(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EnableService() = 0;
};
__CRT_UUID_DECL(IAutomaticUpdates, 0x673425bf, 0xc082, 0x4c7c, 0xbd, 0xfd, 0x56, 0x94, 0x64, 0xb8, 0xe0, 0xce)

MIDL_INTERFACE("4A2F5C31-CFD9-410E-B7FB-29A653973A0F")
IAutomaticUpdates2 : public IAutomaticUpdates {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Results(IAutomaticUpdatesResults * *retval) = 0;
};
__CRT_UUID_DECL(IAutomaticUpdates2, 0x4a2f5c31, 0xcfd9, 0x410e, 0xb7, 0xfb, 0x29, 0xa6, 0x53, 0x97, 0x3a, 0x0f)

MIDL_INTERFACE("46297823-9940-4C09-AED9-CD3EA6D05968")
IUpdateIdentity : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_RevisionNumber(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UpdateID(BSTR * retval) = 0;
};
__CRT_UUID_DECL(IUpdateIdentity, 0x46297823, 0x9940, 0x4c09, 0xae, 0xd9, 0xcd, 0x3e, 0xa6, 0xd0, 0x59, 0x68)

MIDL_INTERFACE("7C907864-346C-4AEB-8F3F-57DA289F969F")
IImageInformation : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AltText(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Height(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Source(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Width(LONG * retval) = 0;
};
__CRT_UUID_DECL(IImageInformation, 0x7c907864, 0x346c, 0x4aeb, 0x8f, 0x3f, 0x57, 0xda, 0x28, 0x9f, 0x96, 0x9f)

MIDL_INTERFACE("81DDC1B8-9D35-47A6-B471-5B80F519223B")
ICategory : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Name(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CategoryID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Children(ICategoryCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Description(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Image(IImageInformation * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Order(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Parent(ICategory * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Type(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
};
__CRT_UUID_DECL(ICategory, 0x81ddc1b8, 0x9d35, 0x47a6, 0xb4, 0x71, 0x5b, 0x80, 0xf5, 0x19, 0x22, 0x3b)

MIDL_INTERFACE("3A56BFB8-576C-43F7-9335-FE4838FD7E37")
ICategoryCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, ICategory * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(ICategoryCollection, 0x3a56bfb8, 0x576c, 0x43f7, 0x93, 0x35, 0xfe, 0x48, 0x38, 0xfd, 0x7e, 0x37)

MIDL_INTERFACE("D9A59339-E245-4DBD-9686-4D5763E39624")
IInstallationBehavior : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_CanRequestUserInput(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Impact(InstallationImpact * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RebootBehavior(InstallationRebootBehavior * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RequiresNetworkConnectivity(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IInstallationBehavior, 0xd9a59339, 0xe245, 0x4dbd, 0x96, 0x86, 0x4d, 0x57, 0x63, 0xe3, 0x96, 0x24)

MIDL_INTERFACE("54A2CB2D-9A0C-48B6-8A50-9ABB69EE2D02")
IUpdateDownloadContent : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_DownloadUrl(BSTR * retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloadContent, 0x54a2cb2d, 0x9a0c, 0x48b6, 0x8a, 0x50, 0x9a, 0xbb, 0x69, 0xee, 0x2d, 0x02)

MIDL_INTERFACE("C97AD11B-F257-420B-9D9F-377F733F6F68")
IUpdateDownloadContent2 : public IUpdateDownloadContent {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_IsDeltaCompressedContent(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloadContent2, 0xc97ad11b, 0xf257, 0x420b, 0x9d, 0x9f, 0x37, 0x7f, 0x73, 0x3f, 0x6f, 0x68)

MIDL_INTERFACE("BC5513C8-B3B8-4BF7-A4D4-361C0D8C88BA")
IUpdateDownloadContentCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IUpdateDownloadContent * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloadContentCollection, 0xbc5513c8, 0xb3b8, 0x4bf7, 0xa4, 0xd4, 0x36, 0x1c, 0x0d, 0x8c, 0x88, 0xba)

MIDL_INTERFACE("6A92B07A-D821-4682-B423-5C805022CC4D")
IUpdate : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Title(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_AutoSelectOnWebSites(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_BundledUpdates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CanRequireSource(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Categories(ICategoryCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Deadline(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeltaCompressedContentAvailable(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeltaCompressedContentPreferred(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Description(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_EulaAccepted(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_EulaText(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_HandlerID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Identity(IUpdateIdentity * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Image(IImageInformation * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_InstallationBehavior(IInstallationBehavior * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsBeta(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsDownloaded(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsHidden(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IsHidden(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsInstalled(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsMandatory(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsUninstallable(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Languages(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_LastDeploymentChangeTime(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_MaxDownloadSize(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_MinDownloadSize(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_MoreInfoUrls(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_MsrcSeverity(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RecommendedCpuSpeed(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RecommendedHardDiskSpace(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RecommendedMemory(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReleaseNotes(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SecurityBulletinIDs(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SupersededUpdateIDs(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SupportUrl(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Type(UpdateType * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UninstallationNotes(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UninstallationBehavior(IInstallationBehavior * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UninstallationSteps(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_KBArticleIDs(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE AcceptEula() = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeploymentAction(DeploymentAction * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CopyFromCache(BSTR path, VARIANT_BOOL toExtractCabFiles) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DownloadPriority(DownloadPriority * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DownloadContents(IUpdateDownloadContentCollection * *retval) = 0;
};
__CRT_UUID_DECL(IUpdate, 0x6a92b07a, 0xd821, 0x4682, 0xb4, 0x23, 0x5c, 0x80, 0x50, 0x22, 0xcc, 0x4d)

MIDL_INTERFACE("B383CD1A-5CE9-4504-9F63-764B1236F191")
IWindowsDriverUpdate : public IUpdate {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_DriverClass(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverHardwareID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverManufacturer(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverModel(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverProvider(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverVerDate(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeviceProblemNumber(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeviceStatus(LONG * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdate, 0xb383cd1a, 0x5ce9, 0x4504, 0x9f, 0x63, 0x76, 0x4b, 0x12, 0x36, 0xf1, 0x91)

MIDL_INTERFACE("144FE9B0-D23D-4A8B-8634-FB4457533B7A")
IUpdate2 : public IUpdate {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsPresent(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CveIDs(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CopyToCache(IStringCollection * pFiles) = 0;
};
__CRT_UUID_DECL(IUpdate2, 0x144fe9b0, 0xd23d, 0x4a8b, 0x86, 0x34, 0xfb, 0x44, 0x57, 0x53, 0x3b, 0x7a)

MIDL_INTERFACE("112EDA6B-95B3-476F-9D90-AEE82C6B8181")
IUpdate3 : public IUpdate2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_BrowseOnly(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IUpdate3, 0x112eda6b, 0x95b3, 0x476f, 0x9d, 0x90, 0xae, 0xe8, 0x2c, 0x6b, 0x81, 0x81)

MIDL_INTERFACE("27E94B0D-5139-49A2-9A61-93522DC54652")
IUpdate4 : public IUpdate3 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_PerUser(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IUpdate4, 0x27e94b0d, 0x5139, 0x49a2, 0x9a, 0x61, 0x93, 0x52, 0x2d, 0xc5, 0x46, 0x52)

MIDL_INTERFACE("C1C2F21A-D2F4-4902-B5C6-8A081C19A890")
IUpdate5 : public IUpdate4 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AutoSelection(AutoSelectionMode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_AutoDownload(AutoDownloadMode * retval) = 0;
};
__CRT_UUID_DECL(IUpdate5, 0xc1c2f21a, 0xd2f4, 0x4902, 0xb5, 0xc6, 0x8a, 0x08, 0x1c, 0x19, 0xa8, 0x90)

MIDL_INTERFACE("769355A3-C5A0-497C-A606-560A36D2121C")
IUpdateEx : public IUpdate5 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ExtendedStaticProperty(BSTR propertyName, VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EvaluateExtendedDynamicProperty(BSTR propertyName, VARIANT * retval) = 0;
};
__CRT_UUID_DECL(IUpdateEx, 0x769355a3, 0xc5a0, 0x497c, 0xa6, 0x06, 0x56, 0x0a, 0x36, 0xd2, 0x12, 0x1c)

MIDL_INTERFACE("615C4269-7A48-43BD-96B7-BF6CA27D6C3E")
IWindowsDriverUpdate2 : public IWindowsDriverUpdate {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsPresent(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CveIDs(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CopyToCache(IStringCollection * pFiles) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdate2, 0x615c4269, 0x7a48, 0x43bd, 0x96, 0xb7, 0xbf, 0x6c, 0xa2, 0x7d, 0x6c, 0x3e)

MIDL_INTERFACE("49EBD502-4A96-41BD-9E3E-4C5057F4250C")
IWindowsDriverUpdate3 : public IWindowsDriverUpdate2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_BrowseOnly(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdate3, 0x49ebd502, 0x4a96, 0x41bd, 0x9e, 0x3e, 0x4c, 0x50, 0x57, 0xf4, 0x25, 0x0c)

MIDL_INTERFACE("ED8BFE40-A60B-42EA-9652-817DFCFA23EC")
IWindowsDriverUpdateEntry : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_DriverClass(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverHardwareID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverManufacturer(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverModel(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverProvider(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DriverVerDate(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeviceProblemNumber(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_DeviceStatus(LONG * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdateEntry, 0xed8bfe40, 0xa60b, 0x42ea, 0x96, 0x52, 0x81, 0x7d, 0xfc, 0xfa, 0x23, 0xec)

MIDL_INTERFACE("0D521700-A372-4BEF-828B-3D00C10ADEBD")
IWindowsDriverUpdateEntryCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IWindowsDriverUpdateEntry * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdateEntryCollection, 0x0d521700, 0xa372, 0x4bef, 0x82, 0x8b, 0x3d, 0x00, 0xc1, 0x0a, 0xde, 0xbd)

MIDL_INTERFACE("004C6A2B-0C19-4C69-9F5C-A269B2560DB9")
IWindowsDriverUpdate4 : public IWindowsDriverUpdate3 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_WindowsDriverUpdateEntries(IWindowsDriverUpdateEntryCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_PerUser(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdate4, 0x004c6a2b, 0x0c19, 0x4c69, 0x9f, 0x5c, 0xa2, 0x69, 0xb2, 0x56, 0x0d, 0xb9)

MIDL_INTERFACE("70CF5C82-8642-42BB-9DBC-0CFD263C6C4F")
IWindowsDriverUpdate5 : public IWindowsDriverUpdate4 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AutoSelection(AutoSelectionMode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_AutoDownload(AutoDownloadMode * retval) = 0;
};
__CRT_UUID_DECL(IWindowsDriverUpdate5, 0x70cf5c82, 0x8642, 0x42bb, 0x9d, 0xbc, 0x0c, 0xfd, 0x26, 0x3c, 0x6c, 0x4f)

MIDL_INTERFACE("07F7438C-7709-4CA5-B518-91279288134E")
IUpdateCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IUpdate * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Item(LONG index, IUpdate * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReadOnly(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Add(IUpdate * value, LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Clear() = 0;
  virtual HRESULT STDMETHODCALLTYPE Copy(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Insert(LONG index, IUpdate * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE RemoveAt(LONG index) = 0;
};
__CRT_UUID_DECL(IUpdateCollection, 0x07f7438c, 0x7709, 0x4ca5, 0xb5, 0x18, 0x91, 0x27, 0x92, 0x88, 0x13, 0x4e)

MIDL_INTERFACE("A376DD5E-09D4-427F-AF7C-FED5B6E1C1D6")
IUpdateException : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Message(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Context(UpdateExceptionContext * retval) = 0;
};
__CRT_UUID_DECL(IUpdateException, 0xa376dd5e, 0x09d4, 0x427f, 0xaf, 0x7c, 0xfe, 0xd5, 0xb6, 0xe1, 0xc1, 0xd6)

MIDL_INTERFACE("A37D00F5-7BB0-4953-B414-F9E98326F2E8")
IInvalidProductLicenseException : public IUpdateException {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Product(BSTR * retval) = 0;
};
__CRT_UUID_DECL(IInvalidProductLicenseException, 0xa37d00f5, 0x7bb0, 0x4953, 0xb4, 0x14, 0xf9, 0xe9, 0x83, 0x26, 0xf2, 0xe8)

MIDL_INTERFACE("503626A3-8E14-4729-9355-0FE664BD2321")
IUpdateExceptionCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IUpdateException * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(IUpdateExceptionCollection, 0x503626a3, 0x8e14, 0x4729, 0x93, 0x55, 0x0f, 0xe6, 0x64, 0xbd, 0x23, 0x21)

MIDL_INTERFACE("D40CFF62-E08C-4498-941A-01E25F0FD33C")
ISearchResult : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RootCategories(ICategoryCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Warnings(IUpdateExceptionCollection * *retval) = 0;
};
__CRT_UUID_DECL(ISearchResult, 0xd40cff62, 0xe08c, 0x4498, 0x94, 0x1a, 0x01, 0xe2, 0x5f, 0x0f, 0xd3, 0x3c)

MIDL_INTERFACE("7366EA16-7A1A-4EA2-B042-973D3E9CD99B")
ISearchJob : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AsyncState(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsCompleted(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CleanUp() = 0;
  virtual HRESULT STDMETHODCALLTYPE RequestAbort() = 0;
};
__CRT_UUID_DECL(ISearchJob, 0x7366ea16, 0x7a1a, 0x4ea2, 0xb0, 0x42, 0x97, 0x3d, 0x3e, 0x9c, 0xd9, 0x9b)

MIDL_INTERFACE("A700A634-2850-4C47-938A-9E4B6E5AF9A6")
ISearchCompletedCallbackArgs : public IDispatch{};
__CRT_UUID_DECL(ISearchCompletedCallbackArgs, 0xa700a634, 0x2850, 0x4c47, 0x93, 0x8a, 0x9e, 0x4b, 0x6e, 0x5a, 0xf9, 0xa6)

MIDL_INTERFACE("88AEE058-D4B0-4725-A2F1-814A67AE964C")
ISearchCompletedCallback : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE Invoke(ISearchJob * searchJob, ISearchCompletedCallbackArgs * callbackArgs) = 0;
};
__CRT_UUID_DECL(ISearchCompletedCallback, 0x88aee058, 0xd4b0, 0x4725, 0xa2, 0xf1, 0x81, 0x4a, 0x67, 0xae, 0x96, 0x4c)

MIDL_INTERFACE("BE56A644-AF0E-4E0E-A311-C1D8E695CBFF")
IUpdateHistoryEntry : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Operation(enum tagUpdateOperation * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Date(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UpdateIdentity(IUpdateIdentity * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Title(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Description(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UnmappedResultCode(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServerSelection(ServerSelection * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UninstallationSteps(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_UninstallationNotes(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SupportUrl(BSTR * retval) = 0;
};
__CRT_UUID_DECL(IUpdateHistoryEntry, 0xbe56a644, 0xaf0e, 0x4e0e, 0xa3, 0x11, 0xc1, 0xd8, 0xe6, 0x95, 0xcb, 0xff)

MIDL_INTERFACE("C2BFB780-4539-4132-AB8C-0A8772013AB6")
IUpdateHistoryEntry2 : public IUpdateHistoryEntry {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Categories(ICategoryCollection * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateHistoryEntry2, 0xc2bfb780, 0x4539, 0x4132, 0xab, 0x8c, 0x0a, 0x87, 0x72, 0x01, 0x3a, 0xb6)

MIDL_INTERFACE("A7F04F3C-A290-435B-AADF-A116C3357A5C")
IUpdateHistoryEntryCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IUpdateHistoryEntry * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(IUpdateHistoryEntryCollection, 0xa7f04f3c, 0xa290, 0x435b, 0xaa, 0xdf, 0xa1, 0x16, 0xc3, 0x35, 0x7a, 0x5c)

MIDL_INTERFACE("8F45ABF1-F9AE-4B95-A933-F0F66E5056EA")
IUpdateSearcher : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_CanAutomaticallyUpgradeService(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_CanAutomaticallyUpgradeService(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ClientApplicationID(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IncludePotentiallySupersededUpdates(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IncludePotentiallySupersededUpdates(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServerSelection(ServerSelection * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ServerSelection(ServerSelection value) = 0;
  virtual HRESULT STDMETHODCALLTYPE BeginSearch(BSTR criteria, IUnknown * onCompleted, VARIANT state, ISearchJob * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EndSearch(ISearchJob * searchJob, ISearchResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EscapeString(BSTR unescaped, BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE QueryHistory(LONG startIndex, LONG count, IUpdateHistoryEntryCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Search(BSTR criteria, ISearchResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Online(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Online(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetTotalHistoryCount(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ServiceID(BSTR value) = 0;
};
__CRT_UUID_DECL(IUpdateSearcher, 0x8f45abf1, 0xf9ae, 0x4b95, 0xa9, 0x33, 0xf0, 0xf6, 0x6e, 0x50, 0x56, 0xea)

MIDL_INTERFACE("4CBDCB2D-1589-4BEB-BD1C-3E582FF0ADD0")
IUpdateSearcher2 : public IUpdateSearcher {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_IgnoreDownloadPriority(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IgnoreDownloadPriority(VARIANT_BOOL value) = 0;
};
__CRT_UUID_DECL(IUpdateSearcher2, 0x4cbdcb2d, 0x1589, 0x4beb, 0xbd, 0x1c, 0x3e, 0x58, 0x2f, 0xf0, 0xad, 0xd0)

MIDL_INTERFACE("04C6895D-EAF2-4034-97F3-311DE9BE413A")
IUpdateSearcher3 : public IUpdateSearcher2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_SearchScope(SearchScope * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_SearchScope(SearchScope value) = 0;
};
__CRT_UUID_DECL(IUpdateSearcher3, 0x04c6895d, 0xeaf2, 0x4034, 0x97, 0xf3, 0x31, 0x1d, 0xe9, 0xbe, 0x41, 0x3a)

MIDL_INTERFACE("BF99AF76-B575-42AD-8AA4-33CBB5477AF1")
IUpdateDownloadResult : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloadResult, 0xbf99af76, 0xb575, 0x42ad, 0x8a, 0xa4, 0x33, 0xcb, 0xb5, 0x47, 0x7a, 0xf1)

MIDL_INTERFACE("DAA4FDD0-4727-4DBE-A1E7-745DCA317144")
IDownloadResult : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetUpdateResult(LONG updateIndex, IUpdateDownloadResult * *retval) = 0;
};
__CRT_UUID_DECL(IDownloadResult, 0xdaa4fdd0, 0x4727, 0x4dbe, 0xa1, 0xe7, 0x74, 0x5d, 0xca, 0x31, 0x71, 0x44)

MIDL_INTERFACE("D31A5BAC-F719-4178-9DBB-5E2CB47FD18A")
IDownloadProgress : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdateBytesDownloaded(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdateBytesToDownload(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdateIndex(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_PercentComplete(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_TotalBytesDownloaded(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_TotalBytesToDownload(DECIMAL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetUpdateResult(LONG updateIndex, IUpdateDownloadResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdateDownloadPhase(DownloadPhase * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdatePercentComplete(LONG * retval) = 0;
};
__CRT_UUID_DECL(IDownloadProgress, 0xd31a5bac, 0xf719, 0x4178, 0x9d, 0xbb, 0x5e, 0x2c, 0xb4, 0x7f, 0xd1, 0x8a)

MIDL_INTERFACE("C574DE85-7358-43F6-AAE8-8697E62D8BA7")
IDownloadJob : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AsyncState(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsCompleted(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CleanUp() = 0;
  virtual HRESULT STDMETHODCALLTYPE GetProgress(IDownloadProgress * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE RequestAbort() = 0;
};
__CRT_UUID_DECL(IDownloadJob, 0xc574de85, 0x7358, 0x43f6, 0xaa, 0xe8, 0x86, 0x97, 0xe6, 0x2d, 0x8b, 0xa7)

MIDL_INTERFACE("FA565B23-498C-47A0-979D-E7D5B1813360")
IDownloadCompletedCallbackArgs : public IDispatch{};
__CRT_UUID_DECL(IDownloadCompletedCallbackArgs, 0xfa565b23, 0x498c, 0x47a0, 0x97, 0x9d, 0xe7, 0xd5, 0xb1, 0x81, 0x33, 0x60)

MIDL_INTERFACE("77254866-9F5B-4C8E-B9E2-C77A8530D64B")
IDownloadCompletedCallback : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE Invoke(IDownloadJob * downloadJob, IDownloadCompletedCallbackArgs * callbackArgs) = 0;
};
__CRT_UUID_DECL(IDownloadCompletedCallback, 0x77254866, 0x9f5b, 0x4c8e, 0xb9, 0xe2, 0xc7, 0x7a, 0x85, 0x30, 0xd6, 0x4b)

MIDL_INTERFACE("324FF2C6-4981-4B04-9412-57481745AB24")
IDownloadProgressChangedCallbackArgs : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Progress(IDownloadProgress * *retval) = 0;
};
__CRT_UUID_DECL(IDownloadProgressChangedCallbackArgs, 0x324ff2c6, 0x4981, 0x4b04, 0x94, 0x12, 0x57, 0x48, 0x17, 0x45, 0xab, 0x24)

MIDL_INTERFACE("8C3F1CDD-6173-4591-AEBD-A56A53CA77C1")
IDownloadProgressChangedCallback : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE Invoke(IDownloadJob * downloadJob, IDownloadProgressChangedCallbackArgs * callbackArgs) = 0;
};
__CRT_UUID_DECL(IDownloadProgressChangedCallback, 0x8c3f1cdd, 0x6173, 0x4591, 0xae, 0xbd, 0xa5, 0x6a, 0x53, 0xca, 0x77, 0xc1)

MIDL_INTERFACE("68F1C6F9-7ECC-4666-A464-247FE12496C3")
IUpdateDownloader : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ClientApplicationID(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsForced(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IsForced(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Priority(DownloadPriority * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Priority(DownloadPriority value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Updates(IUpdateCollection * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE BeginDownload(IUnknown * onProgressChanged, IUnknown * onCompleted, VARIANT state,
                                                  IDownloadJob * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Download(IDownloadResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EndDownload(IDownloadJob * value, IDownloadResult * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloader, 0x68f1c6f9, 0x7ecc, 0x4666, 0xa4, 0x64, 0x24, 0x7f, 0xe1, 0x24, 0x96, 0xc3)

MIDL_INTERFACE("94726306-F12A-482A-A774-FB4F870D98C0")
IUpdateDownloaderEx : public IUpdateDownloader {
 public:
  virtual HRESULT STDMETHODCALLTYPE BeginDownload2(DownloadType downloadType, IUnknown * onProgressChanged, IUnknown * onCompleted,
                                                   VARIANT state, IDownloadJob * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Download2(DownloadType downloadType, IDownloadResult * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateDownloaderEx, 0x94726306, 0xf12a, 0x482a, 0xa7, 0x74, 0xfb, 0x4f, 0x87, 0x0d, 0x98, 0xc0)

MIDL_INTERFACE("D940F0F8-3CBB-4FD0-993F-471E7F2328AD")
IUpdateInstallationResult : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
};
__CRT_UUID_DECL(IUpdateInstallationResult, 0xd940f0f8, 0x3cbb, 0x4fd0, 0x99, 0x3f, 0x47, 0x1e, 0x7f, 0x23, 0x28, 0xad)

MIDL_INTERFACE("A43C56D6-7451-48D4-AF96-B6CD2D0D9B7A")
IInstallationResult : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_HResult(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequired(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ResultCode(OperationResultCode * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetUpdateResult(LONG updateIndex, IUpdateInstallationResult * *retval) = 0;
};
__CRT_UUID_DECL(IInstallationResult, 0xa43c56d6, 0x7451, 0x48d4, 0xaf, 0x96, 0xb6, 0xcd, 0x2d, 0x0d, 0x9b, 0x7a)

MIDL_INTERFACE("345C8244-43A3-4E32-A368-65F073B76F36")
IInstallationProgress : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdateIndex(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CurrentUpdatePercentComplete(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_PercentComplete(LONG * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetUpdateResult(LONG updateIndex, IUpdateInstallationResult * *retval) = 0;
};
__CRT_UUID_DECL(IInstallationProgress, 0x345c8244, 0x43a3, 0x4e32, 0xa3, 0x68, 0x65, 0xf0, 0x73, 0xb7, 0x6f, 0x36)

MIDL_INTERFACE("5C209F0B-BAD5-432A-9556-4699BED2638A")
IInstallationJob : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AsyncState(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsCompleted(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CleanUp() = 0;
  virtual HRESULT STDMETHODCALLTYPE GetProgress(IInstallationProgress * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE RequestAbort() = 0;
};
__CRT_UUID_DECL(IInstallationJob, 0x5c209f0b, 0xbad5, 0x432a, 0x95, 0x56, 0x46, 0x99, 0xbe, 0xd2, 0x63, 0x8a)

MIDL_INTERFACE("250E2106-8EFB-4705-9653-EF13C581B6A1")
IInstallationCompletedCallbackArgs : public IDispatch{};
__CRT_UUID_DECL(IInstallationCompletedCallbackArgs, 0x250e2106, 0x8efb, 0x4705, 0x96, 0x53, 0xef, 0x13, 0xc5, 0x81, 0xb6, 0xa1)

MIDL_INTERFACE("45F4F6F3-D602-4F98-9A8A-3EFA152AD2D3")
IInstallationCompletedCallback : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE Invoke(IInstallationJob * installationJob, IInstallationCompletedCallbackArgs * callbackArgs) = 0;
};
__CRT_UUID_DECL(IInstallationCompletedCallback, 0x45f4f6f3, 0xd602, 0x4f98, 0x9a, 0x8a, 0x3e, 0xfa, 0x15, 0x2a, 0xd2, 0xd3)

MIDL_INTERFACE("E4F14E1E-689D-4218-A0B9-BC189C484A01")
IInstallationProgressChangedCallbackArgs : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Progress(IInstallationProgress * *retval) = 0;
};
__CRT_UUID_DECL(IInstallationProgressChangedCallbackArgs, 0xe4f14e1e, 0x689d, 0x4218, 0xa0, 0xb9, 0xbc, 0x18, 0x9c, 0x48, 0x4a, 0x01)

MIDL_INTERFACE("E01402D5-F8DA-43BA-A012-38894BD048F1")
IInstallationProgressChangedCallback : public IUnknown {
 public:
  virtual HRESULT STDMETHODCALLTYPE Invoke(IInstallationJob * installationJob, IInstallationProgressChangedCallbackArgs * callbackArgs) = 0;
};
__CRT_UUID_DECL(IInstallationProgressChangedCallback, 0xe01402d5, 0xf8da, 0x43ba, 0xa0, 0x12, 0x38, 0x89, 0x4b, 0xd0, 0x48, 0xf1)

MIDL_INTERFACE("7B929C68-CCDC-4226-96B1-8724600B54C2")
IUpdateInstaller : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ClientApplicationID(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsForced(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_IsForced(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ParentHwnd(HWND * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ParentHwnd(HWND value) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ParentWindow(IUnknown * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ParentWindow(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Updates(IUpdateCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_Updates(IUpdateCollection * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE BeginInstall(IUnknown * onProgressChanged, IUnknown * onCompleted, VARIANT state,
                                                 IInstallationJob * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE BeginUninstall(IUnknown * onProgressChanged, IUnknown * onCompleted, VARIANT state,
                                                   IInstallationJob * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EndInstall(IInstallationJob * value, IInstallationResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE EndUninstall(IInstallationJob * value, IInstallationResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Install(IInstallationResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE RunWizard(BSTR dialogTitle, IInstallationResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsBusy(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE Uninstall(IInstallationResult * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_AllowSourcePrompts(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_AllowSourcePrompts(VARIANT_BOOL value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RebootRequiredBeforeInstallation(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IUpdateInstaller, 0x7b929c68, 0xccdc, 0x4226, 0x96, 0xb1, 0x87, 0x24, 0x60, 0x0b, 0x54, 0xc2)

MIDL_INTERFACE("3442D4FE-224D-4CEE-98CF-30E0C4D229E6")
IUpdateInstaller2 : public IUpdateInstaller {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ForceQuiet(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ForceQuiet(VARIANT_BOOL value) = 0;
};
__CRT_UUID_DECL(IUpdateInstaller2, 0x3442d4fe, 0x224d, 0x4cee, 0x98, 0xcf, 0x30, 0xe0, 0xc4, 0xd2, 0x29, 0xe6)

MIDL_INTERFACE("16D11C35-099A-48D0-8338-5FAE64047F8E")
IUpdateInstaller3 : public IUpdateInstaller2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_AttemptCloseAppsIfNecessary(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_AttemptCloseAppsIfNecessary(VARIANT_BOOL value) = 0;
};
__CRT_UUID_DECL(IUpdateInstaller3, 0x16d11c35, 0x099a, 0x48d0, 0x83, 0x38, 0x5f, 0xae, 0x64, 0x04, 0x7f, 0x8e)

MIDL_INTERFACE("EF8208EA-2304-492D-9109-23813B0958E1")
IUpdateInstaller4 : public IUpdateInstaller3 {
 public:
  virtual HRESULT STDMETHODCALLTYPE Commit(DWORD dwFlags) = 0;
};
__CRT_UUID_DECL(IUpdateInstaller4, 0xef8208ea, 0x2304, 0x492d, 0x91, 0x09, 0x23, 0x81, 0x3b, 0x09, 0x58, 0xe1)

MIDL_INTERFACE("816858A4-260D-4260-933A-2585F1ABC76B")
IUpdateSession : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ClientApplicationID(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ReadOnly(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_WebProxy(IWebProxy * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_WebProxy(IWebProxy * value) = 0;
  virtual HRESULT STDMETHODCALLTYPE CreateUpdateSearcher(IUpdateSearcher * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CreateUpdateDownloader(IUpdateDownloader * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE CreateUpdateInstaller(IUpdateInstaller * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateSession, 0x816858a4, 0x260d, 0x4260, 0x93, 0x3a, 0x25, 0x85, 0xf1, 0xab, 0xc7, 0x6b)

MIDL_INTERFACE("91CAF7B0-EB23-49ED-9937-C52D817F46F7")
IUpdateSession2 : public IUpdateSession {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_UserLocale(LCID * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_UserLocale(LCID lcid) = 0;
};
__CRT_UUID_DECL(IUpdateSession2, 0x91caf7b0, 0xeb23, 0x49ed, 0x99, 0x37, 0xc5, 0x2d, 0x81, 0x7f, 0x46, 0xf7)

MIDL_INTERFACE("918EFD1E-B5D8-4C90-8540-AEB9BDC56F9D")
IUpdateSession3 : public IUpdateSession2 {
 public:
  virtual HRESULT STDMETHODCALLTYPE CreateUpdateServiceManager(IUpdateServiceManager2 * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE QueryHistory(BSTR criteria, LONG startIndex, LONG count, IUpdateHistoryEntryCollection * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateSession3, 0x918efd1e, 0xb5d8, 0x4c90, 0x85, 0x40, 0xae, 0xb9, 0xbd, 0xc5, 0x6f, 0x9d)

MIDL_INTERFACE("76B3B17E-AED6-4DA5-85F0-83587F81ABE3")
IUpdateService : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Name(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ContentValidationCert(VARIANT * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ExpirationDate(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsManaged(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsRegisteredWithAU(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IssueDate(DATE * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_OffersWindowsUpdates(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RedirectUrls(IStringCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsScanPackageService(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_CanRegisterWithAU(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceUrl(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SetupPrefix(BSTR * retval) = 0;
};
__CRT_UUID_DECL(IUpdateService, 0x76b3b17e, 0xaed6, 0x4da5, 0x85, 0xf0, 0x83, 0x58, 0x7f, 0x81, 0xab, 0xe3)

MIDL_INTERFACE("1518B460-6518-4172-940F-C75883B24CEB")
IUpdateService2 : public IUpdateService {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_IsDefaultAUService(VARIANT_BOOL * retval) = 0;
};
__CRT_UUID_DECL(IUpdateService2, 0x1518b460, 0x6518, 0x4172, 0x94, 0x0f, 0xc7, 0x58, 0x83, 0xb2, 0x4c, 0xeb)

MIDL_INTERFACE("9B0353AA-0E52-44FF-B8B0-1F7FA0437F88")
IUpdateServiceCollection : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Item(LONG index, IUpdateService * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get__NewEnum(IUnknown * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG * retval) = 0;
};
__CRT_UUID_DECL(IUpdateServiceCollection, 0x9b0353aa, 0x0e52, 0x44ff, 0xb8, 0xb0, 0x1f, 0x7f, 0xa0, 0x43, 0x7f, 0x88)

MIDL_INTERFACE("DDE02280-12B3-4E0B-937B-6747F6ACB286")
IUpdateServiceRegistration : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_RegistrationState(UpdateServiceRegistrationState * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ServiceID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_IsPendingRegistrationWithAU(VARIANT_BOOL * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Service(IUpdateService2 * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateServiceRegistration, 0xdde02280, 0x12b3, 0x4e0b, 0x93, 0x7b, 0x67, 0x47, 0xf6, 0xac, 0xb2, 0x86)

MIDL_INTERFACE("23857E3C-02BA-44A3-9423-B1C900805F37")
IUpdateServiceManager : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_Services(IUpdateServiceCollection * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE AddService(BSTR serviceID, BSTR authorizationCabPath, IUpdateService * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE RegisterServiceWithAU(BSTR serviceID) = 0;
  virtual HRESULT STDMETHODCALLTYPE RemoveService(BSTR serviceID) = 0;
  virtual HRESULT STDMETHODCALLTYPE UnregisterServiceWithAU(BSTR serviceID) = 0;
  virtual HRESULT STDMETHODCALLTYPE AddScanPackageService(BSTR serviceName, BSTR scanFileLocation, LONG flags,
                                                          IUpdateService * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE SetOption(BSTR optionName, VARIANT optionValue) = 0;
};
__CRT_UUID_DECL(IUpdateServiceManager, 0x23857e3c, 0x02ba, 0x44a3, 0x94, 0x23, 0xb1, 0xc9, 0x00, 0x80, 0x5f, 0x37)

MIDL_INTERFACE("0BB8531D-7E8D-424F-986C-A0B8F60A3E7B")
IUpdateServiceManager2 : public IUpdateServiceManager {
 public:
  virtual HRESULT STDMETHODCALLTYPE get_ClientApplicationID(BSTR * retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ClientApplicationID(BSTR value) = 0;
  virtual HRESULT STDMETHODCALLTYPE QueryServiceRegistration(BSTR serviceID, IUpdateServiceRegistration * *retval) = 0;
  virtual HRESULT STDMETHODCALLTYPE AddService2(BSTR serviceID, LONG flags, BSTR authorizationCabPath,
                                                IUpdateServiceRegistration * *retval) = 0;
};
__CRT_UUID_DECL(IUpdateServiceManager2, 0x0bb8531d, 0x7e8d, 0x424f, 0x98, 0x6c, 0xa0, 0xb8, 0xf6, 0x0a, 0x3e, 0x7b)

MIDL_INTERFACE("925CBC18-A2EA-4648-BF1C-EC8BADCFE20A")
IInstallationAgent : public IDispatch {
 public:
  virtual HRESULT STDMETHODCALLTYPE RecordInstallationResult(BSTR installationResultCookie, LONG hresult,
                                                             IStringCollection * extendedReportingData) = 0;
};
__CRT_UUID_DECL(IInstallationAgent, 0x925cbc18, 0xa2ea, 0x4648, 0xbf, 0x1c, 0xec, 0x8b, 0xad, 0xcf, 0xe2, 0x0a)

class DECLSPEC_UUID("4CB43D7F-7EEE-4906-8698-60DA1C38F2FE") UpdateSession;
__CRT_UUID_DECL(UpdateSession, 0x4cb43d7f, 0x7eee, 0x4906, 0x86, 0x98, 0x60, 0xda, 0x1c, 0x38, 0xf2, 0xfe)
class DECLSPEC_UUID("B699E5E8-67FF-4177-88B0-3684A3388BFB") UpdateSearcher;
__CRT_UUID_DECL(UpdateSearcher, 0xb699e5e8, 0x67ff, 0x4177, 0x88, 0xb0, 0x36, 0x84, 0xa3, 0x38, 0x8b, 0xfb)
class DECLSPEC_UUID("5BAF654A-5A07-4264-A255-9FF54C7151E7") UpdateDownloader;
__CRT_UUID_DECL(UpdateDownloader, 0x5baf654a, 0x5a07, 0x4264, 0xa2, 0x55, 0x9f, 0xf5, 0x4c, 0x71, 0x51, 0xe7)
class DECLSPEC_UUID("D2E0FE7F-D23E-48E1-93C0-6FA8CC346474") UpdateInstaller;
__CRT_UUID_DECL(UpdateInstaller, 0xd2e0fe7f, 0xd23e, 0x48e1, 0x93, 0xc0, 0x6f, 0xa8, 0xcc, 0x34, 0x64, 0x74)
class DECLSPEC_UUID("13639463-00DB-4646-803D-528026140D88") UpdateCollection;
__CRT_UUID_DECL(UpdateCollection, 0x13639463, 0x00db, 0x4646, 0x80, 0x3d, 0x52, 0x80, 0x26, 0x14, 0x0d, 0x88)
class DECLSPEC_UUID("72C97D74-7C3B-40AE-B77D-ABDB22EBA6FB") StringCollection;
__CRT_UUID_DECL(StringCollection, 0x72c97d74, 0x7c3b, 0x40ae, 0xb7, 0x7d, 0xab, 0xdb, 0x22, 0xeb, 0xa6, 0xfb)
class DECLSPEC_UUID("F8D253D9-89A4-4DAA-87B6-1168369F0B21") UpdateServiceManager;
__CRT_UUID_DECL(UpdateServiceManager, 0xf8d253d9, 0x89a4, 0x4daa, 0x87, 0xb6, 0x11, 0x68, 0x36, 0x9f, 0x0b, 0x21)
class DECLSPEC_UUID("BFE18E9C-6D87-4450-B37C-E02F0B373803") AutomaticUpdates;
__CRT_UUID_DECL(AutomaticUpdates, 0xbfe18e9c, 0x6d87, 0x4450, 0xb3, 0x7c, 0xe0, 0x2f, 0x0b, 0x37, 0x38, 0x03)
class DECLSPEC_UUID("C01B9BA0-BEA7-41BA-B604-D0A36F469133") SystemInformation;
__CRT_UUID_DECL(SystemInformation, 0xc01b9ba0, 0xbea7, 0x41ba, 0xb6, 0x04, 0xd0, 0xa3, 0x6f, 0x46, 0x91, 0x33)
class DECLSPEC_UUID("C2E88C2F-6F5B-4AAA-894B-55C847AD3A2D") WindowsUpdateAgentInfo;
__CRT_UUID_DECL(WindowsUpdateAgentInfo, 0xc2e88c2f, 0x6f5b, 0x4aaa, 0x89, 0x4b, 0x55, 0xc8, 0x47, 0xad, 0x3a, 0x2d)
class DECLSPEC_UUID("650503CF-9108-4DDC-A2CE-6C2341E1C582") WebProxy;
__CRT_UUID_DECL(WebProxy, 0x650503cf, 0x9108, 0x4ddc, 0xa2, 0xce, 0x6c, 0x23, 0x41, 0xe1, 0xc5, 0x82)
class DECLSPEC_UUID("317E92FC-1679-46FD-A0B5-F08914DD8623") InstallationAgent;
__CRT_UUID_DECL(InstallationAgent, 0x317e92fc, 0x1679, 0x46fd, 0xa0, 0xb5, 0xf0, 0x89, 0x14, 0xdd, 0x86, 0x23)

class DECLSPEC_UUID("B596CC9F-56E5-419E-A622-E01BB457431E") WUApiLib;
__CRT_UUID_DECL(WUApiLib, 0xb596cc9f, 0x56e5, 0x419e, 0xa6, 0x22, 0xe0, 0x1b, 0xb4, 0x57, 0x43, 0x1e)

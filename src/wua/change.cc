#include "wua/change.h"

#include <wuerror.h>

#include "com/bstr.h"
#include "com/hresult.h"
#include "com/variant.h"
#include "wua/callbacks.h"
#include "wua/ids.h"
#include "wua/keep_awake.h"
#include "wua/properties.h"
#include "wua/search.h"

namespace wua {

using com::Bstr;
using com::ComPtr;
using com::ThrowIfFailed;

namespace {

std::string Narrow(const std::u16string& text) { return std::string(text.begin(), text.end()); }

ProgressRecord ReadDownloadProgress(IDownloadProgressChangedCallbackArgs* args) {
  ComPtr<IDownloadProgress> progress;
  ThrowIfFailed(args->get_Progress(progress.Put()), "IDownloadProgressChangedCallbackArgs::Progress");
  ProgressRecord record;
  ThrowIfFailed(progress->get_PercentComplete(&record.percentComplete), "IDownloadProgress::PercentComplete");
  ThrowIfFailed(progress->get_CurrentUpdateIndex(&record.currentIndex), "IDownloadProgress::CurrentUpdateIndex");
  ThrowIfFailed(progress->get_CurrentUpdatePercentComplete(&record.currentPercentComplete),
                "IDownloadProgress::CurrentUpdatePercentComplete");
  DownloadPhase phase = dphInitializing;
  ThrowIfFailed(progress->get_CurrentUpdateDownloadPhase(&phase), "IDownloadProgress::CurrentUpdateDownloadPhase");
  record.phase = phase;
  record.hasBytes = true;
  record.currentBytesDone =
      ReadDecimal(progress.Get(), &IDownloadProgress::get_CurrentUpdateBytesDownloaded, "IDownloadProgress::CurrentUpdateBytesDownloaded");
  record.currentBytesTotal =
      ReadDecimal(progress.Get(), &IDownloadProgress::get_CurrentUpdateBytesToDownload, "IDownloadProgress::CurrentUpdateBytesToDownload");
  record.totalBytesDone =
      ReadDecimal(progress.Get(), &IDownloadProgress::get_TotalBytesDownloaded, "IDownloadProgress::TotalBytesDownloaded");
  record.totalBytesTotal =
      ReadDecimal(progress.Get(), &IDownloadProgress::get_TotalBytesToDownload, "IDownloadProgress::TotalBytesToDownload");
  return record;
}

ProgressRecord ReadInstallationProgress(IInstallationProgressChangedCallbackArgs* args) {
  ComPtr<IInstallationProgress> progress;
  ThrowIfFailed(args->get_Progress(progress.Put()), "IInstallationProgressChangedCallbackArgs::Progress");
  ProgressRecord record;
  ThrowIfFailed(progress->get_PercentComplete(&record.percentComplete), "IInstallationProgress::PercentComplete");
  ThrowIfFailed(progress->get_CurrentUpdateIndex(&record.currentIndex), "IInstallationProgress::CurrentUpdateIndex");
  ThrowIfFailed(progress->get_CurrentUpdatePercentComplete(&record.currentPercentComplete),
                "IInstallationProgress::CurrentUpdatePercentComplete");
  return record;
}

// The members of one job kind's result interfaces, named in errors.
struct ResultNames {
  const char* getUpdateResult;
  const char* resultCode;
  const char* hresult;
};

// Each update's outcome, read alike from a download's and an installation's result, onto what
// was read of it before the job (`described`); `more` reads what only one kind has (an
// installation's restart need).
template <class UpdateResult, class Result, class ReadMore>
void ReadOutcomes(Result* result, const ResultNames& names, const std::vector<OutcomeRecord>& described, ReadMore more,
                  std::vector<OutcomeRecord>& into) {
  for (size_t i = 0; i < described.size(); ++i) {
    ComPtr<UpdateResult> one;
    ThrowIfFailed(result->GetUpdateResult(static_cast<LONG>(i), one.Put()), names.getUpdateResult);
    OutcomeRecord outcome = described[i];
    outcome.resultCode = ReadLong(one.Get(), &UpdateResult::get_ResultCode, names.resultCode);
    outcome.hresult = ReadLong(one.Get(), &UpdateResult::get_HResult, names.hresult);
    more(one.Get(), outcome);
    into.push_back(std::move(outcome));
  }
}

}  // namespace

ComPtr<IUpdateCollection> Change::Collect(IUpdateSession* session, UpdateCache& cache, const ChangeOptions& options) {
  ComPtr<IUpdateCollection> updates;
  ThrowIfFailed(
      ::CoCreateInstance(__uuidof(UpdateCollection), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IUpdateCollection), updates.PutVoid()),
      "CoCreateInstance(UpdateCollection)");
  std::vector<std::u16string> needingLicense;
  for (const std::u16string& id : options.updateIds) {
    IUpdate* update = ResolveUpdate(session, cache, id);
    // Each outcome's title and KBs are read before the job starts: a failure to read them then
    // stops a job that has changed nothing, where after the job it would hide what the job did.
    OutcomeRecord& described = described_.emplace_back();
    described.updateId = id;
    ReadText(update, &IUpdate::get_Title, "IUpdate::Title", described.title);
    ReadTexts(update, &IUpdate::get_KBArticleIDs, "IUpdate::KBArticleIDs", described.kbArticleIds);
    if (options.kind == ChangeKind::kInstall) {
      VARIANT_BOOL accepted = VARIANT_FALSE;
      ThrowIfFailed(update->get_EulaAccepted(&accepted), "IUpdate::EulaAccepted");
      if (!accepted) needingLicense.push_back(id);
    }
    LONG index = 0;
    ThrowIfFailed(updates->Add(update, &index), "IUpdateCollection::Add");
  }
  // Licenses are accepted only when the caller said so, and only once every update is known, so
  // that a refused call changes nothing on the machine.
  if (!needingLicense.empty() && !options.acceptEulas) {
    throw com::ComError(WU_E_EULAS_DECLINED, "update " + Narrow(needingLicense.front()) + " has license terms that were not accepted");
  }
  for (const std::u16string& id : needingLicense) ThrowIfFailed(cache.Find(id)->AcceptEula(), "IUpdate::AcceptEula");
  return updates;
}

Change::Change(IUpdateSession* session, const std::u16string& clientApplicationId, UpdateCache& cache, const ChangeOptions& options,
               Progressed progressed, Completed completed)
    : kind_(options.kind) {
  updates_ = Collect(session, cache, options);
  IUpdateCollection* updates = updates_.Get();
  Bstr clientId(clientApplicationId);
  com::Variant state;
  if (kind_ == ChangeKind::kDownload) {
    ThrowIfFailed(session->CreateUpdateDownloader(downloader_.Put()), "IUpdateSession::CreateUpdateDownloader");
    if (!clientApplicationId.empty()) {
      ThrowIfFailed(downloader_->put_ClientApplicationID(clientId.Get()), "IUpdateDownloader::put_ClientApplicationID");
    }
    ThrowIfFailed(downloader_->put_Updates(updates), "IUpdateDownloader::put_Updates");
    if (options.priority) {
      ThrowIfFailed(downloader_->put_Priority(static_cast<DownloadPriority>(*options.priority)), "IUpdateDownloader::put_Priority");
    }
    if (options.force) ThrowIfFailed(downloader_->put_IsForced(VARIANT_TRUE), "IUpdateDownloader::put_IsForced");
    ComPtr<IDownloadProgressChangedCallback> onProgress;
    onProgress.Attach(DownloadProgressed::New([progressed](IDownloadJob*, IDownloadProgressChangedCallbackArgs* args) {
      if (args) progressed(ReadDownloadProgress(args));
    }));
    ComPtr<IDownloadCompletedCallback> onCompleted;
    onCompleted.Attach(DownloadCompleted::New([completed](IDownloadJob*, IDownloadCompletedCallbackArgs*) { completed(); }));
    ThrowIfFailed(downloader_->BeginDownload(onProgress.Get(), onCompleted.Get(), state, downloadJob_.Put()),
                  "IUpdateDownloader::BeginDownload");
    HoldAwake(options.keepAwake);
    return;
  }
  ThrowIfFailed(session->CreateUpdateInstaller(installer_.Put()), "IUpdateSession::CreateUpdateInstaller");
  if (!clientApplicationId.empty()) {
    ThrowIfFailed(installer_->put_ClientApplicationID(clientId.Get()), "IUpdateInstaller::put_ClientApplicationID");
  }
  ThrowIfFailed(installer_->put_Updates(updates), "IUpdateInstaller::put_Updates");
  if (options.force) ThrowIfFailed(installer_->put_IsForced(VARIANT_TRUE), "IUpdateInstaller::put_IsForced");
  if (options.forceQuiet) {
    ComPtr<IUpdateInstaller2> installer2;
    ThrowIfFailed(installer_.As(installer2), "IUpdateInstaller2 (forceQuiet)");
    ThrowIfFailed(installer2->put_ForceQuiet(VARIANT_TRUE), "IUpdateInstaller2::put_ForceQuiet");
  }
  ComPtr<IInstallationProgressChangedCallback> onProgress;
  onProgress.Attach(InstallationProgressed::New([progressed](IInstallationJob*, IInstallationProgressChangedCallbackArgs* args) {
    if (args) progressed(ReadInstallationProgress(args));
  }));
  ComPtr<IInstallationCompletedCallback> onCompleted;
  onCompleted.Attach(InstallationCompleted::New([completed](IInstallationJob*, IInstallationCompletedCallbackArgs*) { completed(); }));
  if (kind_ == ChangeKind::kInstall) {
    ThrowIfFailed(installer_->BeginInstall(onProgress.Get(), onCompleted.Get(), state, installationJob_.Put()),
                  "IUpdateInstaller::BeginInstall");
  } else {
    ThrowIfFailed(installer_->BeginUninstall(onProgress.Get(), onCompleted.Get(), state, installationJob_.Put()),
                  "IUpdateInstaller::BeginUninstall");
  }
  HoldAwake(options.keepAwake);
}

// Only once the job has begun: a refused call must not hold the machine awake.
void Change::HoldAwake(bool wanted) {
  if (!wanted) return;
  KeepAwake::Acquire();
  keepingAwake_ = true;
}

ChangeRecord Change::End() {
  // The job is over, whatever End* says next; End runs on the thread that began it.
  if (keepingAwake_) KeepAwake::Release();
  keepingAwake_ = false;
  ChangeRecord record;
  OperationResultCode code = orcNotStarted;
  if (kind_ == ChangeKind::kDownload) {
    ComPtr<IDownloadResult> result;
    const HRESULT hr = downloader_->EndDownload(downloadJob_.Get(), result.Put());
    downloadJob_->CleanUp();
    ThrowIfFailed(hr, "IUpdateDownloader::EndDownload");
    ThrowIfFailed(result->get_ResultCode(&code), "IDownloadResult::ResultCode");
    ThrowIfFailed(result->get_HResult(&record.hresult), "IDownloadResult::HResult");
    ReadOutcomes<IUpdateDownloadResult>(
        result.Get(), {"IDownloadResult::GetUpdateResult", "IUpdateDownloadResult::ResultCode", "IUpdateDownloadResult::HResult"},
        described_, [](IUpdateDownloadResult*, OutcomeRecord&) {}, record.updates);
  } else {
    ComPtr<IInstallationResult> result;
    const HRESULT hr = kind_ == ChangeKind::kInstall ? installer_->EndInstall(installationJob_.Get(), result.Put())
                                                     : installer_->EndUninstall(installationJob_.Get(), result.Put());
    installationJob_->CleanUp();
    ThrowIfFailed(hr, kind_ == ChangeKind::kInstall ? "IUpdateInstaller::EndInstall" : "IUpdateInstaller::EndUninstall");
    ThrowIfFailed(result->get_ResultCode(&code), "IInstallationResult::ResultCode");
    ThrowIfFailed(result->get_HResult(&record.hresult), "IInstallationResult::HResult");
    VARIANT_BOOL reboot = VARIANT_FALSE;
    ThrowIfFailed(result->get_RebootRequired(&reboot), "IInstallationResult::RebootRequired");
    record.rebootRequired = reboot != VARIANT_FALSE;
    ReadOutcomes<IUpdateInstallationResult>(
        result.Get(),
        {"IInstallationResult::GetUpdateResult", "IUpdateInstallationResult::ResultCode", "IUpdateInstallationResult::HResult"}, described_,
        [](IUpdateInstallationResult* one, OutcomeRecord& outcome) {
          outcome.rebootRequired =
              ReadBool(one, &IUpdateInstallationResult::get_RebootRequired, "IUpdateInstallationResult::RebootRequired");
        },
        record.updates);
    record.rebootRequiredBeforeInstallation = ReadBool(installer_.Get(), &IUpdateInstaller::get_RebootRequiredBeforeInstallation,
                                                       "IUpdateInstaller::RebootRequiredBeforeInstallation");
  }
  record.resultCode = code;
  return record;
}

void Change::RequestAbort() {
  if (downloadJob_) ThrowIfFailed(downloadJob_->RequestAbort(), "IDownloadJob::RequestAbort");
  if (installationJob_) ThrowIfFailed(installationJob_->RequestAbort(), "IInstallationJob::RequestAbort");
}

}  // namespace wua

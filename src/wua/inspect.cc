#include "wua/inspect.h"

#include "wua/properties.h"
#include "wua/search.h"
#include "wua/update_reader.h"

namespace wua {

using com::ComPtr;
using com::ThrowIfFailed;

std::vector<InspectRecord> InspectUpdates(IUpdateSession* session, UpdateCache& cache, const std::vector<std::u16string>& updateIds) {
  std::vector<InspectRecord> out;
  out.reserve(updateIds.size());
  for (const std::u16string& id : updateIds) {
    IUpdate* update = ResolveUpdate(session, cache, id);
    InspectRecord& r = out.emplace_back();
    r.updateId = id;
    ReadText(update, &IUpdate::get_Title, "IUpdate::Title", r.title);
    ReadTexts(update, &IUpdate::get_KBArticleIDs, "IUpdate::KBArticleIDs", r.kbArticleIds);
    r.isDownloaded = ReadBool(update, &IUpdate::get_IsDownloaded, "IUpdate::IsDownloaded");
    r.isInstalled = ReadBool(update, &IUpdate::get_IsInstalled, "IUpdate::IsInstalled");
    r.eulaAccepted = ReadBool(update, &IUpdate::get_EulaAccepted, "IUpdate::EulaAccepted");
    ComPtr<IInstallationBehavior> behavior = ReadObject(update, &IUpdate::get_InstallationBehavior, "IUpdate::InstallationBehavior");
    if (behavior) r.installationBehavior = ReadBehavior(behavior.Get());
    behavior = ReadObject(update, &IUpdate::get_UninstallationBehavior, "IUpdate::UninstallationBehavior");
    if (behavior) r.uninstallationBehavior = ReadBehavior(behavior.Get());
    ComPtr<IUpdateCollection> bundled = ReadObject(update, &IUpdate::get_BundledUpdates, "IUpdate::BundledUpdates");
    LONG count = 0;
    if (bundled) ThrowIfFailed(bundled->get_Count(&count), "IUpdateCollection::Count");
    r.bundledUpdateCount = count;
  }
  return out;
}

}  // namespace wua

// The benchmark's late-bound client: a JScript run under cscript, as administrators' scripts read
// updates, through IDispatch. Usage: cscript //nologo read-updates.js <sample> <criteria>. It
// searches as the facade does (superseded updates too), finds which of the properties the addon
// reads a script can reach (the type library may lack some), then times reading those of the
// first <sample> updates. Prints `RESULT <json>` last (JScript under Wine has no JSON object).

function quote(s) {
  return '"' + String(s).replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f]/g, function (c) {
    return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
  }) + '"';
}

function toJson(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  var parts = [];
  if (value instanceof Array) {
    for (var i = 0; i < value.length; i++) parts.push(toJson(value[i]));
    return '[' + parts.join(',') + ']';
  }
  for (var key in value) parts.push(quote(key) + ':' + toJson(value[key]));
  return '{' + parts.join(',') + '}';
}

var sink = 0;
function consume(value) {
  if (typeof value === 'string') sink += value.length;
  else if (typeof value === 'number') sink += 1;
}

function strings(collection) {
  for (var i = 0; i < collection.Count; i++) consume(collection.Item(i));
}

function category(c) {
  consume(c.CategoryID); consume(c.Name); consume(c.Type); consume(c.Description); consume(c.Order);
  var parent = c.Parent;
  if (parent) consume(parent.CategoryID);
}

function behavior(b) {
  if (!b) return;
  consume(b.CanRequestUserInput); consume(b.Impact); consume(b.RebootBehavior); consume(b.RequiresNetworkConnectivity);
}

// Each property the addon reads (src/wua/update_reader.cc), as a script reads it.
var PROPERTIES = {
  Identity: function (u) { consume(u.Identity.UpdateID); consume(u.Identity.RevisionNumber); },
  Title: function (u) { consume(u.Title); },
  Description: function (u) { consume(u.Description); },
  Type: function (u) { consume(u.Type); },
  KBArticleIDs: function (u) { strings(u.KBArticleIDs); },
  SecurityBulletinIDs: function (u) { strings(u.SecurityBulletinIDs); },
  Categories: function (u) { var c = u.Categories; for (var i = 0; i < c.Count; i++) category(c.Item(i)); },
  MsrcSeverity: function (u) { consume(u.MsrcSeverity); },
  DeploymentAction: function (u) { consume(u.DeploymentAction); },
  DownloadPriority: function (u) { consume(u.DownloadPriority); },
  AutoSelectOnWebSites: function (u) { consume(u.AutoSelectOnWebSites); },
  CanRequireSource: function (u) { consume(u.CanRequireSource); },
  IsBeta: function (u) { consume(u.IsBeta); },
  IsDownloaded: function (u) { consume(u.IsDownloaded); },
  IsHidden: function (u) { consume(u.IsHidden); },
  IsInstalled: function (u) { consume(u.IsInstalled); },
  IsMandatory: function (u) { consume(u.IsMandatory); },
  IsUninstallable: function (u) { consume(u.IsUninstallable); },
  EulaAccepted: function (u) { consume(u.EulaAccepted); },
  EulaText: function (u) { consume(u.EulaText); },
  DeltaCompressedContentAvailable: function (u) { consume(u.DeltaCompressedContentAvailable); },
  DeltaCompressedContentPreferred: function (u) { consume(u.DeltaCompressedContentPreferred); },
  HandlerID: function (u) { consume(u.HandlerID); },
  Languages: function (u) { strings(u.Languages); },
  MoreInfoUrls: function (u) { strings(u.MoreInfoUrls); },
  SupportUrl: function (u) { consume(u.SupportUrl); },
  ReleaseNotes: function (u) { consume(u.ReleaseNotes); },
  SupersededUpdateIDs: function (u) { strings(u.SupersededUpdateIDs); },
  UninstallationNotes: function (u) { consume(u.UninstallationNotes); },
  UninstallationSteps: function (u) { strings(u.UninstallationSteps); },
  MaxDownloadSize: function (u) { consume(u.MaxDownloadSize); },
  MinDownloadSize: function (u) { consume(u.MinDownloadSize); },
  RecommendedCpuSpeed: function (u) { consume(u.RecommendedCpuSpeed); },
  RecommendedHardDiskSpace: function (u) { consume(u.RecommendedHardDiskSpace); },
  RecommendedMemory: function (u) { consume(u.RecommendedMemory); },
  Deadline: function (u) { consume(u.Deadline); },
  LastDeploymentChangeTime: function (u) { consume(u.LastDeploymentChangeTime); },
  InstallationBehavior: function (u) { behavior(u.InstallationBehavior); },
  UninstallationBehavior: function (u) { behavior(u.UninstallationBehavior); },
  Image: function (u) { var i = u.Image; if (i) { consume(i.AltText); consume(i.Source); consume(i.Height); consume(i.Width); } },
  DownloadContents: function (u) {
    var c = u.DownloadContents;
    for (var i = 0; i < c.Count; i++) { consume(c.Item(i).DownloadUrl); consume(c.Item(i).IsDeltaCompressedContent); }
  },
  BundledUpdates: function (u) { consume(u.BundledUpdates.Count); },
  RebootRequired: function (u) { consume(u.RebootRequired); },
  IsPresent: function (u) { consume(u.IsPresent); },
  CveIDs: function (u) { strings(u.CveIDs); },
  BrowseOnly: function (u) { consume(u.BrowseOnly); },
  PerUser: function (u) { consume(u.PerUser); },
  AutoSelection: function (u) { consume(u.AutoSelection); },
  AutoDownload: function (u) { consume(u.AutoDownload); }
};

var result = {};
var step = 'start';
try {
  var sample = Number(WScript.Arguments.Item(0));
  var criteria = WScript.Arguments.Item(1);
  step = 'session';
  var session = new ActiveXObject('Microsoft.Update.Session');
  var searcher = session.CreateUpdateSearcher();
  searcher.IncludePotentiallySupersededUpdates = true;
  step = 'search';
  var searchStarted = new Date().getTime();
  var updates = searcher.Search(criteria).Updates;
  result.searchMs = new Date().getTime() - searchStarted;
  var count = Math.min(sample, updates.Count);
  step = 'probe';
  var reachable = [];
  var unreachable = [];
  var failures = {};  // the HRESULT each unreachable property failed with
  var first = updates.Item(0);
  for (var name in PROPERTIES) {
    try {
      PROPERTIES[name](first);
      reachable.push(name);
    } catch (error) {
      unreachable.push(name);
      failures[name] = (error.number >>> 0).toString(16);
    }
  }
  step = 'read';
  var started = new Date().getTime();
  for (var i = 0; i < count; i++) {
    var update = updates.Item(i);
    for (var p = 0; p < reachable.length; p++) {
      // A property the first update gave may still fail on another (a nested object the type
      // library lacks): it is left out from then on, and named.
      try {
        PROPERTIES[reachable[p]](update);
      } catch (error) {
        unreachable.push(reachable[p]);
        failures[reachable[p]] = (error.number >>> 0).toString(16);
        reachable.splice(p--, 1);
      }
    }
  }
  result.readMs = new Date().getTime() - started;
  result.updates = count;
  result.reachable = reachable;
  result.unreachable = unreachable;
  result.failures = failures;
  result.sink = sink;
} catch (error) {
  result.error = { step: step, number: (error.number >>> 0).toString(16), message: error.message };
}
WScript.Echo('RESULT ' + toJson(result));

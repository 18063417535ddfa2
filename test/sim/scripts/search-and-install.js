// Drives the Windows Update Agent through IDispatch, as administrators' scripts do:
//   cscript //nologo search-and-install.js
// (Wine's cscript rejects //E:JScript; the .js extension selects JScript anyway.)
// Prints one line per fact and, last, `RESULT <json>` for test/sim/dispatch.test.ts. The JSON is
// built by hand because JScript under Wine has no JSON object. Wine's cscript also drops script
// errors without a word, so an error is caught and reported in RESULT as well.

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

function hex(error) {
  return (error.number >>> 0).toString(16);
}

function fact(name, value) {
  result[name] = value;
  WScript.Echo(name + ' ' + toJson(value));
}

// A collection's items, mapped. Count and Item(i) rather than `new Enumerator(collection)`:
// Wine's JScript asks for _NewEnum with DISPATCH_METHOD alone, which the typelib's propget
// _NewEnum does not answer (see the `enumerator` fact).
function list(collection, map) {
  var items = [];
  for (var i = 0; i < collection.Count; i++) items.push(map ? map(collection.Item(i)) : collection.Item(i));
  return items;
}

function describe(update) {
  return {
    title: update.Title,
    updateId: update.Identity.UpdateID,
    kbArticleIds: list(update.KBArticleIDs),
    isDownloaded: update.IsDownloaded,
    isInstalled: update.IsInstalled,
    categories: list(update.Categories, function (category) { return category.Name; })
  };
}

var result = {};
var step = 'start';
try {
  step = 'session';
  var session = new ActiveXObject('Microsoft.Update.Session');
  session.ClientApplicationID = 'dispatch script';
  fact('clientApplicationId', session.ClientApplicationID);

  step = 'search';
  var searcher = session.CreateUpdateSearcher();
  var search = searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'");
  fact('searchResultCode', search.ResultCode);
  fact('found', list(search.Updates, describe));

  step = 'enumerator';
  try {
    var titles = [];
    for (var e = new Enumerator(search.Updates); !e.atEnd(); e.moveNext()) titles.push(e.item().Title);
    fact('enumerator', titles.length);
  } catch (error) {
    fact('enumerator', hex(error));
  }

  step = 'download';
  var chosen = null;  // the first update without license terms to accept
  for (var i = 0; i < search.Updates.Count && !chosen; i++) {
    if (!search.Updates.Item(i).EulaText) chosen = search.Updates.Item(i);
  }
  fact('chosen', chosen.Identity.UpdateID);
  var updates = new ActiveXObject('Microsoft.Update.UpdateColl');
  updates.Add(chosen);
  var downloader = session.CreateUpdateDownloader();
  downloader.Updates = updates;
  var download = downloader.Download();
  fact('download', { resultCode: download.ResultCode, isDownloaded: chosen.IsDownloaded });

  step = 'install';
  var installer = session.CreateUpdateInstaller();
  installer.Updates = updates;
  var install = installer.Install();
  fact('install', {
    resultCode: install.ResultCode,
    rebootRequired: install.RebootRequired,
    updateResultCode: install.GetUpdateResult(0).ResultCode,
    isInstalled: chosen.IsInstalled
  });

  step = 'system';
  fact('systemRebootRequired', new ActiveXObject('Microsoft.Update.SystemInfo').RebootRequired);
  fact('productVersion', new ActiveXObject('Microsoft.Update.AgentInfo').GetInfo('ProductVersionString'));

  step = 'installed';
  fact('installed', list(searcher.Search('IsInstalled=1').Updates, function (update) {
    return update.Identity.UpdateID;
  }));

  step = 'invalidCriteria';
  try {
    searcher.Search('IsInstalled=2 or');
    fact('invalidCriteria', 'no error');
  } catch (error) {
    fact('invalidCriteria', hex(error));
  }
} catch (error) {
  fact('error', { step: step, number: hex(error), message: error.message });
}

WScript.Echo('RESULT ' + toJson(result));

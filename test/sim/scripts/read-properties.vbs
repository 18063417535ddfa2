' Reads every property of every object the agent hands out, as a script does: through IDispatch,
' by name. VBScript, since Wine's JScript cannot convert DECIMAL (sizes) or DATE variants.
' Wine's VBScript has no Execute or Eval, so the reading is written out: test/sim/script-properties.test.ts
' appends to this script, from the type library (.tlb), `LoadProperties` (which fills `properties`
' with each interface's properties) and `ReadNamed(target, kind, name, value)` (one Case per
' interface and property, with Set for the ones that return an object), and runs the whole.
' Each object is read through the interface TypeName reports for it, which is the name its
' IDispatch type information gives: the newest interface it implements.
' Prints, per object, `OBJECT <label> <interface>`, then one line per property:
'   READ <label>.<property> <VarType, or Object> <value>    or
'   FAIL <label>.<property> <hex error>
' and `END <number of properties read>` last: Wine's cscript exits 0 even when a script error
' stops a script, so a missing END line is how the test tells.
Option Explicit

Dim properties, reads
Set properties = CreateObject("Scripting.Dictionary")
reads = 0

Function Pad(n)
  Pad = Right("0" & n, 2)
End Function

Function IsoDate(d)
  IsoDate = Year(d) & "-" & Pad(Month(d)) & "-" & Pad(Day(d)) & "T" & Pad(Hour(d)) & ":" & Pad(Minute(d)) & ":" & Pad(Second(d)) & "Z"
End Function

' A value as one line of text: strings as they are, dates in ISO 8601, objects by interface.
' Wine's VBScript reports an IUnknown (VarType 13) as no object and has no TypeName for it.
Function Show(value)
  If VarType(value) = 13 Then
    If value Is Nothing Then Show = "Nothing" Else Show = "IUnknown"
  ElseIf IsObject(value) Then
    If value Is Nothing Then Show = "Nothing" Else Show = TypeName(value)
  ElseIf VarType(value) = vbDate Then
    Show = IsoDate(value)
  ElseIf IsNull(value) Or IsEmpty(value) Then
    Show = ""
  Else
    Show = CStr(value)
  End If
End Function

' Reads `name` of `target` (an object of interface `kind`) into `value`; returns the error number
' (0 when it was read).
Function ReadInto(target, kind, name, value)
  Dim item
  On Error Resume Next
  Err.Clear
  If name = "_NewEnum" Then
    ' For Each asks the collection for _NewEnum: the count of what it enumerates.
    value = 0
    For Each item In target
      value = value + 1
    Next
  Else
    ReadNamed target, kind, name, value
  End If
  ReadInto = Err.Number
End Function

Sub ReadAll(label, target)
  Dim kind, name, value, failed
  kind = TypeName(target)
  WScript.Echo "OBJECT " & label & " " & kind
  If Not properties.Exists(kind) Then
    WScript.Echo "UNKNOWN " & label & " " & kind
    Exit Sub
  End If
  For Each name In properties(kind)
    failed = ReadInto(target, kind, name, value)
    If failed <> 0 Then
      WScript.Echo "FAIL " & label & "." & name & " " & Hex(failed)
    Else
      reads = reads + 1
      If IsObject(value) Or VarType(value) = 13 Then
        WScript.Echo "READ " & label & "." & name & " Object " & Show(value)
      Else
        ' VarType, not TypeName: Wine's TypeName does not know VT_UI4 (an LCID).
        WScript.Echo "READ " & label & "." & name & " " & VarType(value) & " " & Show(value)
      End If
    End If
  Next
End Sub

Function ReadDriverClass(target)
  Dim value
  On Error Resume Next
  value = target.DriverClass
  ReadDriverClass = Err.Number
End Function

' Waits for an asynchronous job to complete. Wine's WScript.Sleep is not implemented, so it asks
' IsCompleted again and again (the scenario's operations take no time).
Sub WaitFor(job)
  Do Until job.IsCompleted
  Loop
End Sub

' The first update of `updates` whose ID is `id`.
Function UpdateWithId(updates, id)
  Dim update
  For Each update In updates
    If update.Identity.UpdateID = id Then Set UpdateWithId = update
  Next
End Function

LoadProperties

Dim session, searcher, result, update, bundle, driver, category, history, entry
Set session = CreateObject("Microsoft.Update.Session")
session.ClientApplicationID = "property reader"
ReadAll "session", session

Set searcher = session.CreateUpdateSearcher()
searcher.Online = False
ReadAll "searcher", searcher
Set result = searcher.Search("IsInstalled=0")
ReadAll "searchResult", result
ReadAll "searchResult.Updates", result.Updates
ReadAll "searchResult.Warnings", result.Warnings
ReadAll "warning", result.Warnings.Item(0)
ReadAll "searchResult.RootCategories", result.RootCategories

Set update = UpdateWithId(result.Updates, "9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20")
ReadAll "update", update
ReadAll "update.Identity", update.Identity
ReadAll "update.Image", update.Image
ReadAll "update.InstallationBehavior", update.InstallationBehavior
ReadAll "update.UninstallationBehavior", update.UninstallationBehavior
ReadAll "update.KBArticleIDs", update.KBArticleIDs
ReadAll "update.CveIDs", update.CveIDs
ReadAll "update.Categories", update.Categories
ReadAll "update.DownloadContents", update.DownloadContents
ReadAll "downloadContent", update.DownloadContents.Item(0)

'' A software update has no driver fields: the real agent's answers no IWindowsDriverUpdate, so a
' script's read of one fails (438, no such property), as it does on Windows.
WScript.Echo "SOFTWARE-DRIVERCLASS " & Hex(ReadDriverClass(update))

Set bundle = UpdateWithId(result.Updates, "61f0b2c4-8d3e-4a5f-9b7c-1e2d3f4a5b6c")
ReadAll "bundle", bundle
ReadAll "bundle.BundledUpdates", bundle.BundledUpdates
ReadAll "bundled", bundle.BundledUpdates.Item(0)

Set category = update.Categories.Item(0)
ReadAll "category", category
ReadAll "category.Parent", category.Parent
ReadAll "category.Children", category.Parent.Children
ReadAll "category.Updates", category.Updates

Set driver = UpdateWithId(result.Updates, "e2a4c6e8-1357-4b9d-a2c4-6e8f0a1b3c5d")
ReadAll "driver", driver
ReadAll "driver.WindowsDriverUpdateEntries", driver.WindowsDriverUpdateEntries
ReadAll "driverEntry", driver.WindowsDriverUpdateEntries.Item(1)

Set history = searcher.QueryHistory(0, searcher.GetTotalHistoryCount())
ReadAll "history", history
Set entry = history.Item(0)
ReadAll "historyEntry", entry
ReadAll "historyEntry.UpdateIdentity", entry.UpdateIdentity

' An asynchronous search, with no callback (a script has none to give) and a state to carry.
Dim searchJob
Set searchJob = searcher.BeginSearch("IsInstalled=0 and Type='Software'", Nothing, "search state")
WaitFor searchJob
ReadAll "searchJob", searchJob
searcher.EndSearch searchJob

Dim updates, downloader, download, downloadJob, installer, install, installJob
Set updates = CreateObject("Microsoft.Update.UpdateColl")
update.AcceptEula
updates.Add update
Set downloader = session.CreateUpdateDownloader()
downloader.Updates = updates
downloader.Priority = 3
ReadAll "downloader", downloader
Set downloadJob = downloader.BeginDownload(Nothing, Nothing, "download state")
WaitFor downloadJob
ReadAll "downloadJob", downloadJob
ReadAll "downloadProgress", downloadJob.GetProgress()
Set download = downloader.EndDownload(downloadJob)
ReadAll "downloadResult", download
ReadAll "updateDownloadResult", download.GetUpdateResult(0)

Set installer = session.CreateUpdateInstaller()
installer.Updates = updates
installer.ForceQuiet = True
ReadAll "installer", installer
Set installJob = installer.BeginInstall(Nothing, Nothing, "install state")
WaitFor installJob
ReadAll "installationJob", installJob
ReadAll "installationProgress", installJob.GetProgress()
Set install = installer.EndInstall(installJob)
ReadAll "installationResult", install
ReadAll "updateInstallationResult", install.GetUpdateResult(0)

Dim manager
Set manager = session.CreateUpdateServiceManager()
manager.ClientApplicationID = "property reader"
ReadAll "serviceManager", manager
ReadAll "services", manager.Services
ReadAll "service", manager.Services.Item(0)
ReadAll "serviceRegistration", manager.QueryServiceRegistration("7971f918-a847-4430-9279-4a52d1efe18d")

Dim automatic
Set automatic = CreateObject("Microsoft.Update.AutoUpdate")
ReadAll "automaticUpdates", automatic
ReadAll "automaticUpdates.Settings", automatic.Settings
ReadAll "automaticUpdates.Results", automatic.Results

ReadAll "systemInformation", CreateObject("Microsoft.Update.SystemInfo")
ReadAll "agentInfo", CreateObject("Microsoft.Update.AgentInfo")
WScript.Echo "AGENT " & CreateObject("Microsoft.Update.AgentInfo").GetInfo("ProductVersionString")

Dim proxy
Set proxy = CreateObject("Microsoft.Update.WebProxy")
proxy.Address = "proxy.example.com:8080"
proxy.UserName = "EXAMPLE\updater"
Dim bypass
Set bypass = CreateObject("Microsoft.Update.StringColl")
bypass.Add "*.example.com"
proxy.BypassList = bypass
ReadAll "webProxy", proxy
ReadAll "webProxy.BypassList", proxy.BypassList

WScript.Echo "END " & reads

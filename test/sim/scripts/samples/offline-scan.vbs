' The call sequence of Microsoft's WUA sample "Using WUA to Scan for Updates Offline"
' (https://learn.microsoft.com/windows/win32/wua_sdk/using-wua-to-scan-for-updates-offline),
' written for this project: the scan package (wsusscn2.cab) added as a scan package service with
' AddScanPackageService, a searcher pointed at it (ServerSelection = ssOthers, ServiceID = the
' service's ID), a search for what is not installed, and the titles found.
'   cscript //nologo offline-scan.vbs <path of wsusscn2.cab>
' Its last line is `SAMPLE-END`: Wine's cscript exits 0 when a script error stops a script.
Const ssOthers = 3
Const usoNonVolatileService = 1
Dim session, manager, service, searcher, result, i

Set session = CreateObject("Microsoft.Update.Session")
Set manager = CreateObject("Microsoft.Update.ServiceManager")
WScript.Echo "STEP add-scan-package"
Set service = manager.AddScanPackageService("Offline Sync Service", WScript.Arguments(0), usoNonVolatileService)
WScript.Echo "SERVICE " & service.ServiceID & " " & service.IsScanPackageService

Set searcher = session.CreateUpdateSearcher()
searcher.ServerSelection = ssOthers
searcher.ServiceID = service.ServiceID
WScript.Echo "STEP search"
Set result = searcher.Search("IsInstalled=0")
If result.Updates.Count = 0 Then WScript.Echo "NO-UPDATES"
For i = 0 To result.Updates.Count - 1
  WScript.Echo "FOUND " & result.Updates.Item(i).Title
Next
WScript.Echo "SAMPLE-END"

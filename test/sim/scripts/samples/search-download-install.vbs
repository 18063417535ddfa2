' The call sequence of Microsoft's WUA sample "Searching, Downloading, and Installing Updates"
' (https://learn.microsoft.com/windows/win32/wua_sdk/searching--downloading--and-installing-updates),
' written for this project: a session with a client application ID, a search for pending visible
' software, a download collection that leaves out updates that may ask for user input and accepts
' licence terms, a download, an install collection of what is downloaded, an install, and the
' result of the whole and of each update. The sample asks before accepting a licence and before
' installing; Wine's cscript has no WScript.StdIn, so this script answers yes, as an unattended
' administrator's script does.
'   cscript //nologo search-download-install.vbs
' Its last line is `SAMPLE-END`: Wine's cscript exits 0 when a script error stops a script.
Dim session, searcher, result, update, toDownload, downloader, toInstall, installer, installation, i

Set session = CreateObject("Microsoft.Update.Session")
session.ClientApplicationID = "sample: search, download, install"
Set searcher = session.CreateUpdateSearcher()
WScript.Echo "STEP search"
Set result = searcher.Search("IsInstalled=0 and Type='Software' and IsHidden=0")
For i = 0 To result.Updates.Count - 1
  WScript.Echo "FOUND " & result.Updates.Item(i).Title
Next
If result.Updates.Count = 0 Then
  WScript.Echo "NOTHING-TO-INSTALL"
  WScript.Echo "SAMPLE-END"
  WScript.Quit
End If

Set toDownload = CreateObject("Microsoft.Update.UpdateColl")
For i = 0 To result.Updates.Count - 1
  Set update = result.Updates.Item(i)
  If update.InstallationBehavior.CanRequestUserInput Then
    WScript.Echo "SKIPPED-INTERACTIVE " & update.Title
  Else
    If Not update.EulaAccepted Then
      update.AcceptEula
      WScript.Echo "EULA-ACCEPTED " & update.Title
    End If
    toDownload.Add update
  End If
Next

WScript.Echo "STEP download"
Set downloader = session.CreateUpdateDownloader()
downloader.Updates = toDownload
downloader.Download

Set toInstall = CreateObject("Microsoft.Update.UpdateColl")
For i = 0 To result.Updates.Count - 1
  Set update = result.Updates.Item(i)
  If update.IsDownloaded Then
    WScript.Echo "DOWNLOADED " & update.Title
    toInstall.Add update
  End If
Next

WScript.Echo "STEP install"
Set installer = session.CreateUpdateInstaller()
installer.Updates = toInstall
Set installation = installer.Install()
WScript.Echo "RESULT " & installation.ResultCode
WScript.Echo "REBOOT-REQUIRED " & installation.RebootRequired
For i = 0 To toInstall.Count - 1
  WScript.Echo "UPDATE-RESULT " & installation.GetUpdateResult(i).ResultCode & " " & toInstall.Item(i).Title
Next
WScript.Echo "SAMPLE-END"

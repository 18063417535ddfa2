' The call sequence of Microsoft's WUA sample "Searching, Downloading, and Installing Specific
' Updates" (https://learn.microsoft.com/windows/win32/wua_sdk/searching--downloading--and-installing-specific-updates),
' written for this project: a search for software, the update whose title the administrator names
' picked from the results (the sample compares titles without regard to case), its licence
' accepted, downloaded, installed, and the results printed.
'   cscript //nologo specific-updates.vbs "<update title>"
' The sample asks for the title on its input; Wine's cscript has no WScript.StdIn (nor
' WScript.Arguments.Named), so it is the first argument here.
' Its last line is `SAMPLE-END`: Wine's cscript exits 0 when a script error stops a script.
Dim wanted, session, searcher, result, update, chosen, downloader, installer, installation, i

wanted = WScript.Arguments(0)
Set session = CreateObject("Microsoft.Update.Session")
session.ClientApplicationID = "sample: specific updates"
Set searcher = session.CreateUpdateSearcher()
WScript.Echo "STEP search"
Set result = searcher.Search("Type='Software'")

Set chosen = CreateObject("Microsoft.Update.UpdateColl")
For i = 0 To result.Updates.Count - 1
  Set update = result.Updates.Item(i)
  If UCase(update.Title) = UCase(wanted) Then
    If Not update.EulaAccepted Then update.AcceptEula
    chosen.Add update
    WScript.Echo "CHOSEN " & update.Title
  End If
Next
If chosen.Count = 0 Then
  WScript.Echo "NOT-FOUND " & wanted
  WScript.Echo "SAMPLE-END"
  WScript.Quit
End If

WScript.Echo "STEP download"
Set downloader = session.CreateUpdateDownloader()
downloader.Updates = chosen
WScript.Echo "DOWNLOAD-RESULT " & downloader.Download().ResultCode

WScript.Echo "STEP install"
Set installer = session.CreateUpdateInstaller()
installer.Updates = chosen
Set installation = installer.Install()
WScript.Echo "RESULT " & installation.ResultCode
WScript.Echo "REBOOT-REQUIRED " & installation.RebootRequired
For i = 0 To chosen.Count - 1
  WScript.Echo "UPDATE-RESULT " & installation.GetUpdateResult(i).ResultCode & " " & chosen.Item(i).Title
Next
WScript.Echo "SAMPLE-END"

' The call sequence of Microsoft's WUA sample "Opt-In to Microsoft Update"
' (https://learn.microsoft.com/windows/win32/wua_sdk/opt-in-to-microsoft-update), written for this
' project: a service manager with a client application ID, and AddService2 for the Microsoft
' Update service with the flags asfAllowPendingRegistration, asfAllowOnlineRegistration and
' asfRegisterServiceWithAU (7) and no authorization cab. The sample ends there; this script then
' prints the registration it got and the services the manager now lists, as an administrator
' checks the opt-in.
'   cscript //nologo opt-in-microsoft-update.vbs
' Its last line is `SAMPLE-END`: Wine's cscript exits 0 when a script error stops a script.
Const microsoftUpdate = "7971f918-a847-4430-9279-4a52d1efe18d"
Dim manager, registration, service

Set manager = CreateObject("Microsoft.Update.ServiceManager")
manager.ClientApplicationID = "sample: opt in to Microsoft Update"
WScript.Echo "STEP add-service"
Set registration = manager.AddService2(microsoftUpdate, 7, "")
WScript.Echo "REGISTRATION " & registration.RegistrationState & " " & registration.ServiceID & " " & registration.IsPendingRegistrationWithAU
For Each service In manager.Services
  WScript.Echo "SERVICE " & service.ServiceID & " " & service.Name & " " & service.IsRegisteredWithAU & " " & service.IsDefaultAUService
Next
WScript.Echo "SAMPLE-END"

#include "wua/session.h"

#include <objbase.h>

#include "com/bstr.h"
#include "com/hresult.h"

namespace wua {

namespace {

const char* ApartmentName(APTTYPE type) {
  switch (type) {
    case APTTYPE_MTA: return "MTA";
    case APTTYPE_STA: return "STA";
    case APTTYPE_NA: return "NA";
    case APTTYPE_MAINSTA: return "MainSTA";
    default: return "unknown";
  }
}

}  // namespace

Session::Session(const SessionOptions& options) {
  com::ThrowIfFailed(
      ::CoCreateInstance(__uuidof(UpdateSession), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IUpdateSession), session_.PutVoid()),
      "CoCreateInstance(UpdateSession)");
  if (!options.clientApplicationId.empty()) {
    com::Bstr id(options.clientApplicationId);
    com::ThrowIfFailed(session_->put_ClientApplicationID(id.Get()), "IUpdateSession::put_ClientApplicationID");
  }
  if (options.webProxy) ApplyWebProxy(session_.Get(), *options.webProxy);
}

SessionInfo Session::Describe() const {
  SessionInfo info;
  com::Bstr id;
  com::ThrowIfFailed(session_->get_ClientApplicationID(id.Put()), "IUpdateSession::get_ClientApplicationID");
  info.clientApplicationId = id.ToU16();
  VARIANT_BOOL readOnly = VARIANT_FALSE;
  com::ThrowIfFailed(session_->get_ReadOnly(&readOnly), "IUpdateSession::get_ReadOnly");
  info.readOnly = readOnly != VARIANT_FALSE;
  APTTYPE type;
  APTTYPEQUALIFIER qualifier;
  info.apartment = SUCCEEDED(::CoGetApartmentType(&type, &qualifier)) ? ApartmentName(type) : "none";
  info.threadId = ::GetCurrentThreadId();
  return info;
}

}  // namespace wua

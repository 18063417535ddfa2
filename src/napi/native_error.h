// What a failure on a COM thread carries back to the JS thread: plain data, no COM object.
#pragma once
#include <napi.h>
#include <windows.h>

#include <exception>
#include <string>

#include "com/hresult.h"

namespace wua::napi {

struct NativeFailure {
  HRESULT hr = E_FAIL;
  std::string operation;
  std::string message;         // for failures that are not COM errors (bad_alloc, logic errors)
  std::u16string description;  // IErrorInfo, when supplied
  std::u16string source;

  static NativeFailure FromCurrentException() noexcept;
  // A call that reached a session after close() (or after its environment went away).
  static NativeFailure SessionClosed();
};

// A JS Error with `hresult` (unsigned), `operation` and, when known, `description`/`source`; the
// facade turns it into a WindowsUpdateError with the symbolic name and meaning.
Napi::Error ToJsError(Napi::Env env, const NativeFailure& failure);

}  // namespace wua::napi

#include "napi/native_error.h"

#include <cstdio>
#include <new>

namespace wua::napi {

NativeFailure NativeFailure::FromCurrentException() noexcept {
  NativeFailure failure;
  try {
    throw;
  } catch (const com::ComError& e) {
    failure.hr = e.hr;
    failure.operation = e.operation;
    failure.description = e.description;
    failure.source = e.source;
  } catch (const std::bad_alloc&) {
    failure.hr = E_OUTOFMEMORY;
    failure.message = "out of memory";
  } catch (const std::exception& e) {
    failure.hr = E_UNEXPECTED;
    failure.message = e.what();
  } catch (...) {
    failure.hr = E_UNEXPECTED;
    failure.message = "unknown native failure";
  }
  return failure;
}

NativeFailure NativeFailure::SessionClosed() {
  NativeFailure closed;
  closed.hr = RPC_E_DISCONNECTED;
  closed.operation = "UpdateSession";
  closed.message = "the session is closed";
  return closed;
}

Napi::Error ToJsError(Napi::Env env, const NativeFailure& failure) {
  char code[16];
  std::snprintf(code, sizeof code, "0x%08lX", static_cast<unsigned long>(failure.hr));
  std::string message =
      failure.message.empty() ? (failure.operation.empty() ? "COM call" : failure.operation) + " failed with " + code : failure.message;
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("hresult", Napi::Number::New(env, static_cast<uint32_t>(failure.hr)));
  if (!failure.operation.empty()) error.Set("operation", failure.operation);
  if (!failure.description.empty()) error.Set("description", Napi::String::New(env, failure.description));
  if (!failure.source.empty()) error.Set("source", Napi::String::New(env, failure.source));
  return error;
}

}  // namespace wua::napi

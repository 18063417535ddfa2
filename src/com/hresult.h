// A failed COM call as a C++ exception. Thrown only inside the COM layers and caught on the COM
// thread that threw it, where IErrorInfo (per-thread state) can still be read.
#pragma once
#include <windows.h>

#include <exception>
#include <string>

namespace wua::com {

struct ComError : std::exception {
  HRESULT hr;
  std::string operation;       // e.g. "IUpdateSearcher::EndSearch"
  std::u16string description;  // IErrorInfo description, when the object supplied one
  std::u16string source;

  ComError(HRESULT hr, std::string operation) : hr(hr), operation(std::move(operation)) {}
  const char* what() const noexcept override { return operation.c_str(); }
};

// Reads IErrorInfo now, on the failing thread, and throws.
[[noreturn]] void ThrowComError(HRESULT hr, const char* operation);

inline void ThrowIfFailed(HRESULT hr, const char* operation) {
  if (FAILED(hr)) ThrowComError(hr, operation);
}

}  // namespace wua::com

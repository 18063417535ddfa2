// Owning pointer to a COM interface. Written here rather than taken from WRL so that the same
// semantics hold under MSVC and MinGW and so that Release always happens where the owner dies
// (on the addon's COM threads, never on the JS thread).
#pragma once
#include <unknwn.h>

#include <utility>

namespace wua::com {

template <class T>
class ComPtr {
 public:
  ComPtr() noexcept = default;
  ComPtr(std::nullptr_t) noexcept {}
  // Takes a new reference.
  explicit ComPtr(T* p) noexcept : ptr_(p) {
    if (ptr_) ptr_->AddRef();
  }
  ComPtr(const ComPtr& other) noexcept : ComPtr(other.ptr_) {}
  ComPtr(ComPtr&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
  ~ComPtr() { Reset(); }

  ComPtr& operator=(ComPtr other) noexcept {
    std::swap(ptr_, other.ptr_);
    return *this;
  }

  T* Get() const noexcept { return ptr_; }
  T* operator->() const noexcept { return ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }

  // For out-parameters: releases what is held and hands out the slot.
  T** Put() noexcept {
    Reset();
    return &ptr_;
  }
  void** PutVoid() noexcept { return reinterpret_cast<void**>(Put()); }

  void Reset() noexcept {
    if (T* p = std::exchange(ptr_, nullptr)) p->Release();
  }
  // Adopts a reference the caller already owns.
  void Attach(T* p) noexcept {
    Reset();
    ptr_ = p;
  }
  T* Detach() noexcept { return std::exchange(ptr_, nullptr); }

  template <class U>
  HRESULT As(ComPtr<U>& out) const noexcept {
    if (!ptr_) return E_POINTER;
    return ptr_->QueryInterface(__uuidof(U), out.PutVoid());
  }

 private:
  T* ptr_ = nullptr;
};

}  // namespace wua::com

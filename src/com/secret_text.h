// Text that must not outlive its use, such as a proxy password: one buffer, never copied, wiped
// (SecureZeroMemory, which the compiler may not drop) when it is cleared or destroyed.
#pragma once
#include <windows.h>

#include <cstddef>
#include <memory>
#include <string_view>

namespace wua::com {

class SecretText {
 public:
  SecretText() noexcept = default;
  // Room for `length` UTF-16 units and a terminator, for the caller to write into through Data().
  explicit SecretText(size_t length) : length_(length), text_(std::make_unique<char16_t[]>(length + 1)) {}
  SecretText(const SecretText&) = delete;
  SecretText& operator=(const SecretText&) = delete;
  SecretText(SecretText&& other) noexcept : length_(other.length_), text_(std::move(other.text_)) { other.length_ = 0; }
  SecretText& operator=(SecretText&& other) noexcept {
    if (this != &other) {
      Clear();
      length_ = other.length_;
      text_ = std::move(other.text_);
      other.length_ = 0;
    }
    return *this;
  }
  ~SecretText() { Clear(); }

  char16_t* Data() noexcept { return text_.get(); }
  std::u16string_view View() const noexcept { return text_ ? std::u16string_view(text_.get(), length_) : std::u16string_view(); }
  bool Empty() const noexcept { return length_ == 0; }

  void Clear() noexcept {
    if (text_) ::SecureZeroMemory(text_.get(), (length_ + 1) * sizeof(char16_t));
    text_.reset();
    length_ = 0;
  }

 private:
  size_t length_ = 0;
  std::unique_ptr<char16_t[]> text_;
};

}  // namespace wua::com

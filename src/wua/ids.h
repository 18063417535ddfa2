// Update, category and service IDs: GUIDs in text, which the agent compares without regard to case.
#pragma once
#include <string>
#include <string_view>

namespace wua {

// The 8-4-4-4-12 hexadecimal form, without braces.
inline bool IsGuidText(std::u16string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char16_t c = text[i];
    const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? c != u'-' : !hex) return false;
  }
  return true;
}

// Whether `id` is already in the form IDs are compared and stored in, as the agent's own are.
inline bool IsNormalizedId(std::u16string_view id) {
  for (const char16_t c : id) {
    if (c >= u'A' && c <= u'Z') return false;
  }
  return true;
}

// The form IDs are compared and stored in.
inline std::u16string NormalizeId(std::u16string_view id) {
  std::u16string out(id);
  for (char16_t& c : out) {
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
  }
  return out;
}

}  // namespace wua

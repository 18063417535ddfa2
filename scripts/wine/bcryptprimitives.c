/* Wine 8.0 has no bcryptprimitives.dll, but Rust-built Windows binaries (the test runner's
 * bundler binding) import ProcessPrng from it. This stand-in answers with the system RNG. It is
 * installed only into the test prefix, never shipped. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
    if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}

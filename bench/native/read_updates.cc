// The benchmark's baseline: a plain C++ loop that searches and reads every property of every
// update with the addon's own reader, and nothing else (no JS, no JSON, no thread hops).
// Usage: read-updates.exe <criteria>. It runs the loop once for every line read from standard
// input and answers each with one JSON line, {"ms":..,"updates":..,"titleCharacters":..}, so
// that the benchmark can time it moments before or after the same work in JS.
#include <windows.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "com/apartment.h"
#include "com/bstr.h"
#include "com/com_ptr.h"
#include "com/hresult.h"
#include "wua/update_reader.h"

int wmain(int argc, wchar_t** argv) {
  wua::com::ScopedApartment apartment;
  const std::u16string criteria = argc > 1 ? reinterpret_cast<const char16_t*>(argv[1]) : u"";
  try {
    wua::com::ComPtr<IUpdateSession> session;
    wua::com::ThrowIfFailed(
        ::CoCreateInstance(__uuidof(UpdateSession), nullptr, CLSCTX_INPROC_SERVER, __uuidof(IUpdateSession), session.PutVoid()),
        "CoCreateInstance(UpdateSession)");
    char line[64];
    while (std::fgets(line, sizeof line, stdin)) {
      const auto started = std::chrono::steady_clock::now();
      wua::com::ComPtr<IUpdateSearcher> searcher;
      wua::com::ThrowIfFailed(session->CreateUpdateSearcher(searcher.Put()), "CreateUpdateSearcher");
      // As the JS side asks: superseded updates too.
      wua::com::ThrowIfFailed(searcher->put_IncludePotentiallySupersededUpdates(VARIANT_TRUE), "IncludePotentiallySupersededUpdates");
      wua::com::Bstr text(criteria);
      wua::com::ComPtr<ISearchResult> result;
      wua::com::ThrowIfFailed(searcher->Search(text.Get(), result.Put()), "Search");
      wua::com::ComPtr<IUpdateCollection> updates;
      wua::com::ThrowIfFailed(result->get_Updates(updates.Put()), "Updates");
      LONG count = 0;
      wua::com::ThrowIfFailed(updates->get_Count(&count), "Count");
      std::vector<wua::UpdateRecord> records;
      records.reserve(count);
      for (LONG i = 0; i < count; ++i) {
        wua::com::ComPtr<IUpdate> update;
        wua::com::ThrowIfFailed(updates->get_Item(i, update.Put()), "Item");
        records.push_back(wua::ReadUpdate(update.Get()));
      }
      size_t characters = 0;
      for (const auto& record : records) characters += record.title.size();  // keeps the reads alive
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      std::printf("{\"ms\":%.3f,\"updates\":%ld,\"titleCharacters\":%zu}\n", ms, count, characters);
      std::fflush(stdout);
    }
    return 0;
  } catch (const wua::com::ComError& error) {
    std::fprintf(stderr, "%s failed: 0x%08lX\n", error.operation.c_str(), static_cast<unsigned long>(error.hr));
    return 1;
  }
}

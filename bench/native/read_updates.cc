// The benchmark's baseline: a plain C++ loop that searches and reads every property of every
// update with the addon's own reader, and nothing else (no JS, no JSON, no thread hops).
// Runs the loop `runs` times in one process and prints the times of all runs but the first,
// which also pays for loading the simulated agent's catalog.
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
    wua::com::ThrowIfFailed(::CoCreateInstance(__uuidof(UpdateSession), nullptr, CLSCTX_INPROC_SERVER,
                                               __uuidof(IUpdateSession), session.PutVoid()),
                            "CoCreateInstance(UpdateSession)");
    const int runs = argc > 2 ? (_wtoi(argv[2]) > 2 ? _wtoi(argv[2]) : 2) : 4;
    std::vector<double> times;
    LONG count = 0;
    size_t characters = 0;
    for (int run = 0; run < runs; ++run) {
      const auto started = std::chrono::steady_clock::now();
      wua::com::ComPtr<IUpdateSearcher> searcher;
      wua::com::ThrowIfFailed(session->CreateUpdateSearcher(searcher.Put()), "CreateUpdateSearcher");
      // As the JS side asks: superseded updates too.
      wua::com::ThrowIfFailed(searcher->put_IncludePotentiallySupersededUpdates(VARIANT_TRUE),
                              "IncludePotentiallySupersededUpdates");
      wua::com::Bstr text(criteria);
      wua::com::ComPtr<ISearchResult> result;
      wua::com::ThrowIfFailed(searcher->Search(text.Get(), result.Put()), "Search");
      wua::com::ComPtr<IUpdateCollection> updates;
      wua::com::ThrowIfFailed(result->get_Updates(updates.Put()), "Updates");
      wua::com::ThrowIfFailed(updates->get_Count(&count), "Count");
      std::vector<wua::UpdateRecord> records;
      records.reserve(count);
      for (LONG i = 0; i < count; ++i) {
        wua::com::ComPtr<IUpdate> update;
        wua::com::ThrowIfFailed(updates->get_Item(i, update.Put()), "Item");
        records.push_back(wua::ReadUpdate(update.Get()));
      }
      characters = 0;
      for (const auto& record : records) characters += record.title.size();  // keeps the reads alive
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }
    times.erase(times.begin());
    std::printf("{\"runs\":[");
    for (size_t i = 0; i < times.size(); ++i) std::printf("%s%.3f", i ? "," : "", times[i]);
    std::printf("],\"updates\":%ld,\"titleCharacters\":%zu}\n", count, characters);
    return 0;
  } catch (const wua::com::ComError& error) {
    std::fprintf(stderr, "%s failed: 0x%08lX\n", error.operation.c_str(), static_cast<unsigned long>(error.hr));
    return 1;
  }
}

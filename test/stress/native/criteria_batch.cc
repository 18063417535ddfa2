// The simulator's criteria parser and evaluator (test/sim/src/criteria.cc) as a batch program, so
// that the differential test of the criteria language (test/stress/criteria.ts) puts thousands of
// strings to it in one process. One JSON document per input line, one per output line:
//   {"catalog":[{"id":"<guid>","type":"Software","deploymentAction":"Installation",
//     "revisionNumber":1,"categoryIds":["<guid>"],"isAssigned":true,...}]}  -> {"catalog":<count>}
//   {"criteria":"<text>"}  -> {"ok":true,"matches":["<id>",...]}  (in catalog order)
//                          or {"ok":false,"position":<n>,"message":"..."}
// A line the program cannot read gives {"error":"..."}; it never stops early.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "criteria.h"
#include "json.h"

namespace {

using sim::Criteria;
using sim::CriteriaError;
using sim::UpdateFacts;
namespace json = sim::json;

struct CatalogEntry {
  std::string id;
  UpdateFacts facts;
};

std::vector<CatalogEntry> ReadCatalog(const json::Value& list) {
  std::vector<CatalogEntry> catalog;
  json::Reader updates(list, "catalog");
  for (size_t i = 0; i < updates.Size(); ++i) {
    json::Reader update = updates.Item(i);
    update.OnlyKeys({"id", "type", "deploymentAction", "revisionNumber", "categoryIds", "isAssigned", "browseOnly", "autoSelectOnWebSites",
                     "isInstalled", "isHidden", "isPresent", "rebootRequired"});
    CatalogEntry entry;
    entry.id = update.Field("id").String();
    UpdateFacts& facts = entry.facts;
    facts.updateId = json::ToUtf16(entry.id);
    facts.type = update.Field("type").String16();
    facts.deploymentAction = update.Field("deploymentAction").String16();
    facts.revisionNumber = static_cast<long>(update.Field("revisionNumber").Integer());
    for (const std::string& category : update.Field("categoryIds").Strings()) facts.categoryIds.push_back(json::ToUtf16(category));
    facts.isAssigned = update.Field("isAssigned").Bool(false);
    facts.browseOnly = update.Field("browseOnly").Bool(false);
    facts.autoSelectOnWebSites = update.Field("autoSelectOnWebSites").Bool(false);
    facts.isInstalled = update.Field("isInstalled").Bool(false);
    facts.isHidden = update.Field("isHidden").Bool(false);
    facts.isPresent = update.Field("isPresent").Bool(false);
    facts.rebootRequired = update.Field("rebootRequired").Bool(false);
    catalog.push_back(std::move(entry));
  }
  return catalog;
}

json::Value Evaluate(const std::vector<CatalogEntry>& catalog, const std::string& text) {
  json::Value out = json::Value::Object();
  try {
    Criteria criteria = Criteria::Parse(json::ToUtf16(text));
    json::Value matches = json::Value::Array();
    for (const CatalogEntry& entry : catalog) {
      if (criteria.Matches(entry.facts)) matches.Push(entry.id);
    }
    out.Add("ok", true);
    out.Add("matches", std::move(matches));
  } catch (const CriteriaError& error) {
    out.Add("ok", false);
    out.Add("position", error.position);
    out.Add("message", error.what());
  }
  return out;
}

}  // namespace

int main() {
  std::vector<CatalogEntry> catalog;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    json::Value out;
    try {
      json::Value in = json::Parse(line);
      if (const json::Value* list = in.Find("catalog")) {
        catalog = ReadCatalog(*list);
        out = json::Value::Object().Add("catalog", catalog.size());
      } else if (const json::Value* text = in.Find("criteria")) {
        out = Evaluate(catalog, text->AsString());
      } else {
        out = json::Value::Object().Add("error", "expected a line with 'catalog' or 'criteria'");
      }
    } catch (const std::exception& error) {
      out = json::Value::Object().Add("error", std::string(error.what()));
    }
    std::cout << json::Serialize(out) << '\n';
  }
  std::cout.flush();
  return 0;
}

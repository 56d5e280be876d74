#include "goroutines/diff.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace oomguard::goroutines {
namespace {

std::string key_of(const Snapshot& s, const Group& g) {
  std::string k;
  k.append(s.str(g.state));
  k.push_back('\x1f');
  auto add = [&](const Frame& f) {
    k.append(s.str(f.function));
    k.push_back('\x1e');
    k.append(s.str(f.file));
    k.push_back(':');
    k.append(std::to_string(f.line));
    k.push_back('\x1f');
  };
  for (const Frame& f : g.frames) add(f);
  k.push_back('\x1d');
  add(g.created_by);
  if (g.stack_unavailable) k.push_back('?');
  return k;
}

}  // namespace

std::vector<Growth> compare(const Snapshot& base, const Snapshot& current) {
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < base.groups.size(); ++i) {
    // With a finer similarity two base groups can share a key: add them up.
    auto [it, inserted] = index.emplace(key_of(base, base.groups[i]), static_cast<int>(i));
    (void)it;
    (void)inserted;
  }
  std::vector<uint64_t> base_totals(base.groups.size(), 0);
  for (size_t i = 0; i < base.groups.size(); ++i) {
    base_totals[static_cast<size_t>(index[key_of(base, base.groups[i])])] += base.groups[i].count;
  }
  std::vector<Growth> out;
  std::vector<bool> matched(base.groups.size(), false);
  std::unordered_map<int, size_t> by_base;  // merge current groups that share a base key
  for (size_t i = 0; i < current.groups.size(); ++i) {
    Growth g;
    g.current = static_cast<int>(i);
    g.count = current.groups[i].count;
    auto it = index.find(key_of(current, current.groups[i]));
    if (it != index.end()) {
      auto prev = by_base.find(it->second);
      if (prev != by_base.end()) {
        out[prev->second].count += g.count;
        continue;
      }
      g.base = it->second;
      g.base_count = base_totals[static_cast<size_t>(it->second)];
      matched[static_cast<size_t>(it->second)] = true;
      by_base.emplace(it->second, out.size());
    }
    out.push_back(g);
  }
  for (size_t i = 0; i < base.groups.size(); ++i) {
    if (matched[i] || index[key_of(base, base.groups[i])] != static_cast<int>(i)) continue;
    Growth g;
    g.base = static_cast<int>(i);
    g.base_count = base_totals[i];
    out.push_back(g);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Growth& a, const Growth& b) { return a.delta() > b.delta(); });
  return out;
}

}  // namespace oomguard::goroutines

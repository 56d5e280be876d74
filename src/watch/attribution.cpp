#include "watch/attribution.h"

#include <fmt/format.h>

#include <algorithm>

#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/load.h"
#include "pprof/decode.h"
#include "pprof/growth.h"
#include "watch/units.h"

namespace oomguard::watch {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string declared_function(std::string_view fn) {
  if (fn.size() > 3 && fn.substr(fn.size() - 3) == "-fm") fn.remove_suffix(3);
  // Only look after the package path: "example.com/a.b/pkg.f.func1".
  size_t slash = fn.rfind('/');
  size_t start = slash == std::string_view::npos ? 0 : slash + 1;
  while (true) {
    size_t dot = fn.rfind('.');
    if (dot == std::string_view::npos || dot < start) break;
    std::string_view last = fn.substr(dot + 1);
    bool closure = all_digits(last) || (last.rfind("func", 0) == 0 && all_digits(last.substr(4))) ||
                   (last.rfind("gowrap", 0) == 0 && all_digits(last.substr(6)));
    if (!closure) break;
    // Keep at least "pkg.f": stop when the remaining name has no dot after the package path.
    std::string_view head = fn.substr(0, dot);
    size_t hd = head.rfind('.');
    if (hd == std::string_view::npos || hd < start) break;
    fn = head;
  }
  return std::string(fn);
}

std::optional<Leak> attribute_heap(const std::vector<HeapCapture>& captures, std::string* why) {
  if (captures.size() < 2) {
    *why = "fewer than two heap profiles captured";
    return std::nullopt;
  }
  std::vector<pprof::Snapshot> snaps;
  for (const auto& c : captures) {
    pprof::DecodeLimits lim;
    lim.max_decompressed = uint64_t{256} << 20;  // a gzip bomb from the target stops here
    auto p = pprof::decode(c.bytes, lim);
    if (!p) continue;
    snaps.push_back({c.name, std::move(p.value())});
  }
  if (snaps.size() < 2) {
    *why = "fewer than two heap profiles decoded";
    return std::nullopt;
  }
  pprof::GrowthOptions o;
  o.max_suspects = 5;
  auto r = pprof::analyze_growth(std::move(snaps), o);
  if (!r) {
    *why = r.error();
    return std::nullopt;
  }
  if (r->suspects.empty()) {
    *why = "no stack grows consistently beyond heap sampling noise";
    return std::nullopt;
  }
  // The frame to blame is the first one in user code (not the standard library): io.ReadAll
  // or time.NewTimer allocate, but the caller decides to keep the result. Prefer stacks that
  // have such a frame; an all-runtime stack (runtime.malg: goroutine descriptors) is the
  // consequence of a goroutine leak, not the allocation site of a heap leak.
  auto user_frame = [](const pprof::Suspect& c) -> int {
    for (size_t k = 0; k < c.frames.size(); ++k) {
      const std::string& fn = c.frames[k].function;
      if (!fn.empty() && !goroutines::is_stdlib_package(goroutines::package_of(fn))) {
        return static_cast<int>(k);
      }
    }
    return -1;
  };
  const pprof::Suspect* pick = nullptr;
  int frame = -1;
  for (const auto& cand : r->suspects) {
    if ((frame = user_frame(cand)) >= 0) {
      pick = &cand;
      break;
    }
  }
  if (pick == nullptr) {
    pick = &r->suspects.front();
    for (const auto& cand : r->suspects) {
      if (!cand.frames.empty() && cand.frames[cand.key_frame].function.rfind("runtime.", 0) != 0) {
        pick = &cand;
        break;
      }
    }
    frame = static_cast<int>(pick->key_frame);
  }
  const auto& s = *pick;
  Leak l;
  l.kind = "heap-growth";
  l.unit = "bytes";
  l.growth = static_cast<double>(s.values.back() - s.values.front());
  if (!s.frames.empty()) {
    const auto& f = s.frames[static_cast<size_t>(frame)];
    const auto& leaf = s.frames[s.key_frame];
    l.function = declared_function(f.function);
    l.file = f.file;
    l.line = f.line;
    std::string via = &leaf == &f ? "" : fmt::format(" (through {})", leaf.function);
    l.message = fmt::format(
        "in-use heap allocated in {}{} grew {} ({} -> {}) across {} heap profiles, {:.0f}% of "
        "the growth of all stacks",
        f.function, via, format_bytes(l.growth),
        format_bytes(static_cast<double>(s.values.front())),
        format_bytes(static_cast<double>(s.values.back())), r->order.size(), s.share * 100);
  }
  return l;
}

std::optional<Leak> attribute_goroutines(std::string_view base_text, std::string_view latest_text,
                                         std::string* why) {
  using namespace goroutines;
  auto base = load_bytes(base_text, "baseline goroutine profile");
  auto cur = load_bytes(latest_text, "latest goroutine profile");
  if (!base || !cur) {
    *why = !base ? base.error() : cur.error();
    return std::nullopt;
  }
  auto growth = compare(*base, *cur);
  auto make = [&](const Growth& g, const Group& grp, const GroupInfo& info) {
    const Frame& f = grp.frames[static_cast<size_t>(info.site)];
    Leak l;
    l.kind = "goroutine-leak";
    l.unit = "goroutines";
    l.growth = static_cast<double>(g.delta());
    std::string fn(cur->str(f.function));
    l.function = declared_function(fn);
    l.file = std::string(cur->str(f.file));
    l.line = f.line;
    bool named = info.blocking != Blocking::kUserCode && info.blocking != Blocking::kUnknown;
    l.message =
        fmt::format("{} goroutines ({} -> {}) parked in {} at {}:{}{}{}", g.delta(), g.base_count,
                    g.count, fn, base_name(l.file), l.line, named ? ", blocked on " : "",
                    named ? std::string(blocking_name(info.blocking)) : std::string());
    if (info.benign) {
      l.message += fmt::format(" (a wait that is usually benign: {}; only this group grew)",
                               info.benign_reason);
    }
    return l;
  };
  // The group that grew most among the suspicious ones; failing that, the one that grew most
  // at all (leaked HTTP connections park in net/http's read loops, which look benign one by one).
  // A suspicious group must account for a fair part of the largest growth to be preferred.
  std::optional<Leak> fallback;
  int64_t top = 0;
  for (const auto& g : growth) {
    if (g.current < 0 || g.delta() <= 0) continue;
    const Group& grp = cur->groups[static_cast<size_t>(g.current)];
    GroupInfo info = analyse_group(*cur, grp);
    if (info.site < 0) continue;
    top = std::max(top, g.delta());
    if (!info.benign && g.delta() * 4 >= top) return make(g, grp, info);
    if (!fallback) fallback = make(g, grp, info);
  }
  if (fallback) return fallback;
  *why = "no goroutine group grew";
  return std::nullopt;
}

}  // namespace oomguard::watch

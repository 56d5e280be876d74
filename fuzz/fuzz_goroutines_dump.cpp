// Any bytes as a goroutine dump or profile (debug=2, debug=1, gzip, proto): load, group at every
// similarity level, rank, render. Must never crash, hang or leak, and must keep the invariant that
// the groups add up to the total.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "goroutines/diff.h"
#include "goroutines/leaks.h"
#include "goroutines/load.h"
#include "goroutines/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oomguard::goroutines;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  LoadOptions opts;
  opts.max_bytes = uint64_t{64} << 20;
  opts.similarity = static_cast<Similarity>(size % 4);
  auto s = load_bytes(in, "fuzz", opts);
  if (!s.ok()) return 0;
  uint64_t sum = 0;
  for (const Group& g : s->groups) sum += g.count;
  if (sum != s->total) std::abort();
  Report r;
  r.snapshot = &s.value();
  r.suspects = find_suspects(*s);
  for (const Suspect& sp : r.suspects) {
    if (sp.group >= s->groups.size() || sp.score < 0 || sp.score > 100) std::abort();
  }
  r.base = &s.value();
  r.growth = compare(*s, *s);
  for (const Growth& g : r.growth) {
    if (g.delta() != 0) std::abort();  // a snapshot never grows against itself
  }
  (void)render_text(r);
  (void)render_json(r);
  (void)render_html(r);
  return 0;
}

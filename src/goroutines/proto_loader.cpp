// The proto goroutine profile (debug=0) through src/pprof's decoder: each sample is a stack
// with a count and the goroutines' pprof labels; there is no state, id or creator.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "goroutines/grouper.h"
#include "goroutines/load.h"
#include "pprof/decode.h"
#include "pprof/profile.h"

namespace oomguard::goroutines {

Result<Snapshot> load_proto(std::string_view data, const std::string& name,
                            const LoadOptions& opts) {
  pprof::DecodeLimits limits;
  limits.max_decompressed = opts.max_bytes;
  auto decoded = pprof::decode_proto(std::make_shared<const std::string>(data), limits);
  if (!decoded) return Error{fmt::format("{}: {}", name, decoded.error())};
  const pprof::Profile& p = *decoded;
  if (p.num_values() == 0 && p.num_samples() > 0) {
    return Error{fmt::format("{}: profile has samples but no sample types", name)};
  }
  Snapshot s;
  s.source = name;
  s.similarity = opts.similarity;
  s.format = Format::kProto;
  if (!p.sample_types.empty() && p.sample_types.back().type != "goroutine" &&
      p.sample_types.back().type != "goroutineleak") {
    Diagnostic d;
    d.file = name;
    d.severity = Severity::kWarning;
    d.message = fmt::format("sample type is '{}', not 'goroutine': counting its last column",
                            p.sample_types.back().type);
    s.warnings.push_back(std::move(d));
  }
  Grouper g(s);
  Goroutine cur;
  std::vector<pprof::Frame> frames;
  std::vector<std::pair<std::string_view, std::string>> labels;
  size_t col = p.num_values() == 0 ? 0 : p.num_values() - 1;
  for (size_t i = 0; i < p.num_samples(); ++i) {
    int64_t v = p.sample_values(i)[col];
    if (v <= 0) continue;
    cur.clear();
    cur.weight = static_cast<uint64_t>(v);
    frames.clear();
    pprof::expand_frames(p, i, frames);
    // runtime.goexit is the root of every goroutine; the text forms never show it.
    while (!frames.empty() && frames.back().function == "runtime.goexit") frames.pop_back();
    for (const pprof::Frame& pf : frames) {
      Frame f;
      f.function = pf.function.empty() ? s.strings.intern(fmt::format("{:#x}", pf.address))
                                       : s.strings.intern(pf.function);
      f.file = s.strings.intern(pf.file);
      f.line = pf.line < 0 ? 0 : static_cast<uint32_t>(std::min<int64_t>(pf.line, UINT32_MAX));
      cur.add_frame(f, {});
    }
    auto labs = p.sample_labels(i);
    if (!labs.empty()) {
      labels.clear();
      for (const pprof::Label& l : labs) {
        labels.emplace_back(l.key, l.is_num ? fmt::format("{}", l.num) : std::string(l.str));
      }
      std::sort(labels.begin(), labels.end());
      std::string text = "{";
      for (size_t k = 0; k < labels.size(); ++k) {
        if (k > 0) text += ", ";
        text += fmt::format("\"{}\":\"{}\"", labels[k].first, labels[k].second);
      }
      text += "}";
      cur.labels = s.strings.intern(text);
    }
    cur.finish_frames(s.strings);
    g.add(cur);
  }
  g.finish();
  return s;
}

}  // namespace oomguard::goroutines

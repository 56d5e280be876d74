#include "pprof/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "pprof/transform.h"

namespace oomguard::pprof {
namespace {

using GraphBuilder_Edge = GraphEdge;

struct CacheKey {
  uint32_t function;
  uint32_t mapping;
  int64_t line;
  bool operator==(const CacheKey& o) const {
    return function == o.function && mapping == o.mapping && line == o.line;
  }
};
struct CacheKeyHash {
  size_t operator()(const CacheKey& k) const {
    uint64_t h = (uint64_t{k.function} << 32 | k.mapping) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h ^ (static_cast<uint64_t>(k.line) * 0xC2B2AE3D27D4EB4Full));
  }
};

// Open addressing map from an edge key (src << 32 | dst, never all ones) to its Edge.
class EdgeMap {
 public:
  EdgeMap() { rehash(1024); }
  GraphBuilder_Edge& get(uint64_t key, bool& inserted) {
    if ((used_ + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    size_t mask = keys_.size() - 1;
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (keys_[i] != kEmpty && keys_[i] != key) i = (i + 1) & mask;
    inserted = keys_[i] == kEmpty;
    if (inserted) {
      keys_[i] = key;
      vals_[i] = {};
      ++used_;
    }
    return vals_[i];
  }
  template <typename F>
  void for_each(F f) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != kEmpty) f(keys_[i], vals_[i]);
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  void rehash(size_t cap) {
    std::vector<uint64_t> keys(cap, kEmpty);
    std::vector<GraphBuilder_Edge> vals(cap);
    keys.swap(keys_);
    vals.swap(vals_);
    used_ = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == kEmpty) continue;
      bool ins = false;
      get(keys[i], ins) = vals[i];
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<GraphBuilder_Edge> vals_;
  size_t used_ = 0;
};

}  // namespace

GraphBuilder::GraphBuilder(const Profile& p, size_t value_index, Granularity g, bool noinlines)
    : p_(p), vi_(value_index), g_(g), noinlines_(noinlines) {
  intern_nodes();
}

void GraphBuilder::intern_nodes() {
  bool function = g_ != Granularity::kFiles;
  bool filename = g_ != Granularity::kFunctions;
  bool linenumber = g_ == Granularity::kLines;
  std::unordered_map<CacheKey, uint32_t, CacheKeyHash> cache;
  std::unordered_map<std::string, uint32_t> by_key;
  std::vector<std::string> cleaned(p_.functions.size());
  std::vector<uint8_t> cleaned_done(p_.functions.size(), 0);
  std::string skey;
  loc_node_begin_.assign(1, 0);
  loc_node_begin_.reserve(p_.locations.size() + 1);
  for (const Location& loc : p_.locations) {
    auto lines = p_.location_lines(loc);
    Line none;
    std::span<const Line> use = lines;
    if (lines.empty()) {
      use = std::span<const Line>(&none, 1);
    } else if (noinlines_ && lines.size() > 1) {
      use = lines.subspan(lines.size() - 1);
    }
    for (const Line& ln : use) {
      CacheKey ck{ln.function, kNone, linenumber ? ln.line : 0};
      Key k;
      if (ln.function == kNone) {
        ck.line = 0;
        ck.mapping = loc.mapping;
      } else {
        const Function& fn = p_.functions[ln.function];
        if (!function || fn.name.empty()) ck.mapping = loc.mapping;
      }
      auto it = cache.find(ck);
      if (it != cache.end()) {
        loc_nodes_.push_back(it->second);
        continue;
      }
      std::string_view objfile =
          loc.mapping != kNone ? p_.mappings[loc.mapping].file : std::string_view{};
      if (ln.function == kNone) {
        k.objfile = objfile;
      } else {
        const Function& fn = p_.functions[ln.function];
        if (function) k.name = fn.name;
        if (linenumber) k.lineno = ln.line;
        if (filename && !fn.filename.empty()) {
          if (cleaned_done[ln.function] == 0) {
            cleaned[ln.function] = clean_path(fn.filename);
            cleaned_done[ln.function] = 1;
          }
          k.file = cleaned[ln.function];
        }
        if (k.name.empty()) {
          k.objfile = objfile;
          k.start_line = fn.start_line;
        }
      }
      skey.clear();
      skey += k.name;
      skey += '\0';
      skey += k.file;
      skey += '\0';
      skey += std::to_string(k.start_line);
      skey += '\0';
      skey += std::to_string(k.lineno);
      skey += '\0';
      skey += k.objfile;
      auto [bit, inserted] = by_key.emplace(skey, static_cast<uint32_t>(keys_.size()));
      if (inserted) keys_.push_back(std::move(k));
      cache.emplace(ck, bit->second);
      loc_nodes_.push_back(bit->second);
    }
    loc_node_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
  }
  size_t n = keys_.size();
  may_inline_.assign(n, 0);
  for (size_t li = 0; li < p_.locations.size(); ++li) {
    for (uint32_t k = loc_node_begin_[li]; k + 1 < loc_node_begin_[li + 1]; ++k) {
      may_inline_[loc_nodes_[k]] = 1;
      any_inline_ = true;
    }
  }
  names_.resize(n);
  for (uint32_t i = 0; i < n; ++i) names_[i] = printable(i);
}

std::string GraphBuilder::printable(uint32_t id) const {
  const Key& k = keys_[id];
  std::string s = k.name;
  auto add = [&](const std::string& part) {
    if (!s.empty()) s += ' ';
    s += part;
  };
  if (k.lineno != 0) {
    add(fmt::format("{}:{}", k.file, k.lineno));
  } else if (!k.file.empty()) {
    add(k.file);
  } else if (!k.name.empty()) {
  } else if (!k.objfile.empty()) {
    std::string_view o = k.objfile;
    size_t slash = o.rfind('/');
    if (slash != std::string_view::npos && o.size() > 1) o = o.substr(slash + 1);
    add("[" + std::string(o) + "]");
  } else {
    add("<unknown>");
  }
  return s;
}

std::string GraphBuilder::sprint(uint32_t id) const {
  const Key& k = keys_[id];
  return fmt::format("{{{}  0 {} {} {} {}}}", k.name, k.file, k.start_line, k.lineno, k.objfile);
}

void GraphBuilder::accumulate(const std::vector<uint8_t>* kept, bool edges) {
  size_t n = keys_.size();
  flat_.assign(n, 0);
  cum_.assign(n, 0);
  seen_.assign(n, 0);
  edges = edges && any_inline_;
  EdgeMap edge_map;
  std::vector<uint64_t> sample_edges;
  size_t nv = p_.num_values();
  const uint32_t* locs = p_.sample_locs.data();
  const uint32_t* lnb = loc_node_begin_.data();
  const uint32_t* lnodes = loc_nodes_.data();
  for (size_t s = 0; s < p_.num_samples(); ++s) {
    int64_t w = p_.values[s * nv + vi_];
    if (w == 0) continue;
    auto epoch = static_cast<uint32_t>(s + 1);
    uint32_t parent = kNone;
    bool residual = false;
    sample_edges.clear();
    uint32_t b = p_.loc_begin[s];
    for (uint32_t i = p_.loc_begin[s + 1]; i-- > b;) {
      uint32_t li = locs[i];
      uint32_t nb = lnb[li];
      uint32_t ne = lnb[li + 1];
      for (uint32_t k = ne; k-- > nb;) {
        uint32_t node = lnodes[k];
        if (kept != nullptr && (*kept)[node] == 0) {
          residual = true;
          continue;
        }
        if (seen_[node] != epoch) {
          seen_[node] = epoch;
          cum_[node] = add_wrap(cum_[node], w);
        }
        if (edges && parent != kNone && node != parent && may_inline_[node] != 0) {
          uint64_t ek = uint64_t{parent} << 32 | node;
          if (std::find(sample_edges.begin(), sample_edges.end(), ek) == sample_edges.end()) {
            sample_edges.push_back(ek);
            bool inl = k != ne - 1;
            bool inserted = false;
            Edge& e = edge_map.get(ek, inserted);
            if (inserted) {
              e = Edge{w, inl};
            } else {
              e.weight = add_wrap(e.weight, w);
              if (!inl) e.is_inline = false;
            }
          }
        }
        parent = node;
        residual = false;
      }
    }
    if (parent != kNone && !residual) flat_[parent] = add_wrap(flat_[parent], w);
  }
  in_edges_.assign(edges ? n : 0, {});
  edge_map.for_each([&](uint64_t k, const Edge& e) {
    in_edges_[k & 0xffffffffu].push_back({static_cast<uint32_t>(k >> 32), e});
  });
}

std::vector<uint32_t> GraphBuilder::select_nonzero(const std::vector<uint8_t>* kept) const {
  std::vector<uint32_t> ids;
  for (uint32_t i = 0; i < keys_.size(); ++i) {
    if (kept != nullptr && (*kept)[i] == 0) continue;
    if (cum_[i] == 0 && flat_[i] == 0) continue;
    ids.push_back(i);
  }
  return ids;
}

void GraphBuilder::sort_nodes(std::vector<uint32_t>& ids, bool cum_sort) const {
  std::sort(ids.begin(), ids.end(), [&](uint32_t l, uint32_t r) {
    int64_t a1 = abs64(cum_sort ? cum_[l] : flat_[l]);
    int64_t b1 = abs64(cum_sort ? cum_[r] : flat_[r]);
    if (a1 != b1) return a1 > b1;
    if (names_[l] != names_[r]) return names_[l] < names_[r];
    int64_t a2 = abs64(cum_sort ? flat_[l] : cum_[l]);
    int64_t b2 = abs64(cum_sort ? flat_[r] : cum_[r]);
    if (a2 != b2) return a2 > b2;
    return sprint(l) < sprint(r);
  });
}

GraphResult GraphBuilder::build_trimmed(double node_fraction, double edge_fraction, int node_count,
                                        bool cum_sort) {
  GraphResult r;
  accumulate(nullptr, true);
  std::vector<uint32_t> ids = select_nonzero(nullptr);
  int64_t total = 0;
  for (uint32_t i : ids) total = add_wrap(total, flat_[i]);
  int64_t node_cutoff = abs64(static_cast<int64_t>(static_cast<double>(total) * node_fraction));
  int64_t edge_cutoff = abs64(static_cast<int64_t>(static_cast<double>(total) * edge_fraction));
  if (node_cutoff > 0) {
    std::vector<uint8_t> kept(keys_.size(), 0);
    size_t nkept = 0;
    for (uint32_t i : ids) {
      if (abs64(cum_[i]) >= node_cutoff) {
        kept[i] = 1;
        ++nkept;
      }
    }
    if (nkept != ids.size()) {
      r.dropped_nodes = static_cast<int>(ids.size() - nkept);
      accumulate(&kept, true);
      ids = select_nonzero(&kept);
    }
  }
  r.orig_count = static_cast<int>(ids.size());
  sort_nodes(ids, cum_sort);
  if (node_count > 0 && static_cast<size_t>(node_count) < ids.size()) {
    std::vector<uint8_t> kept(keys_.size(), 0);
    for (int i = 0; i < node_count; ++i) kept[ids[static_cast<size_t>(i)]] = 1;
    accumulate(&kept, true);
    ids = select_nonzero(&kept);
    sort_nodes(ids, cum_sort);
  }
  for (uint32_t i : ids) {
    GraphNode g;
    g.name = names_[i];
    g.flat = flat_[i];
    g.cum = cum_[i];
    if (i < in_edges_.size()) {
      bool inl = false;
      bool noinl = false;
      for (const auto& [src, e] : in_edges_[i]) {
        if (abs64(e.weight) < edge_cutoff) continue;
        if (e.is_inline) {
          inl = true;
        } else {
          noinl = true;
        }
      }
      if (inl) g.inline_label = noinl ? "(partial-inline)" : "(inline)";
    }
    r.nodes.push_back(std::move(g));
  }
  return r;
}

}  // namespace oomguard::pprof

// pprof's call graph (internal/graph newGraph + report newTrimmedGraph) for one sample index:
// nodes are (function, file, line, object) keys per granularity; flat goes to the leaf node,
// cum to every node of a stack once per sample; nodes under nodefraction of the total are
// dropped and the graph rebuilt; edges are only tracked where they decide an "(inline)" label.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pprof/profile.h"
#include "pprof/report.h"

namespace oomguard::pprof {

struct GraphNode {
  std::string name;  // pprof's PrintableName
  std::string inline_label;
  int64_t flat = 0;
  int64_t cum = 0;
};

struct GraphEdge {
  int64_t weight = 0;
  bool is_inline = false;
};

struct GraphResult {
  std::vector<GraphNode> nodes;  // sorted as pprof sorts them
  int dropped_nodes = 0;
  int orig_count = 0;
};

class GraphBuilder {
 public:
  GraphBuilder(const Profile& p, size_t value_index, Granularity g, bool noinlines);

  GraphResult build_trimmed(double node_fraction, double edge_fraction, int node_count,
                            bool cum_sort);

  [[nodiscard]] size_t node_count() const { return keys_.size(); }

 private:
  struct Key {
    std::string name;
    std::string file;
    int64_t start_line = 0;
    int64_t lineno = 0;
    std::string objfile;
  };
  using Edge = GraphEdge;

  void intern_nodes();
  // One pass over the samples; nodes outside `kept` (when given) are skipped as pprof does.
  void accumulate(const std::vector<uint8_t>* kept, bool edges);
  std::vector<uint32_t> select_nonzero(const std::vector<uint8_t>* kept) const;
  void sort_nodes(std::vector<uint32_t>& ids, bool cum_sort) const;
  std::string printable(uint32_t id) const;
  std::string sprint(uint32_t id) const;

  const Profile& p_;
  size_t vi_;
  Granularity g_;
  bool noinlines_;
  std::vector<Key> keys_;
  std::vector<std::string> names_;
  std::vector<uint32_t> loc_node_begin_;  // per location, into loc_nodes_ (size +1)
  std::vector<uint32_t> loc_nodes_;
  std::vector<uint8_t> may_inline_;
  bool any_inline_ = false;
  std::vector<int64_t> flat_, cum_;
  std::vector<uint32_t> seen_;
  std::vector<std::pair<uint64_t, Edge>> edge_list_;
  std::vector<std::vector<std::pair<uint32_t, Edge>>> in_edges_;  // per dst node: (src, edge)
};

}  // namespace oomguard::pprof

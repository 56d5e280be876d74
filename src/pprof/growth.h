// Growth across snapshots of one process: for each stack (expanded frames), a Theil-Sen slope
// of value over time, a Mann-Kendall trend test and a check against heap sampling noise; stacks
// ranked by growth rate with their key source line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "pprof/profile.h"

namespace oomguard::pprof {

struct Snapshot {
  std::string name;
  Profile profile;
};

struct GrowthOptions {
  std::string sample_index;  // default: inuse_space if present, else the profile default
  double min_share = 0.01;   // of the total positive growth
  int max_suspects = 20;
  double max_p_value = 0.05;   // Mann-Kendall, one-sided (when n >= 4)
  double min_monotone = 0.75;  // fraction of consecutive steps that do not decrease
};

struct GrowthFrame {
  std::string function;
  std::string file;
  int64_t line = 0;
};

struct Suspect {
  std::vector<GrowthFrame> frames;  // leaf first
  size_t key_frame = 0;             // first non-runtime frame
  std::vector<int64_t> values;      // per snapshot, in time order
  double slope_per_minute = 0;      // Theil-Sen, value units per minute
  double growth = 0;                // slope x time span
  double share = 0;                 // of the total growth of all growing stacks
  double monotone = 0;              // fraction of non-decreasing steps
  double mk_p = 1;                  // Mann-Kendall p-value (one-sided)
};

struct GrowthReport {
  std::string sample_type;
  std::string unit;
  int64_t period = 0;
  std::vector<std::string> order;  // snapshot names in time order
  std::vector<double> seconds;     // snapshot times relative to the first
  double total_growth = 0;
  size_t stacks = 0;
  std::vector<Suspect> suspects;  // ranked by growth rate
};

Result<GrowthReport> analyze_growth(std::vector<Snapshot> snaps, const GrowthOptions& o);
std::string format_growth_text(const GrowthReport& r);
std::string format_growth_json(const GrowthReport& r);

}  // namespace oomguard::pprof

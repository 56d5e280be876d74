// Whole-profile transformations with pprof's semantics (google/pprof profile/merge.go,
// prune.go, filter.go): merging (and thus -base/-diff_base), scaling, labels, frame pruning,
// and the focus/ignore/hide/show name filters.
#pragma once

#include <re2/re2.h>

#include <string_view>
#include <vector>

#include "core/result.h"
#include "pprof/profile.h"

namespace oomguard::pprof {

// Multiplies every value by ratio (rounded) and keeps samples with a non-zero value.
void scale(Profile& p, double ratio);

// Sets label key=value on every sample, replacing other values of that key.
void set_label(Profile& p, std::string_view key, std::string_view value);

// True when the sample has a string label key=value.
bool has_label(const Profile& p, size_t sample, std::string_view key, std::string_view value);

// Merges profiles of the same type into one: identical mappings, functions, locations and
// samples (same stack and labels) are unified and their values added; all-zero samples are
// dropped. Headers: earliest time, summed durations, largest period, deduplicated comments.
Result<Profile> merge(std::vector<Profile> profiles);

// True when merge() of this profile alone could change a report (negative or all-zero values).
bool needs_compaction(const Profile& p);

// Applies drop_frames/keep_frames (pprof's RemoveUninteresting / Prune).
Result<bool> remove_uninteresting(Profile& p);

struct NameFilters {
  const RE2* focus = nullptr;
  const RE2* ignore = nullptr;
  const RE2* hide = nullptr;
  const RE2* show = nullptr;
};
struct FilterMatches {
  bool focus = false, ignore = false, hide = false, show = false;
};

// pprof's FilterSamplesByName: keeps samples through a focus match and no ignore match, then
// removes hidden frames (hide) or frames not shown (show). Regexes match function names, file
// names and mapping file names, unanchored.
FilterMatches filter_samples_by_name(Profile& p, const NameFilters& f);

// Go's path/filepath.Clean for slash-separated paths.
std::string clean_path(std::string_view path);

}  // namespace oomguard::pprof

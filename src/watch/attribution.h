// Attribution: which code a detected growth comes from. Heap: the pprof growth analysis
// (src/pprof/growth) over the heap profiles captured during the run (baseline first). Goroutines:
// the group growth (src/goroutines/diff) between the baseline and the latest debug=1 goroutine
// profiles, restricted to groups the leak ranking does not call benign.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watch/report.h"

namespace oomguard::watch {

struct HeapCapture {
  std::string name;
  std::string bytes;  // gzip profile.proto as served by /debug/pprof/heap
};

// The declared function a frame belongs to: "main.f.func1.2" -> "main.f", "main.(*T).m-fm" ->
// "main.(*T).m", "main.f.gowrap1" -> "main.f".
std::string declared_function(std::string_view fn);

std::optional<Leak> attribute_heap(const std::vector<HeapCapture>& captures, std::string* why);
std::optional<Leak> attribute_goroutines(std::string_view base_debug1,
                                         std::string_view latest_debug1, std::string* why);

}  // namespace oomguard::watch

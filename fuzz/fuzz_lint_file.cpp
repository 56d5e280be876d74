// Fuzz target: the whole lint pipeline on one file (parse, resolve, CFGs, every rule,
// suppression, sorting). Must never crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lint/engine.h"
#include "lint/rule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const oomguard::lint::Registry* registry = [] {
    auto* r = new oomguard::lint::Registry();
    oomguard::lint::register_builtin_rules(*r);
    return r;
  }();
  std::string src(reinterpret_cast<const char*>(data), size);
  // The first byte picks the file's Go version, so version-gated rules run both ways.
  int go_minor = size > 0 ? 18 + data[0] % 8 : 0;
  oomguard::lint::Config config;
  auto res = oomguard::lint::lint_source("fuzz.go", std::move(src), *registry, config, go_minor);
  (void)res;
  return 0;
}

// Fuzzes build-constraint evaluation: the bytes up to the first newline (at most 64) name the
// file, the rest is its contents. Also feeds the same line to the //go:build and +build
// expression evaluators directly. Must never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "go/build_constraints.h"
#include "go/packages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string name = ".go";
  std::string_view contents = in;
  if (nl != std::string_view::npos && nl <= 64) {
    name = std::string(in.substr(0, nl)) + ".go";
    contents = in.substr(nl + 1);
  }

  oomguard::go::LoadOptions linux_opts;
  std::string err;
  (void)oomguard::go::match_build_constraints(name, contents, linux_opts, &err);

  oomguard::go::LoadOptions other;
  other.goos = "windows";
  other.goarch = "arm64";
  other.tags = {"cgo,integration", "ignore"};
  other.go_release = 22;
  (void)oomguard::go::match_build_constraints(name, contents, other, nullptr);

  oomguard::go::TagContext ctx(linux_opts, oomguard::go::kDefaultGoRelease);
  oomguard::go::ConstraintError cerr;
  std::string_view line = contents.substr(0, contents.find('\n', 1));
  (void)oomguard::go::eval_go_build_expr(line, ctx, &cerr);
  (void)oomguard::go::eval_plus_build_expr(line, ctx);
  return 0;
}

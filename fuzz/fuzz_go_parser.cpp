// Fuzz target: any bytes as one Go file through the lexer, the parser and the AST dump. Checks
// invariants beyond "no crash": a file with errors is REJECTED in the dump, every node's
// position lies within the file, and parsing with AllErrors agrees on acceptance.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "go/ast_dump.h"
#include "go/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oomguard::go;
  std::string src(reinterpret_cast<const char*>(data), size);
  ParsedFile pf = parse_file("fuzz.go", src);
  std::string out;
  dump_file(pf, out);
  if (pf.ok() != (out.find("\nREJECTED\n") == std::string::npos)) std::abort();
  if (pf.ok()) {
    ast::inspect(pf.file, [&](ast::Node* n) {
      if (n == nullptr) return true;
      Pos p = ast::node_pos(n);
      if (p != kNoPos && pos_offset(p) > size) std::abort();
      return true;
    });
  }
  ParseOptions all;
  all.all_errors = true;
  ParsedFile pf2 = parse_file("fuzz.go", std::move(src), all);
  if (pf2.ok() != pf.ok()) std::abort();
  return 0;
}

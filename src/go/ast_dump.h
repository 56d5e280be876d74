// The canonical text form of a parsed file's AST: the same text tests/oracle/goast prints for
// go/parser's go/ast, so the two parsers can be compared byte for byte (see that program for
// the format). Used by `oomguard ast`, the differential test and the fuzz target.
#pragma once

#include <string>

#include "go/parser.h"

namespace oomguard::go {

// Appends "=== <filename>\n" and then either "REJECTED\n" (when the file has syntax errors) or
// the tree.
void dump_file(const ParsedFile& pf, std::string& out);

// Appends the tree rooted at n (positions resolved through pf).
void dump_node(const ParsedFile& pf, const ast::Node* n, std::string& out);

}  // namespace oomguard::go

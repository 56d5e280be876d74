// The semantic layer over one package's syntax trees, without a type checker: import
// resolution (aliases, dot and blank imports) and scopes (universe, package, file, function,
// block) with every identifier use resolved to the object it denotes. Rules ask "is this call
// context.WithCancel, whatever the local name?", "is this identifier package-level?", "is it a
// loop variable of which loop?".
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "go/ast.h"
#include "go/parser.h"

namespace oomguard::lint {

namespace ast = go::ast;

struct Object {
  enum class Kind : uint8_t { kPackage, kConst, kType, kVar, kFunc, kLabel, kBuiltin, kNil };
  Kind kind = Kind::kVar;
  std::string_view name;
  // Declaring identifier; nullptr for universe objects and for imports without a local name
  // (whose name is guessed from the path, see PackageInfo).
  const ast::Ident* ident = nullptr;
  // The declaring node: ImportSpec, ValueSpec, TypeSpec, FuncDecl, Field (parameter, result,
  // receiver, type parameter: the receiver's Field for `func (l *List[T])`'s T), AssignStmt
  // (:=), RangeStmt (range :=), TypeSwitchStmt (x := y.(type): one object for all clauses),
  // LabeledStmt. nullptr for universe objects. Type parameters are kType objects; parameter
  // names of func types that are not a function's signature (`var f func(x int)`, interface
  // methods) get kVar objects with param set, like go/types.
  const ast::Node* decl = nullptr;
  std::string_view import_path;  // kPackage: the unquoted import path
  int file = -1;                 // index of the declaring file in the package; -1 universe
  bool package_level = false;    // declared at package scope (or an import: file scope)
  bool param = false;            // parameter, named result or receiver
  bool result = false;           // named result
  // Declared by a for statement's init (`for i := 0; ...`) or a range clause (`for k, v :=
  // range`); loop is that ForStmt/RangeStmt.
  const ast::Node* loop = nullptr;
  // The innermost function (FuncDecl or FuncLit) the object is declared in; nullptr at package
  // level.
  const ast::Node* func = nullptr;
  // Dense number, for side tables in vectors: universe objects are 0 .. kUniverseObjects-1 (the
  // same in every package); a package's own objects follow, below PackageInfo::object_count().
  uint32_t index = 0;
  static constexpr uint32_t kUniverseObjects = 41;
};

// One file of a package as the semantic layer sees it.
struct FileUnit {
  const go::ParsedFile* parsed = nullptr;
  std::string_view path;  // display path
};

class PackageInfo {
 public:
  // Resolves every file of one package (all files share the package scope).
  explicit PackageInfo(std::vector<FileUnit> files);
  PackageInfo(const PackageInfo&) = delete;
  PackageInfo& operator=(const PackageInfo&) = delete;
  ~PackageInfo();

  [[nodiscard]] const std::vector<FileUnit>& files() const { return files_; }
  // One more than the largest Object::index of this package (universe objects included).
  [[nodiscard]] size_t object_count() const;

  // The object an identifier denotes (uses and declaring identifiers alike), or nullptr when
  // unresolved: selector names (x.Sel), struct field and method names, composite literal keys
  // that name no object in scope, and identifiers of undeclared (e.g. other-file-of-another-
  // package or cgo) names.
  [[nodiscard]] const Object* object_of(const ast::Ident* id) const;

  // The package-level object named name (const, type, var or func; not methods), or nullptr.
  [[nodiscard]] const Object* package_object(std::string_view name) const;

  // For `pkg.Name` where pkg denotes an import of import_path (any local name), or for a bare
  // `Name` resolved through a dot import of import_path: true. fun is usually CallExpr::fun.
  [[nodiscard]] bool is_qualified(const ast::Expr* e, std::string_view import_path,
                                  std::string_view name) const;
  // If e is `pkg.Name` with pkg an import (or a dot-imported Name), sets *path and *name.
  // Without a type checker a bare Name is taken as dot-imported when it resolves to nothing in
  // a file with dot imports; with several dot imports in that file qualified_name cannot tell
  // which package it comes from and returns false (is_qualified accepts any of them).
  // Parentheses around e are looked through.
  [[nodiscard]] bool qualified_name(const ast::Expr* e, std::string_view* path,
                                    std::string_view* name) const;

  // True when `file` imports import_path (under any name, including _ and .).
  [[nodiscard]] bool imports(int file, std::string_view import_path) const;

  // Every use (not declaration) of obj, in source order (by file index, then position): the
  // identifiers object_of maps to obj that do not declare it. Names a `:=` redeclares are
  // uses, as in go/types. Built on first call (thread-safe).
  [[nodiscard]] const std::vector<const ast::Ident*>& uses(const Object* obj) const;

  // The file index of a node's file, or -1 for a node of no file of this package. Positions
  // restart at 1 in every file, so this looks at memory instead: the first identifier, literal
  // or comment in n's subtree is a view into its file's source buffer (a binary search over
  // the buffers). Nodes with no text below them (`break`, `struct{}`, `{}`) fall back to a map
  // of the files' arena pages built on first need by one walk over every node of the package
  // (nodes on pages two arenas share are recorded one by one). Exact for every node reachable
  // from a file's File node or comment list.
  [[nodiscard]] int file_of(const ast::Node* n) const;

 private:
  struct Impl;
  std::vector<FileUnit> files_;
  std::unique_ptr<Impl> impl_;
};

// The universe object for a predeclared name (len, make, append, panic, nil, true, error, ...),
// or nullptr.
const Object* universe_object(std::string_view name);

}  // namespace oomguard::lint

// Shared recognisers for the net/http server rules (pprof-exposed, server-no-timeouts): the
// http.Server composite literal, its keyed fields, string constants a listen address resolves
// to, and whether an address listens beyond loopback.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lint/rule.h"

namespace oomguard::lint::rules {

// True for files the go tool builds only for `go test` (*_test.go): they run nothing in
// production, so the server and global-state rules skip them.
bool is_test_file(const Pass& pass, int file);

// Calls f(node, parents) for every node below root (root excluded) in pre-order; parents holds
// the ancestors from root down to the node's parent (innermost last). f returns false to skip
// the node's children. Function literals are entered.
template <typename F>
void walk_with_parents(const ast::Node* root, F&& f);

// The http.Server composite literal e denotes (`http.Server{...}` or `&http.Server{...}`, under
// any import name), or nullptr.
const ast::CompositeLit* http_server_lit(const PackageInfo& info, const ast::Expr* e);

// The value of `name: value` in a keyed struct literal, or nullptr when the key is absent.
const ast::Expr* lit_field(const ast::CompositeLit* lit, std::string_view name);

// True when e is the predeclared nil.
bool is_nil(const PackageInfo& info, const ast::Expr* e);

// The builtin a call's callee names (append, len, delete, make, ...), or "" when the callee is
// not an unshadowed predeclared function.
std::string_view builtin_name(const PackageInfo& info, const ast::CallExpr* call);

// Per-package facts the address resolver needs: objects written after their declaration.
class Mutations {
 public:
  explicit Mutations(const Pass& pass);
  // Assigned after its declaration (=, op=, ++/--, range =, := redeclaration) or address taken.
  [[nodiscard]] bool mutated(const Object* obj) const { return mutated_.count(obj) != 0; }
  // Every `x.Field = value` statement of the package, with x an identifier: (x's object, Field).
  struct FieldStore {
    const ast::Expr* value = nullptr;  // nullptr for op-assignments and ++/--
    int count = 0;
  };
  [[nodiscard]] const FieldStore* field_store(const Object* obj, std::string_view field) const;

 private:
  std::unordered_set<const Object*> mutated_;
  std::unordered_map<const Object*, std::unordered_map<std::string_view, FieldStore>> fields_;
};

// The string e evaluates to when it is a constant expression we can follow: string literals, +
// concatenations, constants, and variables initialised with such an expression and never
// mutated. nullopt otherwise (flags, config values, function results).
std::optional<std::string> const_string(const Pass& pass, const Mutations& muts,
                                        const ast::Expr* e);

// The value an object's declaration gives it: the i-th value of its ValueSpec or of its `:=`
// statement, or nullptr (no value, or several names from one call).
const ast::Expr* declared_value(const Object* obj);

// Where a listener on a "host:port" address accepts connections from.
enum class ListenScope {
  kLoopback,       // 127.0.0.0/8, ::1, localhost
  kAllInterfaces,  // "", ":6060", 0.0.0.0, ::
  kAddress,        // a specific non-loopback IP address
  kUnknown,        // a host name, or not host:port
};
ListenScope listen_scope(std::string_view addr);

// ---- template definitions

namespace detail {
template <typename F>
void walk_parents_rec(const ast::Node* n, std::vector<const ast::Node*>& parents, F& f) {
  if (!f(n, static_cast<const std::vector<const ast::Node*>&>(parents))) return;
  parents.push_back(n);
  ast::for_each_child(const_cast<ast::Node*>(n),
                      [&](ast::Node* c) { walk_parents_rec(c, parents, f); });
  parents.pop_back();
}
}  // namespace detail

template <typename F>
void walk_with_parents(const ast::Node* root, F&& f) {
  if (root == nullptr) return;
  std::vector<const ast::Node*> parents{root};
  ast::for_each_child(const_cast<ast::Node*>(root),
                      [&](ast::Node* c) { detail::walk_parents_rec(c, parents, f); });
}

}  // namespace oomguard::lint::rules

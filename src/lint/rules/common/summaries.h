// Per-package facts for the path-sensitive resource rules, computed once per package and on
// demand: what each same-package function does with each parameter (closes/stops/calls it, or
// lets it escape), which struct fields are ever called or read (a Close method calling
// s.cancel()), which fields are declared as *http.Client, and which functions return an
// *http.Response. Without a type checker, methods are summarised by name (the union of every
// same-named method of the package).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lint/rule.h"

namespace oomguard::lint::rules {

// What a callee does with one argument.
enum class ParamEffect : uint8_t {
  kNone,     // only uses it: the caller still owns it
  kRelease,  // closes, stops or calls it (directly, through a defer, or through another helper)
  kEscape,   // stores, returns, sends or passes it on to code we cannot see: ownership moves
};

class ResourceFacts {
 public:
  explicit ResourceFacts(const Pass& pass);

  // The effect of passing an argument at index i to the same-package function fd.
  ParamEffect param_effect(const ast::FuncDecl* fd, size_t i);
  // The effect on argument i of calling a same-package method named name (any receiver type:
  // a release by one of them wins, then an escape). Ask has_method() first.
  [[nodiscard]] bool has_method(std::string_view name) const;
  // Every same-package method named name (nullptr when none).
  [[nodiscard]] const std::vector<const ast::FuncDecl*>* methods(std::string_view name) const;
  ParamEffect method_param_effect(std::string_view name, size_t i);

  // True when some selector `x.name` in the package is called (`x.name()`), deferred, passed
  // or read other than being assigned to or compared with nil.
  // key is field_key(): a receiver-typed key also matches uses through non-receivers.
  [[nodiscard]] bool field_used(const std::string& key);
  // Number of distinct functions that assign `x.name = ...` (key from field_key).
  [[nodiscard]] int field_assigners(const std::string& key);
  // "T.name" when sel's base is the receiver of method fn (of type T), else "name".
  static std::string field_key(const ast::Node* fn, const ast::SelectorExpr* sel);
  // True when a struct field of the package named name is declared as http.Client/*http.Client.
  [[nodiscard]] bool http_client_field(std::string_view name) const;
  // True when the same-package function fd returns an *http.Response.
  [[nodiscard]] static bool returns_response(const PackageInfo& info, const ast::FuncDecl* fd);

 private:
  void collect();
  // The field uses and assignments behind field_used/field_assigners: one walk over the whole
  // package, made on the first question (only lost-cancel asks, and rarely).
  void collect_field_uses();
  const Pass& pass_;
  bool field_uses_collected_ = false;
  std::unordered_map<std::string_view, std::vector<const ast::FuncDecl*>> methods_;
  std::unordered_set<std::string> used_keys_;          // field_key of every use
  std::unordered_set<std::string_view> used_names_;    // field name of every use
  std::unordered_set<std::string_view> untyped_uses_;  // names used through non-receivers
  std::unordered_map<std::string, std::unordered_set<const ast::Node*>> assigners_;
  std::unordered_set<std::string_view> client_fields_;
  // Memo of param effects; kInProgress guards recursion.
  enum class State : uint8_t { kUnknown, kInProgress, kDone };
  struct Memo {
    State state = State::kUnknown;
    ParamEffect effect = ParamEffect::kNone;
  };
  std::unordered_map<const ast::FuncDecl*, std::vector<Memo>> memo_;
};

// The parameter identifiers of fd in order (unnamed parameters as nullptr); variadic last.
std::vector<const ast::Ident*> param_idents(const ast::FuncDecl* fd);

}  // namespace oomguard::lint::rules

// Per-package facts about package-level maps and slices, for unbounded-cache and
// unbounded-global-append: where each is inserted into or appended to at run time, and whether
// anything deletes from, resets, truncates or size-checks it. A "global" is a package-level
// variable or a field path below one (`reg.m`, `state.log`). Code in init functions, in
// package-level variable initialisers, in functions passed to a sync.Once's Do, in
// registration functions (Register*, register*, MustRegister*), in unexported functions only
// ever called from such code, and in _test.go files is not run time.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "lint/rule.h"

namespace oomguard::lint::rules {

struct GlobalKey {
  const Object* root = nullptr;  // the package-level variable
  std::string path;              // "" or ".field" or ".a.b"
  bool operator<(const GlobalKey& o) const {
    return root != o.root ? root < o.root : path < o.path;
  }
};

struct GlobalSite {
  int file = -1;
  const ast::Node* stmt = nullptr;  // the AssignStmt or IncDecStmt
  // The package-level function whose body holds the statement (outside function literals that
  // run at an unknown time), or nullptr.
  const Object* func = nullptr;
};

struct GlobalFacts {
  std::vector<GlobalSite> inserts;  // g[k] = v, g[k] op= v, g[k]++ at run time
  std::vector<GlobalSite> appends;  // g = append(g, ...) at run time
  bool deleted = false;             // delete(g, k) or clear(g) at run time
  bool len_compared = false;        // len(g) an operand of a comparison anywhere
};

class PackageGlobals {
 public:
  explicit PackageGlobals(const Pass& pass);

  [[nodiscard]] const std::map<GlobalKey, GlobalFacts>& facts() const { return facts_; }
  // Assigned as a whole at run time (g = ..., other than g = append(g, ...)), its address taken,
  // or an enclosing path (the root variable, an outer field) assigned or address-taken.
  [[nodiscard]] bool reset(const GlobalKey& key) const;
  // True when the global's declared type or initial value makes it a map.
  [[nodiscard]] bool is_map(const GlobalKey& key) const;
  // True when it is a map keyed by reflect.Type: one entry per Go type of the program at most.
  [[nodiscard]] bool keyed_by_type(const GlobalKey& key) const;
  // The key an expression denotes (an identifier of a package-level variable declared outside
  // test files, or a selector chain rooted at one), if any.
  [[nodiscard]] bool key_of(const ast::Expr* e, GlobalKey* out) const;
  // True when the key is a field path (`store.m`) and some run-time delete/clear targets a field
  // of that name through another base (`ps := x.store; delete(ps.m, k)`): without types, the
  // same map may be reached through an alias.
  [[nodiscard]] bool field_evicted_elsewhere(const GlobalKey& key) const;
  // Message text for a key: "cache", "reg.m".
  [[nodiscard]] static std::string name(const GlobalKey& key);

 private:
  // Where the code being visited runs: at run time or while initialising, and in which
  // package-level function (see GlobalSite::func).
  struct Ctx {
    bool runtime = true;
    const Object* func = nullptr;
  };
  void visit(int file, const ast::Node* n, const ast::Node* parent, Ctx ctx);
  void visit_func(int file, const ast::FuncDecl* fd);
  [[nodiscard]] bool is_once(const ast::Expr* recv) const;
  [[nodiscard]] const ast::MapType* map_type(const GlobalKey& key) const;
  void drop_init_only();
  const Pass& pass_;
  std::vector<bool> test_file_;
  std::map<GlobalKey, GlobalFacts> facts_;
  std::map<GlobalKey, std::vector<const Object*>> resets_;     // with the function they are in
  std::unordered_map<const Object*, std::vector<Ctx>> calls_;  // calls of package-level functions
  std::set<const Object*> init_only_;
  std::set<std::string, std::less<>> evicted_fields_;  // field names deleted through other bases
};

}  // namespace oomguard::lint::rules

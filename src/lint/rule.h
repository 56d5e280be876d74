// The rule interface. A rule is one small class in src/lint/rules/<rule_id>.{h,cpp}: it has no
// I/O, no global state and no suppression logic. The engine calls run() once per package with a
// Pass that gives the package's files, semantic information, control-flow graphs, settings and
// a report() sink.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "go/ast.h"
#include "go/parser.h"
#include "lint/cfg.h"
#include "lint/config.h"
#include "lint/semantic.h"
#include "report/finding.h"

namespace oomguard::lint {

using report::Finding;
using report::RelatedLocation;
using report::RuleInfo;

// Go language versions are compared by their minor number (1.N → N).
inline constexpr int kUnknownGoMinor = 0;

struct FileCtx {
  const go::ParsedFile* parsed = nullptr;
  std::string path;                // display path
  int go_minor = kUnknownGoMinor;  // from go.mod, raised by a //go:build go1.N constraint
};

class SharedFacts;

class Pass {
 public:
  // shared: the package's fact store, common to every rule's pass over the package; nullptr
  // gives this pass a store of its own.
  Pass(const RuleInfo& rule, const std::vector<FileCtx>& files, const PackageInfo& info,
       const Config& config, std::vector<Finding>* out, SharedFacts* shared = nullptr);
  ~Pass();
  Pass(const Pass&) = delete;
  Pass& operator=(const Pass&) = delete;

  [[nodiscard]] const std::vector<FileCtx>& files() const { return files_; }
  [[nodiscard]] const PackageInfo& info() const { return info_; }
  [[nodiscard]] const RuleInfo& rule() const { return rule_; }

  // True when the rule's Go version range admits file i (unknown versions are admitted).
  [[nodiscard]] bool applies(int file) const;

  // Settings from .oomguard.yml `settings: <rule-id>: {key: value}`.
  [[nodiscard]] long setting_int(const std::string& key, long fallback) const;
  [[nodiscard]] std::string setting(const std::string& key, const std::string& fallback) const;

  // Graph of a function body, built once per package.
  const Cfg& cfg(const ast::BlockStmt* body) const;

  // A per-package fact (a summary every rule may need: resource helpers, package globals,
  // channel facts, the function index), built on first use as T(const Pass&) and kept for the
  // other rules' passes over the same package. T must not depend on which rule runs: it is
  // built with a neutral pass that admits every file.
  template <typename T>
  T& shared() const;

  [[nodiscard]] Position position(int file, go::Pos p) const;
  [[nodiscard]] RelatedLocation related(int file, go::Pos p, std::string message) const;

  // Reports a finding at node `at` (its start; its end for the finding's end) in file i.
  void report(int file, const ast::Node* at, std::string message, std::string suggestion = {},
              std::vector<RelatedLocation> related = {});
  void report(int file, const ast::Node* at, Severity severity, std::string message,
              std::string suggestion = {}, std::vector<RelatedLocation> related = {});

 private:
  const RuleInfo& rule_;
  const std::vector<FileCtx>& files_;
  const PackageInfo& info_;
  const Config& config_;
  std::vector<Finding>* out_;
  std::unique_ptr<SharedFacts> own_;
  SharedFacts* shared_;
};

// The per-package store behind Pass::shared and Pass::cfg. One per package; not thread-safe (a
// package is analysed by one worker).
class SharedFacts {
 public:
  SharedFacts(const std::vector<FileCtx>& files, const PackageInfo& info, const Config& config);
  SharedFacts(const SharedFacts&) = delete;
  SharedFacts& operator=(const SharedFacts&) = delete;

  const Cfg& cfg(const ast::BlockStmt* body);
  template <typename T>
  T& get() {
    std::shared_ptr<void>& slot = facts_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>(std::as_const(base_));
    return *static_cast<T*>(slot.get());
  }

 private:
  RuleInfo neutral_;
  Pass base_;
  std::unordered_map<const ast::BlockStmt*, std::unique_ptr<Cfg>> cfgs_;
  std::map<std::type_index, std::shared_ptr<void>> facts_;
};

template <typename T>
T& Pass::shared() const {
  return shared_->get<T>();
}

class Rule {
 public:
  virtual ~Rule() = default;
  [[nodiscard]] virtual const RuleInfo& info() const = 0;
  virtual void run(Pass& pass) const = 0;
};

class Registry {
 public:
  void add(std::unique_ptr<Rule> r) { rules_.push_back(std::move(r)); }
  [[nodiscard]] const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  [[nodiscard]] const Rule* find(const std::string& id) const;

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
};

// Every built-in rule (src/lint/builtin_rules.cpp); `oomguard rules` lists them by id.
void register_builtin_rules(Registry& registry);

// The embedded docs/rules/<id>.md page, or "" (generated at build time).
std::string_view rule_doc(std::string_view id);

}  // namespace oomguard::lint

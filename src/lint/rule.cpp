#include "lint/rule.h"

namespace oomguard::lint {

Pass::Pass(const RuleInfo& rule, const std::vector<FileCtx>& files, const PackageInfo& info,
           const Config& config, std::vector<Finding>* out, SharedFacts* shared)
    : rule_(rule), files_(files), info_(info), config_(config), out_(out), shared_(shared) {
  if (shared_ == nullptr) {
    own_ = std::make_unique<SharedFacts>(files, info, config);
    shared_ = own_.get();
  }
}

Pass::~Pass() = default;

SharedFacts::SharedFacts(const std::vector<FileCtx>& files, const PackageInfo& info,
                         const Config& config)
    : neutral_{}, base_(neutral_, files, info, config, nullptr, this) {}

const Cfg& SharedFacts::cfg(const ast::BlockStmt* body) {
  auto& slot = cfgs_[body];
  if (!slot) slot = Cfg::build(body, &base_.info());
  return *slot;
}

bool Pass::applies(int file) const {
  int v = files_[static_cast<size_t>(file)].go_minor;
  if (v == kUnknownGoMinor) return true;
  if (rule_.min_go_minor != 0 && v < rule_.min_go_minor) return false;
  if (rule_.max_go_minor != 0 && v > rule_.max_go_minor) return false;
  return true;
}

long Pass::setting_int(const std::string& key, long fallback) const {
  return config_.setting_int(rule_.id, key, fallback);
}

std::string Pass::setting(const std::string& key, const std::string& fallback) const {
  return config_.setting(rule_.id, key, fallback);
}

const Cfg& Pass::cfg(const ast::BlockStmt* body) const { return shared_->cfg(body); }

Position Pass::position(int file, go::Pos p) const {
  return files_[static_cast<size_t>(file)].parsed->position(p);
}

RelatedLocation Pass::related(int file, go::Pos p, std::string message) const {
  return {files_[static_cast<size_t>(file)].path, position(file, p), std::move(message)};
}

void Pass::report(int file, const ast::Node* at, std::string message, std::string suggestion,
                  std::vector<RelatedLocation> related) {
  report(file, at, rule_.severity, std::move(message), std::move(suggestion), std::move(related));
}

void Pass::report(int file, const ast::Node* at, Severity severity, std::string message,
                  std::string suggestion, std::vector<RelatedLocation> related) {
  Finding f;
  f.file = files_[static_cast<size_t>(file)].path;
  f.pos = position(file, ast::node_pos(at));
  f.end = position(file, ast::node_end(at));
  f.rule = rule_.id;
  f.severity = severity;
  f.message = std::move(message);
  f.suggestion = std::move(suggestion);
  f.related = std::move(related);
  out_->push_back(std::move(f));
}

const Rule* Registry::find(const std::string& id) const {
  for (const auto& r : rules_) {
    if (r->info().id == id) return r.get();
  }
  return nullptr;
}

}  // namespace oomguard::lint

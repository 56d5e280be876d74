#include "lint/engine.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include "go/gomod.h"
#include "go/parser_batch.h"
#include "lint/suppress.h"

namespace oomguard::lint {
namespace {

// OOMGUARD_LINT_TIMING=1: CPU time per phase and per rule, summed over workers, on stderr.
struct Timing {
  bool on = getenv("OOMGUARD_LINT_TIMING") != nullptr;
  std::mutex mu;
  std::vector<std::pair<std::string, double>> totals;
  void add(const std::string& what, double secs) {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& [k, v] : totals) {
      if (k == what) {
        v += secs;
        return;
      }
    }
    totals.emplace_back(what, secs);
  }
  ~Timing() {
    if (!on) return;
    std::sort(totals.begin(), totals.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (auto& [k, v] : totals) std::fprintf(stderr, "%9.3f s  %s\n", v, k.c_str());
  }
};
Timing g_timing;

class Timer {
 public:
  explicit Timer(const std::string& what) : what_(what) {
    if (g_timing.on) start_ = std::chrono::steady_clock::now();
  }
  ~Timer() {
    if (!g_timing.on) return;
    g_timing.add(what_,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

 private:
  const std::string& what_;
  std::chrono::steady_clock::time_point start_;
};
const std::string kPhaseLoad = "load (wall)", kPhaseAnalyse = "parse+analyse (wall)",
                  kPhaseParse = "parse", kPhaseSemantic = "semantic", kPhaseSuppress = "suppress";

// Comments of a file as the suppression layer needs them.
std::vector<CommentText> comment_texts(const go::ParsedFile& pf) {
  std::vector<CommentText> out;
  std::string_view src = pf.source();
  for (const ast::CommentGroup* g : pf.comments) {
    for (const ast::Comment* c : g->list) {
      if (!may_be_directive(c->text)) continue;
      CommentText t;
      t.pos = pf.position(c->slash);
      t.text = c->text;
      size_t off = t.pos.offset;
      bool own = true;
      for (size_t i = off; i > 0; --i) {
        char ch = src[i - 1];
        if (ch == '\n') break;
        if (ch != ' ' && ch != '\t' && ch != '\r') {
          own = false;
          break;
        }
      }
      t.own_line = own;
      out.push_back(t);
    }
  }
  return out;
}

// Keeps, among findings on the same file and line, only the most specific rule's.
void apply_precedence(std::vector<Finding>& fs, const std::vector<RuleInfo>& rules) {
  std::vector<std::pair<std::string, std::string>> beats;  // (specific, general)
  for (const auto& r : rules) {
    for (const auto& g : r.supersedes) beats.emplace_back(r.id, g);
  }
  if (beats.empty()) return;
  std::vector<bool> drop(fs.size(), false);
  for (size_t i = 0; i < fs.size(); ++i) {
    for (size_t j = 0; j < fs.size(); ++j) {
      if (i == j || fs[i].file != fs[j].file || fs[i].pos.line != fs[j].pos.line) continue;
      for (const auto& [s, g] : beats) {
        if (fs[i].rule == s && fs[j].rule == g) drop[j] = true;
      }
    }
  }
  size_t k = 0;
  for (size_t i = 0; i < fs.size(); ++i) {
    if (drop[i]) continue;
    if (k != i) fs[k] = std::move(fs[i]);  // never self-move: it empties the strings
    ++k;
  }
  fs.resize(k);
}

struct PackageWork {
  std::vector<go::ParsedFile> parsed;
  std::vector<FileCtx> files;
  std::vector<Finding> findings;   // after suppression and exclusion
  std::vector<Diagnostic> errors;  // syntax errors
};

// Runs the enabled rules over one package's (syntactically valid) files.
void analyse_package(PackageWork& w, const std::vector<const Rule*>& rules, const Config& config,
                     std::vector<Finding>* raw) {
  std::vector<FileCtx> ok_files;
  for (const auto& f : w.files) {
    if (f.parsed->ok()) ok_files.push_back(f);  // a file with syntax errors is reported only
  }
  if (ok_files.empty()) return;
  std::vector<FileUnit> units;
  units.reserve(ok_files.size());
  for (const auto& f : ok_files) units.push_back({f.parsed, f.path});
  std::optional<PackageInfo> info_slot;
  {
    Timer t(kPhaseSemantic);
    info_slot.emplace(std::move(units));
  }
  const PackageInfo& info = *info_slot;
  SharedFacts shared(ok_files, info, config);
  for (const Rule* r : rules) {
    Timer t(r->info().id);
    Pass pass(r->info(), ok_files, info, config, raw, &shared);
    r->run(pass);
  }
}

bool rule_ran(const std::vector<const Rule*>& rules, const std::string& id) {
  return std::any_of(rules.begin(), rules.end(), [&](const Rule* r) { return r->info().id == id; });
}

// Analyses one package and applies its files' suppression directives and the path exclusions.
// Directives are per file, so each package is finished on its own and its ASTs can be freed.
void process_package(PackageWork& w, const std::vector<const Rule*>& rules, const Config& config) {
  std::vector<Finding> raw;
  analyse_package(w, rules, config, &raw);
  Suppressions sup;
  for (const auto& f : w.files) {
    for (const auto& d : f.parsed->errors) w.errors.push_back(d);
    if (config.path_excluded(f.path)) continue;
    sup.add_file(f.path, comment_texts(*f.parsed), &w.findings);
  }
  for (auto& f : raw) {
    if (config.path_excluded(f.file) || sup.suppresses(f)) continue;
    w.findings.push_back(std::move(f));
  }
  for (auto& f : sup.unused([&](const std::string& id) { return rule_ran(rules, id); })) {
    w.findings.push_back(std::move(f));
  }
}

// Merges the packages' findings: precedence, sorting, de-duplication.
void finish(std::vector<PackageWork>& works, LintResult& result) {
  std::vector<Finding> all;
  for (auto& w : works) {
    for (auto& f : w.findings) all.push_back(std::move(f));
    for (auto& e : w.errors) result.errors.push_back(std::move(e));
  }
  // The engine's own directive checks are rules too, for SARIF metadata.
  const std::pair<std::string_view, const char*> kEngineRules[] = {
      {kBadDirectiveRule, "malformed suppression directive"},
      {kUnusedDirectiveRule, "suppression directive that suppresses nothing"}};
  for (const auto& rule : kEngineRules) {
    std::string_view id = rule.first;
    bool used =
        std::any_of(all.begin(), all.end(), [id](const Finding& f) { return f.rule == id; });
    if (used) {
      RuleInfo ri;
      ri.id = std::string(id);
      ri.summary = rule.second;
      ri.severity = id == kBadDirectiveRule ? Severity::kWarning : Severity::kInfo;
      result.rules_run.push_back(std::move(ri));
    }
  }
  apply_precedence(all, result.rules_run);
  std::sort(all.begin(), all.end(), report::finding_less);
  all.erase(std::unique(all.begin(), all.end(),
                        [](const Finding& a, const Finding& b) {
                          return a.file == b.file && a.pos.line == b.pos.line &&
                                 a.pos.col == b.pos.col && a.rule == b.rule &&
                                 a.message == b.message;
                        }),
            all.end());
  result.findings = std::move(all);
  std::stable_sort(
      result.errors.begin(), result.errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.pos.line, a.pos.col) < std::tie(b.file, b.pos.line, b.pos.col);
      });
}

class Progress {
 public:
  Progress(bool on, size_t total) : on_(on), total_(total) {
    if (on_) thread_ = std::thread([this] { loop(); });
  }
  ~Progress() {
    if (!on_) return;
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }
  void tick() { done_.fetch_add(1, std::memory_order_relaxed); }

 private:
  void loop() {
    auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lk(mu_);
    while (!cv_.wait_for(lk, std::chrono::milliseconds(200), [this] { return stop_; })) {
      if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
      shown_ = true;
      std::fprintf(stderr, "\roomguard lint: %zu/%zu packages", done_.load(), total_);
      std::fflush(stderr);
    }
  }
  bool on_;
  size_t total_;
  std::atomic<size_t> done_{0};
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool shown_ = false;
};

std::vector<const Rule*> enabled_rules(const Registry& registry, const Config& config,
                                       LintResult& result) {
  std::vector<const Rule*> rules;
  for (const auto& r : registry.rules()) {
    if (!config.rule_enabled(r->info().id)) continue;
    rules.push_back(r.get());
    result.rules_run.push_back(r->info());
    result.rules_run.back().doc = std::string(rule_doc(r->info().id));
  }
  return rules;
}

}  // namespace

int build_constraint_go_minor(std::string_view contents) {
  int best = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    std::string_view line = contents.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? contents.size() : nl + 1;
    if (line.rfind("package ", 0) == 0) break;  // constraints live in the header only
    if (line.rfind("//go:build", 0) != 0) continue;
    for (size_t i = line.find("go1."); i != std::string_view::npos; i = line.find("go1.", i + 1)) {
      size_t j = i;
      while (j > 0 && (line[j - 1] == ' ' || line[j - 1] == '(')) --j;
      if (j > 0 && line[j - 1] == '!') continue;
      int n = 0;
      size_t k = i + 4;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') n = n * 10 + (line[k++] - '0');
      best = std::max(best, n);
    }
  }
  return best;
}

LintResult run_lint(const LintOptions& opts, const Registry& registry) {
  LintResult result;
  std::vector<const Rule*> rules = enabled_rules(registry, opts.config, result);
  go::LoadResult loaded;
  {
    Timer t(kPhaseLoad);
    loaded = go::load_packages(opts.patterns, opts.load);
  }
  result.errors = std::move(loaded.errors);
  result.packages = loaded.packages.size();
  for (const auto& p : loaded.packages) result.files += p.files.size();
  if (g_timing.on)
    std::fprintf(stderr, "%zu files in %zu packages\n", result.files, result.packages);

  // Each worker takes one package at a time: parse its files (sources move into their
  // ParsedFile), analyse, suppress, then free the ASTs, so peak memory is a few packages' trees
  // rather than the whole tree's.
  std::vector<PackageWork> works(loaded.packages.size());
  Progress progress(opts.progress, works.size());
  Timer analyse_timer(kPhaseAnalyse);
  // Largest packages first, so no worker is left with a big one at the end.
  std::vector<size_t> order(works.size());
  std::vector<size_t> bytes(works.size(), 0);
  for (size_t p = 0; p < works.size(); ++p) {
    order[p] = p;
    for (const auto& f : loaded.packages[p].files) bytes[p] += f.contents.size();
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });
  go::parallel_for(works.size(), opts.jobs, [&](size_t i) {
    const size_t p = order[i];
    go::Package& pkg = loaded.packages[p];
    PackageWork& w = works[p];
    int mod_minor = opts.default_go_minor;
    if (pkg.module && !pkg.module->go_version.empty()) {
      int m = go::go_minor_version(pkg.module->go_version);
      if (m > 0) mod_minor = m;
    }
    w.parsed.reserve(pkg.files.size());
    {
      Timer t(kPhaseParse);
      for (auto& src : pkg.files) {
        w.parsed.push_back(go::parse_file(src.path, std::move(src.contents)));
        std::string().swap(src.contents);
      }
    }
    for (size_t f = 0; f < pkg.files.size(); ++f) {
      FileCtx ctx;
      ctx.parsed = &w.parsed[f];
      ctx.path = pkg.files[f].path;
      ctx.go_minor = std::max(mod_minor, build_constraint_go_minor(w.parsed[f].source()));
      w.files.push_back(std::move(ctx));
    }
    process_package(w, rules, opts.config);
    w.files.clear();
    std::vector<go::ParsedFile>().swap(w.parsed);
    progress.tick();
  });
  finish(works, result);
  return result;
}

LintResult lint_source(const std::string& path, std::string contents, const Registry& registry,
                       const Config& config, int go_minor) {
  LintResult result;
  std::vector<const Rule*> rules = enabled_rules(registry, config, result);
  std::vector<PackageWork> works(1);
  works[0].parsed.push_back(go::parse_file(path, std::move(contents)));
  FileCtx ctx;
  ctx.parsed = &works[0].parsed[0];
  ctx.path = path;
  ctx.go_minor = go_minor;
  works[0].files.push_back(ctx);
  result.files = 1;
  result.packages = 1;
  process_package(works[0], rules, config);
  finish(works, result);
  return result;
}

}  // namespace oomguard::lint

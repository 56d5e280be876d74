// Package loading: patterns → directories (walk.cpp) → files read, checked and filtered by
// build constraints (build_constraints.cpp) → grouped by package clause, with go.mod (gomod.cpp).
#include "go/packages.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "go/build_constraints.h"
#include "go/gomod.h"
#include "go/parser_batch.h"
#include "go/walk.h"

namespace oomguard::go {
namespace {

// ---- reading and checking bytes -------------------------------------------------------------

Result<std::string> read_source(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: a FIFO named x.go must not hang the loader; regular files ignore the flag.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return Error{fmt::format("cannot read file: {}", std::strerror(errno))};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"cannot read file: not a regular file"};
  }
  auto too_big = [&](uint64_t n) {
    return Error{fmt::format("file is {} bytes, larger than the limit of {} bytes", n, max_bytes)};
  };
  auto size = static_cast<uint64_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return too_big(size);
  }
  std::string s;
  s.resize(size);
  size_t got = 0;
  for (;;) {
    if (got == s.size()) {
      // At the size fstat reported: probe into a side buffer, so the common case (no growth
      // since fstat) neither reallocates nor copies the contents.
      char more[4096];
      ssize_t n = ::read(fd, more, sizeof more);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int e = errno;
        ::close(fd);
        return Error{fmt::format("cannot read file: {}", std::strerror(e))};
      }
      if (n == 0) break;
      if (s.size() + static_cast<uint64_t>(n) > max_bytes) {
        ::close(fd);
        return too_big(s.size() + static_cast<uint64_t>(n));
      }
      s.append(more, static_cast<size_t>(n));
      got = s.size();
      continue;
    }
    ssize_t n = ::read(fd, s.data() + got, s.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return Error{fmt::format("cannot read file: {}", std::strerror(e))};
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  s.resize(got);
  return s;
}

enum class TextProblem { kNone, kNul, kBadUtf8 };

struct TextCheck {
  TextProblem problem = TextProblem::kNone;
  size_t offset = 0;
};

// One pass: UTF-8 validity and NUL bytes, eight ASCII bytes at a time on the fast path.
TextCheck check_text(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w = 0;
      std::memcpy(&w, p + i, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ULL;
      constexpr uint64_t kOnes = 0x0101010101010101ULL;
      // All bytes ASCII (no high bit) and none zero (no borrow into a high bit).
      if ((w & kHigh) == 0 && ((w - kOnes) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned c = p[i];
    if (c < 0x80) {
      if (c == 0) return {TextProblem::kNul, i};
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // ≤ U+10FFFF
    }
    bool ok = len != 0 && i + len <= n && p[i + 1] >= lo && p[i + 1] <= hi;
    for (size_t k = 2; ok && k < len; ++k) ok = p[i + k] >= 0x80 && p[i + k] <= 0xBF;
    if (!ok) {
      // A NUL anywhere means a binary file, which is the better message.
      const void* nul = std::memchr(p + i, 0, n - i);
      if (nul != nullptr)
        return {TextProblem::kNul, static_cast<size_t>(static_cast<const unsigned char*>(nul) - p)};
      return {TextProblem::kBadUtf8, i};
    }
    i += len;
  }
  return {};
}

Position position_at(std::string_view s, size_t offset) {
  offset = std::min(offset, s.size());
  Position pos;
  pos.offset = static_cast<uint32_t>(offset);
  std::string_view before = s.substr(0, offset);
  pos.line = 1 + static_cast<uint32_t>(std::count(before.begin(), before.end(), '\n'));
  size_t nl = before.rfind('\n');
  pos.col = static_cast<uint32_t>(nl == std::string_view::npos ? offset + 1 : offset - nl);
  return pos;
}

// ---- the package clause and `import "C"` ----------------------------------------------------

struct ClauseScan {
  std::string name;
  bool imports_c = false;
  bool ok = false;
  size_t error_offset = 0;
  std::string error;
};

// A tiny comment-aware scanner: skips white space and comments, reads `package <ident>`, then
// the import declarations that follow, only to learn whether the file imports "C".
class HeaderScanner {
 public:
  explicit HeaderScanner(std::string_view s) : s_(s) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }

  ClauseScan run() {
    ClauseScan r;
    if (!skip_blank()) return fail(r, "comment not terminated");
    if (!keyword("package")) return fail(r, "expected 'package', found " + found());
    if (!skip_blank()) return fail(r, "comment not terminated");
    std::string_view name = ident();
    if (name.empty()) return fail(r, "expected package name, found " + found());
    if (name == "_") {
      i_ -= 1;
      return fail(r, "invalid package name _");
    }
    r.name = std::string(name);
    r.ok = true;
    scan_imports(&r);
    return r;
  }

 private:
  ClauseScan& fail(ClauseScan& r, std::string msg) {
    r.ok = false;
    r.error = std::move(msg);
    r.error_offset = i_;
    return r;
  }

  std::string found() const {
    if (i_ >= s_.size()) return "'EOF'";
    size_t n = 1;
    while (i_ + n < s_.size() && n < 20 && is_ident_byte(s_[i_ + n]) && is_ident_byte(s_[i_])) ++n;
    return "'" + std::string(s_.substr(i_, n)) + "'";
  }

  static bool is_ident_byte(char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;  // non-ASCII: letters in practice; the parser checks exactly
  }

  // Skips white space (newlines included), ';' when semis, and comments. False when a /*
  // comment is not terminated.
  bool skip_blank(bool semis = false) {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (semis && c == ';')) {
        ++i_;
      } else if (s_.substr(i_, 2) == "//") {
        size_t nl = s_.find('\n', i_);
        i_ = nl == std::string_view::npos ? s_.size() : nl + 1;
      } else if (s_.substr(i_, 2) == "/*") {
        size_t close = s_.find("*/", i_ + 2);
        if (close == std::string_view::npos) return false;
        i_ = close + 2;
      } else {
        break;
      }
    }
    return true;
  }

  bool keyword(std::string_view kw) {
    if (s_.substr(i_, kw.size()) != kw) return false;
    if (i_ + kw.size() < s_.size() && is_ident_byte(s_[i_ + kw.size()])) return false;
    i_ += kw.size();
    return true;
  }

  std::string_view ident() {
    size_t start = i_;
    if (i_ < s_.size() && !(s_[i_] >= '0' && s_[i_] <= '9')) {
      while (i_ < s_.size() && is_ident_byte(s_[i_])) ++i_;
    }
    return s_.substr(start, i_ - start);
  }

  // One import spec: [name | "."] "path". False when it is not one.
  bool import_spec(ClauseScan* r) {
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
    } else if (!ident().empty()) {
      // a name
    }
    if (!skip_blank()) return false;
    if (i_ >= s_.size()) return false;
    char q = s_[i_];
    if (q == '`') {
      size_t close = s_.find('`', i_ + 1);
      if (close == std::string_view::npos) return false;
      if (s_.substr(i_ + 1, close - i_ - 1) == "C") r->imports_c = true;
      i_ = close + 1;
      return true;
    }
    if (q != '"') return false;
    size_t j = i_ + 1;
    while (j < s_.size() && s_[j] != '"' && s_[j] != '\n') j += s_[j] == '\\' ? 2 : 1;
    if (j >= s_.size() || s_[j] != '"') return false;
    if (s_.substr(i_ + 1, j - i_ - 1) == "C") r->imports_c = true;
    i_ = j + 1;
    return true;
  }

  void scan_imports(ClauseScan* r) {
    for (;;) {
      if (!skip_blank(true) || !keyword("import") || !skip_blank()) return;
      if (i_ < s_.size() && s_[i_] == '(') {
        ++i_;
        for (;;) {
          if (!skip_blank(true) || i_ >= s_.size()) return;
          if (s_[i_] == ')') {
            ++i_;
            break;
          }
          if (!import_spec(r)) return;
        }
      } else if (!import_spec(r)) {
        return;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

// ---- the loader -----------------------------------------------------------------------------

bool is_test_file(std::string_view name) { return has_suffix(name, "_test.go"); }

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

struct FileRef {
  std::string abs;
  std::string display;
};

class Loader {
 public:
  explicit Loader(const LoadOptions& opts) : opts_(opts), paths_(current_dir()) {}

  LoadResult run(const std::vector<std::string>& patterns_in) {
    std::vector<std::string> patterns = patterns_in;
    if (patterns.empty()) patterns.emplace_back(".");
    std::vector<FileRef> files;
    std::set<std::string> seen_files;
    bool any_file_pattern = false;
    for (const std::string& pat : patterns) {
      if (pat.empty()) {
        error("", "empty pattern");
        continue;
      }
      std::string clean = clean_path(pat);
      if (has_suffix(clean, ".go") && clean.find("...") == std::string::npos) {
        struct stat st {};
        if (::stat(paths_.abs(clean).c_str(), &st) != 0) {
          error(pat, fmt::format("cannot read file: {}", std::strerror(errno)));
          continue;
        }
        if (!S_ISDIR(st.st_mode)) {  // a directory named x.go is a package directory
          any_file_pattern = true;
          std::string abs = paths_.abs(clean);
          if (seen_files.insert(abs).second) {
            files.push_back(FileRef{abs, paths_.show(abs, clean)});
          }
          continue;
        }
      }
      load_pattern(pat, clean);
    }
    if (any_file_pattern) {
      size_t before = result_.packages.size();
      load_files(files);
      if (result_.packages.size() == before && files_failed_ == 0) {
        warn(files.empty() ? std::string() : files.front().display, "matched no packages");
      }
    }
    finish();
    return std::move(result_);
  }

 private:
  struct DirOutcome {
    size_t packages = 0;
    size_t excluded = 0;
    size_t failed = 0;
  };

  void error(const std::string& file, std::string msg, Position pos = {}) {
    result_.errors.push_back(Diagnostic{file, pos, Severity::kError, std::move(msg)});
  }
  void warn(const std::string& file, std::string msg) {
    result_.errors.push_back(Diagnostic{file, {}, Severity::kWarning, std::move(msg)});
  }

  void load_pattern(const std::string& pat, const std::string& clean) {
    bool wildcard = clean.find("...") != std::string::npos;
    size_t errors_before = result_.errors.size();
    std::vector<FoundDir> dirs = expand_dir_pattern(pat, paths_, &result_.errors);
    if (dirs.empty() && result_.errors.size() > errors_before) return;  // reported why
    prefetch(dirs);
    size_t matched = 0;
    for (FoundDir& d : dirs) {
      auto it = loaded_.find(d.listing.id);
      if (it == loaded_.end()) it = loaded_.emplace(d.listing.id, load_dir(d)).first;
      const DirOutcome& o = it->second;
      matched += o.packages;
      if (!wildcard && o.packages == 0 && o.failed == 0) {
        warn(d.display, o.excluded > 0 ? "build constraints exclude all Go files in " + d.display
                                       : "no Go files in " + d.display);
      }
    }
    if (wildcard && matched == 0) warn(pat, "matched no packages");
  }

  // Reads, on several threads, the files load_dir is going to read (reading dominates loading
  // a large tree); load_dir takes them from prefetched_ in its usual order.
  void prefetch(const std::vector<FoundDir>& dirs) {
    std::vector<std::string> paths;
    for (const FoundDir& d : dirs) {
      if (loaded_.count(d.listing.id) != 0) continue;
      const TagContext& ctx = context_for(modules_.find(d.abs));
      for (const std::string& name : d.listing.go_files) {
        if (name.front() == '_' || name.front() == '.') continue;
        if ((is_test_file(name) && !opts_.include_tests) || !good_os_arch_file(name, ctx)) continue;
        paths.push_back(join_path(d.abs, name));
      }
    }
    if (paths.size() < 2) return;
    std::vector<std::optional<Fetched>> data(paths.size());
    parallel_for(paths.size(), opts_.jobs, [&](size_t i) {
      Fetched f{read_source(paths[i], opts_.max_file_bytes), std::nullopt};
      if (f.data.ok()) f.check = check_text(*f.data);  // the UTF-8 scan, also in parallel
      data[i].emplace(std::move(f));
    });
    for (size_t i = 0; i < paths.size(); ++i) prefetched_.emplace(paths[i], std::move(*data[i]));
  }

  // A file's contents and, when prefetched, its text check.
  struct Fetched {
    Result<std::string> data;
    std::optional<TextCheck> check;
  };

  Fetched fetch(const std::string& abs) {
    auto it = prefetched_.find(abs);
    if (it == prefetched_.end()) return {read_source(abs, opts_.max_file_bytes), std::nullopt};
    Fetched r = std::move(it->second);
    prefetched_.erase(it);
    return r;
  }

  const TagContext& context_for(const ModuleCache::Entry* mod) {
    int release = opts_.go_release;
    if (release <= 0) {
      release = kDefaultGoRelease;
      if (mod != nullptr) release = std::max(release, go_minor_version(mod->fields.go_version));
    }
    auto it = contexts_.find(release);
    if (it == contexts_.end()) it = contexts_.emplace(release, TagContext(opts_, release)).first;
    return it->second;
  }

  const ModuleCache::Entry* module_for(const std::string& abs_dir) {
    const ModuleCache::Entry* m = modules_.find(abs_dir);
    if (m != nullptr && reported_mods_.insert(m->abs_dir).second) {
      std::string shown =
          paths_.show(join_path(m->abs_dir, "go.mod"), join_path(m->abs_dir, "go.mod"));
      if (!m->read_error.empty()) {
        error(shown, m->read_error);
      } else if (!m->fields.error.empty()) {
        error(shown, m->fields.error, Position{0, m->fields.error_line, 1});
      }
    }
    return m;
  }

  std::optional<GoModule> to_module(const ModuleCache::Entry* m) const {
    if (m == nullptr) return std::nullopt;
    return GoModule{paths_.show(m->abs_dir, m->abs_dir), m->fields.module_path,
                    m->fields.go_version};
  }

  // Reads and checks one file; nullopt (with a diagnostic) when it must be skipped.
  std::optional<std::string> read_checked(const FileRef& f) {
    auto data = read_source(f.abs, opts_.max_file_bytes);
    if (!data.ok()) {
      error(f.display, data.error());
      return std::nullopt;
    }
    TextCheck chk = check_text(*data);
    if (chk.problem == TextProblem::kNul) {
      error(f.display, "binary file (NUL byte); skipped", position_at(*data, chk.offset));
      return std::nullopt;
    }
    if (chk.problem == TextProblem::kBadUtf8) {
      error(f.display, "invalid UTF-8 encoding; skipped", position_at(*data, chk.offset));
      return std::nullopt;
    }
    return std::move(*data);
  }

  struct Group {
    std::map<std::string, Package> by_name;
    std::map<std::string, std::string> first_file;  // package name → first file, for conflicts
  };

  void add_to_group(Group* g, const std::string& name, SourceFile file) {
    auto [it, fresh] = g->by_name.try_emplace(name);
    if (fresh) {
      it->second.name = name;
      g->first_file[name] = file.path;
    }
    it->second.files.push_back(std::move(file));
  }

  DirOutcome load_dir(FoundDir& d) {
    DirOutcome o;
    const ModuleCache::Entry* mod = module_for(d.abs);
    const TagContext& ctx = context_for(mod);
    Group g;
    for (const std::string& name : d.listing.go_files) {
      if (name.front() == '_' || name.front() == '.') continue;  // ignored by go/build too
      FileRef f{join_path(d.abs, name), d.display == "." ? name : d.display + "/" + name};
      bool test = is_test_file(name);
      if ((test && !opts_.include_tests) || !good_os_arch_file(name, ctx)) {
        result_.excluded.push_back(f.display);
        ++o.excluded;
        continue;
      }
      Fetched fetched = fetch(f.abs);
      Result<std::string>& data = fetched.data;
      if (!data.ok()) {
        error(f.display, data.error());
        ++o.failed;
        continue;
      }
      ConstraintError cerr;
      if (!match_header(*data, ctx, &cerr)) {
        if (!cerr.message.empty()) {
          error(f.display, cerr.message, position_at(*data, cerr.offset));
          ++o.failed;
        } else {
          result_.excluded.push_back(f.display);
          ++o.excluded;
        }
        continue;
      }
      std::optional<ClauseScan> clause = check_and_scan(f, *data, fetched.check);
      if (!clause) {
        ++o.failed;
        continue;
      }
      if (clause->name == "documentation" || (clause->imports_c && !test && !ctx.cgo_enabled())) {
        result_.excluded.push_back(f.display);
        ++o.excluded;
        continue;
      }
      add_to_group(&g, clause->name, SourceFile{std::move(f.display), std::move(*data)});
    }
    o.packages = g.by_name.size();
    report_conflicts(g, d.display);
    emit(&g, d.display, to_module(mod));
    return o;
  }

  // UTF-8/NUL check, then the package clause; diagnostics for failures.
  std::optional<ClauseScan> check_and_scan(const FileRef& f, const std::string& data,
                                           std::optional<TextCheck> checked = std::nullopt) {
    TextCheck chk = checked ? *checked : check_text(data);
    if (chk.problem != TextProblem::kNone) {
      error(f.display,
            chk.problem == TextProblem::kNul ? "binary file (NUL byte); skipped"
                                             : "invalid UTF-8 encoding; skipped",
            position_at(data, chk.offset));
      return std::nullopt;
    }
    ClauseScan clause = HeaderScanner(data).run();
    if (!clause.ok) {
      error(f.display, clause.error + "; skipped", position_at(data, clause.error_offset));
      return std::nullopt;
    }
    return clause;
  }

  // go/build allows one package per directory, plus <name>_test in _test.go files.
  void report_conflicts(const Group& g, const std::string& dir) {
    std::map<std::string, std::string> base;  // normalised name → a package name having it
    for (const auto& [name, pkg] : g.by_name) {
      bool all_tests = std::all_of(pkg.files.begin(), pkg.files.end(),
                                   [](const SourceFile& f) { return is_test_file(f.path); });
      std::string norm = name;
      if (all_tests && has_suffix(name, "_test")) norm.resize(name.size() - 5);
      base.emplace(norm, name);
    }
    if (base.size() <= 1) return;
    auto a = base.begin();
    auto b = std::next(a);
    warn(dir, fmt::format("found packages {} ({}) and {} ({}) in {}", a->second,
                          base_name(g.first_file.at(a->second)), b->second,
                          base_name(g.first_file.at(b->second)), dir));
  }

  void emit(Group* g, const std::string& dir, const std::optional<GoModule>& mod) {
    for (auto& [name, pkg] : g->by_name) {
      pkg.dir = dir;
      pkg.module = mod;
      std::sort(pkg.files.begin(), pkg.files.end(),
                [](const SourceFile& x, const SourceFile& y) { return x.path < y.path; });
      result_.packages.push_back(std::move(pkg));
    }
  }

  // Files named on the command line: no build constraints; grouped by package clause.
  void load_files(std::vector<FileRef>& files) {
    std::sort(files.begin(), files.end(),
              [](const FileRef& x, const FileRef& y) { return x.display < y.display; });
    Group g;
    std::string first_abs_dir;
    std::string first_display_dir;
    for (FileRef& f : files) {
      if (is_test_file(base_name(f.display)) && !opts_.include_tests) {
        result_.excluded.push_back(f.display);
        continue;
      }
      auto data = read_checked(f);
      if (!data) {
        ++files_failed_;
        continue;
      }
      ClauseScan clause = HeaderScanner(*data).run();
      if (!clause.ok) {
        error(f.display, clause.error + "; skipped", position_at(*data, clause.error_offset));
        ++files_failed_;
        continue;
      }
      if (first_abs_dir.empty()) {
        first_abs_dir = parent_dir(f.abs);
        size_t slash = f.display.rfind('/');
        first_display_dir = slash == std::string::npos ? "."
                            : slash == 0               ? "/"
                                                       : f.display.substr(0, slash);
      }
      add_to_group(&g, clause.name, SourceFile{std::move(f.display), std::move(*data)});
    }
    if (g.by_name.empty()) return;
    report_conflicts(g, first_display_dir);
    emit(&g, first_display_dir, to_module(module_for(first_abs_dir)));
  }

  void finish() {
    auto& pk = result_.packages;
    std::sort(pk.begin(), pk.end(), [](const Package& a, const Package& b) {
      return a.dir != b.dir ? a.dir < b.dir : a.name < b.name;
    });
    auto& ex = result_.excluded;
    std::sort(ex.begin(), ex.end());
    ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
    std::stable_sort(result_.errors.begin(), result_.errors.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       if (a.file != b.file) return a.file < b.file;
                       if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
                       if (a.pos.col != b.pos.col) return a.pos.col < b.pos.col;
                       return a.message < b.message;
                     });
  }

  const LoadOptions& opts_;
  PathDisplay paths_;
  ModuleCache modules_;
  std::map<int, TagContext> contexts_;
  std::set<std::string> reported_mods_;
  std::map<DirId, DirOutcome> loaded_;                   // directories already loaded
  std::unordered_map<std::string, Fetched> prefetched_;  // abs path → contents
  size_t files_failed_ = 0;
  LoadResult result_;
};

}  // namespace

LoadResult load_packages(const std::vector<std::string>& patterns, const LoadOptions& opts) {
  return Loader(opts).run(patterns);
}

bool match_build_constraints(std::string_view file_name, std::string_view contents,
                             const LoadOptions& opts, std::string* error) {
  int release = opts.go_release > 0 ? opts.go_release : kDefaultGoRelease;
  TagContext ctx(opts, release);
  if (!good_os_arch_file(base_name(file_name), ctx)) return false;
  ConstraintError err;
  if (match_header(contents, ctx, &err)) return true;
  if (error != nullptr && !err.message.empty()) {
    Position pos = position_at(contents, err.offset);
    *error = fmt::format("{}:{}:{}: {}", file_name, pos.line, pos.col, err.message);
  }
  return false;
}

std::optional<GoModule> find_module(const std::string& dir) {
  PathDisplay paths(current_dir());
  ModuleCache cache;
  const ModuleCache::Entry* m = cache.find(paths.abs(dir));
  if (m == nullptr) return std::nullopt;
  return GoModule{paths.show(m->abs_dir, m->abs_dir), m->fields.module_path, m->fields.go_version};
}

}  // namespace oomguard::go

#include "go/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <set>

namespace oomguard::go {
namespace {

bool skipped_in_walk(std::string_view name) {
  return name.empty() || name.front() == '.' || name.front() == '_' || name == "vendor" ||
         name == "testdata";
}

std::string real_path(const std::string& p) {
  std::unique_ptr<char, void (*)(void*)> r(::realpath(p.c_str(), nullptr), std::free);
  return r ? std::string(r.get()) : std::string();
}

bool is_at_or_below(const std::string& path, const std::string& dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

// Matches s against pattern where "..." matches any string (greedy, with backtracking).
bool wildcard_match(std::string_view p, std::string_view s) {
  size_t pi = 0;
  size_t si = 0;
  size_t star_p = std::string_view::npos;
  size_t star_s = 0;
  while (si < s.size()) {
    if (p.substr(pi, 3) == "...") {
      star_p = pi + 3;
      star_s = si;
      pi += 3;
    } else if (pi < p.size() && p[pi] == s[si]) {
      ++pi;
      ++si;
    } else if (star_p != std::string_view::npos) {
      pi = star_p;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (p.substr(pi, 3) == "...") pi += 3;
  return pi == p.size();
}

struct Pending {
  std::string abs;
  std::string given;
};

class Walker {
 public:
  Walker(std::string pattern, const PathDisplay& paths, std::vector<Diagnostic>* diags)
      : pattern_(std::move(pattern)), paths_(paths), diags_(diags) {}

  std::vector<FoundDir> run(const std::string& root_abs, const std::string& root_given) {
    walk_tree(root_abs, root_given);
    while (!links_.empty()) {
      Pending link = std::move(links_.front());
      links_.pop_front();
      struct stat st {};
      if (::stat(link.abs.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
      if (visited_.count(DirId{st.st_dev, st.st_ino}) != 0) {
        report_if_loop(link);
        continue;
      }
      walk_tree(link.abs, link.given);
    }
    return std::move(found_);
  }

 private:
  void report_if_loop(const Pending& link) {
    std::string target = real_path(link.abs);
    std::string parent = real_path(parent_dir(link.abs));
    if (target.empty() || parent.empty() || !is_at_or_below(parent, target)) return;
    diags_->push_back(Diagnostic{
        paths_.show(link.abs, link.given),
        {},
        Severity::kWarning,
        "symlink to an enclosing directory (" + target + ") forms a loop; not followed"});
  }

  // Depth-first over real subdirectories; symlinked directories are queued for later.
  void walk_tree(const std::string& abs, const std::string& given) {
    std::vector<Pending> stack;
    stack.push_back({abs, given});
    while (!stack.empty()) {
      Pending d = std::move(stack.back());
      stack.pop_back();
      auto listing = list_dir(d.abs);
      if (!listing.ok()) {
        diags_->push_back(
            Diagnostic{paths_.show(d.abs, d.given), {}, Severity::kError, listing.error()});
        continue;
      }
      if (!visited_.insert(listing->id).second) continue;
      for (auto it = listing->subdirs.rbegin(); it != listing->subdirs.rend(); ++it) {
        if (skipped_in_walk(*it)) continue;
        stack.push_back({join_path(d.abs, *it), join_path(d.given, *it)});
      }
      for (const std::string& l : listing->link_dirs) {
        if (skipped_in_walk(l)) continue;
        links_.push_back({join_path(d.abs, l), join_path(d.given, l)});
      }
      if (match_dots_pattern(pattern_, d.given)) {
        std::string display = paths_.show(d.abs, d.given);
        found_.push_back(FoundDir{std::move(d.abs), std::move(display), std::move(*listing)});
      }
    }
  }

  std::string pattern_;
  const PathDisplay& paths_;
  std::vector<Diagnostic>* diags_;
  std::set<DirId> visited_;
  std::deque<Pending> links_;
  std::vector<FoundDir> found_;
};

}  // namespace

bool has_suffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view elem = path.substr(i, j - i);
    i = j + 1;
    if (elem.empty() || elem == ".") continue;
    if (elem == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!rooted) {
        out.push_back(elem);
      }
      continue;
    }
    out.push_back(elem);
  }
  std::string r = rooted ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k > 0) r += '/';
    r += out[k];
  }
  if (r.empty()) r = ".";
  return r;
}

std::string join_path(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == ".") return clean_path(name);
  std::string s(dir);
  s += '/';
  s += name;
  return clean_path(s);
}

std::string parent_dir(std::string_view clean_abs) {
  size_t slash = clean_abs.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(clean_abs.substr(0, slash));
}

std::string current_dir() {
  std::unique_ptr<char, void (*)(void*)> cwd(::getcwd(nullptr, 0), std::free);
  return cwd ? clean_path(cwd.get()) : std::string("/");
}

PathDisplay::PathDisplay(std::string cwd) : cwd_(clean_path(cwd)) {}

std::string PathDisplay::abs(std::string_view path) const {
  if (!path.empty() && path.front() == '/') return clean_path(path);
  return join_path(cwd_, path);
}

std::string PathDisplay::show(const std::string& abs_path, const std::string& given) const {
  if (abs_path == cwd_) return ".";
  if (is_at_or_below(abs_path, cwd_)) {
    return abs_path.substr(cwd_ == "/" ? 1 : cwd_.size() + 1);
  }
  return given;
}

Result<DirListing> list_dir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{fmt::format("cannot read directory: {}", std::strerror(errno))};
  DirListing out;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Error{fmt::format("cannot read directory: {}", std::strerror(e))};
  }
  out.id = DirId{st.st_dev, st.st_ino};
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    int e = errno;
    ::close(fd);
    return Error{fmt::format("cannot read directory: {}", std::strerror(e))};
  }
  errno = 0;
  while (struct dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    bool is_link = type == DT_LNK;
    if (type == DT_UNKNOWN) {
      struct stat lst {};
      if (::fstatat(fd, e->d_name, &lst, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(lst.st_mode)) type = DT_DIR;
        if (S_ISLNK(lst.st_mode)) is_link = true;
      }
    }
    if (type == DT_DIR) {
      out.subdirs.emplace_back(name);
    } else if (is_link) {
      struct stat tst {};
      if (::fstatat(fd, e->d_name, &tst, 0) == 0 && S_ISDIR(tst.st_mode)) {
        out.link_dirs.emplace_back(name);
      } else if (has_suffix(name, ".go")) {
        out.go_files.emplace_back(name);  // also dangling links: reported when read
      }
    } else if (has_suffix(name, ".go")) {
      out.go_files.emplace_back(name);
    }
  }
  ::closedir(dir);
  std::sort(out.go_files.begin(), out.go_files.end());
  std::sort(out.subdirs.begin(), out.subdirs.end());
  std::sort(out.link_dirs.begin(), out.link_dirs.end());
  return out;
}

bool match_dots_pattern(std::string_view pattern, std::string_view path) {
  if (has_suffix(pattern, "/...")) {
    std::string_view base = pattern.substr(0, pattern.size() - 4);
    if (wildcard_match(base, path)) return true;
  }
  return wildcard_match(pattern, path);
}

std::vector<FoundDir> expand_dir_pattern(const std::string& pattern, const PathDisplay& paths,
                                         std::vector<Diagnostic>* diags) {
  std::string clean = clean_path(pattern);
  size_t dots = clean.find("...");
  if (dots == std::string::npos) {
    std::string abs = paths.abs(clean);
    auto listing = list_dir(abs);
    if (!listing.ok()) {
      diags->push_back(Diagnostic{pattern, {}, Severity::kError, listing.error()});
      return {};
    }
    std::vector<FoundDir> one;
    one.push_back(FoundDir{abs, paths.show(abs, clean), std::move(*listing)});
    return one;
  }
  // The walk starts at the directory part of the text before the first "...".
  std::string root = clean.substr(0, dots);
  size_t slash = root.rfind('/');
  if (slash == std::string::npos) {
    root = ".";
  } else {
    root = slash == 0 ? "/" : root.substr(0, slash);
  }
  std::string root_abs = paths.abs(root);
  struct stat st {};
  if (::stat(root_abs.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    diags->push_back(
        Diagnostic{pattern, {}, Severity::kError, fmt::format("directory {} not found", root)});
    return {};
  }
  // Matching is done in the pattern's own frame: "..." and "a/..." against "a/b", and
  // "../x/..." against "../x/b", so the walk's given paths are joined from root as written.
  return Walker(clean, paths, diags).run(root_abs, root);
}

}  // namespace oomguard::go

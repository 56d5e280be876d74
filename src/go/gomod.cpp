#include "go/gomod.h"

#include <sys/stat.h>

#include <charconv>

#include "core/byte_source.h"
#include "go/walk.h"

namespace oomguard::go {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits one go.mod line into tokens: quoted strings (unquoted here), parentheses, and bare
// words; stops at a // comment. Returns false on an unterminated string.
bool tokenize(std::string_view line, std::vector<std::string>* out) {
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (is_blank(c)) {
      ++i;
    } else if (line.substr(i, 2) == "//") {
      break;
    } else if (c == '(' || c == ')') {
      out->emplace_back(1, c);
      ++i;
    } else if (c == '"') {
      std::string s;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        char d = line[i++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d == '\\' && i < line.size()) d = line[i++];  // module paths need no real escapes
        s += d;
      }
      if (!closed) return false;
      out->push_back(std::move(s));
    } else if (c == '`') {
      size_t close = line.find('`', i + 1);
      if (close == std::string_view::npos) return false;
      out->emplace_back(line.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      size_t j = i;
      while (j < line.size() && !is_blank(line[j]) && line[j] != '(' && line[j] != ')' &&
             line[j] != '"' && line[j] != '`' && line.substr(j, 2) != "//") {
        ++j;
      }
      out->emplace_back(line.substr(i, j - i));
      i = j;
    }
  }
  return true;
}

}  // namespace

GoModFields parse_go_mod(std::string_view text) {
  GoModFields f;
  enum class Block { kNone, kModule, kOther } block = Block::kNone;
  size_t p = 0;
  int line_no = 0;
  std::vector<std::string> toks;
  while (p < text.size()) {
    size_t nl = text.find('\n', p);
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(p, next - p - (nl == std::string_view::npos ? 0 : 1));
    p = next;
    ++line_no;
    toks.clear();
    if (!tokenize(line, &toks) && f.error.empty()) {
      f.error = "unterminated quoted string";
      f.error_line = static_cast<uint32_t>(line_no);
    }
    if (toks.empty()) continue;
    if (block != Block::kNone) {
      if (toks[0] == ")") {
        block = Block::kNone;
      } else if (block == Block::kModule && f.module_path.empty()) {
        f.module_path = toks[0];
      }
      continue;
    }
    const std::string& verb = toks[0];
    if (toks.size() >= 2 && toks[1] == "(") {
      bool closed = toks.size() >= 3 && toks.back() == ")";
      if (verb == "module" && toks.size() >= 3 && toks[2] != ")" && f.module_path.empty()) {
        f.module_path = toks[2];
      }
      if (!closed) block = verb == "module" ? Block::kModule : Block::kOther;
      continue;
    }
    if (verb == "module") {
      if (toks.size() < 2 && f.error.empty()) {
        f.error = "usage: module module/path";
        f.error_line = static_cast<uint32_t>(line_no);
      } else if (toks.size() >= 2 && f.module_path.empty()) {
        f.module_path = toks[1];
      }
    } else if (verb == "go") {
      if (toks.size() < 2 && f.error.empty()) {
        f.error = "usage: go 1.23";
        f.error_line = static_cast<uint32_t>(line_no);
      } else if (toks.size() >= 2 && f.go_version.empty()) {
        f.go_version = toks[1];
      }
    }
  }
  return f;
}

int go_minor_version(std::string_view v) {
  if (v.substr(0, 2) != "1.") return -1;
  int minor = -1;
  auto [end, ec] = std::from_chars(v.data() + 2, v.data() + v.size(), minor);
  if (ec != std::errc() || end == v.data() + 2) return -1;
  return minor;
}

const ModuleCache::Entry* ModuleCache::find(const std::string& abs_dir) {
  std::vector<std::string> misses;
  std::string dir = abs_dir;
  int found = -1;
  for (;;) {
    auto it = by_dir_.find(dir);
    if (it != by_dir_.end()) {
      found = it->second;
      break;
    }
    std::string gomod = join_path(dir, "go.mod");
    struct stat st {};
    if (::stat(gomod.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      Entry e;
      e.abs_dir = dir;
      auto text = read_file(gomod, kMaxGoModBytes);
      if (text.ok()) {
        e.fields = parse_go_mod(*text);
      } else {
        e.read_error = text.error();
      }
      modules_.push_back(std::move(e));
      found = static_cast<int>(modules_.size()) - 1;
      by_dir_[dir] = found;
      break;
    }
    misses.push_back(dir);
    if (dir == "/" || dir.empty() || dir == ".") break;
    dir = parent_dir(dir);
  }
  for (std::string& m : misses) by_dir_[std::move(m)] = found;
  return found < 0 ? nullptr : &modules_[static_cast<size_t>(found)];
}

}  // namespace oomguard::go

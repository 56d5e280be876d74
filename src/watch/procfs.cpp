#include "watch/procfs.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "watch/units.h"

namespace oomguard::watch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<uint64_t> to_u64(std::string_view s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

template <typename F>
void for_each_line(std::string_view text, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    f(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

constexpr size_t kMaxProcFile = 1 << 20;

}  // namespace

CgroupPaths parse_proc_cgroup(std::string_view text) {
  CgroupPaths out;
  for_each_line(text, [&](std::string_view line) {
    size_t c1 = line.find(':');
    if (c1 == std::string_view::npos) return;
    size_t c2 = line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) return;
    std::string_view id = line.substr(0, c1);
    std::string_view ctrls = line.substr(c1 + 1, c2 - c1 - 1);
    std::string path(trim(line.substr(c2 + 1)));
    if (id == "0" && ctrls.empty()) {
      out.v2 = path;
      return;
    }
    size_t pos = 0;
    while (pos <= ctrls.size()) {
      size_t comma = ctrls.find(',', pos);
      if (comma == std::string_view::npos) comma = ctrls.size();
      if (ctrls.substr(pos, comma - pos) == "memory") out.v1_memory = path;
      pos = comma + 1;
    }
  });
  return out;
}

Result<std::optional<uint64_t>> parse_limit(std::string_view text) {
  std::string_view t = trim(text);
  if (t == "max") return std::optional<uint64_t>{};
  auto v = to_u64(t);
  if (!v) return Error{fmt::format("not a memory limit: '{}'", t.substr(0, 40))};
  if (*v >= (uint64_t{1} << 62)) return std::optional<uint64_t>{};
  return std::optional<uint64_t>{*v};
}

std::optional<uint64_t> parse_keyed(std::string_view text, std::string_view key) {
  std::optional<uint64_t> out;
  for_each_line(text, [&](std::string_view line) {
    if (out) return;
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos || line.substr(0, sp) != key) return;
    out = to_u64(trim(line.substr(sp + 1)));
  });
  return out;
}

std::optional<uint64_t> parse_vm_rss(std::string_view status) {
  std::optional<uint64_t> out;
  for_each_line(status, [&](std::string_view line) {
    if (out || line.rfind("VmRSS:", 0) != 0) return;
    std::string_view v = trim(line.substr(6));
    size_t sp = v.find(' ');
    std::string_view unit = sp == std::string_view::npos ? "" : trim(v.substr(sp));
    auto n = to_u64(v.substr(0, sp));
    if (!n) return;
    uint64_t mult = (unit == "kB" || unit == "KB") ? 1024 : 1;
    if (*n > UINT64_MAX / mult) return;
    out = *n * mult;
  });
  return out;
}

std::optional<std::string> parse_environ(std::string_view env, std::string_view name) {
  size_t pos = 0;
  while (pos < env.size()) {
    size_t end = env.find('\0', pos);
    if (end == std::string_view::npos) end = env.size();
    std::string_view kv = env.substr(pos, end - pos);
    if (kv.size() > name.size() && kv.substr(0, name.size()) == name && kv[name.size()] == '=') {
      return std::string(kv.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<uint64_t> parse_gomemlimit(std::string_view v) {
  v = trim(v);
  if (v == "off" || v.empty()) return std::nullopt;
  auto b = parse_bytes(v);
  if (!b || *b >= (uint64_t{1} << 63) - 1) return std::nullopt;
  return *b;
}

std::optional<std::string> ProcReader::slurp(const std::string& rel) const {
  std::string path = root_;
  if (path.empty() || path.back() != '/') path += '/';
  path += rel.front() == '/' ? rel.substr(1) : rel;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string out;
  out.resize(kMaxProcFile);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

ProcInfo ProcReader::read(int pid) const {
  ProcInfo info;
  std::string proc = fmt::format("/proc/{}/", pid);
  auto status = slurp(proc + "status");
  if (!status) return info;
  info.alive = true;
  if (auto rss = parse_vm_rss(*status)) info.rss = rss;
  if (auto env = slurp(proc + "environ")) {
    if (auto v = parse_environ(*env, "GOMEMLIMIT")) info.gomemlimit = parse_gomemlimit(*v);
    if (auto v = parse_environ(*env, "GOGC")) {
      if (*v == "off")
        info.gogc = -1;
      else if (auto n = to_u64(trim(*v)))
        info.gogc = static_cast<double>(*n);
    }
  }
  auto cg = slurp(proc + "cgroup");
  if (!cg) return info;
  CgroupPaths paths = parse_proc_cgroup(*cg);
  auto clean = [](std::string p) {
    if (p.empty() || p.front() != '/') p.insert(p.begin(), '/');
    // A path from outside our namespace may carry "/../"; never walk out of the mount.
    if (p.find("..") != std::string::npos) p = "/";
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
  };
  auto min_limit = [](std::optional<uint64_t> a, std::optional<uint64_t> b) {
    if (!a) return b;
    if (!b) return a;
    return std::optional<uint64_t>{std::min(*a, *b)};
  };
  if (paths.v2) {
    std::string rel = clean(*paths.v2);
    std::string base = "/sys/fs/cgroup";
    std::string dir = base + (rel == "/" ? "" : rel);
    if (auto cur = slurp(dir + "/memory.current")) {
      info.cgroup_version = 2;
      info.cgroup_dir = dir;
      info.cgroup_current = to_u64(trim(*cur));
      if (auto ev = slurp(dir + "/memory.events")) info.oom_kills = parse_keyed(*ev, "oom_kill");
      // The effective limit is the smallest memory.max from the leaf up to the root.
      std::string p = rel;
      while (true) {
        std::string d = base + (p == "/" ? "" : p);
        if (auto m = slurp(d + "/memory.max")) {
          auto lim = parse_limit(*m);
          if (lim) info.cgroup_limit = min_limit(info.cgroup_limit, *lim);
        }
        if (p == "/") break;
        size_t slash = p.rfind('/');
        p = slash == 0 ? "/" : p.substr(0, slash);
      }
      return info;
    }
  }
  if (paths.v1_memory) {
    std::string rel = clean(*paths.v1_memory);
    std::string dir = "/sys/fs/cgroup/memory" + (rel == "/" ? "" : rel);
    if (auto lim = slurp(dir + "/memory.limit_in_bytes")) {
      info.cgroup_version = 1;
      info.cgroup_dir = dir;
      auto l = parse_limit(*lim);
      if (l) info.cgroup_limit = *l;
      if (auto u = slurp(dir + "/memory.usage_in_bytes")) info.cgroup_current = to_u64(trim(*u));
      if (auto oc = slurp(dir + "/memory.oom_control"))
        info.oom_kills = parse_keyed(*oc, "oom_kill");
    }
  }
  return info;
}

}  // namespace oomguard::watch

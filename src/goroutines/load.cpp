#include "goroutines/load.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/byte_source.h"
#include "core/http_fetch.h"
#include "goroutines/grouper.h"
#include "goroutines/text_parser.h"

namespace oomguard::goroutines {
namespace {

constexpr size_t kPeek = size_t{1} << 16;

// A protobuf starts with a field key; text dumps never contain control bytes other than
// tab, CR and LF (ANSI escapes aside) in their first lines.
bool looks_binary(std::string_view data) {
  size_t n = std::min<size_t>(data.size(), 512);
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b) || c == 0x7f) return true;
  }
  return false;
}

Snapshot new_snapshot(const std::string& name, const LoadOptions& opts) {
  Snapshot s;
  s.source = name;
  s.similarity = opts.similarity;
  return s;
}

Result<Snapshot> finish_text(Snapshot& s, TextParser& p, Grouper& g) {
  p.finish();
  if (!p.recognised()) {
    return Error{fmt::format(
        "{}: no goroutine dump or goroutine profile found (expected a 'goroutine <id> "
        "[<state>]:' header, a 'goroutine profile: total <n>' line or a gzipped profile)",
        s.source)};
  }
  g.finish();
  return std::move(s);
}

template <typename F>
void for_each_line(std::string_view data, F&& f) {
  size_t pos = 0;
  while (pos < data.size()) {
    const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
    size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data.data()) : data.size();
    f(data.substr(pos, end - pos));
    pos = end + 1;
  }
}

Result<std::string> read_rest(int fd, std::string prefix, const std::string& name,
                              uint64_t max_bytes) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{fmt::format("{}: {}", name, std::strerror(errno))};
    if (n == 0) break;
    if (prefix.size() + static_cast<uint64_t>(n) > max_bytes) {
      return Error{fmt::format("{}: input larger than the limit of {} bytes", name, max_bytes)};
    }
    prefix.append(buf, static_cast<size_t>(n));
  }
  return prefix;
}

}  // namespace

Result<Snapshot> load_bytes(std::string_view data, const std::string& name,
                            const LoadOptions& opts) {
  if (is_gzip(data)) {
    auto raw = gunzip(data, opts.max_bytes);
    if (!raw) return Error{fmt::format("{}: {}", name, raw.error())};
    if (is_gzip(*raw)) return Error{fmt::format("{}: gzip inside gzip is not supported", name)};
    return load_bytes(*raw, name, opts);
  }
  if (looks_binary(data)) return load_proto(data, name, opts);
  Snapshot s = new_snapshot(name, opts);
  Grouper g(s);
  TextParser p(s, g);
  for_each_line(data, [&](std::string_view line) { p.line(line); });
  return finish_text(s, p, g);
}

Result<Snapshot> load_fd(int fd, const std::string& name, const LoadOptions& opts) {
  std::string prefix;
  prefix.resize(kPeek);
  size_t got = 0;
  while (got < kPeek) {
    ssize_t n = ::read(fd, prefix.data() + got, kPeek - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{fmt::format("{}: {}", name, std::strerror(errno))};
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  prefix.resize(got);
  if (is_gzip(prefix) || looks_binary(prefix)) {
    auto all = read_rest(fd, std::move(prefix), name, opts.max_bytes);
    if (!all) return Error{all.error()};
    return load_bytes(*all, name, opts);
  }
  Snapshot s = new_snapshot(name, opts);
  Grouper g(s);
  TextParser p(s, g);
  // Whole lines of the peeked prefix, then the stream; the prefix's last partial line is
  // joined with the stream's first line.
  size_t last_nl = prefix.rfind('\n');
  std::string tail;
  if (got < kPeek) {
    for_each_line(prefix, [&](std::string_view line) { p.line(line); });
    return finish_text(s, p, g);
  }
  if (last_nl == std::string::npos) {
    tail = prefix;
  } else {
    for_each_line(std::string_view(prefix).substr(0, last_nl),
                  [&](std::string_view line) { p.line(line); });
    tail = prefix.substr(last_nl + 1);
  }
  LineReader reader(fd);
  std::string_view line;
  bool first = true;
  while (reader.next(line)) {
    if (first) {
      first = false;
      tail.append(line);
      p.line(tail);
      tail.clear();
      continue;
    }
    p.line(line);
  }
  if (first && !tail.empty()) p.line(tail);
  if (reader.error()) return Error{fmt::format("{}: read error", name)};
  return finish_text(s, p, g);
}

Result<Snapshot> load(const std::string& source, const LoadOptions& opts) {
  if (source == "-") return load_fd(0, "<stdin>", opts);
  if (is_url(source)) {
    HttpOptions h;
    h.timeout_ms = opts.timeout_ms;
    h.max_bytes = opts.max_bytes;
    auto r = http_get(source, h);
    if (!r) return Error{fmt::format("{}: {}", source, r.error())};
    if (r->status != 200) {
      std::string_view body = r->body;
      body = body.substr(0, std::min<size_t>(body.find('\n'), 200));
      return Error{fmt::format("{}: HTTP {}: {}", source, r->status, body)};
    }
    return load_bytes(r->body, source, opts);
  }
  int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{fmt::format("{}: {}", source, std::strerror(errno))};
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{fmt::format("{}: is a directory", source)};
  }
  auto r = load_fd(fd, source, opts);
  ::close(fd);
  return r;
}

}  // namespace oomguard::goroutines

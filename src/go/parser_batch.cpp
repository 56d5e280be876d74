#include "go/parser_batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "go/walk.h"

namespace oomguard::go {

void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t)>& fn) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  if (jobs > n) jobs = static_cast<unsigned>(n);
  if (jobs <= 1) {
    for (size_t i = 0; i < n; i++) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (unsigned t = 1; t < jobs; t++) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

namespace {

void walk_all(const std::string& dir, std::vector<std::string>& out, std::vector<Diagnostic>* diags,
              int depth) {
  if (depth > 256) {
    diags->push_back(Diagnostic{dir, {}, Severity::kError, "directory tree too deep"});
    return;
  }
  auto listing = list_dir(dir);
  if (!listing.ok()) {
    diags->push_back(Diagnostic{dir, {}, Severity::kError, listing.error()});
    return;
  }
  // gofmt walks in lexical order, files and directories interleaved; the final list is
  // sorted below anyway.
  for (const auto& f : listing->go_files) {
    if (!f.empty() && f[0] != '.') out.push_back(join_path(dir, f));
  }
  for (const auto& d : listing->subdirs) walk_all(join_path(dir, d), out, diags, depth + 1);
}

}  // namespace

std::vector<std::string> find_all_go_files(const std::vector<std::string>& roots,
                                           std::vector<Diagnostic>* diags) {
  std::vector<std::string> out;
  for (const auto& r : roots) {
    size_t first = out.size();
    std::string root = r;
    // accept go-tool style "dir/..." too: the tree is walked anyway
    if (has_suffix(root, "/...")) root.resize(root.size() - 4);
    if (root == "...") root.assign(1, '.');
    if (has_suffix(root, ".go")) {
      out.push_back(root);
      continue;
    }
    walk_all(clean_path(root), out, diags, 0);
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  }
  return out;
}

namespace {

uint64_t count_nodes(ast::Node* root) {
  uint64_t n = 0;
  ast::inspect(root, [&](ast::Node* x) {
    if (x != nullptr) n++;
    return true;
  });
  return n;
}

}  // namespace

ParseStats parse_for_stats(const std::vector<SourceRef>& files, const ParseOptions& opts,
                           unsigned jobs, std::vector<Diagnostic>* errors) {
  struct PerFile {
    uint64_t lines = 0;
    uint64_t nodes = 0;
    std::vector<Diagnostic> errors;
  };
  std::vector<PerFile> per(files.size());
  auto t0 = std::chrono::steady_clock::now();
  parallel_for(files.size(), jobs, [&](size_t i) {
    ParsedFile pf = parse_file(*files[i].path, *files[i].contents, opts);
    per[i].lines = pf.line_count();
    per[i].nodes = count_nodes(pf.file);
    per[i].errors = std::move(pf.errors);
  });
  auto t1 = std::chrono::steady_clock::now();
  ParseStats s;
  s.parse_seconds = std::chrono::duration<double>(t1 - t0).count();
  for (size_t i = 0; i < files.size(); i++) {
    s.files++;
    s.bytes += files[i].contents->size();
    s.lines += per[i].lines;
    s.ast_nodes += per[i].nodes;
    if (!per[i].errors.empty()) {
      s.files_with_errors++;
      s.syntax_errors += per[i].errors.size();
      for (auto& d : per[i].errors) errors->push_back(std::move(d));
    }
  }
  return s;
}

}  // namespace oomguard::go

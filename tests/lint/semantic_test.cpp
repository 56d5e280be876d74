#include "lint/semantic.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "core/byte_source.h"
#include "go/parser.h"
#include "go/parser_batch.h"
#include "lint/cfg.h"

namespace oomguard::lint {
namespace {

using ast::Ident;
using Kind = Object::Kind;

// One package parsed from in-memory sources.
struct Pkg {
  std::vector<go::ParsedFile> files;
  std::unique_ptr<PackageInfo> info;

  explicit Pkg(std::vector<std::string> sources) {
    int i = 0;
    for (auto& s : sources) {
      files.push_back(go::parse_file("f" + std::to_string(i++) + ".go", std::move(s)));
      for (const auto& e : files.back().errors) ADD_FAILURE() << format_diagnostic(e);
    }
    std::vector<FileUnit> units;
    for (const auto& f : files) units.push_back({&f, f.filename});
    info = std::make_unique<PackageInfo>(std::move(units));
  }

  // Every identifier named name in file f, in source order.
  std::vector<const Ident*> ids(std::string_view name, size_t f = 0) const {
    std::vector<const Ident*> out;
    ast::inspect(files[f].file, [&](ast::Node* n) {
      if (auto* id = ast::dyn_cast<Ident>(n); id != nullptr && id->name == name) out.push_back(id);
      return true;
    });
    std::sort(out.begin(), out.end(),
              [](const Ident* a, const Ident* b) { return a->name_pos < b->name_pos; });
    return out;
  }
  const Object* obj(const Ident* id) const { return info->object_of(id); }
  // The object of the i-th identifier named name.
  const Object* obj(std::string_view name, size_t i, size_t f = 0) const {
    auto v = ids(name, f);
    if (i >= v.size()) {
      ADD_FAILURE() << "no identifier " << name << " #" << i;
      return nullptr;
    }
    return info->object_of(v[i]);
  }
  int line(const Ident* id, size_t f = 0) const {
    return static_cast<int>(files[f].position(id->name_pos).line);
  }
};

// ---------------------------------------------------------------- GOROOT sweep

// Parses every *.go file under GOROOT/src, groups files by directory and package clause,
// resolves each package and builds the graph of every function body, checking invariants on
// the way. Disabled by default (a few seconds); run with --gtest_also_run_disabled_tests.
TEST(SemanticSweep, DISABLED_GorootSrc) {
  const char* env = std::getenv("OOMGUARD_GOROOT_SRC");
  std::string root = env != nullptr ? env : "/usr/lib/go-1.19/src";
  std::vector<Diagnostic> diags;
  auto paths = go::find_all_go_files({root}, &diags);
  ASSERT_GT(paths.size(), 1000u);
  std::vector<std::string> sources;
  for (const auto& p : paths) {
    auto r = read_file(p);
    sources.push_back(r.ok() ? std::move(r.value()) : std::string());
  }
  // Thread CPU time: the machine may be shared, and wall time would mostly measure that.
  struct Clock {
    static timespec now() {
      timespec t{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
      return t;
    }
  };
  auto secs = [](timespec a, timespec b) {
    return static_cast<double>(b.tv_sec - a.tv_sec) +
           1e-9 * static_cast<double>(b.tv_nsec - a.tv_nsec);
  };
  auto t0 = Clock::now();
  std::vector<go::ParsedFile> parsed;
  parsed.reserve(paths.size());
  for (size_t i = 0; i < paths.size(); i++) parsed.push_back(go::parse_file(paths[i], sources[i]));
  auto t1 = Clock::now();
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;
  for (size_t i = 0; i < paths.size(); i++) {
    std::string dir = paths[i].substr(0, paths[i].rfind('/'));
    std::string name =
        parsed[i].file->name != nullptr ? std::string(parsed[i].file->name->name) : "";
    groups[{dir, name}].push_back(i);
  }
  double resolve_s = 0, cfg_s = 0;
  size_t idents = 0, resolved = 0, funcs = 0, blocks = 0;
  for (const auto& [key, members] : groups) {
    std::vector<FileUnit> units;
    for (size_t i : members) units.push_back({&parsed[i], parsed[i].filename});
    auto a = Clock::now();
    PackageInfo info(units);
    auto b = Clock::now();
    resolve_s += secs(a, b);
    std::vector<const ast::BlockStmt*> bodies;
    for (size_t k = 0; k < members.size(); k++) {
      ast::inspect(parsed[members[k]].file, [&](ast::Node* n) {
        if (n == nullptr) return true;
        if (auto* fd = ast::dyn_cast<ast::FuncDecl>(n); fd != nullptr && fd->body != nullptr) {
          bodies.push_back(fd->body);
        } else if (auto* fl = ast::dyn_cast<ast::FuncLit>(n)) {
          bodies.push_back(fl->body);
        } else if (auto* id = ast::dyn_cast<Ident>(n)) {
          idents++;
          const Object* o = info.object_of(id);
          if (o != nullptr) {
            resolved++;
            if (o->ident == id && o->file != static_cast<int>(k)) {
              ADD_FAILURE() << parsed[members[k]].filename << ": declaration in wrong file";
            }
          }
        }
        return true;
      });
    }
    auto c = Clock::now();
    for (const ast::BlockStmt* body : bodies) {
      auto g = Cfg::build(body, &info);
      funcs++;
      blocks += g->blocks().size();
      for (const auto& blk : g->blocks()) {
        for (const CfgBlock* s : blk->succs) {
          if (std::find(s->preds.begin(), s->preds.end(), blk.get()) == s->preds.end()) {
            ADD_FAILURE() << "succ without pred";
          }
        }
        for (size_t i = 0; i < blk->nodes.size(); i++) {
          auto [lb, li] = g->locate(blk->nodes[i]);
          if (lb != blk.get() || li != static_cast<int>(i)) ADD_FAILURE() << "locate mismatch";
        }
      }
    }
    cfg_s += secs(c, Clock::now());
    // file_of on a sample: each file's first declaration.
    for (size_t k = 0; k < members.size(); k++) {
      const ast::File* f = parsed[members[k]].file;
      if (!f->decls.empty()) {
        EXPECT_EQ(info.file_of(f->decls.back()), static_cast<int>(k));
      }
    }
  }
  double parse_s = secs(t0, t1);
  std::printf(
      "GOROOT/src: %zu files, %zu packages; parse %.3fs, resolve %.3fs, cfg %.3fs (%zu functions, "
      "%zu blocks); %zu identifiers, %zu resolved\n",
      paths.size(), groups.size(), parse_s, resolve_s, cfg_s, funcs, blocks, idents, resolved);
}

}  // namespace
}  // namespace oomguard::lint

// PackageInfo's queries over the tables the resolving pass fills (semantic_resolve.cpp), the
// universe scope and the import-name guess.
#include "lint/semantic.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "lint/semantic_impl.h"

namespace oomguard::lint {

struct PackageInfo::Impl : detail::PackageInfoImpl {};

namespace detail {

namespace {

bool is_ident_byte(unsigned char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c >= 0x80;
}

std::string_view base_of(std::string_view p) {
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

}  // namespace

// As golang.org/x/tools/internal/imports.ImportPathToAssumedName: the last element, or the one
// before a major-version element (v2, v3, ...); a go- prefix removed; cut at the first byte that
// cannot be in an identifier (gopkg.in/yaml.v3 → yaml).
std::string_view assumed_package_name(std::string_view path) {
  std::string_view base = base_of(path);
  if (base.size() >= 2 && base[0] == 'v' &&
      std::all_of(base.begin() + 1, base.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::string_view dir = path.substr(0, path.size() - base.size());
    while (!dir.empty() && dir.back() == '/') dir.remove_suffix(1);
    if (!dir.empty()) base = base_of(dir);
  }
  if (base.substr(0, 3) == "go-") base.remove_prefix(3);
  size_t i = 0;
  while (i < base.size() && is_ident_byte(static_cast<unsigned char>(base[i]))) i++;
  return base.substr(0, i);
}

std::string_view import_path_of(const ast::ImportSpec* spec) {
  if (spec->path == nullptr) return {};
  std::string_view v = spec->path->value;
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '`') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return v;
}

}  // namespace detail

namespace {

struct Universe {
  std::deque<Object> objects;
  detail::NameMap map;
  Universe() {
    auto add = [&](Object::Kind kind, std::string_view name) {
      Object& o = objects.emplace_back();
      o.kind = kind;
      o.name = name;
      o.index = static_cast<uint32_t>(objects.size() - 1);
      map.insert(name, &o);
    };
    for (std::string_view t :
         {"bool",   "byte",   "complex64", "complex128", "error", "float32",   "float64", "int",
          "int8",   "int16",  "int32",     "int64",      "rune",  "string",    "uint",    "uint8",
          "uint16", "uint32", "uint64",    "uintptr",    "any",   "comparable"}) {
      add(Object::Kind::kType, t);
    }
    for (std::string_view c : {"true", "false", "iota"}) add(Object::Kind::kConst, c);
    add(Object::Kind::kNil, "nil");
    for (std::string_view f : {"append", "cap", "close", "complex", "copy", "delete", "imag", "len",
                               "make", "new", "panic", "print", "println", "real", "recover"}) {
      add(Object::Kind::kBuiltin, f);
    }
    if (objects.size() != Object::kUniverseObjects) std::abort();  // keep the constant in sync
  }
};

const Universe& universe() {
  static const Universe u;
  return u;
}

const std::vector<const ast::Ident*> kNoUses;

// The file whose source buffer holds text, or -1.
int file_of_text(const std::vector<detail::PackageInfoImpl::SourceRange>& ranges,
                 std::string_view text) {
  if (text.empty()) return -1;
  const char* p = text.data();
  auto it = std::upper_bound(ranges.begin(), ranges.end(), p, [](const char* x, const auto& r) {
    return std::less<const char*>()(x, r.begin);
  });
  if (it == ranges.begin()) return -1;
  --it;
  return std::less<const char*>()(p, it->end) ? it->file : -1;
}

}  // namespace

const Object* universe_object(std::string_view name) { return universe().map.find(name); }

PackageInfo::PackageInfo(std::vector<FileUnit> files)
    : files_(std::move(files)), impl_(std::make_unique<Impl>()) {
  universe();  // initialise before resolving (thread-safe static)
  for (size_t i = 0; i < files_.size(); i++) {
    std::string_view src = files_[i].parsed->source();
    impl_->sources.push_back({src.data(), src.data() + src.size(), static_cast<int>(i)});
  }
  std::sort(impl_->sources.begin(), impl_->sources.end(), [](const auto& a, const auto& b) {
    return std::less<const char*>()(a.begin, b.begin);
  });
  detail::resolve_package(files_, impl_.get());
}

PackageInfo::~PackageInfo() = default;

const Object* PackageInfo::object_of(const ast::Ident* id) const { return impl_->idents.find(id); }

const Object* PackageInfo::package_object(std::string_view name) const {
  return impl_->package_scope.find(name);
}

bool PackageInfo::qualified_name(const ast::Expr* e, std::string_view* path,
                                 std::string_view* name) const {
  while (auto* p = ast::dyn_cast<ast::ParenExpr>(e)) e = p->x;
  if (auto* sel = ast::dyn_cast<ast::SelectorExpr>(e)) {
    auto* x = ast::dyn_cast<ast::Ident>(sel->x);
    if (x == nullptr || sel->sel == nullptr) return false;
    const Object* o = object_of(x);
    if (o == nullptr || o->kind != Object::Kind::kPackage) return false;
    *path = o->import_path;
    *name = sel->sel->name;
    return true;
  }
  if (auto* id = ast::dyn_cast<ast::Ident>(e)) {
    auto it = impl_->dot_candidates.find(id);
    if (it == impl_->dot_candidates.end()) return false;
    const auto& dots = impl_->file_scopes[it->second].dot_paths;
    if (dots.size() != 1) return false;  // several dot imports: which one is unknown
    *path = dots.front();
    *name = id->name;
    return true;
  }
  return false;
}

bool PackageInfo::is_qualified(const ast::Expr* e, std::string_view import_path,
                               std::string_view name) const {
  while (auto* p = ast::dyn_cast<ast::ParenExpr>(e)) e = p->x;
  if (auto* id = ast::dyn_cast<ast::Ident>(e)) {
    if (id->name != name) return false;
    auto it = impl_->dot_candidates.find(id);
    if (it == impl_->dot_candidates.end()) return false;
    const auto& dots = impl_->file_scopes[it->second].dot_paths;
    return std::find(dots.begin(), dots.end(), import_path) != dots.end();
  }
  std::string_view p, n;
  return qualified_name(e, &p, &n) && p == import_path && n == name;
}

bool PackageInfo::imports(int file, std::string_view import_path) const {
  if (file < 0 || static_cast<size_t>(file) >= impl_->file_scopes.size()) return false;
  const auto& paths = impl_->file_scopes[file].all_paths;
  return std::find(paths.begin(), paths.end(), import_path) != paths.end();
}

size_t PackageInfo::object_count() const {
  return Object::kUniverseObjects + impl_->objects.size();
}

const std::vector<const ast::Ident*>& PackageInfo::uses(const Object* obj) const {
  if (obj == nullptr) return kNoUses;
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.use_mutex);
  size_t n = object_count();
  if (obj->index >= n) return kNoUses;
  if (m.use_start.empty()) {
    // Stable counting sort of the records by object.
    m.use_start.assign(n + 1, 0);
    for (const auto& r : m.use_recs) m.use_start[r.obj->index + 1]++;
    for (size_t i = 0; i < n; i++) m.use_start[i + 1] += m.use_start[i];
    std::vector<uint32_t> next(m.use_start.begin(), m.use_start.end() - 1);
    m.use_flat.resize(m.use_recs.size());
    std::vector<int32_t> files(m.use_recs.size());
    for (const auto& r : m.use_recs) {
      uint32_t at = next[r.obj->index]++;
      m.use_flat[at] = r.id;
      files[at] = r.file;
    }
    // Within an object's run the files ascend; put each file's uses in position order.
    for (size_t i = 0; i < n; i++) {
      uint32_t b = m.use_start[i], e = m.use_start[i + 1];
      for (uint32_t k = b + 1; k < e; k++) {
        if (files[k] == files[k - 1] && m.use_flat[k]->name_pos < m.use_flat[k - 1]->name_pos) {
          std::vector<std::pair<int32_t, const ast::Ident*>> run;
          for (uint32_t j = b; j < e; j++) run.emplace_back(files[j], m.use_flat[j]);
          std::stable_sort(run.begin(), run.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first < y.first : x.second->name_pos < y.second->name_pos;
          });
          for (uint32_t j = b; j < e; j++) m.use_flat[j] = run[j - b].second;
          break;
        }
      }
    }
    m.use_recs = {};
    m.use_list_of.assign(n, -1);
  }
  int32_t& li = m.use_list_of[obj->index];
  if (li < 0) {
    li = static_cast<int32_t>(m.use_lists.size());
    m.use_lists.emplace_back(m.use_flat.begin() + m.use_start[obj->index],
                             m.use_flat.begin() + m.use_start[obj->index + 1]);
  }
  return m.use_lists[li];
}

int PackageInfo::file_of(const ast::Node* n) const {
  if (n == nullptr || files_.empty()) return -1;
  // The first identifier or literal below n names the file by the buffer its text lies in.
  int found = -1;
  ast::inspect(const_cast<ast::Node*>(n), [&](ast::Node* x) {
    if (found >= 0 || x == nullptr) return false;
    if (auto* id = ast::dyn_cast<ast::Ident>(x)) {
      found = file_of_text(impl_->sources, id->name);
    } else if (auto* lit = ast::dyn_cast<ast::BasicLit>(x)) {
      found = file_of_text(impl_->sources, lit->value);
    } else if (auto* c = ast::dyn_cast<ast::Comment>(x)) {
      found = file_of_text(impl_->sources, c->text);
    }
    return found < 0;
  });
  if (found >= 0) return found;
  // No text below n (`break`, `struct{}`, `{}`, ...): where its memory lies. Each 4 KiB page of
  // the files' arenas is mapped to its file, and nodes on pages two arenas share one by one.
  constexpr int kPageBits = 12;
  std::call_once(impl_->pages_once, [this] {
    auto& pages = impl_->pages;
    auto each_node = [this](auto&& fn) {
      for (size_t i = 0; i < files_.size(); i++) {
        ast::File* f = files_[i].parsed->file;
        int fi = static_cast<int>(i);
        ast::inspect(f, [&](ast::Node* x) {
          if (x != nullptr) fn(x, fi);
          return true;
        });
        for (ast::CommentGroup* g : f->comments) {
          fn(g, fi);
          for (ast::Comment* c : g->list) fn(c, fi);
        }
      }
    };
    bool shared = false;
    each_node([&](const ast::Node* x, int fi) {
      auto [it, fresh] = pages.emplace(reinterpret_cast<uintptr_t>(x) >> kPageBits, fi);
      if (!fresh && it->second != fi) {
        it->second = -2;
        shared = true;
      }
    });
    if (shared) {
      each_node([&](const ast::Node* x, int fi) {
        if (pages[reinterpret_cast<uintptr_t>(x) >> kPageBits] == -2) {
          impl_->exact_nodes.emplace(x, fi);
        }
      });
    }
  });
  auto it = impl_->pages.find(reinterpret_cast<uintptr_t>(n) >> kPageBits);
  if (it == impl_->pages.end()) return -1;
  if (it->second != -2) return it->second;
  auto e = impl_->exact_nodes.find(n);
  return e == impl_->exact_nodes.end() ? -1 : e->second;
}

}  // namespace oomguard::lint

// Internals of PackageInfo shared by semantic.cpp (queries) and semantic_resolve.cpp (the
// resolving pass): flat open-addressing tables keyed by pointers and by names, the object
// arena and per-file import tables. Not part of the lint API.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lint/semantic.h"

namespace oomguard::lint::detail {

// Ident → object, kept in the identifier node itself (ast::Ident::sema, like go/ast's
// Ident.Obj): resolving writes one field and object_of reads it, with no table. Each map has
// its own generation number, so entries an earlier analysis of the same trees left behind read
// as unresolved.
class IdentMap {
 public:
  IdentMap() : gen_(next_gen()) {}
  void put(const ast::Ident* key, const Object* obj) const {
    key->sema = obj;
    key->sema_gen = gen_;
  }
  [[nodiscard]] const Object* find(const ast::Ident* key) const {
    return key->sema_gen == gen_ ? static_cast<const Object*>(key->sema) : nullptr;
  }

 private:
  static uint32_t next_gen() {
    static std::atomic<uint32_t> counter{0};
    uint32_t g = ++counter;
    return g != 0 ? g : ++counter;  // 0 is "never resolved"
  }
  uint32_t gen_;
};

// Pointer → dense index (find or insert), for the use lists.
class PtrIndex {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};
  // The index of key, inserting next when absent.
  uint32_t get_or_add(const void* key, uint32_t next) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 256 : slots_.size() * 2);
    Slot* s = probe(key);
    if (s->key == nullptr) {
      s->key = key;
      s->val = next;
      size_++;
    }
    return s->val;
  }
  [[nodiscard]] uint32_t find(const void* key) const {
    if (slots_.empty()) return kNone;
    const Slot* s = const_cast<PtrIndex*>(this)->probe(key);
    return s->key == nullptr ? kNone : s->val;
  }

 private:
  struct Slot {
    const void* key = nullptr;
    uint32_t val = 0;
  };
  Slot* probe(const void* key) {
    auto x = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(key));
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 32;
    size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(x) & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == key || slots_[i].key == nullptr) return &slots_[i];
    }
  }
  void rehash(size_t cap) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(cap, Slot{});
    for (const Slot& s : old) {
      if (s.key != nullptr) *probe(s.key) = s;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

inline size_t hash_name(std::string_view s) {
  uint64_t h = 1469598103934665603ULL ^ s.size();
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return static_cast<size_t>(h ^ (h >> 29));
}

// Name → object; first insertion of a name wins.
class NameMap {
 public:
  struct Slot {
    std::string_view key;
    const Object* obj = nullptr;
  };
  void reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) rehash(cap);
  }
  bool insert(std::string_view key, const Object* obj) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    Slot* s = probe(key);
    if (s->obj != nullptr) return false;
    s->key = key;
    s->obj = obj;
    size_++;
    return true;
  }
  [[nodiscard]] const Object* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    return const_cast<NameMap*>(this)->probe(key)->obj;
  }

 private:
  Slot* probe(std::string_view key) {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash_name(key) & mask;; i = (i + 1) & mask) {
      Slot* s = &slots_[i];
      if (s->obj == nullptr || s->key == key) return s;
    }
  }
  void rehash(size_t cap) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(cap, Slot{});
    for (const Slot& s : old) {
      if (s.obj != nullptr) *probe(s.key) = s;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

struct FileScope {
  struct Entry {
    std::string_view name;
    const Object* obj;
  };
  std::vector<Entry> names;                 // named imports (alias or guessed name)
  std::vector<std::string_view> dot_paths;  // dot imports
  std::vector<std::string_view> all_paths;  // every import, including _ and .
};

struct PackageInfoImpl {
  std::deque<Object> objects;
  NameMap package_scope;
  std::vector<FileScope> file_scopes;
  IdentMap idents;
  // Unresolved identifiers of files with dot imports, for qualified_name.
  std::unordered_map<const ast::Ident*, int> dot_candidates;

  // Every use, appended by the resolving pass in file order (source order within a file, except
  // for the few names resolved out of order, such as labels and := redeclarations).
  struct UseRec {
    const ast::Ident* id;
    const Object* obj;
    int32_t file;
  };
  std::vector<UseRec> use_recs;
  // uses(): on the first call the records are grouped by Object::index (a stable counting
  // sort) into use_flat, use_start[index] .. use_start[index + 1]; each object's vector is
  // made on its first request. Guarded by use_mutex.
  std::mutex use_mutex;
  std::vector<uint32_t> use_start;
  std::vector<const ast::Ident*> use_flat;
  std::vector<int32_t> use_list_of;  // index → position in use_lists, -1 not made yet
  std::deque<std::vector<const ast::Ident*>> use_lists;

  // Each file's source buffer [begin, end) and index, sorted by begin: identifier names are
  // views into them.
  struct SourceRange {
    const char* begin;
    const char* end;
    int file;
  };
  std::vector<SourceRange> sources;

  // file_of() fallback for nodes without an identifier or literal, built on first need: 4 KiB arena
  // pages → file (-2: shared by several files, then the nodes of that page are in exact_nodes).
  std::once_flag pages_once;
  std::unordered_map<uintptr_t, int> pages;
  std::unordered_map<const ast::Node*, int> exact_nodes;
};

// The goimports guess of a package's name from its import path.
std::string_view assumed_package_name(std::string_view import_path);
// The unquoted import path of an ImportSpec (raw text when it holds escapes).
std::string_view import_path_of(const ast::ImportSpec* spec);

// The lowest stack address this thread's recursive walkers may reach (128 KiB above the end
// of its stack), or nullptr when unknown. Trees from the parser can be deeper than its own
// recursion (a long chain of binary operators is parsed in a loop).
const char* stack_floor();

// Runs the resolving pass over every file (semantic_resolve.cpp).
void resolve_package(const std::vector<FileUnit>& files, PackageInfoImpl* impl);

}  // namespace oomguard::lint::detail

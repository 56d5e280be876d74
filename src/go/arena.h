// A bump allocator for one parsed file: AST nodes, node lists and the few strings the lexer has
// to rewrite (comments and raw strings with carriage returns). Everything is freed at once when
// the arena dies, so only trivially destructible objects may live in it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace oomguard::go {

class Arena {
 public:
  explicit Arena(size_t first_block = 64 * 1024)
      : next_block_(first_block < 4096 ? 4096 : first_block) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  void* alloc(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~uintptr_t(align - 1);
    if (cur_ == nullptr || p + size > reinterpret_cast<uintptr_t>(end_)) {
      grow(size + align);
      p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~uintptr_t(align - 1);
    }
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (alloc(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Uninitialised storage for n trivially copyable objects.
  template <typename T>
  T* alloc_array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    return static_cast<T*>(alloc(sizeof(T) * n, alignof(T)));
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = alloc_array<char>(s.size());
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  [[nodiscard]] size_t bytes_reserved() const { return reserved_; }

 private:
  [[gnu::noinline]] void grow(size_t at_least) {
    size_t n = next_block_ > at_least ? next_block_ : at_least;
    blocks_.emplace_back(new char[n]);
    cur_ = blocks_.back().get();
    end_ = cur_ + n;
    reserved_ += n;
    if (next_block_ < (size_t{64} << 20)) next_block_ *= 2;
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t next_block_;
  size_t reserved_ = 0;
};

}  // namespace oomguard::go

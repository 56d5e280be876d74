// Suppression directives, handled once by the engine (rules never see them):
//   //nolint:rule-id[,rule-id]   //nolint:oomguard   //nolint:all    (golangci-lint style)
//   //oomguard:ignore rule-id[,rule-id] reason        (reason required)
//   //oomguard:file-ignore rule-id[,rule-id] reason   (whole file)
// A line directive applies to findings on its own line or on the line below it (a directive
// alone on the line above). Malformed directives and directives that suppress nothing are
// reported as findings of the rules "bad-directive" and "unused-directive".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "report/finding.h"

namespace oomguard::lint {

using report::Finding;

inline constexpr std::string_view kBadDirectiveRule = "bad-directive";
inline constexpr std::string_view kUnusedDirectiveRule = "unused-directive";

struct CommentText {
  Position pos;           // position of the comment's first byte ('/')
  std::string_view text;  // the whole comment including // or /* */
  bool own_line = false;  // nothing but whitespace precedes it on its line
};

struct Directive {
  enum class Kind { kNolint, kIgnore, kFileIgnore };
  Kind kind = Kind::kNolint;
  Position pos;
  std::vector<std::string> rules;  // empty = every rule (bare //nolint, //nolint:all, :oomguard)
  bool own_line = false;
  bool used = false;
};

class Suppressions {
 public:
  // Parses the directives among a file's comments; malformed ones become findings in *bad.
  void add_file(const std::string& file, const std::vector<CommentText>& comments,
                std::vector<Finding>* bad);
  // True when f is suppressed; marks the directive used.
  bool suppresses(const Finding& f);
  // Directives that suppressed nothing, as findings (only for rules that ran: known_rule).
  template <typename Pred>
  std::vector<Finding> unused(Pred ran) const;

  struct FileDirectives {
    std::string file;
    std::vector<Directive> directives;
  };
  [[nodiscard]] const std::vector<FileDirectives>& files() const { return files_; }

 private:
  std::vector<FileDirectives> files_;
};

// Parses one comment; returns false when it is not a directive at all. A directive that is
// malformed returns true with *error set.
bool parse_directive(std::string_view comment, Directive* out, std::string* error);

// A cheap test that is true for every comment parse_directive accepts (and for a few more): the
// engine resolves positions only for these.
inline bool may_be_directive(std::string_view comment) {
  if (comment.size() < 8 || comment[0] != '/' || comment[1] != '/') return false;
  char c = comment[2] == ' ' ? comment[3] : comment[2];
  return c == 'n' || c == 'o';
}

template <typename Pred>
std::vector<Finding> Suppressions::unused(Pred ran) const {
  std::vector<Finding> out;
  for (const auto& fd : files_) {
    for (const auto& d : fd.directives) {
      if (d.used) continue;
      bool relevant = d.rules.empty();
      for (const auto& r : d.rules) relevant = relevant || ran(r);
      if (!relevant) continue;  // a directive for a disabled rule is not "unused"
      Finding f;
      f.file = fd.file;
      f.pos = d.pos;
      f.rule = std::string(kUnusedDirectiveRule);
      f.severity = Severity::kInfo;
      f.message = "directive suppresses nothing; remove it";
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace oomguard::lint

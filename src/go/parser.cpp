// Parser core: token stream, comment grouping (lead and line comments), errors and recovery,
// the file entry point, and the ParsedFile object.
#include "go/parser.h"

#include <pthread.h>

#include <algorithm>

#include "go/parser_impl.h"

namespace oomguard::go {

struct ParsedFile::State {
  std::string source;
  Arena arena;
  std::vector<uint32_t> lines;
  explicit State(std::string s) : source(std::move(s)), arena(source.size() * 3 + 4096) {}
};

ParsedFile::ParsedFile() = default;
ParsedFile::ParsedFile(ParsedFile&&) noexcept = default;
ParsedFile& ParsedFile::operator=(ParsedFile&&) noexcept = default;
ParsedFile::~ParsedFile() = default;

std::string_view ParsedFile::source() const {
  return state_ ? std::string_view(state_->source) : std::string_view();
}

size_t ParsedFile::line_count() const { return state_ ? state_->lines.size() : 0; }

Position ParsedFile::position(Pos p) const {
  Position out;
  if (p == kNoPos || !state_) return out;
  uint32_t off = pos_offset(p);
  if (off > state_->source.size()) off = static_cast<uint32_t>(state_->source.size());
  const auto& lines = state_->lines;
  auto it = std::upper_bound(lines.begin(), lines.end(), off);
  size_t i = static_cast<size_t>(it - lines.begin());  // 1-based line
  out.offset = off;
  out.line = static_cast<uint32_t>(i);
  out.col = off - lines[i - 1] + 1;
  return out;
}

namespace detail {
namespace {

// Address below which the parser refuses to recurse: half of the stack left on this thread
// (or opts.stack_budget), so that walkers and dumpers of the resulting tree have room too.
// Lowest address of this thread's stack, looked up once per thread (for the main thread,
// pthread_getattr_np reads /proc/self/maps, far too slow to do per file).
const char* thread_stack_low() {
  static thread_local const char* low = [] {
    const char* result = nullptr;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) result = static_cast<const char*>(addr);
      pthread_attr_destroy(&attr);
    }
    return result;
  }();
  return low;
}

// Address below which the parser refuses to recurse: half of the stack left on this thread
// (or opts.stack_budget), so that walkers and dumpers of the resulting tree have room too.
const char* compute_stack_limit(size_t budget) {
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  if (budget == 0) {
    size_t avail = 1 << 20;  // conservative default when the thread's stack is unknown
    const char* low = thread_stack_low();
    if (low != nullptr && here > low) avail = static_cast<size_t>(here - low);
    budget = avail / 2;
    constexpr size_t kMargin = 64 * 1024;
    budget = budget > 2 * kMargin ? budget - kMargin : budget / 2;
  }
  return here - budget;
}

}  // namespace

Parser::Parser(std::string_view src, const ParseOptions& opts, Arena* arena)
    : lexer(src, opts.parse_comments, arena, &lex_errors),
      opts_(opts),
      arena_(arena),
      src_size_(static_cast<uint32_t>(src.size())) {
  scratch_.reserve(256);
  stack_limit_ = compute_stack_limit(opts.stack_budget);
}

void Parser::nest_overflow() {
  error(tk_.pos, "exceeded max nesting depth");
  throw Bailout{};
}

void Parser::next0() {
  lexer.scan(tk_);
  if (!lex_errors.empty()) {
    for (auto& e : lex_errors) {
      errors.push_back(ParseError{e.pos, line(e.pos), std::move(e.message)});
    }
    lex_errors.clear();
  }
}

ast::Comment* Parser::consume_comment(int* endline) {
  *endline = tk_.line;
  if (tk_.lit().size() > 1 && tk_.lit()[1] == '*') {
    for (char c : tk_.lit()) {
      if (c == '\n') (*endline)++;
    }
  }
  auto* c = make<ast::Comment>();
  c->slash = tk_.pos;
  c->text = tk_.lit();
  next0();
  return c;
}

ast::CommentGroup* Parser::consume_comment_group(int n, int* endline) {
  size_t m = mark();
  *endline = tk_.line;
  while (tk_.tok == Tok::COMMENT && tk_.line <= *endline + n) push(consume_comment(endline));
  auto* g = make<ast::CommentGroup>();
  g->list = take<ast::Comment>(m);
  comments.push_back(g);
  return g;
}

void Parser::next() {
  lead_comment_ = nullptr;
  line_comment_ = nullptr;
  int prev_line = tk_.pos == kNoPos ? 0 : tk_.line;
  next0();
  if (tk_.tok == Tok::COMMENT) {
    ast::CommentGroup* comment = nullptr;
    int endline = 0;
    if (tk_.line == prev_line) {
      // The comment is on the same line as the previous token: it is a line comment if it
      // is followed by an empty line or by EOF.
      comment = consume_comment_group(0, &endline);
      if (tk_.line != endline || tk_.tok == Tok::EOF_) line_comment_ = comment;
    }
    endline = -1;
    while (tk_.tok == Tok::COMMENT) comment = consume_comment_group(1, &endline);
    if (endline + 1 == tk_.line) lead_comment_ = comment;
  }
}

void Parser::error(Pos pos, std::string msg) {
  int ln = pos == kNoPos ? 0 : line(pos);
  if (!opts_.all_errors) {
    size_t n = errors.size();
    if (n > 0 && errors[n - 1].line == ln) return;  // likely spurious
    if (n > 10) throw Bailout{};
  }
  errors.push_back(ParseError{pos, ln, std::move(msg)});
}

void Parser::error_expected(Pos pos, std::string_view what) {
  std::string msg = "expected ";
  msg += what;
  if (pos == tk_.pos) {
    if (tk_.tok == Tok::SEMICOLON && tk_.lit() == "\n") {
      msg += ", found newline";
    } else if (tok_is_literal(tk_.tok)) {
      msg += ", found ";
      msg += tk_.lit();
    } else {
      msg += ", found '";
      msg += tok_string(tk_.tok);
      msg += "'";
    }
  }
  error(pos, std::move(msg));
}

namespace {

std::string quoted(Tok t) {
  std::string s;
  s.reserve(16);
  s += '\'';
  s += tok_string(t);
  s += '\'';
  return s;
}

}  // namespace

Pos Parser::expect(Tok t) {
  Pos pos = tk_.pos;
  if (tk_.tok != t) error_expected(pos, quoted(t));
  next();  // make progress
  return pos;
}

Pos Parser::expect2(Tok t) {
  Pos pos = kNoPos;
  if (tk_.tok == t) {
    pos = tk_.pos;
  } else {
    error_expected(tk_.pos, quoted(t));
  }
  next();
  return pos;
}

Pos Parser::expect_closing(Tok t, std::string_view context) {
  if (tk_.tok != t && tk_.tok == Tok::SEMICOLON && tk_.lit() == "\n") {
    error(tk_.pos, "missing ',' before newline in " + std::string(context));
    next();
  }
  return expect(t);
}

void Parser::expect_semi() {
  if (tk_.tok != Tok::RPAREN && tk_.tok != Tok::RBRACE) {
    switch (tk_.tok) {
      case Tok::COMMA:
        error_expected(tk_.pos, "';'");
        next();
        break;
      case Tok::SEMICOLON:
        next();
        break;
      default:
        error_expected(tk_.pos, "';'");
        advance(TokSet::kStmtStart);
    }
  }
}

bool Parser::at_comma(std::string_view context, Tok follow) {
  if (tk_.tok == Tok::COMMA) return true;
  if (tk_.tok != follow) {
    std::string msg = "missing ','";
    if (tk_.tok == Tok::SEMICOLON && tk_.lit() == "\n") msg += " before newline";
    error(tk_.pos, msg + " in " + std::string(context));
    return true;  // "insert" comma and continue
  }
  return false;
}

namespace {

bool in_set(TokSet s, Tok t) {
  switch (s) {
    case TokSet::kStmtStart:
      switch (t) {
        case Tok::BREAK:
        case Tok::CONST:
        case Tok::CONTINUE:
        case Tok::DEFER:
        case Tok::FALLTHROUGH:
        case Tok::FOR:
        case Tok::GO:
        case Tok::GOTO:
        case Tok::IF:
        case Tok::RETURN:
        case Tok::SELECT:
        case Tok::SWITCH:
        case Tok::TYPE:
        case Tok::VAR:
          return true;
        default:
          return false;
      }
    case TokSet::kDeclStart:
      return t == Tok::CONST || t == Tok::TYPE || t == Tok::VAR;
    case TokSet::kExprEnd:
      switch (t) {
        case Tok::COMMA:
        case Tok::COLON:
        case Tok::SEMICOLON:
        case Tok::RPAREN:
        case Tok::RBRACK:
        case Tok::RBRACE:
          return true;
        default:
          return false;
      }
  }
  return false;
}

}  // namespace

void Parser::advance(TokSet to) {
  for (; tk_.tok != Tok::EOF_; next()) {
    if (in_set(to, tk_.tok)) {
      // Return only if the parser made progress since the last sync, or if it has not reached
      // 10 advance calls without progress (go/parser's guard against endless loops).
      if (tk_.pos == sync_pos_ && sync_cnt_ < 10) {
        sync_cnt_++;
        return;
      }
      if (tk_.pos > sync_pos_) {
        sync_pos_ = tk_.pos;
        sync_cnt_ = 0;
        return;
      }
    }
  }
}

Pos Parser::safe_pos(Pos p) const {
  if (p != kNoPos && pos_offset(p) > src_size_) return pos_from_offset(src_size_);
  return p;
}

ast::File* Parser::parse_file() {
  auto* f = make<ast::File>();
  f->name = make<ast::Ident>();
  try {
    next();
    if (!errors.empty()) return f;  // e.g. a misplaced byte order mark before the first token
    ast::CommentGroup* doc = lead_comment_;
    Pos pos = expect(Tok::PACKAGE);
    ast::Ident* ident = parse_ident();
    expect_semi();
    if (!errors.empty()) return f;
    f->doc = doc;
    f->package = pos;
    f->name = ident;
    size_t m = mark();
    while (tk_.tok == Tok::IMPORT) push(parse_gen_decl(Tok::IMPORT));
    while (tk_.tok != Tok::EOF_) push(parse_decl(TokSet::kDeclStart));
    f->decls = take<ast::Decl>(m);
  } catch (const Bailout&) {
    scratch_.clear();
  }
  return f;
}

}  // namespace detail

ParsedFile parse_file(std::string filename, std::string source, const ParseOptions& opts) {
  ParsedFile out;
  out.filename = std::move(filename);
  if (source.size() >= (uint64_t{1} << 31)) {
    out.state_ = std::make_unique<ParsedFile::State>(std::string());
    out.state_->lines.push_back(0);
    out.file = out.state_->arena.make<ast::File>();
    out.file->name = out.state_->arena.make<ast::Ident>();
    out.errors.push_back(
        Diagnostic{out.filename, {}, Severity::kError, "file too large (2 GiB or more)"});
    return out;
  }
  out.state_ = std::make_unique<ParsedFile::State>(std::move(source));
  auto& st = *out.state_;
  // The parser needs the buffer to stay put: st.source is never touched again.
  detail::Parser p(st.source, opts, &st.arena);
  ast::File* f = p.parse_file();
  // Imports and comments are collected even when parsing stopped early.
  {
    size_t n = p.imports.size();
    auto** items = st.arena.alloc_array<ast::ImportSpec*>(n);
    std::copy(p.imports.begin(), p.imports.end(), items);
    f->imports.items = items;
    f->imports.count = static_cast<uint32_t>(n);
    size_t c = p.comments.size();
    auto** groups = st.arena.alloc_array<ast::CommentGroup*>(c);
    std::copy(p.comments.begin(), p.comments.end(), groups);
    f->comments.items = groups;
    f->comments.count = static_cast<uint32_t>(c);
  }
  out.file = f;
  out.comments = std::move(p.comments);
  st.lines = p.lexer.line_starts();
  std::stable_sort(p.errors.begin(), p.errors.end(), [](const auto& a, const auto& b) {
    if (a.pos != b.pos) return a.pos < b.pos;
    return a.message < b.message;
  });
  out.errors.reserve(p.errors.size());
  for (auto& e : p.errors) {
    Diagnostic d;
    d.file = out.filename;
    d.pos = out.position(e.pos);
    d.message = std::move(e.message);
    out.errors.push_back(std::move(d));
  }
  return out;
}

}  // namespace oomguard::go

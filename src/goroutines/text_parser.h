// Line-at-a-time parsers for the two text forms of the goroutine profile:
//  - debug=2: the full dump (runtime.Stack(all) / SIGQUIT / panic traceback), one block per
//    goroutine: header, frames (call line + file line), "created by", elision markers;
//  - debug=1: "goroutine profile: total N", then "<count> @ 0x.." records with "#\t" frames.
// TextParser detects which one from the first recognised line and never holds more than the
// current goroutine, so a multi-GB dump streams in constant memory.
#pragma once

#include <cstdint>
#include <string_view>

#include "goroutines/grouper.h"
#include "goroutines/model.h"

namespace oomguard::goroutines {

struct Header {
  uint64_t id = 0;
  std::string_view status;  // wait reason or status, flags such as " (scan)" removed
  uint32_t minutes = 0;
  bool locked = false;
  bool scan = false;
  bool leaked = false;
  std::string_view labels;  // "{...}" when the runtime printed labels (Go 1.26+ tracebacklabels)
};

// "goroutine <id>[ gp=.. m=..[ mp=..]] [<status>[ (scan)][, N minutes][, locked to thread]...]:"
bool parse_header(std::string_view line, Header& h);

// "pkg.(*T).M(0x1, {0x2, 0x3}, ...)" -> function and the text inside the final parentheses.
bool parse_call(std::string_view line, std::string_view& function, std::string_view& args);

struct FileLine {
  std::string_view file;
  uint32_t line = 0;
  uint32_t offset = 0;
};
// "\t/path/file.go:123 +0x1f[ fp=.. sp=.. pc=..]" (tab or spaces; the last ':' splits the line).
bool parse_file_line(std::string_view text, FileLine& out);

class TextParser {
 public:
  TextParser(Snapshot& snap, Grouper& grouper) : s_(snap), g_(grouper) {}
  // One line without its '\n'; a trailing '\r' is ignored. Line numbers count from 1.
  void line(std::string_view text);
  void finish();
  [[nodiscard]] bool recognised() const { return mode_ != Mode::kUnknown; }

 private:
  enum class Mode { kUnknown, kDebug2, kDebug1 };
  enum class State { kOutside, kFrames, kFile, kCreatorFile, kAncestors, kRecord };

  void dump_line(std::string_view text);
  void frames_line(std::string_view text);
  void count_line(std::string_view text);
  void begin(const Header& h);
  void flush();
  void push_pending(const FileLine* fl);
  void record_line(std::string_view text);
  void warn(std::string message);

  Snapshot& s_;
  Grouper& g_;
  Mode mode_ = Mode::kUnknown;
  State state_ = State::kOutside;
  bool active_ = false;
  bool last_line_broken_ = false;  // the latest line was cut or garbage inside a goroutine
  uint64_t last_id_ = 0;
  uint64_t lineno_ = 0;
  uint64_t active_line_ = 0;
  Goroutine cur_;
  bool has_pending_ = false;  // a call line waiting for its file line
  Frame pending_;
  std::string_view pending_args_;  // copied into pending_buf_ (the line view dies)
  std::string pending_buf_;
};

}  // namespace oomguard::goroutines

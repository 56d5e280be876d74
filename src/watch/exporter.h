// The Prometheus exporter of `watch --listen`: a cpp-httplib server on its own thread serving
// GET /metrics (text format 0.0.4) from the latest rendered text. Binds 127.0.0.1 unless the
// address names another host.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace httplib {
class Server;
}

namespace oomguard::watch {

// "127.0.0.1:9464", ":9464" (-> 127.0.0.1), "0.0.0.0:9464", "[::1]:9464", "9464".
Result<std::pair<std::string, int>> parse_listen(const std::string& addr);

class Exporter {
 public:
  Exporter();
  ~Exporter();
  Exporter(const Exporter&) = delete;
  Exporter& operator=(const Exporter&) = delete;

  // Binds (port 0 = any free port) and starts serving; returns the bound port.
  Result<int> start(const std::string& host, int port);
  void set_metrics(std::string text);
  void stop();

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::mutex mu_;
  std::string text_;
};

}  // namespace oomguard::watch

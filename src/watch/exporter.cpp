#include "watch/exporter.h"

#include <fmt/format.h>
#include <httplib.h>

#include <charconv>
#include <chrono>

namespace oomguard::watch {

Result<std::pair<std::string, int>> parse_listen(const std::string& addr) {
  std::string host = "127.0.0.1";
  std::string port = addr;
  if (!addr.empty() && addr.front() == '[') {
    size_t close = addr.find(']');
    if (close == std::string::npos || close + 1 >= addr.size() || addr[close + 1] != ':') {
      return Error{fmt::format("invalid --listen address '{}'", addr)};
    }
    host = addr.substr(1, close - 1);
    port = addr.substr(close + 2);
  } else if (size_t colon = addr.rfind(':'); colon != std::string::npos) {
    if (colon > 0) host = addr.substr(0, colon);
    port = addr.substr(colon + 1);
  }
  int p = -1;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (ec != std::errc() || ptr != port.data() + port.size() || p < 0 || p > 65535) {
    return Error{fmt::format("invalid port in --listen address '{}'", addr)};
  }
  return std::make_pair(host, p);
}

Exporter::Exporter() : server_(std::make_unique<httplib::Server>()) {
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    std::string body;
    {
      std::lock_guard<std::mutex> lk(mu_);
      body = text_;
    }
    res.set_content(body, "text/plain; version=0.0.4; charset=utf-8");
  });
  server_->Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("oomguard watch exporter: see /metrics\n", "text/plain; charset=utf-8");
  });
  server_->set_read_timeout(5, 0);
  server_->set_write_timeout(5, 0);
}

Exporter::~Exporter() { stop(); }

Result<int> Exporter::start(const std::string& host, int port) {
  int bound = port;
  if (port == 0) {
    bound = server_->bind_to_any_port(host);
    if (bound < 0) return Error{fmt::format("cannot listen on {}:0", host)};
  } else if (!server_->bind_to_port(host, port)) {
    return Error{fmt::format("cannot listen on {}:{} (address in use or not local?)", host, port)};
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // Server::stop() is a no-op until the listen loop runs: wait for it so stop() always works.
  for (int i = 0; i < 5000 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return bound;
}

void Exporter::set_metrics(std::string text) {
  std::lock_guard<std::mutex> lk(mu_);
  text_ = std::move(text);
}

void Exporter::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

}  // namespace oomguard::watch

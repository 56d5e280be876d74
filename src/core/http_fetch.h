// HTTP(S) GET with a timeout and a maximum response size (libcurl). Used for pprof endpoints,
// goroutine dumps, expvar and Prometheus metrics.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace oomguard {

struct HttpOptions {
  long timeout_ms = 30000;
  long connect_timeout_ms = 5000;
  uint64_t max_bytes = uint64_t{1} << 30;
};

struct HttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
};

bool is_url(const std::string& s);

// Fails on transport errors, timeouts and oversize bodies; HTTP error statuses are returned
// as responses so callers can report the server's message.
Result<HttpResponse> http_get(const std::string& url, const HttpOptions& opts = {});

}  // namespace oomguard

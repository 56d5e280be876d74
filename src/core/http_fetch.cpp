#include "core/http_fetch.h"

#include <curl/curl.h>

#include <mutex>

#include <fmt/format.h>

namespace oomguard {
namespace {

struct Sink {
  std::string* body;
  uint64_t max_bytes;
  bool overflow = false;
};

size_t write_cb(char* ptr, size_t size, size_t nmemb, void* userdata) {
  auto* s = static_cast<Sink*>(userdata);
  size_t n = size * nmemb;
  if (s->body->size() + n > s->max_bytes) {
    s->overflow = true;
    return 0;  // aborts the transfer
  }
  s->body->append(ptr, n);
  return n;
}

}  // namespace

bool is_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

Result<HttpResponse> http_get(const std::string& url, const HttpOptions& opts) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* c = curl_easy_init();
  if (c == nullptr) return Error{"curl: initialisation failed"};
  HttpResponse resp;
  Sink sink{&resp.body, opts.max_bytes};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, opts.timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, opts.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "oomguard");
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
    char* ct = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    if (ct != nullptr) resp.content_type = ct;
  }
  curl_easy_cleanup(c);
  if (sink.overflow) {
    return Error{fmt::format("{}: response larger than the limit of {} bytes", url, opts.max_bytes)};
  }
  if (rc != CURLE_OK) {
    return Error{fmt::format("{}: {}", url, errbuf[0] != 0 ? errbuf : curl_easy_strerror(rc))};
  }
  return resp;
}

}  // namespace oomguard

#include "pprof/flame.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pprof/decode.h"
#include "profile_writer.h"

namespace oomguard::pprof {
namespace {

using testing::encode;
using testing::simple_profile;

Profile evil_profile() {
  auto w = simple_profile({{{0, 1}, 20000000}, {{1}, 10000000}}, 2);
  w.functions[0].name = "main.<script>alert(1)</script>&\xe2\x80\xa8";
  auto p = decode(encode(w));
  EXPECT_TRUE(p.ok());
  return std::move(p.value());
}

constexpr const char* kOpen = "type=\"application/json\">";

size_t count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
  return n;
}

TEST(Flame, TreeJson) {
  auto j = nlohmann::json::parse(flame_json(evil_profile()));
  ASSERT_EQ(j["types"].size(), 2u);
  EXPECT_EQ(j["types"][1]["type"], "cpu");
  EXPECT_EQ(j["default"], 1);
  const auto& root = j["tree"];
  EXPECT_EQ(j["names"][root[0].get<int>()], "root");
  EXPECT_EQ(root[1][1], 30000000);
  ASSERT_EQ(root[2].size(), 1u);  // main.f1 is the only root frame
  const auto& f1 = root[2][0];
  EXPECT_EQ(j["names"][f1[0].get<int>()], "main.f1");
  EXPECT_EQ(f1[1][1], 30000000);
  ASSERT_EQ(f1[2].size(), 1u);
  EXPECT_EQ(j["names"][f1[2][0][0].get<int>()], "main.<script>alert(1)</script>&\xe2\x80\xa8");
}

TEST(Flame, HtmlEscapesScriptAndMarkup) {
  std::string html = flame_html(evil_profile(), "t<i>tle\"&");
  // Only the page's own two script blocks open and close; the name never breaks out.
  EXPECT_EQ(count(html, "<script"), 2u);
  EXPECT_EQ(count(html, "</script>"), 2u);
  EXPECT_EQ(html.find("alert(1)</"), std::string::npos);
  EXPECT_EQ(html.find("\xe2\x80\xa8"), std::string::npos);
  EXPECT_NE(html.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028"),
            std::string::npos);
  EXPECT_NE(html.find("<title>t&lt;i&gt;tle&quot;&amp; - oomguard flame graph</title>"),
            std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // nothing fetched from the network
  EXPECT_EQ(html.find("https://"), std::string::npos);
  // The embedded block is still valid JSON carrying the exact name.
  size_t a = html.find(kOpen) + std::strlen(kOpen);
  size_t b = html.find("</script>", a);
  auto j = nlohmann::json::parse(html.substr(a, b - a));
  bool found = false;
  for (const auto& n : j["names"])
    found = found || n == "main.<script>alert(1)</script>&\xe2\x80\xa8";
  EXPECT_TRUE(found);
}

// Runs the page's script under node with a minimal DOM: it must render the frames as text
// (textContent, never markup), and zoom and search must work.
TEST(Flame, ScriptRendersWithNode) {
  if (std::system("command -v node >/dev/null 2>&1") != 0) GTEST_SKIP() << "node not installed";
  std::string html = flame_html(evil_profile(), "x");
  size_t a = html.find(kOpen) + std::strlen(kOpen);
  std::string data = html.substr(a, html.find("</script>", a) - a);
  size_t s = html.find("<script>", a) + 8;
  std::string script = html.substr(s, html.find("</script>", s) - s);
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/flame_data.json") << data;
  std::ofstream(dir + "/flame_page.js") << script;
  std::ofstream(dir + "/flame_run.js") << R"JS(
const fs=require("fs");
function el(tag){return {tag:tag,children:[],style:{},className:"",_t:"",clientWidth:1000,
  appendChild(c){this.children.push(c);return c;},
  set textContent(v){this._t=v;this.children=[];}, get textContent(){return this._t;},
  set innerHTML(v){throw new Error("innerHTML used");}};}
const els={data:el("script"),chart:el("div"),info:el("span"),type:el("select"),
  search:el("input"),reset:el("button")};
els.data._t=fs.readFileSync(process.argv[2],"utf8");
global.document={getElementById:(id)=>els[id],createElement:el};
global.window={};
eval(fs.readFileSync(process.argv[3],"utf8"));
const names=els.chart.children.map(c=>c.textContent);
if(!names.includes("main.<script>alert(1)</script>&\u2028"))throw new Error("missing "+names);
if(els.type.children.length!==2)throw new Error("types");
const f1=els.chart.children.find(c=>c.textContent==="main.f1");
f1.onclick(); if(els.chart.children[0].textContent!=="main.f1")throw new Error("zoom");
els.search.oninput({target:{value:"script"}});
if(!els.chart.children.some(c=>c.className.includes(" m")))throw new Error("search");
if(!els.info.textContent.startsWith("matched 66.67%"))throw new Error("info "+els.info.textContent);
console.log("ok");
)JS";
  std::string cmd =
      "node " + dir + "/flame_run.js " + dir + "/flame_data.json " + dir + "/flame_page.js 2>&1";
  FILE* f = popen(cmd.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, f) != nullptr) out += buf;
  int rc = pclose(f);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "ok\n");
}

}  // namespace
}  // namespace oomguard::pprof

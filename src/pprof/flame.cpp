#include "pprof/flame.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/html.h"

namespace oomguard::pprof {
namespace {

constexpr size_t kMaxNodes = 1u << 21;  // bounds memory and page size on huge profiles

struct Tree {
  std::vector<uint32_t> parent;
  std::vector<uint32_t> name;
  std::vector<int64_t> values;  // node * nt + t
  std::vector<std::vector<uint32_t>> children;
};

std::string json_string(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Iterative writer: deep stacks must not exhaust the C++ stack.
void write_tree(const Tree& t, size_t nt, std::string& out) {
  struct Item {
    uint32_t node;
    size_t next_child;
  };
  std::vector<Item> st{{0, 0}};
  auto open = [&](uint32_t n) {
    out += '[';
    out += std::to_string(t.name[n]);
    out += ",[";
    for (size_t k = 0; k < nt; ++k) {
      if (k > 0) out += ',';
      out += std::to_string(t.values[n * nt + k]);
    }
    out += ']';
    if (!t.children[n].empty()) out += ",[";
  };
  open(0);
  while (!st.empty()) {
    Item& it = st.back();
    const auto& ch = t.children[it.node];
    if (it.next_child < ch.size()) {
      if (it.next_child > 0) out += ',';
      uint32_t c = ch[it.next_child++];
      open(c);
      st.push_back({c, 0});
      continue;
    }
    if (!ch.empty()) out += ']';
    out += ']';
    st.pop_back();
  }
}

}  // namespace

std::string flame_json(const Profile& p) {
  size_t nt = p.num_values();
  Tree t;
  std::vector<std::string_view> names{"root"};
  std::unordered_map<std::string_view, uint32_t> name_ids{{"root", 0}};
  std::unordered_map<uint64_t, uint32_t> child;
  std::deque<std::string> side;
  t.parent.push_back(kNone);
  t.name.push_back(0);
  t.values.assign(nt, 0);
  std::vector<Frame> frames;
  for (size_t s = 0; s < p.num_samples(); ++s) {
    auto vals = p.sample_values(s);
    expand_frames(p, s, frames);
    uint32_t cur = 0;
    for (size_t k = 0; k < nt; ++k) t.values[k] = add_wrap(t.values[k], vals[k]);
    for (size_t f = frames.size(); f-- > 0;) {
      std::string_view nm = frames[f].function;
      std::string label;
      if (nm.empty()) {
        label = fmt::format("0x{:x}", frames[f].address);
        nm = label;
      }
      auto it = name_ids.find(nm);
      uint32_t id = 0;
      if (it == name_ids.end()) {
        id = static_cast<uint32_t>(names.size());
        std::string_view stored = nm;
        if (!label.empty()) {  // address labels have no buffer in the profile
          side.push_back(label);
          stored = side.back();
        }
        names.push_back(stored);
        name_ids.emplace(stored, id);
      } else {
        id = it->second;
      }
      uint64_t key = uint64_t{cur} << 32 | id;
      auto cit = child.find(key);
      uint32_t next = 0;
      if (cit != child.end()) {
        next = cit->second;
      } else {
        if (t.parent.size() >= kMaxNodes) break;  // value stays with the deepest node kept
        next = static_cast<uint32_t>(t.parent.size());
        t.parent.push_back(cur);
        t.name.push_back(id);
        t.values.resize(t.values.size() + nt, 0);
        child.emplace(key, next);
      }
      cur = next;
      for (size_t k = 0; k < nt; ++k) {
        t.values[cur * nt + k] = add_wrap(t.values[cur * nt + k], vals[k]);
      }
    }
  }
  t.children.resize(t.parent.size());
  for (uint32_t n = 1; n < t.parent.size(); ++n) t.children[t.parent[n]].push_back(n);
  // Largest first (by the default type's magnitude), so the page draws stable layouts.
  std::string err;
  int def = p.sample_types.empty() ? 0 : sample_index(p, "", &err);
  for (auto& ch : t.children) {
    std::sort(ch.begin(), ch.end(), [&](uint32_t a, uint32_t b) {
      if (nt == 0) return a < b;
      int64_t va = abs64(t.values[a * nt + static_cast<size_t>(def)]);
      int64_t vb = abs64(t.values[b * nt + static_cast<size_t>(def)]);
      if (va != vb) return va > vb;
      return names[t.name[a]] < names[t.name[b]];
    });
  }
  std::string out = "{\"types\":[";
  for (size_t k = 0; k < nt; ++k) {
    if (k > 0) out += ',';
    out += fmt::format("{{\"type\":{},\"unit\":{}}}", json_string(p.sample_types[k].type),
                       json_string(p.sample_types[k].unit));
  }
  out += fmt::format("],\"default\":{},\"names\":[", def < 0 ? 0 : def);
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(names[i]);
  }
  out += "],\"tree\":";
  write_tree(t, nt, out);
  out += '}';
  return out;
}

std::string escape_json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xe2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xa8' || json[i + 2] == '\xa9')) {
      out += json[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string flame_html(const Profile& p, std::string_view title) {
  std::string data = escape_json_for_script(flame_json(p));
  std::string t = html_escape(title);
  return fmt::format(R"HTML(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{0} - oomguard flame graph</title>
<style>
body{{font:12px system-ui,sans-serif;margin:8px;color:#222}}
#bar{{display:flex;gap:8px;align-items:center;margin-bottom:6px}}
#chart{{position:relative;width:100%}}
.f{{position:absolute;height:17px;line-height:17px;overflow:hidden;white-space:nowrap;
  box-sizing:border-box;border:1px solid #fff;padding:0 3px;cursor:pointer;font-size:11px}}
.f.m{{background:#c6f!important}}
#info{{color:#555;margin-left:auto}}
</style></head><body>
<div id="bar"><b>{0}</b>
<label>sample type <select id="type"></select></label>
<input id="search" placeholder="search (regexp)" size="30">
<button id="reset">reset zoom</button><span id="info"></span></div>
<div id="chart"></div>
<script id="data" type="application/json">{1}</script>
<script>
(function(){{
"use strict";
var D=JSON.parse(document.getElementById("data").textContent);
var ti=D["default"]||0, zoom=null, re=null;
var chart=document.getElementById("chart"), info=document.getElementById("info");
var sel=document.getElementById("type");
D.types.forEach(function(t,i){{var o=document.createElement("option");o.value=i;
  o.textContent=t.type+" ("+t.unit+")";sel.appendChild(o);}});
sel.value=ti;
function val(n){{return Math.abs(n[1][ti]||0);}}
function fmt(v,u){{var a=Math.abs(v),s;
  if(u==="bytes"){{var k=["B","kB","MB","GB","TB"],i=0;while(a>=1024&&i<4){{a/=1024;i++;}}
    s=(Math.round(a*100)/100)+k[i];}}
  else if(u==="nanoseconds"){{var k2=["ns","us","ms","s"],j=0;while(a>=1000&&j<3){{a/=1000;j++;}}
    s=(Math.round(a*100)/100)+k2[j];}}
  else s=String(a);
  return (v<0?"-":"")+s;}}
function color(name){{var h=0;for(var i=0;i<name.length;i++)h=(h*31+name.charCodeAt(i))|0;
  var r=200+Math.abs(h%55),g=90+Math.abs((h>>8)%100),b=40+Math.abs((h>>16)%40);
  return "rgb("+r+","+g+","+b+")";}}
function render(){{
  chart.textContent="";
  var root=zoom||D.tree, total=val(root)||1, W=chart.clientWidth||1000, maxd=0, matched=0;
  var unit=(D.types[ti]||{{unit:""}}).unit;
  function walk(n,x,d,inMatch){{
    var v=val(n), w=v/total*W; if(w<0.5)return;
    var name=D.names[n[0]], m=re&&re.test(name);
    if(m&&!inMatch)matched+=v;
    var e=document.createElement("div"); e.className="f"+(m?" m":"");
    e.style.left=x+"px"; e.style.width=w+"px"; e.style.top=(d*17)+"px";
    e.style.background=color(name); e.textContent=name;
    e.title=name+"\n"+fmt(n[1][ti]||0,unit)+" ("+(v/total*100).toFixed(2)+"%)";
    e.onclick=function(){{zoom=n;render();}};
    chart.appendChild(e); if(d>maxd)maxd=d;
    var cx=x; (n[2]||[]).forEach(function(c){{walk(c,cx,d+1,inMatch||m);cx+=val(c)/total*W;}});
  }}
  walk(root,0,0,false);
  chart.style.height=((maxd+1)*17)+"px";
  info.textContent=(re?"matched "+(matched/total*100).toFixed(2)+"% · ":"")+
    "total "+fmt(root[1][ti]||0,unit);
}}
sel.onchange=function(){{ti=+sel.value;render();}};
document.getElementById("reset").onclick=function(){{zoom=null;render();}};
document.getElementById("search").oninput=function(ev){{
  var s=ev.target.value; if(!s){{re=null;render();return;}}
  try{{re=new RegExp(s);}}catch(e){{re=new RegExp(s.replace(/[.*+?^${{}}()|[\]\\]/g,"\\$&"));}}
  render();}};
window.onresize=render;
render();
}})();
</script></body></html>
)HTML",
                     t, data);
}

}  // namespace oomguard::pprof

#include "pprof/measurement.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <vector>

namespace oomguard::pprof {
namespace {

struct Unit {
  std::string_view name;
  std::vector<std::string_view> aliases;
  double factor;
};

struct UnitType {
  Unit default_unit;
  std::vector<Unit> units;
};

const std::vector<UnitType>& unit_types() {
  static const std::vector<UnitType> kTypes = {
      {{"B", {"b", "byte"}, 1},
       {{"B", {"b", "byte"}, 1},
        {"kB", {"kb", "kbyte", "kilobyte"}, double(1 << 10)},
        {"MB", {"mb", "mbyte", "megabyte"}, double(1 << 20)},
        {"GB", {"gb", "gbyte", "gigabyte"}, double(1 << 30)},
        {"TB", {"tb", "tbyte", "terabyte"}, double(uint64_t{1} << 40)},
        {"PB", {"pb", "pbyte", "petabyte"}, double(uint64_t{1} << 50)}}},
      {{"s", {}, 1e9},
       {{"ns", {"ns", "nanosecond"}, 1},
        {"us", {"\xce\xbcs", "us", "microsecond"}, 1e3},
        {"ms", {"ms", "millisecond"}, 1e6},
        {"s", {"s", "sec", "second"}, 1e9},
        {"hrs", {"hour", "hr"}, 3600e9}}},
      {{"GCU", {}, 1.0},
       {{"n*GCU", {"nanogcu"}, 1e-9},
        {"u*GCU", {"microgcu"}, 1e-6},
        {"m*GCU", {"milligcu"}, 1e-3},
        {"GCU", {"gcu"}, 1},
        {"k*GCU", {"kilogcu"}, 1e3},
        {"M*GCU", {"megagcu"}, 1e6},
        {"G*GCU", {"gigagcu"}, 1e9},
        {"T*GCU", {"teragcu"}, 1e12},
        {"P*GCU", {"petagcu"}, 1e15}}},
  };
  return kTypes;
}

// Go's strings.ToLower on ASCII (units are ASCII apart from "μs", which has no upper case).
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const Unit* sniff(const UnitType& ut, std::string_view unit) {
  std::string u = lower(unit);
  if (u.size() > 2 && u.back() == 's') u.pop_back();
  for (const auto& x : ut.units) {
    for (auto a : x.aliases) {
      if (a == u) return &x;
    }
  }
  return nullptr;
}

bool convert(const UnitType& ut, int64_t value, std::string_view from, std::string_view to,
             std::pair<double, std::string>& out) {
  const Unit* f = sniff(ut, from);
  if (f == nullptr) return false;
  double v = static_cast<double>(value) * f->factor;
  if (to == "minimum" || to == "auto") {
    double best = 0;
    std::string_view name;
    for (const auto& u : ut.units) {
      if (u.factor >= best && v / u.factor >= 1.0) {
        best = u.factor;
        name = u.name;
      }
    }
    if (best != 0) {
      out = {v / best, std::string(name)};
    } else {
      out = {v / ut.default_unit.factor, std::string(ut.default_unit.name)};
    }
    return true;
  }
  const Unit* t = sniff(ut, to);
  if (t == nullptr) {
    out = {v / ut.default_unit.factor, std::string(ut.default_unit.name)};
  } else {
    out = {v / t->factor, std::string(t->name)};
  }
  return true;
}

}  // namespace

std::pair<double, std::string> scale_value(int64_t value, std::string_view from_unit,
                                           std::string_view to_unit) {
  if (value < 0 && -value > 0) {
    auto [v, u] = scale_value(-value, from_unit, to_unit);
    return {-v, u};
  }
  std::pair<double, std::string> out;
  for (const auto& ut : unit_types()) {
    if (convert(ut, value, from_unit, to_unit, out)) return out;
  }
  if (to_unit == "count" || to_unit == "sample" || to_unit == "unit" || to_unit == "minimum" ||
      to_unit == "auto") {
    return {static_cast<double>(value), ""};
  }
  return {static_cast<double>(value), std::string(to_unit)};
}

std::string scaled_label(int64_t value, std::string_view from_unit, std::string_view to_unit) {
  auto [v, u] = scale_value(value, from_unit, to_unit);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s(buf);
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
  if (s == "0" || s == "-0") return "0";
  return s + u;
}

std::string percentage(int64_t value, int64_t total) {
  double ratio = 0;
  if (total != 0) ratio = std::fabs(static_cast<double>(value) / static_cast<double>(total)) * 100;
  char buf[64];
  if (std::fabs(ratio) >= 99.95 && std::fabs(ratio) <= 100.05) return "  100%";
  if (std::fabs(ratio) >= 1.0) {
    std::snprintf(buf, sizeof buf, "%5.2f%%", ratio);
  } else {
    std::snprintf(buf, sizeof buf, "%5.2g%%", ratio);
  }
  return buf;
}

}  // namespace oomguard::pprof

#include "pprof/decode.h"

#include <gtest/gtest.h>

#include "profile_writer.h"

namespace oomguard::pprof {
namespace {

using testing::encode;
using testing::gzip;
using testing::WProfile;

WProfile inline_profile() {
  WProfile w;
  w.sample_types = {{"alloc_space", "bytes"}, {"inuse_space", "bytes"}};
  w.period_type = {"space", "bytes"};
  w.period = 524288;
  w.time_nanos = 1700000000123456789;
  w.mapping_file = "/bin/app";
  w.functions = {{1, "main.leaf", "/src/a.go", 3},
                 {2, "main.caller", "/src/a.go", 9},
                 {3, "main.main", "/src/main.go", 1}};
  // Location 7 holds main.leaf inlined into main.caller.
  w.locations = {{7, 1, 0x401000, {{1, 5}, {2, 11}}}, {9, 1, 0x402000, {{3, 20}}}};
  w.samples.push_back({{7, 9}, {100, -1}, {{"worker", "a"}}, {{"bytes", 64, "bytes"}}});
  w.samples.push_back({{9}, {5, 0}, {}, {}});
  return w;
}

void check_inline_profile(const Profile& p) {
  ASSERT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.sample_types[1].type, "inuse_space");
  EXPECT_EQ(p.period_type.type, "space");
  EXPECT_EQ(p.period, 524288);
  EXPECT_EQ(p.time_nanos, 1700000000123456789);
  ASSERT_EQ(p.num_samples(), 2u);
  EXPECT_EQ(p.sample_values(0)[1], -1);  // 10-byte two's complement varint, not zigzag
  EXPECT_EQ(p.sample_values(0)[0], 100);
  ASSERT_EQ(p.sample_labels(0).size(), 2u);
  EXPECT_EQ(p.sample_labels(0)[0].key, "worker");
  EXPECT_EQ(p.sample_labels(0)[0].str, "a");
  EXPECT_TRUE(p.sample_labels(0)[1].is_num);
  EXPECT_EQ(p.sample_labels(0)[1].num, 64);
  EXPECT_EQ(p.sample_labels(0)[1].num_unit, "bytes");
  ASSERT_EQ(p.mappings.size(), 1u);
  EXPECT_EQ(p.mappings[0].file, "/bin/app");

  std::vector<Frame> frames;
  expand_frames(p, 0, frames);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].function, "main.leaf");
  EXPECT_EQ(frames[0].line, 5);
  EXPECT_TRUE(frames[0].inlined);
  EXPECT_EQ(frames[1].function, "main.caller");
  EXPECT_FALSE(frames[1].inlined);
  EXPECT_EQ(frames[1].address, 0x401000u);
  EXPECT_EQ(frames[2].function, "main.main");
  EXPECT_EQ(frames[2].file, "/src/main.go");
}

TEST(Decode, PackedStringTableLastGzip) {
  auto p = decode(gzip(encode(inline_profile())));
  ASSERT_TRUE(p.ok()) << p.error();
  check_inline_profile(*p);
}

TEST(Decode, UnpackedStringTableFirstRawWithUnknownFields) {
  WProfile w = inline_profile();
  w.packed = false;
  w.strings_last = false;
  w.unknown_fields = true;
  auto p = decode(encode(w));
  ASSERT_TRUE(p.ok()) << p.error();
  check_inline_profile(*p);
}

TEST(Decode, MixedPackedAndUnpackedInOneSample) {
  // Hand-built sample: location ids 7 (unpacked) then [9] packed; values packed then unpacked.
  std::string sample;
  protozero::pbf_writer sw(sample);
  sw.add_uint64(1, 7);
  std::vector<uint64_t> rest{9};
  sw.add_packed_uint64(1, rest.begin(), rest.end());
  std::vector<int64_t> v1{3};
  sw.add_packed_int64(2, v1.begin(), v1.end());
  sw.add_int64(2, -4);
  WProfile w = inline_profile();
  w.samples.clear();
  std::string body = encode(w);
  std::string msg;
  protozero::pbf_writer mw(msg);
  mw.add_message(2, sample);
  auto p = decode(msg + body);
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_EQ(p->num_samples(), 1u);
  ASSERT_EQ(p->sample_locations(0).size(), 2u);
  EXPECT_EQ(p->locations[p->sample_locations(0)[1]].id, 9u);
  EXPECT_EQ(p->sample_values(0)[0], 3);
  EXPECT_EQ(p->sample_values(0)[1], -4);
}

TEST(Decode, SparseIdsUseTheHashPath) {
  WProfile w = inline_profile();
  for (auto& l : w.locations) l.id += 1000000007;
  for (auto& s : w.samples) {
    for (auto& id : s.locations) id += 1000000007;
  }
  w.locations[0].id = 0x1'0000'0001ull;  // does not fit 32 bits
  w.samples[0].locations[0] = 0x1'0000'0001ull;
  auto p = decode(encode(w));
  ASSERT_TRUE(p.ok()) << p.error();
  check_inline_profile(*p);
}

TEST(Decode, EveryTruncationFailsWithAnOffset) {
  std::string full = encode(inline_profile());
  for (size_t n = 1; n < full.size(); ++n) {
    auto p = decode(full.substr(0, n));
    if (p.ok()) continue;  // a cut at a field boundary can still be a valid (smaller) profile
    EXPECT_EQ(p.error().rfind("offset ", 0), 0u) << n << ": " << p.error();
  }
  // Cut inside the string table: a string index is then out of range.
  auto p = decode(full.substr(0, full.size() - 3));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("offset"), std::string::npos);
}

TEST(Decode, CorruptInputsNameTheProblem) {
  // A varint that never ends.
  auto p = decode(std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().rfind("offset 0:", 0), 0u) << p.error();

  WProfile w = inline_profile();
  w.samples[0].locations.push_back(42);
  p = decode(encode(w));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("unknown location 42"), std::string::npos) << p.error();

  w = inline_profile();
  w.samples[1].values.push_back(1);
  p = decode(encode(w));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("3 values but there are 2 sample types"), std::string::npos);

  w = inline_profile();
  w.locations[0].lines[0].function = 77;
  p = decode(encode(w));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("unknown function 77"), std::string::npos) << p.error();

  w = inline_profile();
  w.locations.push_back(w.locations[0]);
  p = decode(encode(w));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("duplicate location id 7"), std::string::npos) << p.error();

  p = decode("");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error(), "offset 0: empty profile");
}

TEST(Decode, WrongWireTypeIsAnError) {
  std::string msg;
  protozero::pbf_writer pw(msg);
  pw.add_string(9, "not a varint");  // time_nanos must be a varint
  auto p = decode(msg);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("time_nanos"), std::string::npos) << p.error();
}

TEST(Decode, ElementLimit) {
  DecodeLimits lim;
  lim.max_elements = 3;
  auto p = decode(encode(inline_profile()), lim);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("element limit"), std::string::npos) << p.error();
}

TEST(Decode, DecompressionLimit) {
  WProfile w = inline_profile();
  for (int i = 0; i < 2000; ++i) w.samples.push_back(w.samples[1]);
  std::string raw = encode(w);
  DecodeLimits lim;
  lim.max_decompressed = raw.size() - 1;
  auto p = decode(gzip(raw), lim);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("exceeds the limit"), std::string::npos) << p.error();
  lim.max_decompressed = raw.size();
  EXPECT_TRUE(decode(gzip(raw), lim).ok());
}

TEST(Decode, SampleIndexRules) {
  auto p = decode(encode(inline_profile()));
  ASSERT_TRUE(p.ok());
  std::string err;
  EXPECT_EQ(sample_index(*p, "", &err), 1);  // no default_sample_type: the last
  EXPECT_EQ(sample_index(*p, "0", &err), 0);
  EXPECT_EQ(sample_index(*p, "alloc_space", &err), 0);
  EXPECT_EQ(sample_index(*p, "2", &err), -1);
  EXPECT_EQ(err, "sample_index 2 is outside the range [0..1]");
  EXPECT_EQ(sample_index(*p, "nope", &err), -1);
  WProfile w = inline_profile();
  w.sample_types = {{"alloc_space", "bytes"}, {"space", "bytes"}};
  w.default_sample_type = "alloc_space";
  p = decode(encode(w));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(sample_index(*p, "", &err), 0);
  EXPECT_EQ(sample_index(*p, "inuse_space", &err), 1);  // legacy inuse_ prefix
}

// debug=1 heap text: values are raw samples; the header rate is 2x MemProfileRate.
TEST(Legacy, HeapTextUnsamplesPerPair) {
  std::string text =
      "heap profile: 1: 4096 [2: 8192] @ heap/8192\n"
      "1: 4096 [2: 8192] @ 0x401005 0x402005 0x403005\n"
      "#\t0x401004\tmain.leaf+0x4\t/src/a.go:5\n"
      "#\t0x402004\tmain.caller+0x4\t/src/a.go:11\n"
      "#\t0x403004\tmain.main+0x4\t/src/main.go:20\n"
      "\n"
      "# runtime.MemStats\n"
      "# Alloc = 1234\n";
  auto p = decode(text);
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_EQ(p->sample_types.size(), 4u);
  EXPECT_EQ(p->sample_types[3].type, "inuse_space");
  EXPECT_EQ(p->period, 4096);
  ASSERT_EQ(p->num_samples(), 1u);
  auto v = p->sample_values(0);
  // avg 4096 bytes at rate 4096: scale 1/(1-e^-1) = 1.58197670686..., truncated.
  EXPECT_EQ(v[0], 3);      // 2 * 1.58
  EXPECT_EQ(v[1], 12959);  // 8192 * 1.58
  EXPECT_EQ(v[2], 1);
  EXPECT_EQ(v[3], 6479);
  std::vector<Frame> frames;
  expand_frames(*p, 0, frames);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].function, "main.leaf");
  EXPECT_EQ(frames[0].address, 0x401004u);
  EXPECT_EQ(frames[2].file, "/src/main.go");
  ASSERT_EQ(p->sample_labels(0).size(), 1u);
  EXPECT_EQ(p->sample_labels(0)[0].num, 4096);  // block size label
}

TEST(Legacy, HeapTextErrorsHaveLines) {
  auto p = decode(std::string("heap profile: 1: 1 [1: 1] @ heap/2\n0: 5 [0: 0] @ 0x1\n"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error(), "line 2: inuse count was 0 but inuse bytes was 5");
  p = decode(std::string("heap profile: 1: 1 [1: 1] @ heap/2\nbogus\n"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error(), "line 2: malformed heap sample");
}

TEST(Legacy, CountProfileWithLabels) {
  std::string text =
      "goroutine profile: total 5\n"
      "3 @ 0x401005 0x402005\n"
      "#\t0x401004\tmain.wait+0x4\t/src/a.go:5\n"
      "#\t0x402004\tmain.main+0x4\t/src/main.go:20\n"
      "\n"
      "2 @ 0x401005\n"
      "# labels: {\"worker\":\"a\\\"b\"}\n"
      "#\t0x401004\tmain.wait+0x4\t/src/a.go:5\n";
  auto p = decode(text);
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(p->sample_types[0].type, "goroutine");
  ASSERT_EQ(p->num_samples(), 2u);
  EXPECT_EQ(p->sample_values(0)[0], 3);
  EXPECT_EQ(p->sample_values(1)[0], 2);
  ASSERT_EQ(p->sample_labels(1).size(), 1u);
  EXPECT_EQ(p->sample_labels(1)[0].str, "a\"b");
  EXPECT_EQ(p->sample_locations(0).size(), 2u);
  // Regression: records repeat the frames of shared PCs; each PC keeps one frame.
  std::vector<Frame> frames;
  expand_frames(*p, 1, frames);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].function, "main.wait");
  expand_frames(*p, 0, frames);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].function, "main.main");
}

TEST(Legacy, UnrecognizedTextReportsTheProtoError) {
  auto p = decode("hello world\n");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().rfind("offset ", 0), 0u) << p.error();
}

}  // namespace
}  // namespace oomguard::pprof

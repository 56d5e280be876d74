#!/usr/bin/env python3
"""Checks the JSON verdict of `oomguard watch --format json` against what a run must show.

check_verdict.py VERDICT_JSON --exit-code N --target URL --out DIR --expect healthy
check_verdict.py VERDICT_JSON --exit-code N --target URL --out DIR --expect leak \
    --kind KIND --function FUNC --file FILE

Contract: {"target", "verdict": "healthy"|"leak"|"unreachable", "leaks": [{"kind", "function",
"file", "line", "growth", "unit", "message"}], "samples", "restarts", "oom_kills", "snapshots",
"summary": [{"metric", "observed", "limit", "verdict"}]}; exit 0 healthy, 1 leak, 2 unreachable.
Every failed check is printed (not only the first), then the whole document.
"""
import argparse
import json
import os
import sys

p = argparse.ArgumentParser()
p.add_argument("verdict_json")
p.add_argument("--exit-code", type=int, required=True)
p.add_argument("--target", required=True)
p.add_argument("--out", required=True, help="the --out directory given to watch")
p.add_argument("--expect", choices=["healthy", "leak"], required=True)
p.add_argument("--min-samples", type=int, default=10)
p.add_argument("--restarts", type=int, default=0, help="restarts of the target during the run")
p.add_argument("--kind")
p.add_argument("--function", help="leaks[0].function must be this or a closure of it (NAME.funcN); "
               "without it (a target with no profiles) function, file, line and snapshots are not checked")
p.add_argument("--file", help="base name leaks[0].file must have")
a = p.parse_args()

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


raw = open(a.verdict_json, encoding="utf-8", errors="replace").read()
try:
    doc = json.loads(raw)
except ValueError as e:
    print(f"FAIL: stdout of watch is not one JSON document ({e}):\n{raw[:4000]}")
    sys.exit(1)
if not check(isinstance(doc, dict), "the JSON document is not an object"):
    doc = {}

want_rc = 0 if a.expect == "healthy" else 1
check(a.exit_code == want_rc, f"exit code {a.exit_code}, want {want_rc} ({a.expect})")
check(doc.get("target") == a.target, f"target {doc.get('target')!r}, want {a.target!r}")
check(doc.get("verdict") == a.expect, f"verdict {doc.get('verdict')!r}, want {a.expect!r}")
for key in ("leaks", "snapshots", "summary"):
    check(isinstance(doc.get(key), list), f"{key} is {type(doc.get(key)).__name__}, want a list")
for key in ("samples", "restarts", "oom_kills"):
    check(isinstance(doc.get(key), int), f"{key} is {doc.get(key)!r}, want an integer")
samples = doc.get("samples")
if isinstance(samples, int):
    check(samples >= a.min_samples, f"samples {samples}, want >= {a.min_samples}")
check(doc.get("restarts") == a.restarts, f"restarts {doc.get('restarts')!r}, want {a.restarts}")
check(doc.get("oom_kills") == 0, f"oom_kills {doc.get('oom_kills')!r}, want 0")
summary = doc.get("summary") if isinstance(doc.get("summary"), list) else []
check(len(summary) > 0, "summary is empty")
for row in summary:
    check(isinstance(row, dict) and {"metric", "observed", "limit", "verdict"} <= set(row),
          f"summary row {row!r} lacks metric/observed/limit/verdict")
leaks = doc.get("leaks") if isinstance(doc.get("leaks"), list) else []
snapshots = doc.get("snapshots") if isinstance(doc.get("snapshots"), list) else []
out = os.path.realpath(a.out)
for s in snapshots:
    if check(isinstance(s, str), f"snapshot {s!r} is not a path"):
        check(os.path.isfile(s), f"snapshot {s} does not exist")
        check(os.path.realpath(s).startswith(out + os.sep), f"snapshot {s} is not under --out {a.out}")

if a.expect == "healthy":
    check(leaks == [], f"leaks reported on a healthy target: {json.dumps(leaks)[:1000]}")
else:
    if check(len(leaks) > 0, "no leaks reported"):
        top = leaks[0]
        for key in ("kind", "function", "file", "line", "growth", "unit", "message"):
            check(key in top, f"leaks[0] lacks {key}")
        check(top.get("kind") == a.kind, f"leaks[0].kind {top.get('kind')!r}, want {a.kind!r}")
        if a.function:
            fn = top.get("function") or ""
            ok = fn == a.function or fn.startswith(a.function + ".func")
            check(ok, f"leaks[0].function {fn!r}, want {a.function!r} (or one of its closures)")
            check(os.path.basename(top.get("file") or "") == a.file,
                  f"leaks[0].file {top.get('file')!r}, want a path ending in {a.file}")
            check(isinstance(top.get("line"), int) and top.get("line") > 0,
                  f"leaks[0].line {top.get('line')!r}, want a positive line")
        g = top.get("growth")
        check(isinstance(g, (int, float)) and g > 0, f"leaks[0].growth {g!r}, want > 0")
    if a.function:
        check(len(snapshots) > 0, "no snapshots captured for a leak (the trigger should capture profiles)")

if failures:
    for f in failures:
        print("FAIL:", f)
    print("--- watch's JSON:")
    print(json.dumps(doc, indent=2)[:8000])
    sys.exit(1)
lead = leaks[0] if leaks else {}
where = (f" in {lead.get('function')} ({os.path.basename(lead.get('file') or '')}:{lead.get('line')})"
         if lead.get("function") else " (no function named)")
print(f"ok: verdict {doc['verdict']}, {doc['samples']} samples"
      + (f", leaks[0] {lead.get('kind')}{where}, growth {lead.get('growth')} {lead.get('unit')}"
         if lead else ""))
for row in summary:
    print(f"  summary: {row.get('metric')}: observed {row.get('observed')}, "
          f"limit/baseline {row.get('limit')}, {row.get('verdict')}")

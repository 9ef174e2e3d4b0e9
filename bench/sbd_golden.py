#!/usr/bin/env python3
"""Sentence-boundary test sets: run `tacitus split` on each case's `text` and
compare the sentences with `expected`, whitespace-normalised.

usage: bench/sbd_golden.py [--bin PATH] [-q] [FILE.jsonl ...]
Default file: ../shared/data/sbd/pragmatic_segmenter_golden_rules_en.jsonl.
Prints failures (not with -q) and "N/M passed" per file.

The Pragmatic Segmenter rules were transcribed from Ruby source: some texts
hold the escapes \\n and \\" literally (rules 26, 40-42); we read them as the
newline and quote they denote (the expected lists already contain the real
characters)."""
import json, os, subprocess, sys

def norm(s):
    return " ".join(s.split())

def main():
    args = sys.argv[1:]
    binp = "bin/tacitus"
    quiet = False
    while args and args[0] in ("--bin", "-q"):
        if args[0] == "-q":
            quiet, args = True, args[1:]
        elif len(args) >= 2:
            binp, args = args[1], args[2:]
        else:
            break
    if not args:
        args = ["../shared/data/sbd/pragmatic_segmenter_golden_rules_en.jsonl"]
    total_fail = 0
    for path in args:
        if not os.path.exists(path):
            print("skip: %s not present" % path)
            continue
        cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        ok = 0
        for c in cases:
            text = c["text"].replace("\\n", "\n").replace('\\"', '"')
            p = subprocess.run([binp, "split", "-"],
                               input=text.encode(), capture_output=True)
            got = [norm(l) for l in p.stdout.decode("utf-8", "replace").split("\n") if l.strip()]
            exp = [norm(s) for s in c["expected"] if norm(s)]
            if got == exp:
                ok += 1
            elif not quiet:
                print("FAIL %s %s" % (c.get("id", "?"), c.get("title", "") or ""))
                print("  text:     %r" % c["text"])
                print("  expected: %r" % exp)
                print("  got:      %r" % got)
        total_fail += len(cases) - ok
        print("%s: %d/%d passed" % (os.path.basename(path), ok, len(cases)))
    return 0

if __name__ == "__main__":
    sys.exit(main())

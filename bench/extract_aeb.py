#!/usr/bin/env python3
"""ScrapingHub article-extraction benchmark for `tacitus clean` (stdlib only).

usage: bench/extract_aeb.py [TACITUS] [--worst N]
Runs `TACITUS clean --json PAGE` (falling back to plain `clean` output when
--json is not supported) on every page of
../shared/data/corpora/extraction/scrapinghub-aeb/html and scores the bodies
against ground-truth.json with the benchmark's metric (corpora.md section 1.1):
\\w+ tokens, 4-token shingles, per-page TP/FP/FN, precision and recall averaged
over pages, F1 of the two means.  Also scores the stored reference outputs of
other tools for comparison (html-text = no cleaning, readability, trafilatura).
"""
import gzip, json, os, re, subprocess, sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
AEB = os.path.join(ROOT, '..', 'shared', 'data', 'corpora', 'extraction', 'scrapinghub-aeb')
TOK = re.compile(r'\w+', re.UNICODE)


def shingles(text, n=4):
    t = TOK.findall(text or '')
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])


def page_counts(gold, pred):
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def prec(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)


def rec(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)


def score(counts):
    ps = [prec(*c) for c in counts if c[0] + c[1] > 0]
    rs = [rec(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def run_tacitus(exe, path):
    cp = subprocess.run([exe, 'clean', '--json', path], capture_output=True)
    if cp.returncode == 0 and cp.stdout.strip().startswith(b'{'):
        try:
            obj = json.loads(cp.stdout.decode('utf-8', 'replace').split('\n')[0])
            return obj.get('text') or ''
        except (ValueError, IndexError):
            pass
    cp = subprocess.run([exe, 'clean', path], capture_output=True)
    return cp.stdout.decode('utf-8', 'replace')


def main():
    args = sys.argv[1:]
    worst = 0
    if '--worst' in args:
        i = args.index('--worst')
        worst = int(args[i + 1])
        del args[i:i + 2]
    exe = args[0] if args else os.path.join(ROOT, 'bin', 'tacitus')
    if not os.path.isdir(AEB):
        print('skip: ../shared/data/corpora/extraction/scrapinghub-aeb not present')
        return 0
    gold = json.load(open(os.path.join(AEB, 'ground-truth.json'), encoding='utf-8'))
    counts, per = [], []
    for key in sorted(gold):
        pred = run_tacitus(exe, os.path.join(AEB, 'html', key + '.html.gz'))
        c = page_counts(gold[key].get('articleBody', ''), pred)
        counts.append(c)
        per.append((c, key))
    f, p, r = score(counts)
    print('tacitus           F1 %.3f  P %.3f  R %.3f  (%d pages)' % (f, p, r, len(counts)))
    for tool in ('trafilatura', 'readability', 'html-text'):
        path = os.path.join(AEB, 'reference-outputs', tool + '.json.gz')
        if not os.path.exists(path):
            continue
        out = json.load(gzip.open(path, 'rt', encoding='utf-8'))
        if 'output' in out and isinstance(out['output'], dict):
            out = out['output']
        cs = [page_counts(gold[k].get('articleBody', ''), (out.get(k) or {}).get('articleBody', ''))
              for k in sorted(gold)]
        tf, tp_, tr = score(cs)
        print('%-17s F1 %.3f  P %.3f  R %.3f' % (tool, tf, tp_, tr))
    if worst:
        per.sort(key=lambda x: prec(*x[0]) + rec(*x[0]))
        for c, key in per[:worst]:
            print('  P %.2f R %.2f  %s' % (prec(*c), rec(*c), key))
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""ScrapingHub article-extraction benchmark for `tacitus clean` (stdlib only).

usage: bench/extract_aeb.py [TACITUS] [--worst N] [--warc]
Runs `TACITUS clean --json PAGE` (falling back to plain `clean` output when
--json is not supported) on every page of
../shared/data/corpora/extraction/scrapinghub-aeb/html and scores the bodies
against ground-truth.json with the benchmark's metric (corpora.md section 1.1):
\\w+ tokens, 4-token shingles, per-page TP/FP/FN, precision and recall averaged
over pages, F1 of the two means.  Also scores the stored reference outputs of
other tools for comparison (html-text = no cleaning, readability, trafilatura).
--warc scores the same pages end to end from the constructed WARC
(../shared/data/corpora/warc/constructed/news-pages-1002.warc.gz, whose first
181 response records are the AEB pages in index.tsv order): one
`tacitus clean --json` run over the .warc.gz, documents taken in order.
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
    warc = '--warc' in args
    if warc:
        args.remove('--warc')
    exe = args[0] if args else os.path.join(ROOT, 'bin', 'tacitus')
    if not os.path.isdir(AEB):
        print('skip: ../shared/data/corpora/extraction/scrapinghub-aeb not present')
        return 0
    gold = json.load(open(os.path.join(AEB, 'ground-truth.json'), encoding='utf-8'))
    counts, per = [], []
    if warc:
        wdir = os.path.join(ROOT, '..', 'shared', 'data', 'corpora', 'warc', 'constructed')
        ids = [l.split('\t')[0] for l in open(os.path.join(wdir, 'news-pages-1002.index.tsv'))
               if l.startswith('aeb/')]
        cp = subprocess.run([exe, 'clean', '-q', '--json',
                             os.path.join(wdir, 'news-pages-1002.warc.gz')], capture_output=True)
        docs = [json.loads(l) for l in cp.stdout.decode('utf-8', 'replace').split('\n') if l.strip()]
        same = 0
        for i, rid in enumerate(ids):
            key = rid.split('/', 1)[1]
            d = docs[i] if i < len(docs) else {}
            if d.get('url') == gold[key].get('url'):
                same += 1
            c = page_counts(gold[key].get('articleBody', ''), d.get('text') or '')
            counts.append(c)
            per.append((c, key))
        f, p, r = score(counts)
        print('tacitus (WARC)    F1 %.3f  P %.3f  R %.3f  (%d pages; %d documents in the run; '
              'url equal to gold on %d)' % (f, p, r, len(counts), len(docs), same))
    for key in ([] if warc else sorted(gold)):
        pred = run_tacitus(exe, os.path.join(AEB, 'html', key + '.html.gz'))
        c = page_counts(gold[key].get('articleBody', ''), pred)
        counts.append(c)
        per.append((c, key))
    if not warc:
        f, p, r = score(counts)
        print('tacitus           F1 %.3f  P %.3f  R %.3f  (%d pages)' % (f, p, r, len(counts)))
    for tool in (() if warc else ('trafilatura', 'readability', 'html-text')):
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

#!/usr/bin/env python3
"""Tokenisation / sentence segmentation scores the CoNLL 2018 shared task way.

usage: bench/ud_seg.py GOLD.conllu SYSTEM.conllu
       bench/ud_seg.py --bin PATH GOLD.conllu RAW.txt   (runs `tacitus split --conllu`)

Tokens, words and sentences are character spans over the text with all
whitespace removed (as conll18_ud_eval.py does); Tokens and Sentences F1 count
exact span matches, Words F1 aligns words inside multi-word tokens by the
longest common subsequence of their lowercased forms.  Prints P/R/F1."""
import subprocess, sys


def load(lines):
    """-> (chars, tokens[(s,e)], words[(s,e,form,in_mwt)], sents[(s,e)])"""
    chars = []
    pos = 0
    toks, words, sents = [], [], []
    sent_start = None
    mwt_end_id = 0
    mwt_span = None
    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        if not line:
            if sent_start is not None:
                sents.append((sent_start, pos))
                sent_start = None
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise SystemExit("bad line: %r" % line)
        id_ = cols[0]
        if "." in id_:
            continue
        form = "".join(cols[1].split())
        if "-" in id_:
            a, b = id_.split("-")
            if sent_start is None:
                sent_start = pos
            s = pos
            chars.append(form)
            pos += len(form)
            toks.append((s, pos))
            mwt_end_id = int(b)
            mwt_span = (s, pos)
            continue
        wid = int(id_)
        if mwt_span is not None and wid <= mwt_end_id:
            words.append((mwt_span[0], mwt_span[1], form.lower(), True))
            if wid == mwt_end_id:
                mwt_span = None
            continue
        if sent_start is None:
            sent_start = pos
        s = pos
        chars.append(form)
        pos += len(form)
        toks.append((s, pos))
        words.append((s, pos, form.lower(), False))
    if sent_start is not None:
        sents.append((sent_start, pos))
    return "".join(chars), toks, words, sents


def prf(correct, gold, system):
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def spans_correct(g, s):
    gs = set(g)
    return sum(1 for x in s if x in gs)


def lcs(a, b):
    n, m = len(a), len(b)
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            t[i][j] = t[i + 1][j + 1] + 1 if a[i] == b[j] else max(t[i + 1][j], t[i][j + 1])
    return t[0][0]


def words_correct(gw, sw):
    """Align as conll18_ud_eval.py: words outside MWTs by span; inside a region
    of multi-word tokens by LCS of lowercased forms."""
    gi = si = 0
    correct = 0
    while gi < len(gw) and si < len(sw):
        if gw[gi][3] or sw[si][3]:
            if gw[gi][3]:
                end = gw[gi][1]
                if not sw[si][3] and sw[si][0] < gw[gi][0]:
                    si += 1
            else:
                end = sw[si][1]
                if not gw[gi][3] and gw[gi][0] < sw[si][0]:
                    gi += 1
            gs, ss = gi, si
            while (gi < len(gw) and (gw[gi][3] or gw[gi][0] < end)) or \
                  (si < len(sw) and (sw[si][3] or sw[si][0] < end)):
                if gi < len(gw) and (si >= len(sw) or gw[gi][0] <= sw[si][0]):
                    end = max(end, gw[gi][1])
                    gi += 1
                else:
                    end = max(end, sw[si][1])
                    si += 1
            correct += lcs([x[2] for x in gw[gs:gi]], [x[2] for x in sw[ss:si]])
            continue
        g, s = gw[gi], sw[si]
        if (g[0], g[1]) == (s[0], s[1]):
            correct += 1
            gi += 1
            si += 1
        elif g[0] <= s[0]:
            gi += 1
        else:
            si += 1
    return correct


def main():
    args = sys.argv[1:]
    binp = None
    if len(args) >= 2 and args[0] == "--bin":
        binp, args = args[1], args[2:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold = load(open(args[0], encoding="utf-8"))
    if binp:
        out = subprocess.run([binp, "split", "--conllu", args[1]], capture_output=True, check=True)
        sysd = load(out.stdout.decode("utf-8").splitlines())
    else:
        sysd = load(open(args[1], encoding="utf-8"))
    if gold[0] != sysd[0]:
        k = next((i for i, (a, b) in enumerate(zip(gold[0], sysd[0])) if a != b),
                 min(len(gold[0]), len(sysd[0])))
        print("text mismatch at char %d: gold %r system %r" % (k, gold[0][k:k + 30], sysd[0][k:k + 30]))
        return 1
    rows = [("Tokens", spans_correct(gold[1], sysd[1]), len(gold[1]), len(sysd[1])),
            ("Words", words_correct(gold[2], sysd[2]), len(gold[2]), len(sysd[2])),
            ("Sentences", spans_correct(gold[3], sysd[3]), len(gold[3]), len(sysd[3]))]
    print("Metric     | Precision |    Recall |  F1 Score")
    for name, c, g, s in rows:
        p, r, f = prf(c, g, s)
        print("%-10s | %9.2f | %9.2f | %9.2f" % (name, 100 * p, 100 * r, 100 * f))
    return 0


if __name__ == "__main__":
    sys.exit(main())

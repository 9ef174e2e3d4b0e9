#!/usr/bin/env python3
"""Publication-date accuracy of `tacitus clean --json` on the htmldate MediaCloud
2020 set (../shared/data/corpora/dates/htmldate-mediacloud2020), stdlib only.

usage: bench/dates.py [TACITUS] [--errors]
Accuracy = pages whose extracted day equals the gold day; pages whose gold is
NaN (no date) count as correct when no date is extracted (htmldate's
convention).  Pages are read from their files, without the URL (the URL the
page names itself, canonical / og:url, is used by the extractor).
"""
import json, math, os, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
D = os.path.join(ROOT, '..', 'shared', 'data', 'corpora', 'dates', 'htmldate-mediacloud2020')


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    show = '--errors' in sys.argv
    exe = args[0] if args else os.path.join(ROOT, 'bin', 'tacitus')
    if not os.path.isdir(D):
        print('skip: ../shared/data/corpora/dates not present')
        return 0
    gold = json.loads(open(os.path.join(D, 'eval_mediacloud_2020.json'), encoding='utf-8').read(),
                      parse_constant=lambda c: None)
    n = ok = found = tp = 0
    errors = []
    for url, g in sorted(gold.items()):
        want = g.get('date')
        if isinstance(want, float) and math.isnan(want):
            want = None
        path = os.path.join(D, 'html', g['file'] + '.gz')
        cp = subprocess.run([exe, 'clean', '-q', '--json', path], capture_output=True)
        got = None
        for line in cp.stdout.decode('utf-8', 'replace').split('\n'):
            try:
                got = json.loads(line).get('date')
            except ValueError:
                pass
            break
        n += 1
        if got:
            found += 1
        if got == want:
            ok += 1
            if got:
                tp += 1
        else:
            errors.append((g['file'], want, got, url))
    print('dates: accuracy %.3f (%d/%d)  precision %.3f  recall %.3f' %
          (ok / n, ok, n, tp / found if found else 0.0,
           tp / sum(1 for g in gold.values() if g.get('date')) if n else 0.0))
    if show:
        for e in errors:
            print('  %s gold %s got %s  %s' % e)
    return 0


if __name__ == '__main__':
    sys.exit(main())

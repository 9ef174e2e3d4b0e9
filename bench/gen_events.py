#!/usr/bin/env python3
"""gen_events.py N [--seed S] [--dup F] [--days D] [--start YYYY-MM-DD] > events.jsonl

Writes N synthetic events in tacitus event JSONL (docs/events.md) to stdout.  Stdlib only.
About a fraction F (default 0.2) of events re-report an earlier event (same date, source,
target, code) from another document and outlet, so the store's dedup has work to do.
Documents hold 1-8 events; sentences and actors are made up but plausible."""
import argparse
import datetime
import json
import random
import sys

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "PSE", "TUR", "IND",
             "PAK", "JPN", "KOR", "PRK", "SYR", "IRQ", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX",
             "POL", "BLR", "GEO", "ARM", "AZE", "KAZ", "AFG", "VEN", "COL", "ETH", "SDN", "YEM"]
ROLES = ["", "GOV", "MIL", "GOV", "COP", "OPP", "REB", "BUS", "MED", "CVL"]
IGOS = ["IGOUNO", "IGOEUR", "IGONAT", "IGOAFU", "NGO", "IGOWTO"]
CODES = ["010", "012", "013", "020", "0233", "030", "036", "040", "041", "042", "043", "044",
         "046", "051", "057", "061", "071", "073", "0841", "0871", "090", "100", "1041", "106",
         "111", "112", "1121", "120", "125", "130", "138", "141", "145", "154", "163", "172",
         "173", "181", "183", "186", "190", "193", "194", "195", "196", "202"]
VERBS = {"01": "said", "02": "appealed to", "03": "pledged to help", "04": "met", "05": "praised",
         "06": "agreed to cooperate with", "07": "sent aid to", "08": "released prisoners of",
         "09": "investigated", "10": "demanded that", "11": "accused", "12": "rejected",
         "13": "threatened", "14": "protested against", "15": "mobilized troops near",
         "16": "imposed sanctions on", "17": "arrested", "18": "attacked", "19": "shelled",
         "20": "massacred"}
NAMES = {"USA": "Washington", "RUS": "Moscow", "UKR": "Kyiv", "CHN": "Beijing", "GBR": "London",
         "FRA": "Paris", "DEU": "Berlin", "IRN": "Tehran", "ISR": "Israel", "TUR": "Ankara"}
OUTLETS = ["example-wire.org", "daily-ledger.net", "northern-courier.com", "global-desk.info",
           "evening-tribune.org", "harbor-times.net", "capital-monitor.com", "river-post.org",
           "mountain-herald.net", "coastal-report.com", "plains-gazette.org", "city-bulletin.net"]


def actor(rng):
    if rng.random() < 0.08:
        return rng.choice(IGOS)
    # skewed: a few countries dominate, as in news
    c = COUNTRIES[min(int(rng.expovariate(1 / 6.0)), len(COUNTRIES) - 1)]
    return c + rng.choice(ROLES)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup", type=float, default=0.2)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--start", default="2024-01-01")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = datetime.date.fromisoformat(a.start)
    out = sys.stdout
    recent = []
    doc_no = 0
    left_in_doc = 0
    sent = 0
    doc = outlet = url = pub = None
    w = out.write
    for i in range(a.n):
        if left_in_doc == 0:
            doc_no += 1
            left_in_doc = rng.randint(1, 8)
            sent = 0
            outlet = rng.choice(OUTLETS)
            doc = "d%07d" % doc_no
            url = "https://%s/news/%s" % (outlet, doc)
            day = start + datetime.timedelta(days=min(int((i / max(a.n, 1)) * a.days), a.days - 1))
            pub = day.isoformat()
        left_in_doc -= 1
        if recent and rng.random() < a.dup:
            date, src, tgt, code = rng.choice(recent)
        else:
            d = datetime.date.fromisoformat(pub) - datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
            src = actor(rng)
            tgt = actor(rng)
            while tgt[:3] == src[:3]:
                tgt = actor(rng)
            code = rng.choice(CODES)
            date = d.isoformat()
            recent.append((date, src, tgt, code))
            if len(recent) > 2000:
                recent.pop(0)
        sname = NAMES.get(src[:3], src[:3].title())
        tname = NAMES.get(tgt[:3], tgt[:3].title())
        verb = VERBS[code[:2]]
        sentence = "%s %s %s on %s, officials said." % (sname, verb, tname, date)
        base = sent * 120
        ev = {"doc": doc, "sent": sent, "date": date, "source": src, "target": tgt, "code": code,
              "source_text": sname, "target_text": tname, "verb": verb, "sentence": sentence,
              "offsets": {"source": [base, base + len(sname)],
                          "verb": [base + len(sname) + 1, base + len(sname) + 1 + len(verb)],
                          "target": [base + len(sname) + len(verb) + 2,
                                     base + len(sname) + len(verb) + 2 + len(tname)]},
              "pattern": "synthetic", "url": url, "outlet": outlet, "pubdate": pub}
        w(json.dumps(ev, separators=(",", ":")))
        w("\n")
        sent += 1


if __name__ == "__main__":
    main()

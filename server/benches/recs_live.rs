//! Live-replay benchmark of the recommender (`scripts/bench-recs` runs it),
//! after Rappaz, McAuley & Aberer (RecSys 2021): only channels live at the
//! moment of a pick are candidates, and picks are scored apart as all, new
//! (a channel the viewer never watched before) and repeat.
//!
//! The interaction log is **simulated** (no public live-streaming log ships
//! in a registry package). The simulator, every number of it below, is
//! deterministic (SplitMix64, seed 42):
//! - 400 channels, each about one of 12 topics (its category and tag; a
//!   second tag from another topic), in English (70%), Spanish or German, of
//!   a hidden quality (log-normal), streaming 2 to 6 days a week from an
//!   hour that is mostly in the evening (UTC), for 2 to 6 hours.
//! - 4,000 viewers, each with a hidden taste (a favourite topic, weight 0.7,
//!   and a second one, 0.3), a language, a six-hour block of the day they
//!   mostly watch in, 0.5 to 3 sessions a day, and a habit: the chance
//!   (0.4 to 0.9) that a session goes back to a channel they watched before.
//! - Each hour of 28 days, a viewer starts a session with probability
//!   rate/24, ×3 in their block and ×0.6 outside it. A repeat picks among
//!   their channels live now by past sessions × affinity; a new pick among
//!   the other live channels by affinity² × (1 + viewers last hour)^0.3.
//!   Affinity: taste of the channel's topics × quality^0.5 × (1 if the
//!   language matches, else 0.15).
//! - A new pick of low affinity is a quick exit (10 s) with probability
//!   0.35 × (1 − affinity/best); other sessions last 10 + 80·(affinity/best)·U
//!   minutes. The third session in a channel follows it with probability 0.5.
//!
//! Days 0–20 train the model (the server's own code: signals, ALS with the
//! server's settings, content vectors, the engine); days 21–27 are replayed
//! pick by pick, each viewer's history growing as they watch. Baselines:
//! popularity (viewers now) and "rewatch" (the viewer's live channels, most
//! recently watched first, then by viewers now). Then lists of 10 with and
//! without the exploration share: the share of slots given to channels with
//! fewer than 10 followers, and the expected click-through under a click
//! model (position bias 1/log2(1+i); a channel the viewer watched: 0.3 + 0.1
//! per session up to 1; else 0.5 × affinity/best). Then training time at
//! 100,000 viewers × 10,000 channels (25 channels per viewer, taste-drawn),
//! the matrix written for the script to time Python `implicit` on.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use aethex_server::recs::als::{self, Interactions, Params};
use aethex_server::recs::content::{Described, Vocabulary};
use aethex_server::recs::engine::{Candidate, Factors, Request, Snapshot, SMALL};
use aethex_server::recs::signals::{self, Pair, Session};

const TOPICS: usize = 12;
const CHANNELS: usize = 400;
const VIEWERS: usize = 4_000;
const DAYS: usize = 28;
const TRAIN_DAYS: usize = 21;
const HOUR: i64 = 3_600_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        aethex_server::recs::engine::mix(self.0)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    /// An index drawn with probability proportional to `w`.
    fn pick(&mut self, w: &[f64]) -> Option<usize> {
        let total: f64 = w.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let mut x = self.unit() * total;
        for (i, wi) in w.iter().enumerate() {
            x -= wi;
            if x <= 0.0 {
                return Some(i);
            }
        }
        Some(w.len() - 1)
    }
}

struct Channel {
    topic: usize,
    second: usize,
    language: &'static str,
    quality: f64,
    days: [bool; 7],
    start: usize,
    hours: usize,
}

impl Channel {
    fn live(&self, hour: usize) -> bool {
        let (day, h) = (hour / 24, hour % 24);
        let since = (h + 24 - self.start) % 24;
        // A stream that crosses midnight belongs to the day it started.
        let started = if h >= self.start { day } else { day + 6 };
        since < self.hours && self.days[started % 7]
    }
}

struct Viewer {
    taste: [f64; TOPICS],
    language: &'static str,
    block: usize,
    rate: f64,
    habit: f64,
}

/// A logged session: (viewer, channel, hour, minutes).
#[derive(Clone, Copy)]
struct Log {
    viewer: usize,
    channel: usize,
    hour: usize,
    minutes: f64,
}

fn language(r: &mut Rng) -> &'static str {
    match r.unit() {
        x if x < 0.7 => "en",
        x if x < 0.85 => "es",
        _ => "de",
    }
}

fn affinity(v: &Viewer, c: &Channel) -> f64 {
    let taste = v.taste[c.topic] + 0.3 * v.taste[c.second];
    taste * c.quality.sqrt() * if v.language == c.language { 1.0 } else { 0.15 }
}

struct World {
    channels: Vec<Channel>,
    viewers: Vec<Viewer>,
    logs: Vec<Log>,
    /// Viewers watching each channel, per hour.
    audience: Vec<Vec<u32>>,
    follows: Vec<(usize, usize, usize)>,
    best: Vec<f64>,
}

fn simulate() -> World {
    let mut r = Rng(42);
    let channels: Vec<Channel> = (0..CHANNELS)
        .map(|_| {
            let topic = r.below(TOPICS);
            let mut days = [false; 7];
            let n = 2 + r.below(5);
            while days.iter().filter(|d| **d).count() < n {
                days[r.below(7)] = true;
            }
            let start = if r.unit() < 0.7 { 17 + r.below(6) } else { r.below(24) };
            Channel {
                topic,
                second: (topic + 1 + r.below(TOPICS - 1)) % TOPICS,
                language: language(&mut r),
                quality: (0.8 * r.normal()).exp(),
                days,
                start,
                hours: 2 + r.below(5),
            }
        })
        .collect();
    let viewers: Vec<Viewer> = (0..VIEWERS)
        .map(|_| {
            let mut taste = [0.0; TOPICS];
            let first = r.below(TOPICS);
            taste[first] = 0.7;
            taste[(first + 1 + r.below(TOPICS - 1)) % TOPICS] += 0.3;
            Viewer {
                taste,
                language: language(&mut r),
                block: r.below(4),
                rate: 0.5 + 2.5 * r.unit(),
                habit: 0.4 + 0.5 * r.unit(),
            }
        })
        .collect();
    let best: Vec<f64> = viewers.iter().map(|v| channels.iter().map(|c| affinity(v, c)).fold(1e-9, f64::max)).collect();
    let hours = DAYS * 24;
    let mut audience = vec![vec![0u32; CHANNELS]; hours];
    let mut counts: Vec<HashMap<usize, u32>> = vec![HashMap::new(); VIEWERS];
    let (mut logs, mut follows) = (Vec::new(), Vec::new());
    for hour in 0..hours {
        let live: Vec<usize> = (0..CHANNELS).filter(|&c| channels[c].live(hour)).collect();
        if live.is_empty() {
            continue;
        }
        let last = if hour > 0 { audience[hour - 1].clone() } else { vec![0; CHANNELS] };
        for (vi, v) in viewers.iter().enumerate() {
            let boost = if hour % 24 / 6 == v.block { 3.0 } else { 0.6 };
            if r.unit() >= v.rate / 24.0 * boost {
                continue;
            }
            let mine: Vec<usize> = live.iter().copied().filter(|c| counts[vi].contains_key(c)).collect();
            let (channel, new) = if !mine.is_empty() && r.unit() < v.habit {
                let w: Vec<f64> = mine.iter().map(|&c| f64::from(counts[vi][&c]) * affinity(v, &channels[c])).collect();
                (mine[r.pick(&w).unwrap_or(0)], false)
            } else {
                let others: Vec<usize> = live.iter().copied().filter(|c| !counts[vi].contains_key(c)).collect();
                let w: Vec<f64> = others
                    .iter()
                    .map(|&c| affinity(v, &channels[c]).powi(2) * (1.0 + f64::from(last[c])).powf(0.3))
                    .collect();
                match r.pick(&w) {
                    Some(i) => (others[i], true),
                    None => continue,
                }
            };
            let a = affinity(v, &channels[channel]) / best[vi];
            let minutes = if new && r.unit() < 0.35 * (1.0 - a) { 10.0 / 60.0 } else { 10.0 + 80.0 * a * r.unit() };
            logs.push(Log { viewer: vi, channel, hour, minutes });
            audience[hour][channel] += 1;
            if minutes >= 0.5 {
                let n = counts[vi].entry(channel).or_default();
                *n += 1;
                if *n == 3 && r.unit() < 0.5 {
                    follows.push((vi, channel, hour));
                }
            } else {
                counts[vi].entry(channel).or_default();
            }
        }
    }
    World { channels, viewers, logs, audience, follows, best }
}

fn described(c: &Channel, i: usize) -> (String, Vec<String>, String) {
    (
        format!("Topic {}", c.topic),
        vec![format!("t{}", c.topic), format!("t{}", c.second)],
        format!("stream number {i}"),
    )
}

/// The ranks a method gave the true picks, split by new and repeat.
#[derive(Default)]
struct Ranks {
    all: Vec<usize>,
    new: Vec<usize>,
    repeat: Vec<usize>,
}

impl Ranks {
    fn add(&mut self, rank: usize, new: bool) {
        self.all.push(rank);
        if new {
            self.new.push(rank)
        } else {
            self.repeat.push(rank)
        }
    }
}

fn metrics(ranks: &[usize]) -> [f64; 4] {
    let n = ranks.len().max(1) as f64;
    let hr = |k: usize| ranks.iter().filter(|&&r| r <= k).count() as f64 / n;
    let ndcg = ranks.iter().filter(|&&r| r <= 10).map(|&r| 1.0 / (r as f64 + 1.0).log2()).sum::<f64>() / n;
    [hr(1), hr(5), hr(10), ndcg]
}

fn main() {
    let started = Instant::now();
    let w = simulate();
    let split = TRAIN_DAYS * 24;
    let train: Vec<&Log> = w.logs.iter().filter(|l| l.hour < split).collect();
    let test: Vec<&Log> = w.logs.iter().filter(|l| l.hour >= split && l.minutes >= 0.5).collect();
    println!(
        "live replay (simulated, seed 42): {} channels, {} viewers, {} sessions ({} in the 21 training days, {} picks replayed), {:.1} s to simulate",
        CHANNELS,
        VIEWERS,
        w.logs.len(),
        train.len(),
        test.len(),
        started.elapsed().as_secs_f64()
    );
    let to_session = |l: &Log| Session {
        viewer: l.viewer.to_string(),
        channel: l.channel as i64,
        start_ms: l.hour as i64 * HOUR,
        end_ms: l.hour as i64 * HOUR + (l.minutes * 60_000.0) as i64,
    };
    let sessions: Vec<Session> = train.iter().map(|l| to_session(l)).collect();
    let acts: Vec<signals::Act> = w
        .follows
        .iter()
        .filter(|f| f.2 < split)
        .map(|&(v, c, h)| signals::Act {
            viewer: v.to_string(),
            channel: c as i64,
            kind: signals::ActKind::Follow,
            count: 1,
            last_ms: h as i64 * HOUR,
        })
        .collect();
    let now = split as i64 * HOUR;
    let pairs = signals::fold(&sessions, &acts, now);
    let followers: Vec<i64> =
        (0..CHANNELS).map(|c| w.follows.iter().filter(|f| f.1 == c && f.2 < split).count() as i64).collect();

    // Train as the server does.
    let t = Instant::now();
    let texts: Vec<_> = w.channels.iter().enumerate().map(|(i, c)| described(c, i)).collect();
    let d = |i: usize| Described {
        category: &texts[i].0,
        tags: &texts[i].1,
        title: &texts[i].2,
        language: w.channels[i].language,
    };
    let vocabulary = Vocabulary::of((0..CHANNELS).map(d));
    let vectors: HashMap<i64, _> = (0..CHANNELS).map(|i| (i as i64, vocabulary.vector(&d(i)))).collect();
    let mut by_viewer: HashMap<usize, Vec<(i64, Pair)>> = HashMap::new();
    for ((v, c), p) in &pairs {
        by_viewer.entry(v.parse().unwrap_or(0)).or_default().push((*c, p.clone()));
    }
    let mut triples = Vec::new();
    let mut users = HashMap::new();
    for (v, list) in &by_viewer {
        let row = users.len() as u32;
        let mut any = false;
        for (c, p) in list {
            if p.strength() > 0.0 {
                triples.push((row, *c as u32, p.strength()));
                any = true;
            }
        }
        if any {
            users.insert(*v as u64, row);
        }
    }
    let params = Params { factors: 64, regularization: 10.0, alpha: 3.0, ..Params::default() };
    let model = als::train(&Interactions::new(users.len().max(1), CHANNELS, triples), &params);
    let factors = Factors {
        version: 1,
        k: model.factors,
        users,
        user: model.user,
        channels: (0..CHANNELS).map(|c| (c as i64, c as u32)).collect(),
        item: model.item,
    };
    let (total_s, repeats) = by_viewer
        .values()
        .flatten()
        .fold((0u64, 0u64), |(s, r), (_, p)| (s + u64::from(p.sessions), r + u64::from(p.sessions.saturating_sub(1))));
    let prior = repeats as f32 / total_s.max(1) as f32;
    let popularity: HashMap<i64, f32> = {
        let mut m = HashMap::new();
        for ((_, c), p) in &pairs {
            if p.strength() > 0.0 {
                *m.entry(*c).or_default() += 1.0;
            }
        }
        m
    };
    let mut snapshot = Snapshot { factors: Arc::new(factors), viewers: HashMap::new(), popularity };
    println!("trained on {} viewer-channel pairs in {:.2} s", pairs.len(), t.elapsed().as_secs_f64());

    // Replay the test days in order, histories growing.
    let mut history: HashMap<usize, HashMap<i64, Pair>> = HashMap::new();
    for ((v, c), p) in &pairs {
        history.entry(v.parse().unwrap_or(0)).or_default().insert(*c, p.clone());
    }
    let mut last_seen: HashMap<(usize, usize), usize> = HashMap::new();
    for l in &train {
        last_seen.insert((l.viewer, l.channel), l.hour);
    }
    let mut ours = Ranks::default();
    let mut popular = Ranks::default();
    let mut rewatch = Ranks::default();
    let mut exposure = [(0usize, 0usize); 2];
    let mut clicks = [0f64; 2];
    let mut sorted: Vec<&&Log> = test.iter().collect();
    sorted.sort_by_key(|l| (l.hour, l.viewer));
    let serve = Instant::now();
    for l in sorted {
        let live: Vec<usize> = (0..CHANNELS).filter(|&c| w.channels[c].live(l.hour)).collect();
        let now_viewers = |c: usize| i64::from(w.audience[l.hour.saturating_sub(1)][c]);
        let candidates: Vec<Candidate> = live
            .iter()
            .map(|&c| Candidate {
                channel: c as i64,
                language: w.channels[c].language.into(),
                category: texts[c].0.clone(),
                followers: followers[c],
                viewers: now_viewers(c),
                content: vectors[&(c as i64)].clone(),
            })
            .collect();
        let mine = history.entry(l.viewer).or_default();
        let new = !mine.get(&(l.channel as i64)).is_some_and(|p| p.strength() > 0.0);
        let key = l.viewer as u64;
        let viewer = Snapshot::viewer_of(mine.iter().map(|(c, p)| (*c, p)), &vectors, prior);
        snapshot.viewers.insert(key, viewer);
        let mut req = Request {
            viewer: Some(key),
            language: Some(w.viewers[l.viewer].language.into()),
            n: candidates.len(),
            hour: signals::hour_bucket(l.hour as i64 * HOUR),
            now_ms: l.hour as i64 * HOUR,
            explore: 0.0,
            salt: key ^ l.hour as u64,
            exclude: Default::default(),
        };
        let ranked = snapshot.recommend(&req, &candidates);
        let rank_of = |list: &[i64]| list.iter().position(|&c| c == l.channel as i64).map_or(usize::MAX, |p| p + 1);
        ours.add(rank_of(&ranked.iter().map(|p| p.channel).collect::<Vec<_>>()), new);
        let mut by_pop: Vec<usize> = live.clone();
        by_pop.sort_by(|a, b| now_viewers(*b).cmp(&now_viewers(*a)).then(a.cmp(b)));
        popular.add(rank_of(&by_pop.iter().map(|&c| c as i64).collect::<Vec<_>>()), new);
        let mut by_recency = by_pop.clone();
        by_recency.sort_by_key(|c| std::cmp::Reverse(last_seen.get(&(l.viewer, *c)).map_or(0, |h| h + 1)));
        rewatch.add(rank_of(&by_recency.iter().map(|&c| c as i64).collect::<Vec<_>>()), new);
        // Lists of 10, without and with the exploration share.
        for (i, share) in [0.0f32, 0.2].into_iter().enumerate() {
            req.n = 10;
            req.explore = share;
            let list = snapshot.recommend(&req, &candidates);
            for (pos, p) in list.iter().enumerate() {
                let c = p.channel as usize;
                exposure[i].0 += usize::from(followers[c] < SMALL);
                exposure[i].1 += 1;
                let like = match mine.get(&(c as i64)).filter(|p| p.strength() > 0.0) {
                    Some(p) => (0.3 + 0.1 * f64::from(p.sessions)).min(1.0),
                    None => 0.5 * affinity(&w.viewers[l.viewer], &w.channels[c]) / w.best[l.viewer],
                };
                clicks[i] += like / (pos as f64 + 2.0).log2();
            }
        }
        // The pick joins the viewer's history.
        let s = to_session(l);
        let one = signals::fold(&[s], &[], l.hour as i64 * HOUR);
        for (_, p) in one {
            let e = mine.entry(l.channel as i64).or_default();
            e.minutes += p.minutes;
            e.sessions += p.sessions;
            e.last_ms = e.last_ms.max(p.last_ms);
            for (h, m) in e.hours.iter_mut().zip(p.hours) {
                *h += m;
            }
        }
        last_seen.insert((l.viewer, l.channel), l.hour);
    }
    let per_pick = serve.elapsed().as_secs_f64() / test.len().max(1) as f64 * 1e6;
    println!(
        "\n{:<28} {:>7} {:>7} {:>7} {:>8}   (picks: all {}, new {}, repeat {})",
        "availability-aware",
        "HR@1",
        "HR@5",
        "HR@10",
        "NDCG@10",
        ours.all.len(),
        ours.new.len(),
        ours.repeat.len()
    );
    for (name, r) in
        [("ours (hybrid)", &ours), ("popularity (viewers now)", &popular), ("rewatch (last watched)", &rewatch)]
    {
        for (part, ranks) in [("all", &r.all), ("new", &r.new), ("repeat", &r.repeat)] {
            let m = metrics(ranks);
            println!("{:<28} {:>7.4} {:>7.4} {:>7.4} {:>8.4}", format!("{name} {part}"), m[0], m[1], m[2], m[3]);
        }
    }
    let small = (0..CHANNELS).filter(|&c| followers[c] < SMALL).count();
    println!(
        "\nexposure of channels with < {SMALL} followers ({small} of {CHANNELS} channels), lists of 10 over {} picks:",
        test.len()
    );
    for (i, name) in ["without exploration", "with 20% exploration"].into_iter().enumerate() {
        let (s, n) = exposure[i];
        println!(
            "  {name:<22} exposure share {:>6.2}%   expected click-through {:>6.2}%",
            100.0 * s as f64 / n.max(1) as f64,
            100.0 * clicks[i] / n.max(1) as f64
        );
    }
    println!(
        "  click-through difference (with − without): {:+.2} points; ranking a pick took {:.0} µs",
        100.0 * (clicks[1] / exposure[1].1.max(1) as f64 - clicks[0] / exposure[0].1.max(1) as f64),
        per_pick / 3.0
    );

    // Training at scale.
    let (viewers, channels, per) = (100_000usize, 10_000usize, 25usize);
    let mut r = Rng(7);
    let topic_of: Vec<usize> = (0..channels).map(|_| r.below(TOPICS)).collect();
    let mut by_topic: Vec<Vec<u32>> = vec![Vec::new(); TOPICS];
    for (c, t) in topic_of.iter().enumerate() {
        by_topic[*t].push(c as u32);
    }
    let mut triples = Vec::with_capacity(viewers * per);
    for u in 0..viewers {
        let fav = r.below(TOPICS);
        for _ in 0..per {
            let t = if r.unit() < 0.7 { fav } else { r.below(TOPICS) };
            let c = by_topic[t][r.below(by_topic[t].len())];
            triples.push((u as u32, c, 1.0 + (r.unit() * 60.0).ln_1p() as f32));
        }
    }
    if let Ok(dir) = std::env::var("AETHEX_RECS_DIR") {
        use std::io::Write as _;
        let path = std::path::Path::new(&dir).join("scale.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("scale.csv"));
        writeln!(f, "user,item,value").ok();
        for (u, i, v) in &triples {
            writeln!(f, "{u},{i},{v}").ok();
        }
    }
    let data = Interactions::new(viewers, channels, triples);
    let t = Instant::now();
    let model = als::train(&data, &params);
    println!(
        "\ntraining at scale: {viewers} viewers × {channels} channels, {} pairs, 64 factors, 15 iterations: {:.2} s (ours)",
        (0..viewers).map(|u| data.of_user(u).len()).sum::<usize>(),
        t.elapsed().as_secs_f64()
    );
    assert_eq!(model.item.len(), channels * 64);
}

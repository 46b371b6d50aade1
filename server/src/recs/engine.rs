//! Ranking: the hybrid that turns factors, a viewer's history, channels'
//! content and what is live now into a list. Pure: the service hands it a
//! [`Snapshot`] and the live [`Candidate`]s.
//!
//! After Rappaz, McAuley & Aberer (RecSys 2021): only live channels can be
//! offered, and most viewing is going back to channels one already watches,
//! so repeats and discoveries are scored apart. Every channel starts from
//! the ALS factors' predicted preference. Repeats (their channels live now)
//! add a bonus by how much (recency-weighted) they watch each and whether
//! this is the time of day they usually do, larger for viewers who mostly
//! go back (their repeat rate, smoothed toward the platform's).
//! Discoveries add the cosine between their taste (the content of what
//! they watch) and the channel, so channels no one has watched yet still
//! score. A quick exit is never offered again. A viewer with no history (or who opted out)
//! gets what is popular in their language, at most two per category first.
//! A share of slots goes to channels with fewer than [`SMALL`] followers.

use std::collections::{HashMap, HashSet};

use super::content::{self, Sparse};
use super::signals::Pair;

/// Channels with fewer followers than this are "small" for exploration.
pub const SMALL: i64 = 10;

/// ALS factors as trained: what a model version is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Factors {
    /// Model version (monotonic).
    pub version: i64,
    /// Latent dimensions.
    pub k: usize,
    /// Viewer keys (keyed hashes of pseudonyms) to rows.
    pub users: HashMap<u64, u32>,
    /// users × k.
    pub user: Vec<f32>,
    /// Channel ids to rows.
    pub channels: HashMap<i64, u32>,
    /// channels × k.
    pub item: Vec<f32>,
}

/// Why a stored model could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodecError {
    /// Not our format, or a newer one.
    #[error("not a model file (magic or format version)")]
    Format,
    /// Shorter or longer than its header says.
    #[error("model file has the wrong length")]
    Length,
    /// Sizes out of bounds.
    #[error("model file sizes out of bounds")]
    Bounds,
}

const MAGIC: &[u8; 4] = b"AXR1";

impl Factors {
    /// Little-endian: magic, k, users, channels (u32 each), user keys (u64),
    /// channel ids (i64), then user and channel factors (f32).
    pub fn encode(&self) -> Vec<u8> {
        let mut users: Vec<(u64, u32)> = self.users.iter().map(|(&k, &v)| (k, v)).collect();
        users.sort_unstable_by_key(|(_, row)| *row);
        let mut channels: Vec<(i64, u32)> = self.channels.iter().map(|(&k, &v)| (k, v)).collect();
        channels.sort_unstable_by_key(|(_, row)| *row);
        let mut out =
            Vec::with_capacity(16 + users.len() * 8 + channels.len() * 8 + (self.user.len() + self.item.len()) * 4);
        out.extend_from_slice(MAGIC);
        for n in [self.k, users.len(), channels.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        users.iter().for_each(|(key, _)| out.extend_from_slice(&key.to_le_bytes()));
        channels.iter().for_each(|(id, _)| out.extend_from_slice(&id.to_le_bytes()));
        self.user.iter().chain(&self.item).for_each(|f| out.extend_from_slice(&f.to_le_bytes()));
        out
    }

    /// Read what [`Factors::encode`] wrote.
    pub fn decode(version: i64, bytes: &[u8]) -> Result<Self, CodecError> {
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return Err(CodecError::Format);
        }
        let word = |i: usize| u32::from_le_bytes(bytes[4 + 4 * i..8 + 4 * i].try_into().unwrap_or_default()) as usize;
        let (k, n_users, n_items) = (word(0), word(1), word(2));
        if k == 0 || k > 1024 || n_users > 50_000_000 || n_items > 50_000_000 {
            return Err(CodecError::Bounds);
        }
        let want = 16 + 8 * (n_users + n_items) + 4 * k * (n_users + n_items);
        if bytes.len() != want {
            return Err(CodecError::Length);
        }
        let mut at = 16;
        let mut eight = || {
            let v: [u8; 8] = bytes[at..at + 8].try_into().unwrap_or_default();
            at += 8;
            v
        };
        let users = (0..n_users).map(|row| (u64::from_le_bytes(eight()), row as u32)).collect();
        let channels = (0..n_items).map(|row| (i64::from_le_bytes(eight()), row as u32)).collect();
        let floats: Vec<f32> = bytes[16 + 8 * (n_users + n_items)..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        let (user, item) = floats.split_at(n_users * k);
        Ok(Self { version, k, users, user: user.to_vec(), channels, item: item.to_vec() })
    }

    fn user_row(&self, key: u64) -> Option<&[f32]> {
        let row = *self.users.get(&key)? as usize;
        self.user.get(row * self.k..(row + 1) * self.k)
    }

    fn item_row(&self, channel: i64) -> Option<&[f32]> {
        let row = *self.channels.get(&channel)? as usize;
        self.item.get(row * self.k..(row + 1) * self.k)
    }
}

/// A channel the viewer watched (or acted in).
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    /// The channel.
    pub channel: i64,
    /// The pair's strength ([`Pair::strength`]); 0 when only quick exits.
    pub weight: f32,
    /// Minutes by six-hour bucket of the day.
    pub hours: [f32; 4],
    /// Last activity (ms).
    pub last_ms: i64,
}

/// What the engine knows of one viewer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Viewer {
    /// Channels with any evidence, rejected ones (weight 0) included.
    pub seen: Vec<Seen>,
    /// Share of this viewer's sessions that went back to a channel they had
    /// watched before, smoothed toward the platform's.
    pub repeat_rate: f32,
    /// The blend of what they watch, for content similarity.
    pub taste: Sparse,
}

/// A channel that can be offered now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidate {
    /// Channel id.
    pub channel: i64,
    /// Its language.
    pub language: String,
    /// Its category.
    pub category: String,
    /// Followers.
    pub followers: i64,
    /// Viewers now.
    pub viewers: i64,
    /// Its content vector.
    pub content: Sparse,
}

/// Everything ranking needs apart from who is live.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The trained factors.
    pub factors: std::sync::Arc<Factors>,
    /// Viewers with history, by key.
    pub viewers: HashMap<u64, Viewer>,
    /// Each channel's recent audience (distinct viewers, recency-weighted).
    pub popularity: HashMap<i64, f32>,
}

/// Why a channel is in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One of the viewer's channels.
    Watched,
    /// A discovery for this viewer.
    ForYou,
    /// Popular (no personal evidence used).
    Popular,
    /// The exploration share: a small channel.
    Explore,
}

/// One recommended channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// Channel id.
    pub channel: i64,
    /// Why.
    pub kind: Kind,
    /// Its score (comparable within one list only).
    pub score: f32,
}

/// One list to make.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The viewer's key, when personalised.
    pub viewer: Option<u64>,
    /// The viewer's language (cold start prefers it).
    pub language: Option<String>,
    /// How many.
    pub n: usize,
    /// Six-hour bucket of now.
    pub hour: usize,
    /// Now (ms, the clock the viewer's history was read on).
    pub now_ms: i64,
    /// Share of slots for small channels (0 to 1).
    pub explore: f32,
    /// Rotates the exploration picks (the service passes the viewer and the hour).
    pub salt: u64,
    /// Channels not to offer (already shown elsewhere on the page).
    pub exclude: HashSet<i64>,
}

/// A well-mixed 64-bit hash (SplitMix64's finaliser).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Snapshot {
    /// Build a viewer's entry from their pairs (with `vectors`, the content
    /// of channels); `prior` is the platform's repeat rate, which a viewer's
    /// own rate starts from (worth two sessions of evidence).
    pub fn viewer_of<'a>(
        pairs: impl IntoIterator<Item = (i64, &'a Pair)>,
        vectors: &HashMap<i64, Sparse>,
        prior: f32,
    ) -> Viewer {
        let mut v = Viewer::default();
        let (mut sessions, mut repeats) = (0u32, 0u32);
        for (channel, p) in pairs {
            let weight = p.strength();
            sessions += p.sessions;
            repeats += p.sessions.saturating_sub(1);
            if let (true, Some(c)) = (weight > 0.0, vectors.get(&channel)) {
                content::add(&mut v.taste, c, weight);
            }
            v.seen.push(Seen { channel, weight, hours: p.hours, last_ms: p.last_ms });
        }
        content::normalise(&mut v.taste);
        v.seen.sort_unstable_by_key(|s| s.channel);
        v.repeat_rate = (repeats as f32 + 2.0 * prior) / (sessions as f32 + 2.0);
        v
    }

    fn popularity_of(&self, c: &Candidate) -> f32 {
        (c.viewers.max(0) as f32).ln_1p() + self.popularity.get(&c.channel).copied().unwrap_or(0.0).ln_1p()
    }

    /// The list for `req` from `live`.
    pub fn recommend(&self, req: &Request, live: &[Candidate]) -> Vec<Pick> {
        let live: Vec<&Candidate> = live.iter().filter(|c| !req.exclude.contains(&c.channel)).collect();
        let viewer = req.viewer.and_then(|k| self.viewers.get(&k).map(|v| (k, v)));
        let mut picks = match viewer {
            Some((key, v)) => self.personal(key, v, req, &live),
            None => self.popular(req, &live),
        };
        let slots = ((req.n as f32) * req.explore.clamp(0.0, 1.0)).round() as usize;
        if slots > 0 {
            self.explore(&mut picks, slots, req, viewer.map(|(_, v)| v), &live);
        }
        picks.truncate(req.n);
        picks
    }

    fn personal(&self, key: u64, v: &Viewer, req: &Request, live: &[&Candidate]) -> Vec<Pick> {
        let x = self.factors.user_row(key);
        let predicted = |c: i64| match (x, self.factors.item_row(c)) {
            (Some(x), Some(y)) => super::als::dot(x, y).max(0.0),
            _ => 0.0,
        };
        let seen = |c: i64| v.seen.binary_search_by_key(&c, |s| s.channel).ok().map(|i| &v.seen[i]);
        let (mut repeat, mut picks) = (Vec::new(), Vec::new());
        for c in live {
            match seen(c.channel) {
                Some(s) if s.weight > 0.0 => {
                    let total: f32 = s.hours.iter().sum();
                    // How usual this time of day is for them here, smoothed toward "any time".
                    let habit = 4.0 * (s.hours[req.hour.min(3)] + 0.25 * total + 1.0) / (2.0 * total + 4.0);
                    // What they watched in the last days, more (as "rewatch" knows).
                    let days = (req.now_ms - s.last_ms).max(0) as f32 / 86_400_000.0;
                    repeat.push((c.channel, s.weight * habit * (1.0 + (-days / 3.0).exp())));
                }
                Some(_) => {} // They looked and left: never offered as a discovery.
                None => {
                    let cb = content::dot(&v.taste, &c.content).max(0.0);
                    let score = predicted(c.channel) + 0.5 * cb + 0.02 * self.popularity_of(c);
                    picks.push(Pick { channel: c.channel, kind: Kind::ForYou, score });
                }
            }
        }
        // Their channels: the factors' prediction (near 1 for what they
        // watch) plus a bonus by how much they watch each (at this hour),
        // larger for viewers who mostly go back to their channels.
        let top = repeat.iter().map(|(_, s)| *s).fold(f32::MIN_POSITIVE, f32::max);
        picks.extend(repeat.into_iter().map(|(channel, s)| Pick {
            channel,
            kind: Kind::Watched,
            score: predicted(channel) + (0.5 + v.repeat_rate) * (0.5 + 0.5 * s / top),
        }));
        picks.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.channel.cmp(&b.channel)));
        picks
    }

    fn popular(&self, req: &Request, live: &[&Candidate]) -> Vec<Pick> {
        let lang = req.language.as_deref().map(|l| l.split('-').next().unwrap_or(l).to_ascii_lowercase());
        let mut scored: Vec<(&Candidate, f32)> = live
            .iter()
            .map(|c| {
                let same = lang.as_deref().is_some_and(|l| c.language.eq_ignore_ascii_case(l));
                (*c, self.popularity_of(c) + if same { 100.0 } else { 0.0 })
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.channel.cmp(&b.0.channel)));
        // Diversified: at most two per category, then the rest in order.
        let mut per: HashMap<&str, usize> = HashMap::new();
        let (mut first, mut rest) = (Vec::new(), Vec::new());
        for (c, s) in scored {
            let n = per.entry(c.category.as_str()).or_default();
            *n += 1;
            let pick = Pick { channel: c.channel, kind: Kind::Popular, score: s };
            if *n <= 2 {
                first.push(pick)
            } else {
                rest.push(pick)
            }
        }
        first.extend(rest);
        first
    }

    /// Put `slots` small channels at evenly spread places, best fit to the
    /// viewer's taste first (language for a viewer without history), the
    /// salt rotating among equals.
    fn explore(&self, picks: &mut Vec<Pick>, slots: usize, req: &Request, v: Option<&Viewer>, live: &[&Candidate]) {
        let lang = req.language.as_deref().map(|l| l.split('-').next().unwrap_or(l).to_ascii_lowercase());
        let mut small: Vec<(i64, f32)> = live
            .iter()
            .filter(|c| c.followers < SMALL)
            .filter(|c| v.is_none_or(|v| v.seen.binary_search_by_key(&c.channel, |s| s.channel).is_err()))
            .map(|c| {
                let fit = match v {
                    Some(v) => content::dot(&v.taste, &c.content),
                    None => f32::from(u8::from(lang.as_deref().is_some_and(|l| c.language.eq_ignore_ascii_case(l)))),
                };
                let jitter = (mix(req.salt ^ c.channel as u64) >> 40) as f32 / (1u64 << 24) as f32;
                (c.channel, fit + 0.3 * jitter)
            })
            .collect();
        small.sort_by(|a, b| b.1.total_cmp(&a.1));
        let n = req.n.max(1);
        for (j, (channel, score)) in small.into_iter().take(slots).enumerate() {
            picks.retain(|p| p.channel != channel);
            let at = (((j + 1) * n) / slots).saturating_sub(1).min(picks.len());
            picks.insert(at, Pick { channel, kind: Kind::Explore, score });
        }
    }

    /// Channels like `channel` among `live`: the factors' cosine where both
    /// were watched, blended with the content's cosine.
    pub fn similar(&self, channel: i64, content: &[(u32, f32)], live: &[Candidate], n: usize) -> Vec<Pick> {
        let y = self.factors.item_row(channel);
        let cos = |a: &[f32], b: &[f32]| {
            let d = super::als::dot(a, b);
            let na = super::als::dot(a, a).sqrt() * super::als::dot(b, b).sqrt();
            if na > 0.0 {
                d / na
            } else {
                0.0
            }
        };
        let mut picks: Vec<Pick> = live
            .iter()
            .filter(|c| c.channel != channel)
            .map(|c| {
                let cf = match (y, self.factors.item_row(c.channel)) {
                    (Some(a), Some(b)) => cos(a, b).max(0.0),
                    _ => 0.0,
                };
                let score = 0.6 * cf + 0.4 * content::dot(content, &c.content) + 0.001 * self.popularity_of(c);
                Pick { channel: c.channel, kind: Kind::ForYou, score }
            })
            .collect();
        picks.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.channel.cmp(&b.channel)));
        picks.truncate(n);
        picks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(channel: i64, category: &str, followers: i64, viewers: i64, content: Sparse) -> Candidate {
        Candidate { channel, language: "en".into(), category: category.into(), followers, viewers, content }
    }

    #[test]
    fn the_codec_round_trips_and_refuses_bad_bytes() {
        let f = Factors {
            version: 3,
            k: 2,
            users: [(99u64, 0u32), (7, 1)].into(),
            user: vec![1.0, 2.0, 3.0, 4.0],
            channels: [(5i64, 0u32)].into(),
            item: vec![0.5, -0.5],
        };
        let bytes = f.encode();
        assert_eq!(Factors::decode(3, &bytes), Ok(f));
        assert_eq!(Factors::decode(3, &bytes[..bytes.len() - 1]), Err(CodecError::Length));
        assert_eq!(Factors::decode(3, b"nope"), Err(CodecError::Format));
        let mut huge = bytes.clone();
        huge[4..8].copy_from_slice(&5000u32.to_le_bytes());
        assert_eq!(Factors::decode(3, &huge), Err(CodecError::Bounds));
    }

    #[test]
    fn repeats_discoveries_and_cold_start() {
        // Viewer 1 watches channel 10 a lot and once left channel 11 at once.
        let mut factors = Factors { k: 2, ..Factors::default() };
        factors.users.insert(1, 0);
        factors.user = vec![1.0, 0.0];
        for (row, (ch, y)) in [(10i64, [1.0f32, 0.0]), (12, [0.9, 0.1]), (13, [0.0, 1.0])].into_iter().enumerate() {
            factors.channels.insert(ch, row as u32);
            factors.item.extend(y);
        }
        let watched = Pair { minutes: 300.0, sessions: 9, hours: [0.0, 300.0, 0.0, 0.0], ..Pair::default() };
        let left = Pair { quick_exits: 1, ..Pair::default() };
        let viewer = Snapshot::viewer_of([(10, &watched), (11, &left)], &HashMap::new(), 0.5);
        assert!(viewer.repeat_rate > 0.7);
        let snap = Snapshot { factors: factors.into(), viewers: [(1u64, viewer)].into(), popularity: HashMap::new() };
        let live = [
            cand(10, "a", 100, 5, vec![]),
            cand(11, "a", 100, 500, vec![]),
            cand(12, "a", 100, 5, vec![]),
            cand(13, "b", 100, 50, vec![]),
        ];
        let req = Request { viewer: Some(1), n: 10, hour: 1, ..Request::default() };
        let picks = snap.recommend(&req, &live);
        let order: Vec<(i64, Kind)> = picks.iter().map(|p| (p.channel, p.kind)).collect();
        // Their channel first, then the one like it; the quick exit never.
        assert_eq!(order[0], (10, Kind::Watched));
        assert_eq!(order[1], (12, Kind::ForYou));
        assert!(!order.iter().any(|(c, _)| *c == 11), "{order:?}");
        // Nobody known: popular first, in their language, two per category first.
        let mut live2 = live.to_vec();
        live2.push(cand(14, "a", 100, 1000, vec![]));
        live2[3].language = "de".into();
        let cold = snap.recommend(&Request { n: 10, language: Some("de-AT".into()), ..Request::default() }, &live2);
        let order: Vec<i64> = cold.iter().map(|p| p.channel).collect();
        assert_eq!(order[0], 13);
        assert_eq!(&order[1..3], &[14, 11]);
        assert!(cold.iter().all(|p| p.kind == Kind::Popular));
    }

    #[test]
    fn exploration_gives_small_channels_slots() {
        let snap = Snapshot::default();
        let mut live: Vec<Candidate> = (0..20).map(|i| cand(i, "x", 1000, 100 - i, vec![])).collect();
        live.push(cand(100, "x", 2, 0, vec![]));
        live.push(cand(101, "x", 3, 0, vec![]));
        let req = |explore| Request { n: 10, explore, salt: 7, ..Request::default() };
        let without = snap.recommend(&req(0.0), &live);
        assert!(without.iter().all(|p| p.channel < 100));
        let with = snap.recommend(&req(0.2), &live);
        assert_eq!(with.len(), 10);
        let explored: Vec<usize> =
            with.iter().enumerate().filter(|(_, p)| p.kind == Kind::Explore).map(|(i, _)| i).collect();
        assert_eq!(explored, vec![4, 9]);
    }

    #[test]
    fn similar_uses_factors_and_content() {
        let mut factors = Factors { k: 2, ..Factors::default() };
        for (row, (ch, y)) in [(1i64, [1.0f32, 0.0]), (2, [0.9, 0.1]), (3, [0.0, 1.0])].into_iter().enumerate() {
            factors.channels.insert(ch, row as u32);
            factors.item.extend(y);
        }
        let snap = Snapshot { factors: factors.into(), ..Snapshot::default() };
        let live = [cand(2, "a", 0, 0, vec![]), cand(3, "a", 0, 0, vec![]), cand(4, "a", 0, 0, vec![(0, 1.0)])];
        let order: Vec<i64> = snap.similar(1, &[(0, 1.0)], &live, 3).iter().map(|p| p.channel).collect();
        assert_eq!(order, vec![2, 4, 3]);
    }
}

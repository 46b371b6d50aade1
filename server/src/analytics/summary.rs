//! A broadcast's summary from its analytics rows: pure arithmetic, so every
//! number is unit-tested apart from storage. Minutes count from the stream's
//! start; a viewer counts in every minute any of their view sessions touched.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aethex_sdk::{Breakdown, Bucket, ChatMoment, EngagementSignals, Funnel, MoneyTotal, StreamSummary, MIN_BUCKET};

use crate::intel::engagement::{self, Counts};

use super::Row as EventRow;

/// What the summary is about, besides the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// Session id.
    pub id: i64,
    /// Channel id.
    pub channel_id: i64,
    /// Channel login.
    pub login: String,
    /// The category it went live in.
    pub category: String,
    /// Start (analytics clock).
    pub start_ms: i64,
    /// End, once ended.
    pub end_ms: Option<i64>,
    /// Clips made of it.
    pub clips: i64,
}

const MINUTE: i64 = 60_000;

/// The summary of `stream` from its rows; `now_ms` ends a stream still
/// running; `reference` is what its engagement is judged against.
pub fn summarize(stream: &Stream, rows: &[EventRow], now_ms: i64, reference: &EngagementSignals) -> StreamSummary {
    let end = stream.end_ms.unwrap_or(now_ms).max(stream.start_ms);
    let minutes = ((end - stream.start_ms + MINUTE - 1) / MINUTE).max(1);
    let minute_of = |at: i64| ((at - stream.start_ms).max(0) / MINUTE).min(minutes - 1) as usize;

    // View sessions: first and last time seen, and who watched with what.
    let mut sessions: HashMap<&str, (i64, i64, &str)> = HashMap::new();
    let mut first_view: HashMap<&str, &EventRow> = HashMap::new();
    for r in rows.iter().filter(|r| matches!(r.kind.as_ref(), "view" | "view_end")) {
        let (Some(viewer), Some(session)) = (r.viewer.as_deref(), r.session.as_deref()) else { continue };
        let s = sessions.entry(session).or_insert((r.at_ms, r.at_ms, viewer));
        s.0 = s.0.min(r.at_ms);
        s.1 = s.1.max(r.at_ms);
        first_view
            .entry(viewer)
            .and_modify(|f| {
                if r.at_ms < f.at_ms {
                    *f = r
                }
            })
            .or_insert(r);
    }
    let mut present: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); minutes as usize];
    let mut watched: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (from, to, viewer) in sessions.values() {
        let (first, last) = (minute_of(*from), minute_of(*to));
        for (m, p) in present.iter_mut().enumerate().take(last + 1).skip(first) {
            p.insert(viewer);
            watched.entry(viewer).or_default().insert(m);
        }
    }
    let viewers_per_minute: Vec<i64> = present.iter().map(|p| p.len() as i64).collect();
    let watch_minutes: i64 = viewers_per_minute.iter().sum();
    let unique_viewers = watched.len() as i64;
    let retention = if unique_viewers == 0 {
        Vec::new()
    } else {
        let longest = watched.values().map(BTreeSet::len).max().unwrap_or(0);
        (0..longest).map(|k| watched.values().filter(|w| w.len() > k).count() as f64 / unique_viewers as f64).collect()
    };

    let mut chat_per_minute = vec![0i64; minutes as usize];
    let mut tally = Tally::default();
    let (mut raids, mut raid_viewers) = (0, 0);
    // Each minute's engagement counts; chatters are counted once per minute.
    let mut counts: Vec<Counts> =
        viewers_per_minute.iter().map(|v| Counts { viewer_minutes: *v as f64, ..Counts::default() }).collect();
    let mut chatting: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); minutes as usize];
    for r in rows {
        tally.add(r);
        let c = &mut counts[minute_of(r.at_ms)];
        match r.kind.as_ref() {
            "chat" => {
                chat_per_minute[minute_of(r.at_ms)] += 1;
                c.messages += 1.0;
                if let Some(v) = r.viewer.as_deref() {
                    chatting[minute_of(r.at_ms)].insert(v);
                }
                match r.amount {
                    Some(1) => c.positive += 1.0,
                    Some(-1) => c.negative += 1.0,
                    Some(_) => c.neutral += 1.0,
                    None => {}
                }
            }
            "follow" | "subscribe" | "donation" => c.actions += 1.0,
            "raid" => {
                raids += 1;
                raid_viewers += r.amount.unwrap_or(0);
            }
            _ => {}
        }
    }
    let mut top: Vec<ChatMoment> = chat_per_minute
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(m, n)| ChatMoment { minute: m as i64, messages: *n })
        .collect();
    top.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.minute.cmp(&b.minute)));
    top.truncate(3);
    let mut whole = Counts::default();
    let engagement_per_minute = counts
        .iter_mut()
        .zip(&chatting)
        .map(|(c, who)| {
            c.chatter_minutes = who.len() as f64;
            whole.add(c);
            c.signals().map_or(0.0, |s| engagement::score(&s, reference))
        })
        .collect();
    let engagement_signals = whole.signals();

    let breakdown = |pick: fn(&EventRow) -> Option<&String>, missing: &str| {
        let mut counts: BTreeMap<String, i64> = BTreeMap::new();
        for r in first_view.values() {
            *counts.entry(pick(r).cloned().unwrap_or_else(|| missing.to_string())).or_default() += 1;
        }
        buckets(counts)
    };
    StreamSummary {
        stream_id: stream.id.to_string(),
        broadcaster_user_id: stream.channel_id.to_string(),
        broadcaster_user_login: stream.login.clone(),
        category: stream.category.clone(),
        started_at: crate::store::rfc3339(stream.start_ms),
        ended_at: stream.end_ms.map(crate::store::rfc3339),
        is_final: stream.end_ms.is_some(),
        minutes,
        average_viewers: (watch_minutes as f64 / minutes as f64 * 100.0).round() / 100.0,
        peak_viewers: viewers_per_minute.iter().copied().max().unwrap_or(0),
        unique_viewers,
        watch_minutes,
        viewers_per_minute,
        retention,
        chat_messages: chat_per_minute.iter().sum(),
        chat_per_minute,
        top_moments: top,
        chatters: tally.chatters.len() as i64,
        new_followers: tally.followers.len() as i64,
        subscriptions: tally.subscriptions,
        donations: tally.donations(),
        raids,
        raid_viewers,
        clips: stream.clips,
        funnel: Funnel {
            viewers: unique_viewers,
            chatters: tally.chatters.len() as i64,
            followers: tally.followers.len() as i64,
            subscribers: tally.subscribers.len() as i64,
        },
        sources: breakdown(|r| r.source.as_ref(), "direct"),
        devices: breakdown(|r| r.device.as_ref(), "desktop"),
        countries: breakdown(|r| r.country.as_ref(), "unknown"),
        engagement: engagement_signals.map(|s| engagement::score(&s, reference)),
        engagement_per_minute,
        engagement_signals,
    }
}

/// What chat, follow, subscription and donation rows add up to (a stream's
/// or a span of days').
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Chat messages.
    pub(super) chat_messages: i64,
    /// Distinct chatters.
    pub(super) chatters: BTreeSet<String>,
    /// Distinct new followers.
    pub(super) followers: BTreeSet<String>,
    /// Distinct new subscribers.
    pub(super) subscribers: BTreeSet<String>,
    /// Subscriptions (a resubscription counts again).
    pub(super) subscriptions: i64,
    /// Per currency: (minor units, payments).
    donations: BTreeMap<String, (i64, i64)>,
}

impl Tally {
    /// Count `r` if it is one of those rows.
    pub(super) fn add(&mut self, r: &EventRow) {
        let who = r.viewer.clone();
        match r.kind.as_ref() {
            "chat" => {
                self.chat_messages += 1;
                self.chatters.extend(who);
            }
            "follow" => self.followers.extend(who),
            "subscribe" => {
                self.subscriptions += 1;
                self.subscribers.extend(who);
            }
            "donation" => {
                let d = self.donations.entry(r.currency.clone().unwrap_or_default()).or_default();
                d.0 += r.amount.unwrap_or(0);
                d.1 += 1;
            }
            _ => {}
        }
    }

    /// The donations per currency, by currency code.
    pub(super) fn donations(&self) -> Vec<MoneyTotal> {
        self.donations
            .iter()
            .map(|(c, (amount, count))| MoneyTotal { currency: c.clone(), amount: *amount, count: *count })
            .collect()
    }
}

/// Buckets of at least [`MIN_BUCKET`] viewers, largest first; the rest summed as hidden.
pub fn buckets(counts: BTreeMap<String, i64>) -> Breakdown {
    let mut out = Breakdown::default();
    for (key, viewers) in counts {
        if viewers >= MIN_BUCKET {
            out.shown.push(Bucket { key, viewers });
        } else {
            out.hidden += viewers;
        }
    }
    out.shown.sort_by(|a, b| b.viewers.cmp(&a.viewers).then(a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000;

    fn view(at_min: f64, viewer: &str, session: &str, device: &str, source: &str) -> EventRow {
        EventRow {
            viewer: Some(viewer.into()),
            session: Some(session.into()),
            device: Some(device.into()),
            source: Some(source.into()),
            ..EventRow::new(T0 + (at_min * MINUTE as f64) as i64, "view", 3, Some(7))
        }
    }

    fn event(at_min: f64, kind: &'static str, viewer: &str) -> EventRow {
        EventRow {
            viewer: Some(viewer.into()),
            ..EventRow::new(T0 + (at_min * MINUTE as f64) as i64, kind, 3, Some(7))
        }
    }

    fn stream(end_min: Option<f64>) -> Stream {
        Stream {
            category: "Chess".into(),
            id: 7,
            channel_id: 3,
            login: "alice".into(),
            start_ms: T0,
            end_ms: end_min.map(|m| T0 + (m * MINUTE as f64) as i64),
            clips: 2,
        }
    }

    #[test]
    fn viewers_per_minute_peak_average_and_retention() {
        let rows = vec![
            // a: minutes 0-2 (one session with heartbeats).
            view(0.1, "a", "s1", "phone", "directory"),
            view(1.1, "a", "s1", "phone", "directory"),
            view(2.1, "a", "s1", "phone", "directory"),
            // b: minute 1, then again in minute 3 in a new session (reload).
            view(1.5, "b", "s2", "desktop", "following"),
            view(3.2, "b", "s3", "desktop", "external"),
            // c: minute 3 only, left with an end beacon.
            view(3.0, "c", "s4", "tv", "raid"),
            EventRow { kind: "view_end".into(), ..view(3.9, "c", "s4", "tv", "raid") },
        ];
        let s = summarize(&stream(Some(3.5)), &rows, 0, &engagement::PRIORS);
        assert_eq!(s.minutes, 4);
        assert_eq!(s.viewers_per_minute, [1, 2, 1, 2]);
        assert_eq!((s.peak_viewers, s.unique_viewers, s.watch_minutes), (2, 3, 6));
        assert_eq!(s.average_viewers, 1.5);
        // a watched 3 minutes, b 2, c 1: after 0, 1, 2 minutes 3, 2, 1 of 3 remain.
        assert_eq!(s.retention, [1.0, 2.0 / 3.0, 1.0 / 3.0]);
        assert!(s.is_final && s.ended_at.is_some());
        assert_eq!(s.clips, 2);
        // Every bucket is under 5 viewers: all hidden.
        assert_eq!(s.devices.shown, []);
        assert_eq!(s.devices.hidden, 3);
        assert_eq!(s.countries.hidden, 3);
        // b's first source is the one that counts.
        assert_eq!(s.sources.hidden, 3);
    }

    #[test]
    fn chat_heatmap_funnel_and_money() {
        let mut rows = vec![
            view(0.0, "u:1", "s1", "phone", "directory"),
            view(0.0, "u:2", "s2", "phone", "directory"),
            event(0.5, "chat", "u:1"),
            event(2.2, "chat", "u:1"),
            event(2.3, "chat", "u:2"),
            event(2.4, "chat", "u:3"),
            event(1.0, "follow", "u:2"),
            event(1.0, "follow", "u:2"),
            event(1.5, "subscribe", "u:2"),
        ];
        rows.push(EventRow { amount: Some(500), currency: Some("USD".into()), ..event(1.0, "donation", "u:1") });
        rows.push(EventRow { amount: Some(250), currency: Some("USD".into()), ..event(1.1, "donation", "u:2") });
        rows.push(EventRow { amount: Some(1000), currency: Some("JPY".into()), ..event(1.2, "donation", "u:2") });
        rows.push(EventRow { amount: Some(42), ..event(1.3, "raid", "u:9") });
        let s = summarize(&stream(None), &rows, T0 + 3 * MINUTE, &engagement::PRIORS);
        assert!(!s.is_final && s.ended_at.is_none(), "provisional while live");
        assert_eq!(s.chat_per_minute, [1, 0, 3]);
        assert_eq!(s.top_moments, [ChatMoment { minute: 2, messages: 3 }, ChatMoment { minute: 0, messages: 1 }]);
        assert_eq!((s.chat_messages, s.chatters), (4, 3));
        assert_eq!(s.funnel, Funnel { viewers: 2, chatters: 3, followers: 1, subscribers: 1 });
        assert_eq!((s.new_followers, s.subscriptions), (1, 1));
        assert_eq!(
            s.donations,
            [
                MoneyTotal { currency: "JPY".into(), amount: 1000, count: 1 },
                MoneyTotal { currency: "USD".into(), amount: 750, count: 2 }
            ]
        );
        assert_eq!((s.raids, s.raid_viewers), (1, 42));
    }

    #[test]
    fn engagement_per_minute_and_for_the_stream() {
        // Two viewers for 3 minutes; minute 0 quiet, minute 1 a follow, minute 2
        // both chatting (one positive, one negative English line, one unscored).
        let mut rows = vec![view(0.0, "u:1", "s1", "phone", "directory"), view(0.0, "u:2", "s2", "phone", "directory")];
        rows.push(view(2.9, "u:1", "s1", "phone", "directory"));
        rows.push(view(2.9, "u:2", "s2", "phone", "directory"));
        rows.push(event(1.5, "follow", "u:2"));
        rows.push(EventRow { amount: Some(1), ..event(2.1, "chat", "u:1") });
        rows.push(EventRow { amount: Some(-1), ..event(2.2, "chat", "u:2") });
        rows.push(event(2.3, "chat", "u:2"));
        let s = summarize(&stream(Some(3.0)), &rows, 0, &engagement::PRIORS);
        assert_eq!(s.viewers_per_minute, [2, 2, 2]);
        let sig = s.engagement_signals.unwrap();
        // 3 messages over 6 viewer-minutes; 2 chatter-minutes of 6; mood (1 - 1) / 2; 1 follow per 6 viewer-minutes.
        assert_eq!((sig.chat, sig.chatters, sig.mood, sig.support), (0.5, 2.0 / 6.0, 0.0, 10.0));
        assert_eq!(s.engagement, Some(engagement::score(&sig, &engagement::PRIORS)));
        let m = &s.engagement_per_minute;
        assert_eq!(m.len(), 3);
        assert_eq!(m[0], 7.5, "a quiet minute has only its neutral mood");
        assert!(m[2] > m[1] && m[1] > m[0], "{m:?}");
        // Against a channel whose norm is this busy, the same stream scores about half.
        let usual = engagement::reference(&[sig; 20], &engagement::PRIORS);
        let again = summarize(&stream(Some(3.0)), &rows, 0, &usual);
        assert!(again.engagement.unwrap() < s.engagement.unwrap());
        assert_eq!(summarize(&stream(Some(0.0)), &[], 0, &engagement::PRIORS).engagement, None, "no audience");
    }

    #[test]
    fn small_buckets_are_hidden_and_big_ones_shown_largest_first() {
        let counts = [("phone", 5), ("desktop", 9), ("tv", 4), ("tablet", 1)];
        let b = buckets(counts.iter().map(|(k, v)| (k.to_string(), *v)).collect());
        assert_eq!(b.shown, [Bucket { key: "desktop".into(), viewers: 9 }, Bucket { key: "phone".into(), viewers: 5 }]);
        assert_eq!(b.hidden, 5);
    }

    #[test]
    fn an_empty_stream_has_one_minute_and_no_viewers() {
        let s = summarize(&stream(Some(0.0)), &[], 0, &engagement::PRIORS);
        assert_eq!((s.minutes, s.viewers_per_minute.clone(), s.average_viewers), (1, vec![0], 0.0));
        assert!(s.retention.is_empty() && s.top_moments.is_empty());
    }
}

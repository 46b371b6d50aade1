//! Channel analytics over a range of UTC days, from the channel's analytics
//! rows: pure arithmetic over minutes since the epoch (a viewer counts in
//! every minute a view session of theirs touched; the channel is live in
//! every minute one of its streams covered).
//!
//! Each day is computed once from its own rows into a [`Day`] (its numbers
//! and sketches of who watched and chatted), stored when the day is over;
//! a range of days is the [`combine`] of its days, so 90 days of a busy
//! channel read 90 small rows, not millions of events.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aethex_sdk::{MoneyTotal, PeriodStats};

use super::sketch::Distinct;
use super::Row;

const MINUTE: i64 = 60_000;
/// A day in ms.
pub const DAY: i64 = 86_400_000;

/// One day's numbers and who made them (as sketches of `hash`ed pseudonyms).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Day {
    /// The numbers.
    pub stats: PeriodStats,
    /// Who watched.
    pub viewers: Distinct,
    /// Who chatted.
    pub chatters: Distinct,
}

/// The stats of `[from_ms, to_ms)` from `rows` (the channel's rows of that
/// span and its streams' start and end rows, whenever they were; a stream
/// with no end is live until `now_ms`), with the viewers and chatters as
/// sketches of `hash(pseudonym)`.
pub fn day(rows: &[Row], from_ms: i64, to_ms: i64, now_ms: i64, hash: impl Fn(&str) -> u64) -> Day {
    let (first, last) = (from_ms.div_euclid(MINUTE), (to_ms - 1).div_euclid(MINUTE));
    let inside = |m: i64| (first..=last).contains(&m);
    // Live minutes, from each stream's start and end.
    let mut streams: HashMap<i64, (Option<i64>, Option<i64>)> = HashMap::new();
    for r in rows {
        let Some(id) = r.stream_id else { continue };
        match r.kind.as_ref() {
            "stream_start" => streams.entry(id).or_default().0 = Some(r.at_ms),
            "stream_end" => streams.entry(id).or_default().1 = Some(r.at_ms),
            _ => {}
        }
    }
    let mut live = BTreeSet::new();
    for (start, end) in streams.values() {
        let Some(start) = start else { continue };
        let end = end.unwrap_or(now_ms).max(*start);
        for m in start.div_euclid(MINUTE).max(first)..=end.div_euclid(MINUTE).min(last) {
            live.insert(m);
        }
    }
    // Viewer minutes, from view sessions.
    let mut sessions: HashMap<&str, (i64, i64, &str)> = HashMap::new();
    for r in rows.iter().filter(|r| matches!(r.kind.as_ref(), "view" | "view_end")) {
        let (Some(viewer), Some(session)) = (r.viewer.as_deref(), r.session.as_deref()) else { continue };
        let s = sessions.entry(session).or_insert((r.at_ms, r.at_ms, viewer));
        s.0 = s.0.min(r.at_ms);
        s.1 = s.1.max(r.at_ms);
    }
    let mut present: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, viewer) in sessions.values() {
        for m in from.div_euclid(MINUTE).max(first)..=to.div_euclid(MINUTE).min(last) {
            present.entry(m).or_default().insert(viewer);
        }
    }
    let watch_minutes: i64 = present.values().map(|v| v.len() as i64).sum();
    let viewers: BTreeSet<&str> = present.values().flatten().copied().collect();
    let mut tally = super::summary::Tally::default();
    for r in rows.iter().filter(|r| inside(r.at_ms.div_euclid(MINUTE))) {
        tally.add(r);
    }
    let live_minutes = live.len() as i64;
    let (mut seen, mut chatted) = (Distinct::default(), Distinct::default());
    viewers.iter().for_each(|v| seen.insert(hash(v)));
    tally.chatters.iter().for_each(|c| chatted.insert(hash(c)));
    Day {
        stats: PeriodStats {
            live_minutes,
            watch_minutes,
            average_viewers: average(watch_minutes, live_minutes),
            peak_viewers: present.values().map(|v| v.len() as i64).max().unwrap_or(0),
            unique_viewers: viewers.len() as i64,
            chat_messages: tally.chat_messages,
            chatters: tally.chatters.len() as i64,
            new_followers: tally.followers.len() as i64,
            subscriptions: tally.subscriptions,
            donations: tally.donations(),
        },
        viewers: seen,
        chatters: chatted,
    }
}

/// Viewers on average over the live minutes, to two decimals.
fn average(watch_minutes: i64, live_minutes: i64) -> f64 {
    if live_minutes > 0 {
        (watch_minutes as f64 / live_minutes as f64 * 100.0).round() / 100.0
    } else {
        0.0
    }
}

/// The numbers of several days together: sums, the highest peak, and
/// distinct viewers and chatters from the union of the days' sketches.
pub fn combine<'a>(days: impl IntoIterator<Item = &'a Day>) -> PeriodStats {
    let mut out = PeriodStats::default();
    let (mut viewers, mut chatters) = (Distinct::default(), Distinct::default());
    let mut money: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for d in days {
        let s = &d.stats;
        out.live_minutes += s.live_minutes;
        out.watch_minutes += s.watch_minutes;
        out.peak_viewers = out.peak_viewers.max(s.peak_viewers);
        out.chat_messages += s.chat_messages;
        out.new_followers += s.new_followers;
        out.subscriptions += s.subscriptions;
        for m in &s.donations {
            let e = money.entry(m.currency.clone()).or_default();
            (e.0, e.1) = (e.0 + m.amount, e.1 + m.count);
        }
        viewers.merge(&d.viewers);
        chatters.merge(&d.chatters);
    }
    out.average_viewers = average(out.watch_minutes, out.live_minutes);
    out.unique_viewers = viewers.count();
    out.chatters = chatters.count();
    out.donations =
        money.into_iter().map(|(currency, (amount, count))| MoneyTotal { currency, amount, count }).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(rows: &[Row], from_ms: i64, to_ms: i64, now_ms: i64) -> PeriodStats {
        day(rows, from_ms, to_ms, now_ms, |_| 0).stats
    }

    const D0: i64 = 1_800_000_000_000 - 1_800_000_000_000 % DAY;

    fn row(at: i64, kind: &'static str, viewer: Option<&str>, session: Option<&str>) -> Row {
        Row { viewer: viewer.map(Into::into), session: session.map(Into::into), ..Row::new(at, kind, 1, Some(5)) }
    }

    #[test]
    fn a_stream_across_midnight_splits_into_its_days() {
        let late = D0 + DAY - 2 * MINUTE; // 23:58
        let rows = vec![
            row(late, "stream_start", None, None),
            row(late, "view", Some("a"), Some("s1")),
            row(late + 3 * MINUTE, "view", Some("a"), Some("s1")),
            row(late + MINUTE, "view", Some("b"), Some("s2")),
            row(late + MINUTE + 1, "chat", Some("u:1"), None),
            row(late + 2 * MINUTE, "follow", Some("u:2"), None),
            row(late + 4 * MINUTE, "stream_end", None, None),
        ];
        let hash = |v: &str| v.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        let days: Vec<Day> = [D0, D0 + DAY].iter().map(|d| day(&rows, *d, d + DAY, 0, hash)).collect();
        let (first, second) = (&days[0].stats, &days[1].stats);
        // 23:58 and 23:59 on the first day; 00:00 to 00:02 on the second.
        assert_eq!((first.live_minutes, second.live_minutes), (2, 3));
        assert_eq!((first.watch_minutes, second.watch_minutes), (3, 2), "a: 2 + 2, b: 1");
        assert_eq!((first.peak_viewers, first.unique_viewers, second.unique_viewers), (2, 2, 1));
        assert_eq!(first.average_viewers, 1.5);
        assert_eq!((first.chat_messages, first.chatters, second.new_followers), (1, 1, 1));
        let whole = period(&rows, D0, D0 + 2 * DAY, 0);
        assert_eq!((whole.live_minutes, whole.watch_minutes, whole.unique_viewers), (5, 5, 2));
        // Two days together: a watched both, so counts once.
        let both = combine(&days);
        assert_eq!((both.live_minutes, both.watch_minutes, both.unique_viewers, both.peak_viewers), (5, 5, 2, 2));
        assert_eq!((both.chatters, both.new_followers, both.average_viewers), (1, 1, 1.0));
    }

    #[test]
    fn a_running_stream_counts_until_now_and_quiet_days_are_zero() {
        let rows = vec![row(D0 + 10 * MINUTE, "stream_start", None, None)];
        let s = period(&rows, D0, D0 + DAY, D0 + 20 * MINUTE);
        assert_eq!((s.live_minutes, s.average_viewers, s.peak_viewers), (11, 0.0, 0));
        assert_eq!(period(&[], D0, D0 + DAY, 0), PeriodStats::default());
    }
}

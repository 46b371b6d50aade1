//! Channel analytics over a range of UTC days, from the channel's analytics
//! rows: pure arithmetic over minutes since the epoch (a viewer counts in
//! every minute a view session of theirs touched; the channel is live in
//! every minute one of its streams covered).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aethex_sdk::{DayStats, PeriodStats};

use super::Row;

const MINUTE: i64 = 60_000;
/// A day in ms.
pub const DAY: i64 = 86_400_000;

/// The stats of `[from_ms, to_ms)` from `rows` (the channel's rows of that
/// span and its streams' start and end rows, whenever they were); a stream
/// with no end is live until `now_ms`.
pub fn period(rows: &[Row], from_ms: i64, to_ms: i64, now_ms: i64) -> PeriodStats {
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
    PeriodStats {
        live_minutes,
        watch_minutes,
        average_viewers: if live_minutes > 0 {
            (watch_minutes as f64 / live_minutes as f64 * 100.0).round() / 100.0
        } else {
            0.0
        },
        peak_viewers: present.values().map(|v| v.len() as i64).max().unwrap_or(0),
        unique_viewers: viewers.len() as i64,
        chat_messages: tally.chat_messages,
        chatters: tally.chatters.len() as i64,
        new_followers: tally.followers.len() as i64,
        subscriptions: tally.subscriptions,
        donations: tally.donations(),
    }
}

/// Each UTC day of `[from_ms, to_ms)` (whole days).
pub fn days(rows: &[Row], from_ms: i64, to_ms: i64, now_ms: i64) -> Vec<DayStats> {
    (from_ms..to_ms)
        .step_by(DAY as usize)
        .map(|day| DayStats {
            date: crate::store::rfc3339(day)[..10].to_string(),
            stats: period(rows, day, (day + DAY).min(to_ms), now_ms),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let days = days(&rows, D0, D0 + 2 * DAY, 0);
        assert_eq!(days.len(), 2);
        let (first, second) = (&days[0].stats, &days[1].stats);
        // 23:58 and 23:59 on the first day; 00:00 to 00:02 on the second.
        assert_eq!((first.live_minutes, second.live_minutes), (2, 3));
        assert_eq!((first.watch_minutes, second.watch_minutes), (3, 2), "a: 2 + 2, b: 1");
        assert_eq!((first.peak_viewers, first.unique_viewers, second.unique_viewers), (2, 2, 1));
        assert_eq!(first.average_viewers, 1.5);
        assert_eq!((first.chat_messages, first.chatters, second.new_followers), (1, 1, 1));
        assert_eq!(days[1].date, crate::store::rfc3339(D0 + DAY)[..10]);
        let whole = period(&rows, D0, D0 + 2 * DAY, 0);
        assert_eq!((whole.live_minutes, whole.watch_minutes, whole.unique_viewers), (5, 5, 2));
    }

    #[test]
    fn a_running_stream_counts_until_now_and_quiet_days_are_zero() {
        let rows = vec![row(D0 + 10 * MINUTE, "stream_start", None, None)];
        let s = period(&rows, D0, D0 + DAY, D0 + 20 * MINUTE);
        assert_eq!((s.live_minutes, s.average_viewers, s.peak_viewers), (11, 0.0, 0));
        assert_eq!(period(&[], D0, D0 + DAY, 0), PeriodStats::default());
    }
}

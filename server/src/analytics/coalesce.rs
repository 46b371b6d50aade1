//! Heartbeats held back: what a view session contributes to every number
//! (summary, days, platform) is when it began and when it was last seen, so
//! the writer need not store each 30-second heartbeat. A session's first
//! view is stored at once; later heartbeats replace one another in memory and
//! the newest is stored when [`HOLD_MS`] of viewing passed since the last
//! stored one, when the session moves to another day or stream, when it
//! ends, when it has been quiet for [`QUIET`] (a closed tab sends no end),
//! and on every flush (a stream's end, a read that must be exact). A
//! one-hour session is about 14 rows instead of 121; a crash loses at most
//! the last [`HOLD_MS`] of open sessions' viewing.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::rollup::day_of;
use super::Row;

/// Viewing time between stored heartbeats of one session (analytics clock).
pub const HOLD_MS: i64 = 5 * 60_000;
/// A held heartbeat with no newer one for this long is stored (wall clock).
pub const QUIET: Duration = Duration::from_secs(60);
/// Sessions followed at once; beyond, heartbeats are stored as they come.
pub const OPEN_MAX: usize = 200_000;

struct Open {
    /// Time of the newest stored row.
    stored_at: i64,
    day: i64,
    stream: Option<i64>,
    /// The newest heartbeat not stored yet, and when it came.
    held: Option<(Row, Instant)>,
    touched: Instant,
}

/// The writer's open sessions, by a hash of the session id (no allocation
/// per heartbeat; two of 200,000 sessions sharing a 64-bit hash is a
/// one-in-a-billion event, and would only merge their held heartbeats).
#[derive(Default)]
pub struct Coalescer {
    open: HashMap<u64, Open>,
    keys: std::collections::hash_map::RandomState,
}

impl Coalescer {
    /// Take `row`: push onto `out` what must be stored now (`now` is the wall clock).
    pub fn offer(&mut self, row: Row, now: Instant, out: &mut Vec<Row>) {
        let session = match row.session.as_deref() {
            Some(s) if matches!(row.kind.as_ref(), "view" | "view_end") => {
                std::hash::BuildHasher::hash_one(&self.keys, s)
            }
            _ => {
                out.push(row);
                return;
            }
        };
        let day = day_of(row.at_ms);
        let Some(o) = self.open.get_mut(&session) else {
            if row.kind == "view" && self.open.len() < OPEN_MAX {
                let open = Open { stored_at: row.at_ms, day, stream: row.stream_id, held: None, touched: now };
                self.open.insert(session, open);
            }
            out.push(row);
            return;
        };
        o.touched = now;
        if row.kind == "view_end" {
            // The end is the session's last row: a held heartbeat adds nothing, unless it is of another day or stream.
            if let Some((held, _)) =
                o.held.take().filter(|(h, _)| day_of(h.at_ms) != day || h.stream_id != row.stream_id)
            {
                out.push(held);
            }
            self.open.remove(&session);
            out.push(row);
            return;
        }
        if day != o.day || row.stream_id != o.stream {
            // The held heartbeat is the last of its day or stream: it is stored too.
            if let Some((held, _)) = o.held.take() {
                out.push(held);
            }
        } else if row.at_ms - o.stored_at < HOLD_MS {
            o.held = Some((row, now));
            return;
        }
        (o.stored_at, o.day, o.stream, o.held) = (row.at_ms, day, row.stream_id, None);
        out.push(row);
    }

    /// Store held heartbeats that went quiet (all of them when `all`), and
    /// forget sessions quiet for long.
    pub fn sweep(&mut self, all: bool, now: Instant, out: &mut Vec<Row>) {
        self.open.retain(|_, o| {
            if let Some((_, at)) = &o.held {
                if all || now.duration_since(*at) >= QUIET {
                    if let Some((held, _)) = o.held.take() {
                        o.stored_at = held.at_ms;
                        out.push(held);
                    }
                }
            }
            o.held.is_some() || now.duration_since(o.touched) < QUIET * 10
        });
    }

    /// Whether none is followed.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000 - 1_800_000_000_000 % 86_400_000 + 3_600_000;

    fn beat(at: i64, kind: &'static str, stream: i64) -> Row {
        Row { session: Some("s1".into()), viewer: Some("a:1".into()), ..Row::new(at, kind, 1, Some(stream)) }
    }

    #[test]
    fn an_hour_of_heartbeats_is_a_few_rows_with_the_same_first_and_last() {
        let (mut c, now) = (Coalescer::default(), Instant::now());
        let mut out = Vec::new();
        for k in 0..=120 {
            c.offer(beat(T0 + k * 30_000, "view", 7), now, &mut out);
        }
        c.offer(beat(T0 + 121 * 30_000, "view_end", 7), now, &mut out);
        assert_eq!(out.first().map(|r| r.at_ms), Some(T0));
        assert_eq!(out.last().map(|r| (r.at_ms, r.kind.as_ref())), Some((T0 + 121 * 30_000, "view_end")));
        assert_eq!(out.len(), 14, "the start, one every 5 minutes, the end");
        assert!(c.is_empty(), "an ended session is forgotten");
    }

    #[test]
    fn held_heartbeats_are_stored_on_flush_quiet_midnight_and_new_streams() {
        let (mut c, now) = (Coalescer::default(), Instant::now());
        let mut out = Vec::new();
        c.offer(beat(T0, "view", 7), now, &mut out);
        c.offer(beat(T0 + 30_000, "view", 7), now, &mut out);
        assert_eq!(out.len(), 1, "held");
        c.sweep(false, now + Duration::from_secs(10), &mut out);
        assert_eq!(out.len(), 1, "not quiet yet");
        c.sweep(false, now + QUIET, &mut out);
        assert_eq!(out.last().map(|r| r.at_ms), Some(T0 + 30_000), "quiet: stored");
        // Across midnight, the last heartbeat of the day is stored with the first of the next.
        let late = T0 - 3_600_000 + 86_400_000 - 20_000;
        let n = out.len();
        c.offer(beat(late, "view", 7), now, &mut out);
        c.offer(beat(late + 30_000, "view", 7), now, &mut out);
        assert_eq!(out[n..].iter().map(|r| r.at_ms).collect::<Vec<_>>(), [late, late + 30_000]);
        // Another stream: the same.
        c.offer(beat(late + 60_000, "view", 7), now, &mut out);
        c.offer(beat(late + 90_000, "view", 8), now, &mut out);
        assert_eq!(out.iter().rev().take(2).map(|r| r.stream_id).collect::<Vec<_>>(), [Some(8), Some(7)]);
        c.offer(beat(late + 120_000, "view", 8), now, &mut out);
        let n = out.len();
        c.sweep(true, now, &mut out);
        assert_eq!(out.len(), n + 1, "a flush stores what is held");
        // Other rows pass through.
        c.offer(Row::new(T0, "chat", 1, Some(7)), now, &mut out);
        assert_eq!(out.last().map(|r| r.kind.as_ref()), Some("chat"));
    }
}

//! What a viewer's behaviour says about a channel: analytics' view sessions
//! and acts (chat, follow, subscription, donation) folded into one [`Pair`]
//! per viewer and channel, and the pair's strength (the `r` of ALS's
//! confidence `1 + alpha·r`). Pure.
//!
//! Quick exits (a session under 30 s) are negative evidence: a pair with
//! nothing else is not a positive at all, and the engine never offers that
//! channel to that viewer as a discovery.

use std::collections::HashMap;

/// A session shorter than this is a quick exit.
pub const QUICK_EXIT_MS: i64 = 30_000;
/// Evidence halves in this many days (watching last month counts half of
/// watching today), so taste can move.
pub const HALF_LIFE_DAYS: f64 = 21.0;

/// One view session as analytics recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The pseudonymous viewer (`u:…` signed in, `a:…` a browser).
    pub viewer: String,
    /// The channel watched.
    pub channel: i64,
    /// First and last row of the session (analytics clock, ms).
    pub start_ms: i64,
    /// Last row.
    pub end_ms: i64,
}

/// What a viewer did in a channel besides watching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActKind {
    /// Chat lines.
    Chat,
    /// A follow.
    Follow,
    /// A subscription.
    Subscribe,
    /// A donation.
    Donation,
}

/// Acts of one kind by a viewer in a channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Act {
    /// The pseudonymous viewer.
    pub viewer: String,
    /// The channel.
    pub channel: i64,
    /// What.
    pub kind: ActKind,
    /// How many times.
    pub count: i64,
    /// When last (ms).
    pub last_ms: i64,
}

/// Everything known about one viewer and one channel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pair {
    /// Minutes watched, each weighted by its age ([`HALF_LIFE_DAYS`]).
    pub minutes: f32,
    /// Sessions of 30 s or more.
    pub sessions: u32,
    /// Sessions under 30 s.
    pub quick_exits: u32,
    /// Chat lines.
    pub chats: u32,
    /// Followed.
    pub follow: bool,
    /// Subscribed.
    pub subscribe: bool,
    /// Donations.
    pub donations: u32,
    /// Last activity (ms).
    pub last_ms: i64,
    /// Minutes watched by the hour of day the session started (UTC), in
    /// four six-hour buckets: when this viewer comes back to this channel.
    pub hours: [f32; 4],
}

impl Pair {
    /// ALS's `r`: log-scaled minutes, plus the acts that cost the viewer
    /// something (a follow, a subscription, a donation, chatting). Zero when
    /// the only evidence is quick exits: that is no preference.
    pub fn strength(&self) -> f32 {
        let acts = 2.0 * f32::from(u8::from(self.follow))
            + 3.0 * f32::from(u8::from(self.subscribe))
            + 2.0 * (self.donations as f32).ln_1p()
            + (self.chats as f32).ln_1p();
        if self.sessions == 0 && acts == 0.0 {
            return 0.0;
        }
        self.minutes.ln_1p() + acts
    }

    /// Only quick exits: the viewer looked and left.
    pub fn rejected(&self) -> bool {
        self.quick_exits > 0 && self.strength() == 0.0
    }
}

/// The six-hour bucket (UTC) of a time in ms.
pub fn hour_bucket(ms: i64) -> usize {
    (ms.rem_euclid(86_400_000) / 21_600_000) as usize
}

/// How much `at_ms` counts at `now_ms`.
fn decay(now_ms: i64, at_ms: i64) -> f32 {
    let days = (now_ms - at_ms).max(0) as f64 / 86_400_000.0;
    0.5f64.powf(days / HALF_LIFE_DAYS) as f32
}

/// Fold sessions and acts into pairs, keyed by (viewer, channel).
pub fn fold(sessions: &[Session], acts: &[Act], now_ms: i64) -> HashMap<(String, i64), Pair> {
    let mut pairs: HashMap<(String, i64), Pair> = HashMap::new();
    for s in sessions {
        let p = pairs.entry((s.viewer.clone(), s.channel)).or_default();
        let ms = (s.end_ms - s.start_ms).max(0);
        if ms < QUICK_EXIT_MS {
            p.quick_exits += 1;
        } else {
            let minutes = ms as f32 / 60_000.0 * decay(now_ms, s.end_ms);
            p.sessions += 1;
            p.minutes += minutes;
            p.hours[hour_bucket(s.start_ms)] += minutes;
        }
        p.last_ms = p.last_ms.max(s.end_ms);
    }
    for a in acts {
        let p = pairs.entry((a.viewer.clone(), a.channel)).or_default();
        let n = u32::try_from(a.count.max(0)).unwrap_or(u32::MAX);
        match a.kind {
            ActKind::Chat => p.chats = p.chats.saturating_add(n),
            ActKind::Follow => p.follow = true,
            ActKind::Subscribe => p.subscribe = true,
            ActKind::Donation => p.donations = p.donations.saturating_add(n),
        }
        p.last_ms = p.last_ms.max(a.last_ms);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(viewer: &str, channel: i64, start_ms: i64, minutes: f64) -> Session {
        Session { viewer: viewer.into(), channel, start_ms, end_ms: start_ms + (minutes * 60_000.0) as i64 }
    }

    #[test]
    fn quick_exits_are_no_preference_and_acts_add_up() {
        let now = 10 * 86_400_000;
        let sessions = [
            session("u:1", 7, now - 3_600_000, 0.2),
            session("u:1", 8, now - 3_600_000, 60.0),
            session("u:1", 8, now - 7_200_000, 0.1),
        ];
        let acts = [
            Act { viewer: "u:1".into(), channel: 8, kind: ActKind::Follow, count: 1, last_ms: now },
            Act { viewer: "u:2".into(), channel: 7, kind: ActKind::Chat, count: 3, last_ms: now },
        ];
        let pairs = fold(&sessions, &acts, now);
        let left = &pairs[&("u:1".to_string(), 7)];
        assert!(left.rejected() && left.strength() == 0.0);
        let stayed = &pairs[&("u:1".to_string(), 8)];
        assert_eq!((stayed.sessions, stayed.quick_exits), (1, 1));
        assert!((stayed.strength() - (60f32 * decay(now, now - 3_600_000 + 3_600_000)).ln_1p() - 2.0).abs() < 0.01);
        // A chatter who never watched still prefers the channel.
        let chatter = &pairs[&("u:2".to_string(), 7)];
        assert!(!chatter.rejected() && (chatter.strength() - 4f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn old_watching_counts_less_and_hours_are_bucketed() {
        let now = 100 * 86_400_000;
        let recent = fold(&[session("v", 1, now - 86_400_000, 60.0)], &[], now);
        let old = fold(&[session("v", 1, now - 43 * 86_400_000, 60.0)], &[], now);
        let (r, o) = (&recent[&("v".to_string(), 1)], &old[&("v".to_string(), 1)]);
        assert!(o.minutes < r.minutes / 3.5 && o.minutes > r.minutes / 4.5, "{} vs {}", o.minutes, r.minutes);
        assert_eq!(hour_bucket(now + 7 * 3_600_000), 1);
        assert!(r.hours[hour_bucket(now)] > 55.0 && r.hours.iter().sum::<f32>() == r.hours[0]);
    }
}

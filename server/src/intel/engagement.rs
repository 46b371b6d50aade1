//! The engagement score, 0 to 100, of a stream minute and of a whole stream:
//! how much the audience takes part, judged against what is usual for the
//! channel and the platform, so a small channel's lively chat scores as
//! high as a big one's. Pure; analytics gives it the minute counts and the
//! references from stored summaries.
//!
//! Four signals, each a rate the audience's size does not inflate:
//! - **chat**: messages per viewer-minute;
//! - **chatters**: distinct chatters per viewer in the minute;
//! - **mood**: sentiment balance, (positive − negative) / scored lines, from
//!   −1 to 1 (English chat only; 0 when nothing was scored);
//! - **support**: follows, subscriptions and donations per viewer-hour.
//!
//! A stream's signals are the viewer-weighted means of its minutes' (message
//! total over watch minutes, and so on). Each rate `x` is set against its
//! reference `r` as `x / (x + r)`: 0 with none, 0.5 at the usual, nearing 1
//! far above it. Mood is `0.5 + (b − r) / 2`, clamped to 0..1. Then
//!
//! `score = 100 × (0.35 chat + 0.25 chatters + 0.15 mood + 0.25 support)`.
//!
//! The reference of each signal is the channel's own mean over its last
//! [`CHANNEL_STREAMS`] finished streams shrunk toward the platform's median
//! over its last [`PLATFORM_STREAMS`]: `(n·channel + K·platform) / (n + K)`
//! with `K` = [`SHRINK`], so one stream does not set a channel's norm. Until
//! the platform has [`MIN_PLATFORM`] finished streams its median is
//! [`PRIORS`]: our starting assumptions, not measurements.

use aethex_sdk::EngagementSignals;

/// Past finished streams of the channel that set its norm.
pub const CHANNEL_STREAMS: i64 = 20;
/// Past finished streams platform-wide whose median is the platform's norm.
pub const PLATFORM_STREAMS: i64 = 500;
/// Finished streams the platform needs before its median replaces [`PRIORS`].
pub const MIN_PLATFORM: usize = 5;
/// How many streams' weight the platform's norm carries against the channel's own.
pub const SHRINK: f64 = 3.0;
/// Starting references: 1 message per 20 viewer-minutes, 1 in 20 viewers
/// chatting in a minute, neutral mood, 1 follow, subscription or donation per
/// 10 viewer-hours. Assumptions, replaced by the platform's own median.
pub const PRIORS: EngagementSignals = EngagementSignals { chat: 0.05, chatters: 0.05, mood: 0.0, support: 0.1 };

const WEIGHTS: [f64; 4] = [0.35, 0.25, 0.15, 0.25];

/// One minute's (or a stream's) counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Viewer-minutes (a minute's viewers; a stream's watch minutes).
    pub viewer_minutes: f64,
    /// Chat messages.
    pub messages: f64,
    /// Distinct chatters (a stream's: summed over its minutes).
    pub chatter_minutes: f64,
    /// Lines by sentiment.
    pub positive: f64,
    /// Negative lines.
    pub negative: f64,
    /// Neutral lines.
    pub neutral: f64,
    /// Follows, subscriptions and donations.
    pub actions: f64,
}

impl Counts {
    /// The signals, or `None` with no audience at all.
    pub fn signals(&self) -> Option<EngagementSignals> {
        // Chatters are audience too, even when no player reported them.
        let audience = self.viewer_minutes.max(self.chatter_minutes);
        if audience <= 0.0 {
            return None;
        }
        let scored = self.positive + self.negative + self.neutral;
        Some(EngagementSignals {
            chat: self.messages / audience,
            chatters: self.chatter_minutes / audience,
            mood: if scored > 0.0 { (self.positive - self.negative) / scored } else { 0.0 },
            support: self.actions * 60.0 / audience,
        })
    }

    /// Add another minute.
    pub fn add(&mut self, o: &Counts) {
        self.viewer_minutes += o.viewer_minutes;
        self.messages += o.messages;
        self.chatter_minutes += o.chatter_minutes;
        self.positive += o.positive;
        self.negative += o.negative;
        self.neutral += o.neutral;
        self.actions += o.actions;
    }
}

/// The median of each signal over `past` (finished streams' signals), or
/// [`PRIORS`] when there are fewer than [`MIN_PLATFORM`].
pub fn platform_norm(past: &[EngagementSignals]) -> EngagementSignals {
    if past.len() < MIN_PLATFORM {
        return PRIORS;
    }
    let median = |f: fn(&EngagementSignals) -> f64| {
        let mut v: Vec<f64> = past.iter().map(f).filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => 0.0,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    };
    EngagementSignals {
        chat: median(|s| s.chat),
        chatters: median(|s| s.chatters),
        mood: median(|s| s.mood),
        support: median(|s| s.support),
    }
}

/// The channel's reference: its past streams' mean, shrunk toward `platform`.
pub fn reference(channel_past: &[EngagementSignals], platform: &EngagementSignals) -> EngagementSignals {
    if channel_past.is_empty() {
        return *platform;
    }
    let n = channel_past.len() as f64;
    let blend = |f: fn(&EngagementSignals) -> f64| {
        (channel_past.iter().map(f).filter(|x| x.is_finite()).sum::<f64>() + SHRINK * f(platform)) / (n + SHRINK)
    };
    EngagementSignals {
        chat: blend(|s| s.chat),
        chatters: blend(|s| s.chatters),
        mood: blend(|s| s.mood),
        support: blend(|s| s.support),
    }
}

/// The score, 0 to 100 (one decimal), of `s` against `reference`.
pub fn score(s: &EngagementSignals, reference: &EngagementSignals) -> f64 {
    let rate = |x: f64, r: f64| {
        let r = r.max(1e-6);
        if x <= 0.0 {
            0.0
        } else {
            x / (x + r)
        }
    };
    let parts = [
        rate(s.chat, reference.chat),
        rate(s.chatters, reference.chatters),
        (0.5 + (s.mood - reference.mood) / 2.0).clamp(0.0, 1.0),
        rate(s.support, reference.support),
    ];
    let total: f64 = parts.iter().zip(WEIGHTS).map(|(p, w)| p * w).sum();
    (total * 1000.0).round().clamp(0.0, 1000.0) / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minute(viewers: f64, messages: f64, chatters: f64, pos: f64, neg: f64, actions: f64) -> Counts {
        Counts {
            viewer_minutes: viewers,
            messages,
            chatter_minutes: chatters,
            positive: pos,
            negative: neg,
            neutral: 0.0,
            actions,
        }
    }

    #[test]
    fn usual_activity_scores_half_and_more_scores_more() {
        let r = PRIORS;
        // Exactly the reference rates, neutral mood: every part 0.5.
        let usual = minute(100.0, 5.0, 5.0, 0.0, 0.0, 100.0 * 0.1 / 60.0).signals().unwrap();
        assert_eq!(score(&usual, &r), 50.0);
        let lively = minute(100.0, 40.0, 25.0, 20.0, 2.0, 1.0).signals().unwrap();
        let quiet = minute(100.0, 1.0, 1.0, 0.0, 1.0, 0.0).signals().unwrap();
        assert!(score(&lively, &r) > 75.0, "{}", score(&lively, &r));
        assert!(score(&quiet, &r) < 25.0, "{}", score(&quiet, &r));
        assert_eq!(score(&minute(10.0, 0.0, 0.0, 0.0, 0.0, 0.0).signals().unwrap(), &r), 7.5, "only neutral mood");
    }

    #[test]
    fn audience_size_does_not_inflate_the_score() {
        let small = minute(10.0, 4.0, 3.0, 2.0, 0.0, 0.0).signals().unwrap();
        let big = minute(1000.0, 400.0, 300.0, 200.0, 0.0, 0.0).signals().unwrap();
        assert_eq!(score(&small, &PRIORS), score(&big, &PRIORS));
        assert_eq!(minute(0.0, 0.0, 0.0, 0.0, 0.0, 0.0).signals(), None, "no audience, no score");
        // Chatters count as audience when no player reported viewers.
        assert_eq!(minute(0.0, 2.0, 2.0, 0.0, 0.0, 0.0).signals().unwrap().chatters, 1.0);
    }

    #[test]
    fn a_channel_is_judged_against_its_own_norm() {
        let active = EngagementSignals { chat: 0.5, chatters: 0.3, mood: 0.2, support: 1.0 };
        // A channel whose chat is always this busy: its norm rises toward it.
        let r = reference(&[active; 20], &PRIORS);
        assert!(r.chat > 0.4 && r.chat < 0.5, "{r:?}");
        let s = score(&active, &r);
        assert!((45.0..=55.0).contains(&s), "usual for the channel is about half: {s}");
        assert!(score(&active, &PRIORS) > 80.0, "far above a new channel's norm");
        // With no history the reference is the platform's.
        assert_eq!(reference(&[], &PRIORS), PRIORS);
    }

    #[test]
    fn the_platform_norm_is_a_median_once_there_are_enough_streams() {
        let s = |chat| EngagementSignals { chat, chatters: 0.1, mood: 0.0, support: 0.2 };
        assert_eq!(platform_norm(&[s(1.0), s(2.0)]), PRIORS, "too few streams");
        let n = platform_norm(&[s(0.1), s(0.2), s(100.0), s(0.3), s(0.4)]);
        assert_eq!((n.chat, n.chatters, n.support), (0.3, 0.1, 0.2), "one outlier does not move it");
    }
}

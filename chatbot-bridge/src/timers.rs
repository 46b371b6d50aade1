//! Timers, Nightbot-style: a message posted every `interval`, but only when
//! at least `min_lines` chat lines were sent in the last five minutes, so a
//! quiet chat is not flooded with the bot's own lines.

use std::collections::VecDeque;

/// Nightbot's shortest timer interval: five minutes.
pub const MIN_INTERVAL_S: u64 = 300;
/// The window in which chat lines are counted.
pub const LINE_WINDOW_MS: i64 = 5 * 60 * 1000;

/// One timer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// Name (for `!timers` management).
    pub name: String,
    /// What it says (variables allowed).
    pub message: String,
    /// Seconds between posts, at least [`MIN_INTERVAL_S`].
    pub interval_s: u64,
    /// Chat lines needed in the last five minutes.
    pub min_lines: usize,
}

impl Timer {
    /// A timer, checked.
    pub fn new(name: &str, message: &str, interval_s: u64, min_lines: usize) -> Result<Self, String> {
        if interval_s < MIN_INTERVAL_S {
            return Err(format!("timers run at most every {MIN_INTERVAL_S} seconds"));
        }
        if message.trim().is_empty() || message.chars().count() > crate::manage::MAX_RESPONSE {
            return Err(format!("a timer message is 1 to {} characters", crate::manage::MAX_RESPONSE));
        }
        Ok(Self { name: name.into(), message: message.into(), interval_s, min_lines })
    }
}

/// The clocks of a channel's timers.
#[derive(Debug, Default)]
pub struct Timers {
    timers: Vec<(Timer, i64)>,
    lines: VecDeque<i64>,
}

impl Timers {
    /// Add a timer; its first post is one interval from `now_ms`.
    pub fn add(&mut self, t: Timer, now_ms: i64) {
        self.timers.retain(|(x, _)| x.name != t.name);
        self.timers.push((t, now_ms));
    }

    /// A chat line was sent (not by the bot).
    pub fn saw_line(&mut self, now_ms: i64) {
        self.lines.push_back(now_ms);
        self.prune(now_ms);
    }

    fn prune(&mut self, now_ms: i64) {
        while self.lines.front().is_some_and(|t| now_ms - t > LINE_WINDOW_MS) {
            self.lines.pop_front();
        }
        // Bounded: only the count up to the largest threshold matters.
        let keep = self.timers.iter().map(|(t, _)| t.min_lines).max().unwrap_or(0).max(1) * 2;
        while self.lines.len() > keep {
            self.lines.pop_front();
        }
    }

    /// Messages due at `now_ms`; each fires at most once per interval and
    /// only with enough recent chat. A due timer without enough chat waits.
    pub fn due(&mut self, now_ms: i64) -> Vec<String> {
        self.prune(now_ms);
        let recent = self.lines.len();
        let mut out = Vec::new();
        for (t, last) in &mut self.timers {
            if now_ms - *last >= t.interval_s as i64 * 1000 && recent >= t.min_lines {
                *last = now_ms;
                out.push(t.message.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_on_interval_only_with_enough_chat() {
        assert!(Timer::new("x", "hi", 60, 0).unwrap_err().contains("300"));
        assert!(Timer::new("x", " ", 300, 0).is_err());
        let mut ts = Timers::default();
        ts.add(Timer::new("discord", "Join the discord!", 300, 3).unwrap(), 0);
        let s = |x: i64| x * 1000;
        assert!(ts.due(s(299)).is_empty(), "not yet");
        assert!(ts.due(s(300)).is_empty(), "due, but the chat is quiet");
        for t in [301, 302, 303] {
            ts.saw_line(s(t));
        }
        assert_eq!(ts.due(s(304)), vec!["Join the discord!"]);
        assert!(ts.due(s(305)).is_empty(), "once per interval");
        // Five minutes later the old lines no longer count.
        assert!(ts.due(s(304 + 300 + 1)).is_empty());
        for t in 0..3 {
            ts.saw_line(s(700 + t));
        }
        assert_eq!(ts.due(s(703)).len(), 1);
        for t in 0..10_000 {
            ts.saw_line(s(800) + t);
        }
        assert!(ts.lines.len() <= 6, "line memory is bounded");
    }
}

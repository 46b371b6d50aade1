//! The "AeThex Chat" source's model: the last N messages with names and
//! badges, following deletions, timeouts and clears, rendered as the text the
//! source draws. Pure logic, tested without OBS.

use std::collections::VecDeque;

use aethex_sdk::ChatMessage;

/// The lines on screen.
#[derive(Debug, Default)]
pub struct ChatLines {
    max: usize,
    lines: VecDeque<ChatMessage>,
}

/// A badge as the text source shows it (no emoji font is assumed).
fn badge_mark(badge: &str) -> Option<&'static str> {
    match badge.split('/').next().unwrap_or("") {
        "broadcaster" => Some("[B]"),
        "moderator" => Some("[M]"),
        "subscriber" => Some("[S]"),
        _ => None,
    }
}

impl ChatLines {
    /// Keep the last `max` messages.
    pub fn new(max: usize) -> Self {
        Self { max: max.max(1), lines: VecDeque::new() }
    }

    /// Change how many lines are kept.
    pub fn set_max(&mut self, max: usize) {
        self.max = max.max(1);
        while self.lines.len() > self.max {
            self.lines.pop_front();
        }
    }

    /// A new message.
    pub fn push(&mut self, m: ChatMessage) {
        self.lines.push_back(m);
        while self.lines.len() > self.max {
            self.lines.pop_front();
        }
    }

    /// A moderator deleted one message.
    pub fn delete(&mut self, id: &str) {
        self.lines.retain(|m| m.id != id);
    }

    /// A user was banned or timed out: their lines go.
    pub fn clear_user(&mut self, login: &str) {
        self.lines.retain(|m| m.user_login != login);
    }

    /// The chat was cleared.
    pub fn clear(&mut self) {
        self.lines.clear();
    }

    /// The text to draw, oldest line first.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|m| {
                let marks: String = m.badges.iter().filter_map(|b| badge_mark(b)).collect();
                let sep = if marks.is_empty() { "" } else { " " };
                // One message is one line on screen: control characters never reach the renderer.
                let text: String = m.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                format!("{marks}{sep}{}: {text}", m.user_name)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Lines held.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no line is held.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: &str, login: &str, text: &str, badges: &[&str]) -> ChatMessage {
        ChatMessage {
            id: id.into(),
            broadcaster_user_id: "1".into(),
            broadcaster_login: "caster".into(),
            user_id: "2".into(),
            user_login: login.into(),
            user_name: login.to_uppercase(),
            text: text.into(),
            action: false,
            badges: badges.iter().map(|b| b.to_string()).collect(),
            sent_at: "2026-11-24T00:00:00.000Z".into(),
        }
    }

    #[test]
    fn keeps_the_last_lines_and_follows_moderation() {
        let mut c = ChatLines::new(3);
        c.push(msg("1", "ann", "hi", &["broadcaster/1"]));
        c.push(msg("2", "bob", "hello\nworld", &["moderator/1", "subscriber/12"]));
        c.push(msg("3", "cat", "yo", &[]));
        c.push(msg("4", "bob", "again", &[]));
        assert_eq!(c.len(), 3);
        assert_eq!(c.text(), "[M][S] BOB: hello world\nCAT: yo\nBOB: again");
        c.delete("3");
        assert_eq!(c.text(), "[M][S] BOB: hello world\nBOB: again");
        c.clear_user("bob");
        assert!(c.is_empty());
        c.push(msg("5", "dee", "x", &[]));
        c.set_max(0);
        assert_eq!(c.len(), 1);
        c.clear();
        assert_eq!(c.text(), "");
    }
}

//! The send policy: whether a message may go out, decided from the room's
//! cached moderation state, who is talking, their recent sends and the time.
//! Pure (no I/O, no clock of its own), so every rule is tested here; the room
//! holds the state and calls [`check`] under its locks.

use std::collections::{HashMap, HashSet, VecDeque};

use aethex_sdk::ChatSettings;

use super::Refusal;

/// Characters a message may have.
pub const MAX_TEXT: usize = 500;
/// Messages per [`RATE_WINDOW_MS`] for regular users.
pub const RATE_REGULAR: usize = 20;
/// Messages per [`RATE_WINDOW_MS`] for moderators and the broadcaster.
pub const RATE_ELEVATED: usize = 100;
/// The rate window, as Twitch counts it.
pub const RATE_WINDOW_MS: i64 = 30_000;

/// A room's moderation state, cached from the database.
#[derive(Debug, Default)]
pub struct Moderation {
    /// Moderator user ids (the broadcaster is implied).
    pub moderators: HashSet<i64>,
    /// user → None (permanent) or Unix ms until.
    pub bans: HashMap<i64, Option<i64>>,
    /// The room's modes.
    pub settings: ChatSettings,
    /// Lowercased terms no regular user may send.
    pub blocked_terms: Vec<String>,
    /// AutoMod's levels (checked after these rules, on what they let through).
    pub automod: crate::intel::automod::Settings,
    /// Reports that hide a message pending review; 0: never.
    pub report_hide_threshold: i64,
}

/// Who is talking, as the policy needs to know them.
#[derive(Debug, Clone, Copy)]
pub struct Sender {
    /// User id.
    pub user_id: i64,
    /// The broadcaster or a moderator: exempt from modes and blocked terms, higher rate.
    pub elevated: bool,
    /// Subscribed now.
    pub subscribed: bool,
    /// When they followed the channel (Unix ms).
    pub followed_at: Option<i64>,
}

fn refuse(msg_id: &'static str, text: impl Into<String>) -> Refusal {
    Refusal { msg_id, text: text.into() }
}

/// Check `text` from `sender` at `now` (Unix ms). On success the send is
/// counted in `recent` (the sender's send times) and the trimmed text returned.
pub fn check<'t>(
    m: &Moderation,
    room: &str,
    sender: Sender,
    text: &'t str,
    recent: &mut VecDeque<i64>,
    now: i64,
) -> Result<&'t str, Refusal> {
    let text = check_text(text)?;
    check_ban(m, room, sender.user_id, now)?;
    if !sender.elevated {
        check_modes(&m.settings, sender, now)?;
        check_terms(&m.blocked_terms, text)?;
    }
    let slow = if sender.elevated { 0 } else { m.settings.slow_seconds };
    check_rate(recent, slow, if sender.elevated { RATE_ELEVATED } else { RATE_REGULAR }, now)?;
    recent.push_back(now);
    Ok(text)
}

/// The body of a `/me` message, however it is written: IRC's CTCP ACTION
/// (`\x01ACTION waves\x01`, the closing `\x01` optional as many clients
/// omit it) or the `/me` (or `.me`) chat command.
pub fn action(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_prefix("\u{1}ACTION") {
        let rest = rest.strip_suffix('\u{1}').unwrap_or(rest);
        return Some(rest.strip_prefix(' ').unwrap_or(rest));
    }
    text.strip_prefix("/me ").or_else(|| text.strip_prefix(".me ")).or((text == "/me" || text == ".me").then_some(""))
}

fn check_text(text: &str) -> Result<&str, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(refuse("msg_empty", "Your message was empty."));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(refuse("msg_too_long", format!("Your message is longer than {MAX_TEXT} characters.")));
    }
    if text.chars().any(char::is_control) {
        return Err(refuse("msg_rejected", "Your message contains control characters."));
    }
    Ok(text)
}

fn check_ban(m: &Moderation, room: &str, user_id: i64, now: i64) -> Result<(), Refusal> {
    match m.bans.get(&user_id) {
        Some(None) => Err(refuse("msg_banned", format!("You are permanently banned from talking in {room}."))),
        Some(Some(until)) if *until > now => {
            Err(refuse("msg_timedout", format!("You are timed out for {} more seconds.", (until - now + 999) / 1000)))
        }
        _ => Ok(()),
    }
}

fn check_modes(st: &ChatSettings, sender: Sender, now: i64) -> Result<(), Refusal> {
    if st.emote_only {
        return Err(refuse("msg_emoteonly", "This room is in emote-only mode."));
    }
    if st.subscribers_only && !sender.subscribed {
        return Err(refuse("msg_subsonly", "This room is in subscribers-only mode."));
    }
    if let Some(min) = st.followers_only_minutes {
        match sender.followed_at {
            None => {
                return Err(refuse(
                    "msg_followersonly",
                    "This room is in followers-only mode. Follow the channel to chat.",
                ))
            }
            Some(at) if now - at < min * 60_000 => {
                return Err(refuse("msg_followersonly", format!("This room is in {min} minutes followers-only mode.")))
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_terms(terms: &[String], text: &str) -> Result<(), Refusal> {
    let lower = text.to_lowercase();
    if terms.iter().any(|t| lower.contains(t.as_str())) {
        return Err(refuse("msg_rejected", "Your message was not sent: it contains a blocked term."));
    }
    Ok(())
}

/// Drop send times older than the window, then apply slow mode and the rate limit.
fn check_rate(recent: &mut VecDeque<i64>, slow_seconds: i64, limit: usize, now: i64) -> Result<(), Refusal> {
    while recent.front().is_some_and(|t| now - t >= RATE_WINDOW_MS) {
        recent.pop_front();
    }
    if let (true, Some(last)) = (slow_seconds > 0, recent.back()) {
        let wait_ms = slow_seconds * 1000 - (now - last);
        if wait_ms > 0 {
            return Err(refuse(
                "msg_slowmode",
                format!("This room is in slow mode. Try again in {} seconds.", (wait_ms / 1000).max(1)),
            ));
        }
    }
    if recent.len() >= limit {
        return Err(refuse("msg_ratelimit", "Your message was not sent because you are sending messages too quickly."));
    }
    Ok(())
}

/// Whether a user's send times can be forgotten (nothing inside the window).
pub fn expired(recent: &VecDeque<i64>, now: i64) -> bool {
    recent.back().is_none_or(|t| now - t >= RATE_WINDOW_MS)
}

#[cfg(test)]
mod action_tests {
    use super::action;

    #[test]
    fn every_way_of_writing_me() {
        assert_eq!(action("\u{1}ACTION waves\u{1}"), Some("waves"));
        assert_eq!(action("\u{1}ACTION waves"), Some("waves"), "unterminated, as some clients send it");
        assert_eq!(action("/me waves"), Some("waves"));
        assert_eq!(action(".me waves"), Some("waves"));
        assert_eq!(action("/me"), Some(""), "an empty action is then refused as empty");
        assert_eq!(action("\u{1}ACTION\u{1}"), Some(""));
        assert_eq!(action("/meow"), None);
        assert_eq!(action("waves /me"), None);
        assert_eq!(action("\u{1}VERSION\u{1}"), None, "other CTCP stays refused as control characters");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;
    const USER: Sender = Sender { user_id: 7, elevated: false, subscribed: false, followed_at: None };
    const MOD: Sender = Sender { user_id: 8, elevated: true, subscribed: false, followed_at: None };

    fn send(m: &Moderation, s: Sender, text: &str) -> Result<String, &'static str> {
        check(m, "room", s, text, &mut VecDeque::new(), NOW).map(str::to_string).map_err(|r| r.msg_id)
    }

    fn with(f: impl FnOnce(&mut ChatSettings)) -> Moderation {
        let mut m = Moderation::default();
        f(&mut m.settings);
        m
    }

    #[test]
    fn length_empty_and_control_characters() {
        let m = Moderation::default();
        assert_eq!(send(&m, USER, "  hi  "), Ok("hi".into()));
        assert_eq!(send(&m, USER, "   "), Err("msg_empty"));
        assert_eq!(send(&m, USER, &"é".repeat(MAX_TEXT)), Ok("é".repeat(MAX_TEXT)), "characters, not bytes");
        assert_eq!(send(&m, USER, &"a".repeat(MAX_TEXT + 1)), Err("msg_too_long"));
        assert_eq!(send(&m, USER, "a\u{7}b"), Err("msg_rejected"));
    }

    #[test]
    fn a_ban_holds_for_everyone_even_moderators() {
        let mut m = Moderation::default();
        m.bans.insert(USER.user_id, None);
        m.bans.insert(MOD.user_id, None);
        assert_eq!(send(&m, USER, "hi"), Err("msg_banned"));
        assert_eq!(send(&m, MOD, "hi"), Err("msg_banned"));
    }

    #[test]
    fn a_timeout_expires() {
        let mut m = Moderation::default();
        m.bans.insert(USER.user_id, Some(NOW + 1));
        let r = check(&m, "room", USER, "hi", &mut VecDeque::new(), NOW).unwrap_err();
        assert_eq!((r.msg_id, r.text.as_str()), ("msg_timedout", "You are timed out for 1 more seconds."));
        assert!(check(&m, "room", USER, "hi", &mut VecDeque::new(), NOW + 1).is_ok(), "over at its end");
    }

    #[test]
    fn slow_mode_spaces_regular_users_only() {
        let m = with(|s| s.slow_seconds = 10);
        let mut recent = VecDeque::new();
        assert!(check(&m, "room", USER, "one", &mut recent, NOW).is_ok());
        let r = check(&m, "room", USER, "two", &mut recent, NOW + 4_000).unwrap_err();
        assert_eq!((r.msg_id, r.text.as_str()), ("msg_slowmode", "This room is in slow mode. Try again in 6 seconds."));
        assert!(check(&m, "room", USER, "two", &mut recent, NOW + 10_000).is_ok());
        let mut mod_recent = VecDeque::new();
        assert!(check(&m, "room", MOD, "one", &mut mod_recent, NOW).is_ok());
        assert!(check(&m, "room", MOD, "two", &mut mod_recent, NOW + 1).is_ok());
    }

    #[test]
    fn followers_only_with_a_minimum_age() {
        let any = with(|s| s.followers_only_minutes = Some(0));
        assert_eq!(send(&any, USER, "hi"), Err("msg_followersonly"));
        assert!(send(&any, Sender { followed_at: Some(NOW), ..USER }, "hi").is_ok());
        let ten = with(|s| s.followers_only_minutes = Some(10));
        assert_eq!(send(&ten, Sender { followed_at: Some(NOW - 9 * 60_000), ..USER }, "hi"), Err("msg_followersonly"));
        assert!(send(&ten, Sender { followed_at: Some(NOW - 10 * 60_000), ..USER }, "hi").is_ok());
        assert!(send(&ten, MOD, "hi").is_ok());
    }

    #[test]
    fn subscribers_only() {
        let m = with(|s| s.subscribers_only = true);
        assert_eq!(send(&m, USER, "hi"), Err("msg_subsonly"));
        assert!(send(&m, Sender { subscribed: true, ..USER }, "hi").is_ok());
        assert!(send(&m, MOD, "hi").is_ok());
    }

    #[test]
    fn emote_only() {
        let m = with(|s| s.emote_only = true);
        assert_eq!(send(&m, Sender { subscribed: true, ..USER }, "hi"), Err("msg_emoteonly"));
        assert!(send(&m, MOD, "hi").is_ok());
    }

    #[test]
    fn blocked_terms_match_case_insensitively_for_regular_users() {
        let m = Moderation { blocked_terms: vec!["badword".into()], ..Default::default() };
        assert_eq!(send(&m, USER, "a BadWord here"), Err("msg_rejected"));
        assert!(send(&m, USER, "a good word").is_ok());
        assert!(send(&m, MOD, "badword").is_ok(), "moderators are exempt");
    }

    #[test]
    fn both_rate_windows() {
        let m = Moderation::default();
        for (who, limit) in [(USER, RATE_REGULAR), (MOD, RATE_ELEVATED)] {
            let mut recent = VecDeque::new();
            for i in 0..limit {
                assert!(check(&m, "room", who, "x", &mut recent, NOW + i as i64).is_ok(), "send {i} of {limit}");
            }
            let r = check(&m, "room", who, "x", &mut recent, NOW + limit as i64).unwrap_err();
            assert_eq!(r.msg_id, "msg_ratelimit");
            // The window slides: the first send leaves it 30 s after it was counted.
            assert!(check(&m, "room", who, "x", &mut recent, NOW + RATE_WINDOW_MS).is_ok());
            assert!(!expired(&recent, NOW + RATE_WINDOW_MS));
            assert!(expired(&recent, NOW + 2 * RATE_WINDOW_MS));
        }
    }
}

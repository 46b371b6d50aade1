//! Rendering: each room event becomes its Twitch IRC line once (with tags,
//! and without for clients that did not ask for them) and its JSON frame once,
//! whatever number of members read it. Pure: nothing here sends or stores.

use std::sync::Arc;

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::irc::Message;
use aethex_sdk::{ChatMessage, ChatSettings, ChatSettingsUpdate};

use super::{Room, Speaker, SERVER_NAME};

/// How one ROOMSTATE tag is written from a room's modes.
type ModeTag = fn(&ChatSettings) -> String;
use crate::store::now_ms;

/// One event in a room, rendered once for every gateway.
#[derive(Debug)]
pub struct RoomEvent {
    /// IRC line with tags.
    pub irc_tags: String,
    /// IRC line without tags (clients that did not ask for twitch.tv/tags).
    pub irc_plain: String,
    /// JSON frame for the chat WebSocket.
    pub json: String,
    /// Only clients that asked for twitch.tv/commands get this (CLEARCHAT, ...).
    pub command_only: bool,
    /// The connection that caused it, which does not get its own message back.
    pub from_conn: Option<u64>,
}

impl RoomEvent {
    /// A frame for the JSON socket that IRC clients do not get.
    pub(super) fn json_only(frame: ServerFrame) -> Arc<Self> {
        Arc::new(Self {
            irc_tags: String::new(),
            irc_plain: String::new(),
            json: frame.to_json(),
            command_only: false,
            from_conn: None,
        })
    }

    pub(super) fn new(msg: Message, frame: ServerFrame, command_only: bool, from_conn: Option<u64>) -> Arc<Self> {
        let plain = Message { tags: Vec::new(), ..msg.clone() };
        Arc::new(Self {
            irc_tags: msg.to_line(),
            irc_plain: plain.to_line(),
            json: frame.to_json(),
            command_only,
            from_conn,
        })
    }
}

impl Room {
    /// Badges of a speaker, Twitch style.
    pub fn badges(&self, s: &Speaker) -> Vec<String> {
        let mut b = Vec::new();
        if s.user_id == self.channel_id {
            b.push("broadcaster/1".to_string());
        } else if self.is_moderator(s.user_id) {
            b.push("moderator/1".to_string());
        }
        if let Some(m) = s.sub_months {
            b.push(format!("subscriber/{m}"));
        }
        b
    }

    /// The full ROOMSTATE line for this room, sent on JOIN.
    pub fn roomstate(&self) -> Message {
        self.roomstate_change(None, &self.settings(), None)
    }

    /// The ROOMSTATE line of a mode change: as on Twitch, only the tags that
    /// changed (and `room-id`), which is how clients such as tmi.js tell a
    /// change (their `slowmode`, `followersonly`... events) from a join.
    /// A mode that was `asked` for is included even when it was already set,
    /// so a client waiting for its command's answer gets one. With no
    /// `before`, every tag.
    pub(super) fn roomstate_change(
        &self,
        before: Option<&ChatSettings>,
        s: &ChatSettings,
        asked: Option<&ChatSettingsUpdate>,
    ) -> Message {
        let asked_for = |name: &str| {
            asked.is_some_and(|a| match name {
                "emote-only" => a.emote_only.is_some(),
                "followers-only" => a.followers_only_minutes.is_some(),
                "slow" => a.slow_seconds.is_some(),
                _ => a.subscribers_only.is_some(),
            })
        };
        let changed = |f: fn(&ChatSettings) -> String| before.is_none_or(|b| f(b) != f(s));
        let tags: [(&str, ModeTag); 4] = [
            ("emote-only", |s| if s.emote_only { "1" } else { "0" }.to_string()),
            ("followers-only", |s| s.followers_only_minutes.unwrap_or(-1).to_string()),
            ("slow", |s| s.slow_seconds.to_string()),
            ("subs-only", |s| if s.subscribers_only { "1" } else { "0" }.to_string()),
        ];
        let mut m = Message::new("ROOMSTATE", &[&format!("#{}", self.login)]).with_prefix("tmi.twitch.tv");
        for (name, value) in tags {
            if changed(value) || asked_for(name) {
                m = m.with_tag(name, value(s));
            }
            if name == "followers-only" && before.is_none() {
                m = m.with_tag("r9k", "0");
            }
        }
        m.with_tag("room-id", self.channel_id.to_string())
    }

    /// The USERSTATE line for a speaker (or an anonymous reader).
    pub fn userstate(&self, s: Option<&Speaker>) -> Message {
        let badges = s.map(|s| self.badges(s)).unwrap_or_default();
        let is_mod = s.is_some_and(|s| self.is_moderator(s.user_id) && s.user_id != self.channel_id);
        Message::new("USERSTATE", &[&format!("#{}", self.login)])
            .with_prefix("tmi.twitch.tv")
            .with_tag("badge-info", s.and_then(|s| s.sub_months).map(|m| format!("subscriber/{m}")).unwrap_or_default())
            .with_tag("badges", badges.join(","))
            .with_tag("color", "")
            .with_tag("display-name", s.map(|s| s.display_name.clone()).unwrap_or_default())
            .with_tag("emote-sets", "0")
            .with_tag("mod", if is_mod { "1" } else { "0" })
            .with_tag("subscriber", if s.and_then(|s| s.sub_months).is_some() { "1" } else { "0" })
            .with_tag("user-type", if is_mod { "mod" } else { "" })
    }

    /// The PRIVMSG line of a message.
    pub(super) fn privmsg_line(
        &self,
        s: &Speaker,
        msg: &ChatMessage,
        badges: &[String],
        is_mod: bool,
        now: i64,
    ) -> Message {
        let text = if msg.action { format!("\u{1}ACTION {}\u{1}", msg.text) } else { msg.text.clone() };
        Message::new("PRIVMSG", &[&format!("#{}", self.login), &text])
            .with_prefix(format!("{0}!{0}@{0}.tmi.twitch.tv", s.login))
            .with_tag("badge-info", s.sub_months.map(|m| format!("subscriber/{m}")).unwrap_or_default())
            .with_tag("badges", badges.join(","))
            .with_tag("color", "")
            .with_tag("display-name", s.display_name.clone())
            .with_tag("emotes", "")
            .with_tag("first-msg", "0")
            .with_tag("flags", "")
            .with_tag("id", msg.id.clone())
            .with_tag("mod", if is_mod { "1" } else { "0" })
            .with_tag("returning-chatter", "0")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("subscriber", if s.sub_months.is_some() { "1" } else { "0" })
            .with_tag("tmi-sent-ts", now.to_string())
            .with_tag("turbo", "0")
            .with_tag("user-id", s.user_id.to_string())
            .with_tag("user-type", if is_mod { "mod" } else { "" })
    }

    /// The CLEARCHAT line of a ban (`duration` none) or timeout.
    pub(super) fn clearchat_user_line(&self, user_id: i64, login: &str, duration: Option<i64>) -> Message {
        let mut irc = Message::new("CLEARCHAT", &[&format!("#{}", self.login), login])
            .with_prefix("tmi.twitch.tv")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("target-user-id", user_id.to_string())
            .with_tag("tmi-sent-ts", now_ms().to_string());
        if let Some(d) = duration {
            irc = irc.with_tag("ban-duration", d.to_string());
        }
        irc
    }

    /// The CLEARMSG line of a deleted message.
    pub(super) fn clearmsg_line(&self, m: &ChatMessage) -> Message {
        Message::new("CLEARMSG", &[&format!("#{}", self.login), &m.text])
            .with_prefix("tmi.twitch.tv")
            .with_tag("login", m.user_login.clone())
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("target-msg-id", m.id.clone())
            .with_tag("tmi-sent-ts", now_ms().to_string())
    }

    /// The CLEARCHAT line of a cleared room.
    pub(super) fn clearchat_line(&self) -> Message {
        Message::new("CLEARCHAT", &[&format!("#{}", self.login)])
            .with_prefix("tmi.twitch.tv")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("tmi-sent-ts", now_ms().to_string())
    }

    /// The USERNOTICE line of a subscription, donation or raid.
    pub(super) fn usernotice_line(
        &self,
        msg_id: &str,
        user_id: &str,
        login: &str,
        system_msg: &str,
        params: &[(&str, String)],
        text: Option<&str>,
    ) -> Message {
        let mut irc = Message::new("USERNOTICE", &[&format!("#{}", self.login)])
            .with_prefix(SERVER_NAME)
            .with_tag("badge-info", "")
            .with_tag("badges", "")
            .with_tag("color", "")
            .with_tag("display-name", login)
            .with_tag("emotes", "")
            .with_tag("flags", "")
            .with_tag("id", crate::crypto::uuid())
            .with_tag("login", login)
            .with_tag("mod", "0")
            .with_tag("msg-id", msg_id);
        for (k, v) in params {
            irc = irc.with_tag(k, v.clone());
        }
        irc = irc
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("subscriber", if msg_id == "sub" || msg_id == "resub" { "1" } else { "0" })
            .with_tag("system-msg", system_msg)
            .with_tag("tmi-sent-ts", now_ms().to_string())
            .with_tag("user-id", user_id)
            .with_tag("user-type", "");
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            irc.params.push(t.to_string());
        }
        irc
    }
}

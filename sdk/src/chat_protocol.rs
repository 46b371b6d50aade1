//! The JSON chat socket's protocol (`/chat/ws`), defined once for the server
//! and every client: the server serialises [`ServerFrame`] and parses
//! [`ClientFrame`]; clients do the reverse. One frame is one JSON object in one
//! WebSocket text frame, tagged by `type`. The protocol is described for
//! people in `docs/chat-socket.md`.
//!
//! Frames that come from a room carry its `channel` (the login), so a socket
//! joined to several rooms can tell them apart.

use serde::{Deserialize, Serialize};

use crate::types::{ChatMessage, ChatSettings, HeldMessage};

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// Sign in with an access token (scope `chat:read`; `chat:edit` to talk).
    /// Without it the socket is anonymous and read-only.
    Auth {
        /// The bearer token.
        token: String,
    },
    /// Enter a room: the server answers [`ServerFrame::History`].
    Join {
        /// The channel login (a leading `#` is ignored).
        channel: String,
    },
    /// Leave a room.
    Part {
        /// The channel login.
        channel: String,
    },
    /// Say something in a joined room.
    Send {
        /// The channel login.
        channel: String,
        /// The text, at most 500 characters.
        text: String,
    },
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// First frame of every socket (`user` null), and the answer to a good
    /// [`ClientFrame::Auth`] (`user` the login).
    Welcome {
        /// The signed-in login, or `None` while anonymous.
        user: Option<String>,
    },
    /// The answer to a join: recent messages (oldest first) and the room's modes.
    History {
        /// The room.
        channel: String,
        /// Recent messages, oldest first.
        messages: Vec<ChatMessage>,
        /// The room's modes.
        settings: ChatSettings,
    },
    /// A new message (the room is `message.broadcaster_login`).
    Message {
        /// The message.
        message: ChatMessage,
    },
    /// A moderator deleted one message.
    Delete {
        /// The room.
        channel: String,
        /// The deleted message's id.
        message_id: String,
    },
    /// A moderator cleared the whole chat.
    Clear {
        /// The room.
        channel: String,
    },
    /// A user was banned (`duration` none) or timed out: their messages are gone.
    ClearUser {
        /// The room.
        channel: String,
        /// The user's id.
        user_id: String,
        /// The user's login.
        user_login: String,
        /// Seconds of a timeout; `None` for a ban.
        duration: Option<i64>,
    },
    /// A subscription, donation or raid announced in the room.
    Usernotice {
        /// The room.
        channel: String,
        /// Twitch's `msg-id`: `sub`, `resub`, `raid`, `donation`, ...
        msg_id: String,
        /// Who it is about.
        user_login: String,
        /// The sentence the room shows.
        system_msg: String,
        /// The user's own message, if any.
        text: Option<String>,
    },
    /// The room's channel raided another: the web app takes its viewers
    /// there (Twitch's raid). Not on IRC, where Twitch sends nothing either.
    Raid {
        /// The raiding room.
        channel: String,
        /// The raided channel's login.
        to_login: String,
        /// The raided channel's display name.
        to_name: String,
        /// Viewers the raid brings.
        viewers: i64,
    },
    /// The room's modes changed.
    Settings {
        /// The room.
        channel: String,
        /// The modes now.
        settings: ChatSettings,
    },
    /// Something the client asked for was refused (Twitch's NOTICE `msg-id`s:
    /// `msg_slowmode`, `msg_banned`, `msg_not_joined`, ...). The socket stays open.
    Notice {
        /// The room it concerns.
        channel: String,
        /// Machine-readable reason, as Twitch names it.
        msg_id: String,
        /// The sentence to show.
        text: String,
    },
    /// AutoMod held a message (moderators only): approve or deny it through
    /// "Manage Held AutoMod Messages" before `expires_at`.
    AutomodHold {
        /// The room.
        channel: String,
        /// The held message.
        held: HeldMessage,
    },
    /// A held message was resolved (moderators only): `Approved`, `Denied` or `Expired`.
    AutomodUpdate {
        /// The room.
        channel: String,
        /// The held message's id.
        message_id: String,
        /// What became of it.
        status: String,
    },
    /// The socket cannot go on as asked (unreadable frame, failed sign-in).
    /// After a failed sign-in the server closes the socket.
    Error {
        /// What went wrong.
        message: String,
    },
    /// A frame type this version of the SDK does not know (a newer server):
    /// clients skip it.
    #[serde(other)]
    Unknown,
}

impl ServerFrame {
    /// The frame as the JSON text the socket carries.
    pub fn to_json(&self) -> String {
        // A derive-serialised enum of strings, numbers and vectors cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The room a frame concerns, if it is about one room.
    pub fn channel(&self) -> Option<&str> {
        match self {
            Self::History { channel, .. }
            | Self::Delete { channel, .. }
            | Self::Clear { channel }
            | Self::ClearUser { channel, .. }
            | Self::Usernotice { channel, .. }
            | Self::Raid { channel, .. }
            | Self::Settings { channel, .. }
            | Self::Notice { channel, .. }
            | Self::AutomodHold { channel, .. }
            | Self::AutomodUpdate { channel, .. } => Some(channel),
            Self::Message { message } => Some(&message.broadcaster_login),
            Self::Welcome { .. } | Self::Error { .. } | Self::Unknown => None,
        }
    }
}

impl ClientFrame {
    /// The frame as the JSON text the socket carries.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_frames_have_the_documented_shape() {
        let f = ClientFrame::Send { channel: "alice".into(), text: "hi".into() };
        assert_eq!(f.to_json(), r#"{"type":"send","channel":"alice","text":"hi"}"#);
        let back: ClientFrame = serde_json::from_str(r#"{"type":"auth","token":"t"}"#).unwrap();
        assert_eq!(back, ClientFrame::Auth { token: "t".into() });
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"shout"}"#).is_err());
    }

    #[test]
    fn server_frames_round_trip_and_unknown_types_are_skippable() {
        let f = ServerFrame::ClearUser {
            channel: "alice".into(),
            user_id: "7".into(),
            user_login: "bob".into(),
            duration: Some(30),
        };
        let text = f.to_json();
        assert_eq!(text, r#"{"type":"clear_user","channel":"alice","user_id":"7","user_login":"bob","duration":30}"#);
        assert_eq!(serde_json::from_str::<ServerFrame>(&text).unwrap(), f);
        assert_eq!(f.channel(), Some("alice"));
        let future: ServerFrame = serde_json::from_str(r#"{"type":"poll","question":"?"}"#).unwrap();
        assert_eq!(future, ServerFrame::Unknown);
    }
}

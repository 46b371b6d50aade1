//! Twitch's legacy chat commands, typed as messages (`/ban user`, `.slow 10`):
//! each becomes the same moderation operation the REST API performs, and the
//! answer is the NOTICE Twitch would send.

use std::sync::Arc;

use aethex_sdk::ChatSettingsUpdate;

use super::{Chat, Refusal, Room, Speaker};

fn ok(msg_id: &'static str, text: impl Into<String>) -> Refusal {
    Refusal { msg_id, text: text.into() }
}

/// What a line typed into chat asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Typed<'a> {
    /// Words for the room (a leading `". "` is stripped).
    Text(&'a str),
    /// A command line without its `/` or `.`.
    Command(&'a str),
}

/// Twitch's convention, the same on IRC and the JSON socket: a leading `". "`
/// marks literal text (never a command) and is stripped; `/` or `.` directly
/// before a word is a command, except `/me`, which the room makes an action.
pub fn typed(text: &str) -> Typed<'_> {
    if let Some(rest) = text.strip_prefix(". ") {
        return Typed::Text(rest);
    }
    if super::policy::action(text).is_none() {
        if let Some(cmd) = text.strip_prefix('/').or_else(|| text.strip_prefix('.')) {
            return Typed::Command(cmd);
        }
    }
    Typed::Text(text)
}

/// Run command line `cmd` (without its `/`) from `s` in `room`; the answer to show.
pub async fn run(chat: &Chat, room: &Arc<Room>, s: &Speaker, cmd: &str) -> Refusal {
    let mut words = cmd.split_whitespace();
    let name = words.next().unwrap_or("").to_lowercase();
    let arg = words.next().unwrap_or("");
    let rest: String = words.collect::<Vec<_>>().join(" ");
    let result: Result<Refusal, Refusal> = match name.as_str() {
        "ban" => chat
            .ban(room, s.user_id, arg, None, &rest)
            .await
            .map(|_| ok("ban_success", format!("{arg} is now banned from this channel."))),
        "unban" | "untimeout" => chat
            .unban(room, s.user_id, arg)
            .await
            .map(|_| ok("unban_success", format!("{arg} is no longer banned from this channel."))),
        "timeout" => {
            let secs = rest.split_whitespace().next().and_then(|d| d.parse::<i64>().ok()).unwrap_or(600);
            chat.ban(room, s.user_id, arg, Some(secs), "")
                .await
                .map(|_| ok("timeout_success", format!("{arg} has been timed out for {secs} seconds.")))
        }
        "delete" if room.is_moderator(s.user_id) => {
            room.delete_message(arg).map(|_| ok("delete_message_success", "The message was deleted."))
        }
        "clear" if room.is_moderator(s.user_id) => {
            room.clear();
            Ok(ok("clear_success", "Chat was cleared."))
        }
        "delete" | "clear" => Err(ok("no_permission", "You don't have permission to perform that action.")),
        _ => match mode_change(&name, arg) {
            Some((change, msg_id, text)) => {
                chat.update_settings(room, s.user_id, &change).await.map(|_| ok(msg_id, text))
            }
            None => Err(ok("unrecognized_cmd", format!("Unrecognized command: /{}", crate::http::truncate(&name, 20)))),
        },
    };
    match result {
        Ok(r) | Err(r) => r,
    }
}

/// The room-mode commands: the change each asks for and Twitch's answer to it.
fn mode_change(name: &str, arg: &str) -> Option<(ChatSettingsUpdate, &'static str, &'static str)> {
    let mut u = ChatSettingsUpdate::default();
    let (msg_id, text) = match name {
        "slow" => {
            u.slow_seconds = Some(arg.parse().unwrap_or(30));
            ("slow_on", "This room is now in slow mode.")
        }
        "slowoff" => {
            u.slow_seconds = Some(0);
            ("slow_off", "This room is no longer in slow mode.")
        }
        "followers" => {
            u.followers_only_minutes = Some(arg.parse().unwrap_or(0));
            ("followers_on", "This room is now in followers-only mode.")
        }
        "followersoff" => {
            u.followers_only_minutes = Some(-1);
            ("followers_off", "This room is no longer in followers-only mode.")
        }
        "subscribers" | "subscribersoff" => {
            let on = name == "subscribers";
            u.subscribers_only = Some(on);
            if on {
                ("subs_on", "This room is now in subscribers-only mode.")
            } else {
                ("subs_off", "This room is no longer in subscribers-only mode.")
            }
        }
        "emoteonly" | "emoteonlyoff" => {
            let on = name == "emoteonly";
            u.emote_only = Some(on);
            if on {
                ("emote_only_on", "This room is now in emote-only mode.")
            } else {
                ("emote_only_off", "This room is no longer in emote-only mode.")
            }
        }
        _ => return None,
    };
    Some((u, msg_id, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_commands_change_one_setting_with_twitchs_defaults() {
        let (u, id, _) = mode_change("slow", "").unwrap();
        assert_eq!((u.slow_seconds, id), (Some(30), "slow_on"));
        assert_eq!(mode_change("slow", "5").unwrap().0.slow_seconds, Some(5));
        assert_eq!(
            mode_change("followers", "10m").unwrap().0.followers_only_minutes,
            Some(0),
            "unreadable: any follower"
        );
        assert_eq!(mode_change("followersoff", "").unwrap().0.followers_only_minutes, Some(-1));
        let (u, id, _) = mode_change("emoteonlyoff", "").unwrap();
        assert_eq!((u.emote_only, u.slow_seconds, id), (Some(false), None, "emote_only_off"));
        assert_eq!(mode_change("subscribers", "").unwrap().0.subscribers_only, Some(true));
        assert!(mode_change("shout", "").is_none());
    }

    #[test]
    fn typed_lines_follow_twitch() {
        assert_eq!(typed("/ban bob spam"), Typed::Command("ban bob spam"));
        assert_eq!(typed(".timeout bob 60"), Typed::Command("timeout bob 60"));
        assert_eq!(typed(". /ban is a command"), Typed::Text("/ban is a command"));
        assert_eq!(typed("/me waves"), Typed::Text("/me waves"));
        assert_eq!(typed("hello /ban"), Typed::Text("hello /ban"));
    }
}

//! What the bot says, as data: go-live embeds and their "ended" edit, the
//! `/stream` answer, and Discord-safe text (mentions neutralised, lengths
//! capped). Pure functions, so the wording and the limits are unit-tested.

use crate::lang::{say, Arg::N, Arg::T, Lang};
use aethex_sdk::{Channel, Stream, StreamSummary};

/// Discord's limits (from its API docs).
pub mod limits {
    /// Message content.
    pub const CONTENT: usize = 2000;
    /// Embed title.
    pub const TITLE: usize = 256;
    /// Embed description.
    pub const DESCRIPTION: usize = 4096;
    /// Embed field value.
    pub const FIELD_VALUE: usize = 1024;
}

/// AeThex purple, the embed colour while live.
pub const LIVE_COLOR: u32 = 0x91_46_FF;
/// Grey, once the stream ended.
pub const ENDED_COLOR: u32 = 0x74_7F_8D;

/// A Discord embed, in the shape of its API object.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Embed {
    /// Title (links to `url`).
    pub title: String,
    /// Description text.
    pub description: String,
    /// The channel page.
    pub url: String,
    /// Side colour.
    pub color: u32,
    /// RFC 3339 time shown in the footer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// `{"url": ...}` thumbnail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
    /// Inline fields.
    pub fields: Vec<Field>,
}

/// An embed image.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Image {
    /// Where it is.
    pub url: String,
}

/// An embed field.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Field {
    /// Label.
    pub name: String,
    /// Value.
    pub value: String,
    /// Side by side with its neighbours.
    pub inline: bool,
}

/// Cut `s` to at most `max` characters, ending with `…` when cut.
pub fn cap(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Make text safe to post: `@everyone`, `@here`, user, role and channel
/// mentions can never ping (a zero-width space breaks them), and the result
/// fits in one message.
pub fn neutralise(text: &str) -> String {
    const ZWSP: char = '\u{200B}';
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '@' || (c == '<' && matches!(chars.peek(), Some('@') | Some('#'))) {
            out.push(ZWSP);
        }
    }
    cap(&out, limits::CONTENT)
}

/// `HH:MM:SS` (or `Dd HH:MM:SS`) of a duration in seconds.
pub fn duration(secs: i64) -> String {
    let s = secs.max(0);
    let (d, h, m, s) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    if d > 0 {
        format!("{d}d {h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// The go-live announcement for `stream` on `server` (the public base URL), in `lang`.
pub fn live_embed(server: &str, stream: &Stream, lang: Lang) -> Embed {
    // `?ref=discord`: the channel's analytics count viewers who came from the announcement.
    let url = format!("{}/{}?ref=discord", server.trim_end_matches('/'), stream.broadcaster_login);
    let name = [("name", T(&stream.broadcaster_name))];
    let title = if stream.title.trim().is_empty() { lang.say("embed-untitled", &name) } else { stream.title.clone() };
    let mut fields = vec![Field {
        name: lang.say("embed-category", &[]),
        value: cap(or_dash(&stream.category), limits::FIELD_VALUE),
        inline: true,
    }];
    if !stream.tags.is_empty() {
        fields.push(Field {
            name: lang.say("embed-tags", &[]),
            value: cap(&stream.tags.join(", "), limits::FIELD_VALUE),
            inline: true,
        });
    }
    Embed {
        title: cap(&title, limits::TITLE),
        description: cap(&lang.say("embed-streaming", &name), limits::DESCRIPTION),
        url,
        color: LIVE_COLOR,
        timestamp: Some(stream.started_at.clone()),
        thumbnail: Some(Image {
            url: format!("{}/api/streams/{}/thumbnail.jpg", server.trim_end_matches('/'), stream.id),
        }),
        fields,
    }
}

/// The same announcement, edited once the stream ended after `ran_secs`.
pub fn ended_embed(live: &Embed, ran_secs: i64, lang: Lang) -> Embed {
    let mut e = live.clone();
    e.color = ENDED_COLOR;
    let ran = duration(ran_secs);
    e.description = cap(&lang.say("embed-ended", &[("duration", T(&ran))]), limits::DESCRIPTION);
    e.thumbnail = None;
    e.fields.push(Field { name: lang.say("embed-ran-for", &[]), value: ran, inline: true });
    e
}

/// The stream summary posted after `stream` ended (see `/notify add summary`).
pub fn summary_embed(server: &str, stream: &Stream, s: &StreamSummary, lang: Lang) -> Embed {
    let url = format!("{}/{}?ref=discord", server.trim_end_matches('/'), stream.broadcaster_login);
    let title = if stream.title.trim().is_empty() { stream.broadcaster_name.clone() } else { stream.title.clone() };
    let ran = duration(s.minutes * 60);
    let field = |id: &str, value: String| Field { name: lang.say(id, &[]), value, inline: true };
    let mut fields = vec![
        field("summary-average", format!("{:.1}", s.average_viewers)),
        field("summary-peak", s.peak_viewers.to_string()),
        field("summary-unique", s.unique_viewers.to_string()),
        field("summary-chatters", s.chatters.to_string()),
        field("summary-messages", s.chat_messages.to_string()),
        field("summary-followers", s.new_followers.to_string()),
    ];
    if let Some(m) = s.top_moments.first() {
        let at = duration(m.minute * 60);
        fields.push(Field {
            name: lang.say("summary-busiest", &[]),
            value: lang.say("summary-moment", &[("at", T(&at)), ("messages", N(m.messages))]),
            inline: false,
        });
    }
    Embed {
        title: cap(&lang.say("summary-title", &[("title", T(&title))]), limits::TITLE),
        description: cap(
            &lang.say("summary-description", &[("name", T(&stream.broadcaster_name)), ("duration", T(&ran))]),
            limits::DESCRIPTION,
        ),
        url,
        color: ENDED_COLOR,
        timestamp: s.ended_at.clone().or_else(|| stream.ended_at.clone()),
        thumbnail: None,
        fields,
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s
    }
}

/// The answer to `/stream` and `!stream`.
pub fn status_text(channel: &Channel, live: Option<&Stream>, now_ms: i64) -> String {
    let text = match live {
        Some(s) => {
            let started = aethex_sdk::time::parse_rfc3339(&s.started_at).unwrap_or(now_ms);
            let uptime = duration((now_ms - started) / 1000);
            say(
                "status-live",
                &[
                    ("name", T(&channel.display_name)),
                    ("title", T(or_dash(&s.title))),
                    ("viewers", N(s.viewer_count)),
                    ("uptime", T(&uptime)),
                    ("category", T(or_dash(&s.category))),
                ],
            )
        }
        None => say("status-offline", &[("name", T(&channel.display_name)), ("title", T(or_dash(&channel.title)))]),
    };
    neutralise(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream() -> Stream {
        serde_json::from_value(serde_json::json!({
            "id": "42", "broadcaster_user_id": "1", "broadcaster_login": "alice", "broadcaster_name": "Alice",
            "title": "Speedrun night", "category": "Retro", "tags": ["speedrun"], "language": "en",
            "started_at": "2026-11-24T20:00:00.000Z", "ended_at": null, "is_live": true,
            "viewer_count": 17, "peak_viewers": 20
        }))
        .unwrap()
    }

    #[test]
    fn mentions_never_ping_and_text_fits() {
        let s = neutralise("hi @everyone and @here <@123> <@&456> <#789> a@b");
        assert!(!s.contains("@everyone") && !s.contains("@here") && !s.contains("<@1") && !s.contains("<#7"));
        assert!(s.contains("everyone") && s.contains("456"));
        assert_eq!(neutralise(&"x".repeat(5000)).chars().count(), limits::CONTENT);
        assert_eq!(cap("abc", 3), "abc");
        assert_eq!(cap("abcd", 3), "ab…");
    }

    #[test]
    fn live_and_ended_embeds() {
        let e = live_embed("https://live.example.com/", &stream(), Lang::english());
        assert_eq!(e.title, "Speedrun night");
        assert_eq!(e.url, "https://live.example.com/alice?ref=discord");
        assert_eq!(e.thumbnail.as_ref().unwrap().url, "https://live.example.com/api/streams/42/thumbnail.jpg");
        assert_eq!(e.timestamp.as_deref(), Some("2026-11-24T20:00:00.000Z"));
        assert_eq!(e.fields[0].value, "Retro");
        let ended = ended_embed(&e, 3 * 3600 + 125, Lang::english());
        assert_eq!(ended.color, ENDED_COLOR);
        assert!(ended.description.contains("03:02:05"));
        assert!(ended.thumbnail.is_none());
        assert_eq!(ended.title, e.title, "the same message, edited");
        let mut untitled = stream();
        untitled.title = " ".into();
        assert_eq!(live_embed("http://x", &untitled, Lang::english()).title, "Alice is live");
        let german = Lang::named("de").unwrap();
        let de = live_embed("http://x", &untitled, german);
        assert_eq!(de.title, german.say("embed-untitled", &[("name", T("Alice"))]));
        assert_ne!(de.title, "Alice is live", "the announcement speaks the target's language");
        assert_eq!(de.fields[0].name, german.say("embed-category", &[]));
        assert_eq!(ended_embed(&de, 5, german).fields.last().unwrap().name, german.say("embed-ran-for", &[]));
        assert_eq!(duration(90_061), "1d 01:01:01");
    }

    #[test]
    fn status_answers() {
        let channel: Channel = serde_json::from_value(serde_json::json!({
            "id": "1", "login": "alice", "display_name": "Alice", "title": "Last time @everyone",
            "category": "", "tags": [], "language": "en", "description": "", "is_live": false,
            "playback_token_required": false
        }))
        .unwrap();
        let now = aethex_sdk::time::parse_rfc3339("2026-11-24T21:30:00Z").unwrap();
        let live = status_text(&channel, Some(&stream()), now);
        assert!(live.contains("is live") && live.contains("17 viewers") && live.contains("01:30:00"), "{live}");
        let off = status_text(&channel, None, now);
        assert!(off.contains("offline") && !off.contains("@everyone"), "{off}");
    }
}

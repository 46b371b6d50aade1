//! Song requests, Nightbot-style: `!sr <link or search words>`, `!queue`,
//! `!song`, `!skip` (moderators), `!wrongsong` (take back your last request).
//! Links are accepted from YouTube and SoundCloud only (what players can play);
//! search words are queued as they are for the player to look up, since this
//! bot does not call YouTube's search API. The queue lives in the database and
//! is served over HTTP by [`crate::http`] for overlays and players.

use url::Url;

use crate::userlevel::UserLevel;

/// Song request settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SongSettings {
    /// On or off.
    pub enabled: bool,
    /// Lowest level that may request.
    #[serde(with = "crate::config::level")]
    pub level: UserLevel,
    /// Requests one chatter may have waiting.
    pub max_per_user: usize,
    /// Requests waiting in all.
    pub max_queue: usize,
}

impl Default for SongSettings {
    fn default() -> Self {
        Self { enabled: true, level: UserLevel::Everyone, max_per_user: 3, max_queue: 50 }
    }
}

/// A request as parsed from chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What the queue shows.
    pub title: String,
    /// The canonical link, when a link was given.
    pub url: Option<String>,
}

/// Longest search text kept.
pub const MAX_SEARCH: usize = 100;

/// Parse what followed `!sr`; a refusal is the id of its reply (`locales/*.ftl`).
pub fn parse(arg: &str) -> Result<Request, &'static str> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Err("songs-usage");
    }
    let looks_like_link =
        arg.starts_with("http://") || arg.starts_with("https://") || arg.contains(".com/") || arg.contains(".be/");
    if !looks_like_link {
        return Ok(Request { title: crate::cap(arg, MAX_SEARCH), url: None });
    }
    let raw = if arg.contains("://") { arg.to_string() } else { format!("https://{arg}") };
    let url = Url::parse(raw.split_whitespace().next().unwrap_or("")).map_err(|_| "songs-only-youtube-soundcloud")?;
    let host = url.host_str().unwrap_or("").trim_start_matches("www.").trim_start_matches("m.").to_lowercase();
    let video_id = |id: &str| -> Result<Request, &'static str> {
        if id.len() == 11 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            Ok(Request { title: format!("YouTube {id}"), url: Some(format!("https://www.youtube.com/watch?v={id}")) })
        } else {
            Err("songs-bad-youtube-id")
        }
    };
    match host.as_str() {
        "youtube.com" | "music.youtube.com" => {
            if let Some(id) = url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned()) {
                return video_id(&id);
            }
            match url.path_segments().map(|s| s.collect::<Vec<_>>()).as_deref() {
                Some(["shorts" | "embed" | "live", id, ..]) => video_id(id),
                _ => Err("songs-no-youtube-video"),
            }
        }
        "youtu.be" => video_id(url.path().trim_start_matches('/')),
        "soundcloud.com" => {
            let segs: Vec<&str> =
                url.path_segments().map(|s| s.filter(|x| !x.is_empty()).collect()).unwrap_or_default();
            match segs.as_slice() {
                [artist, track] => Ok(Request {
                    title: format!("{artist} - {track}"),
                    url: Some(format!("https://soundcloud.com/{artist}/{track}")),
                }),
                _ => Err("songs-not-soundcloud-track"),
            }
        }
        _ => Err("songs-only-youtube-soundcloud"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_searches() {
        let yt = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
        for link in [
            yt,
            "youtu.be/dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=5",
        ] {
            assert_eq!(parse(link).unwrap().url.as_deref(), Some(yt), "{link}");
        }
        let sc = parse("https://soundcloud.com/artist/track-name").unwrap();
        assert_eq!(sc.title, "artist - track-name");
        let search = parse("never gonna give you up").unwrap();
        assert_eq!((search.title.as_str(), search.url), ("never gonna give you up", None));
        assert_eq!(parse(&"x".repeat(500)).unwrap().title.len(), MAX_SEARCH);
        assert!(parse("").is_err());
        assert_eq!(parse("https://evil.example.com/x").unwrap_err(), "songs-only-youtube-soundcloud");
        assert_eq!(parse("https://youtube.com/watch?v=short").unwrap_err(), "songs-bad-youtube-id");
        assert!(parse("https://youtube.com/channel/abc").is_err());
        assert!(parse("https://soundcloud.com/artist").is_err());
    }
}

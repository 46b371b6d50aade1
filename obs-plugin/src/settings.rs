//! The plugin's settings, as the "AeThex" properties view edits them and OBS
//! stores them (flat string keys), and where the server and token come from:
//! `AETHEX_SERVER` / `AETHEX_TOKEN` in OBS's environment first (automation and
//! tests), then the saved settings, then the keyring entry the `aethex` CLI
//! writes, so a creator logs in once.

use std::time::Duration;

use aethex_sdk::credentials::{self, CredentialStore, Mode};

use crate::alerts::{Kind, Templates};

/// Settings keys (OBS data keys).
pub mod keys {
    /// Server URL.
    pub const SERVER: &str = "server";
    /// Title applied on go-live.
    pub const TITLE: &str = "title";
    /// Category applied on go-live.
    pub const CATEGORY: &str = "category";
    /// Comma-separated tags applied on go-live.
    pub const TAGS: &str = "tags";
    /// Seconds each alert is shown.
    pub const ALERT_SECONDS: &str = "alert_seconds";
    /// Follow alert template.
    pub const TEMPLATE_FOLLOW: &str = "template_follow";
    /// Subscription alert template.
    pub const TEMPLATE_SUBSCRIBE: &str = "template_subscribe";
    /// Donation alert template.
    pub const TEMPLATE_DONATION: &str = "template_donation";
    /// Raid alert template.
    pub const TEMPLATE_RAID: &str = "template_raid";
    /// Chat lines shown.
    pub const CHAT_LINES: &str = "chat_lines";
    /// The language of the default alert texts: an OBS locale name, empty for OBS's own.
    pub const ALERT_LANGUAGE: &str = "alert_language";
    /// Image shown with follow alerts (a file path).
    pub const IMAGE_FOLLOW: &str = "image_follow";
    /// Image shown with subscription alerts.
    pub const IMAGE_SUBSCRIBE: &str = "image_subscribe";
    /// Image shown with donation alerts.
    pub const IMAGE_DONATION: &str = "image_donation";
    /// Image shown with raid alerts.
    pub const IMAGE_RAID: &str = "image_raid";
    /// Sound played with follow alerts (a file path: WAV, MP3, Ogg Vorbis or FLAC).
    pub const SOUND_FOLLOW: &str = "sound_follow";
    /// Sound played with subscription alerts.
    pub const SOUND_SUBSCRIBE: &str = "sound_subscribe";
    /// Sound played with donation alerts.
    pub const SOUND_DONATION: &str = "sound_donation";
    /// Sound played with raid alerts.
    pub const SOUND_RAID: &str = "sound_raid";
}

/// The default server.
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8080";

/// Everything the plugin's user can set.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Server URL, without trailing slash.
    pub server: String,
    /// Title to set when going live (empty: leave as is).
    pub title: String,
    /// Category to set (empty: leave as is).
    pub category: String,
    /// Tags to set (empty: leave as is).
    pub tags: Vec<String>,
    /// How long each alert shows.
    pub alert_duration: Duration,
    /// The language of the default alert texts (an OBS locale name; empty: OBS's own).
    pub alert_language: String,
    /// Alert texts.
    pub templates: Templates,
    /// Chat lines in the chat source.
    pub chat_lines: usize,
    /// Image file per alert kind, in [`Kind::index`] order; empty: none.
    pub images: [String; 4],
    /// Sound file per alert kind, in [`Kind::index`] order; empty: none.
    pub sounds: [String; 4],
}

impl Settings {
    /// The image configured for alerts of `kind`, if any.
    pub fn image_for(&self, kind: Kind) -> Option<&str> {
        Some(self.images[kind.index()].as_str()).filter(|p| !p.is_empty())
    }

    /// The sound configured for alerts of `kind`, if any.
    pub fn sound_for(&self, kind: Kind) -> Option<&str> {
        Some(self.sounds[kind.index()].as_str()).filter(|p| !p.is_empty())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            server: DEFAULT_SERVER.into(),
            title: String::new(),
            category: String::new(),
            tags: Vec::new(),
            alert_duration: Duration::from_secs(6),
            alert_language: String::new(),
            templates: Templates::default(),
            chat_lines: 12,
            images: Default::default(),
            sounds: Default::default(),
        }
    }
}

/// A settings value that could not be used, with what was used instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The key.
    pub key: &'static str,
    /// What is wrong, for the log and the properties view.
    pub message: String,
}

impl Settings {
    /// Read settings through `get` (OBS data lookups), falling back to
    /// defaults for absent or unusable values and reporting the unusable ones.
    /// An alert text the streamer left empty is the alert language's, from
    /// `defaults` (so changing the alert language changes every text not written by hand).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>, defaults: &Templates) -> (Self, Vec<Problem>) {
        let d = Self::default();
        let mut problems = Vec::new();
        let text = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let server = match text(keys::SERVER) {
            Some(s) if (s.starts_with("http://") || s.starts_with("https://")) && url::Url::parse(&s).is_ok() => {
                s.trim_end_matches('/').to_string()
            }
            Some(s) => {
                problems.push(Problem {
                    key: keys::SERVER,
                    message: format!("'{s}' is not an http(s) URL; using {DEFAULT_SERVER}"),
                });
                d.server.clone()
            }
            None => d.server.clone(),
        };
        let number = |k: &'static str,
                      range: std::ops::RangeInclusive<u64>,
                      default: u64,
                      problems: &mut Vec<Problem>| match text(k) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    problems.push(Problem {
                        key: k,
                        message: format!("'{v}' is not between {} and {}; using {default}", range.start(), range.end()),
                    });
                    default
                }
            },
        };
        let alert_secs = number(keys::ALERT_SECONDS, 1..=60, d.alert_duration.as_secs(), &mut problems);
        let chat_lines = number(keys::CHAT_LINES, 1..=50, d.chat_lines as u64, &mut problems) as usize;
        let t = Templates {
            follow: text(keys::TEMPLATE_FOLLOW).unwrap_or(defaults.follow.clone()),
            subscribe: text(keys::TEMPLATE_SUBSCRIBE).unwrap_or(defaults.subscribe.clone()),
            donation: text(keys::TEMPLATE_DONATION).unwrap_or(defaults.donation.clone()),
            raid: text(keys::TEMPLATE_RAID).unwrap_or(defaults.raid.clone()),
            decimal_mark: defaults.decimal_mark.clone(),
        };
        let settings = Self {
            server,
            title: text(keys::TITLE).unwrap_or_default(),
            category: text(keys::CATEGORY).unwrap_or_default(),
            tags: text(keys::TAGS)
                .map(|t| t.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default(),
            alert_duration: Duration::from_secs(alert_secs),
            alert_language: text(keys::ALERT_LANGUAGE).unwrap_or_default(),
            templates: t,
            chat_lines,
            images: [keys::IMAGE_FOLLOW, keys::IMAGE_SUBSCRIBE, keys::IMAGE_DONATION, keys::IMAGE_RAID]
                .map(|k| text(k).unwrap_or_default()),
            sounds: [keys::SOUND_FOLLOW, keys::SOUND_SUBSCRIBE, keys::SOUND_DONATION, keys::SOUND_RAID]
                .map(|k| text(k).unwrap_or_default()),
        };
        (settings, problems)
    }
}

/// Where the token in use came from (shown in the properties view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `AETHEX_TOKEN`.
    Environment,
    /// The shared keyring entry (or the CLI's fallback file).
    Stored,
}

/// The server and token to use, in precedence order: environment, settings, stored login.
/// `None` for the token means "not logged in".
pub async fn resolve(
    settings: &Settings,
    env: impl Fn(&str) -> Option<String>,
    store: &CredentialStore,
) -> (String, Option<(String, TokenSource)>) {
    let server = env("AETHEX_SERVER")
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('/').to_string())
        .unwrap_or_else(|| settings.server.clone());
    if let Some(t) = env("AETHEX_TOKEN").filter(|t| !t.is_empty()) {
        return (server, Some((t, TokenSource::Environment)));
    }
    let stored = store.load(&credentials::account(&server, "default")).await.ok().flatten();
    (server, stored.map(|(c, _)| (c.access_token, TokenSource::Stored)))
}

/// The CLI's config directory, where its fallback credentials file lives.
pub fn shared_store() -> CredentialStore {
    let dir = std::env::var_os("AETHEX_CONFIG_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".config")))
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        base.join("aethex")
    });
    CredentialStore::new(&dir, Mode::from_env())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn settings_read_with_defaults_and_problems() {
        let (s, p) = Settings::from_lookup(|_| None, &Templates::default());
        assert_eq!(s, Settings::default());
        assert!(p.is_empty());
        let data: HashMap<&str, &str> = [
            (keys::SERVER, "https://live.example.com/"),
            (keys::TAGS, "speedrun, retro ,,"),
            (keys::ALERT_SECONDS, "500"),
            (keys::CHAT_LINES, "8"),
            (keys::TEMPLATE_FOLLOW, "welcome {user}"),
            (keys::IMAGE_DONATION, "/home/me/coins.gif"),
            (keys::SOUND_RAID, " /home/me/horn.ogg "),
            (keys::ALERT_LANGUAGE, "fr-FR"),
        ]
        .into();
        let french =
            Templates { raid: "{user} lance un raid !".into(), decimal_mark: ",".into(), ..Templates::default() };
        let (s, p) = Settings::from_lookup(|k| data.get(k).map(|v| v.to_string()), &french);
        assert_eq!(s.alert_language, "fr-FR");
        assert_eq!(s.templates.raid, "{user} lance un raid !", "an alert text left empty is the alert language's");
        assert_eq!(s.templates.decimal_mark, ",");
        assert_eq!(s.server, "https://live.example.com");
        assert_eq!(s.tags, vec!["speedrun", "retro"]);
        assert_eq!(s.chat_lines, 8);
        assert_eq!(s.alert_duration, Duration::from_secs(6), "out of range falls back");
        assert_eq!(s.templates.follow, "welcome {user}");
        assert_eq!(s.image_for(crate::alerts::Kind::Follow), None);
        assert_eq!(s.image_for(crate::alerts::Kind::Donation), Some("/home/me/coins.gif"));
        assert_eq!(s.sound_for(Kind::Raid), Some("/home/me/horn.ogg"));
        assert_eq!(s.sound_for(Kind::Donation), None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].key, keys::ALERT_SECONDS);
        let (s, p) =
            Settings::from_lookup(|k| (k == keys::SERVER).then(|| "ftp://nope".to_string()), &Templates::default());
        assert_eq!(s.server, DEFAULT_SERVER);
        assert_eq!(p[0].key, keys::SERVER);
    }

    #[tokio::test]
    async fn environment_beats_settings_beats_the_stored_login() {
        let dir = std::env::temp_dir().join(format!("aethex-obs-settings-{}", std::process::id()));
        let store = CredentialStore::new(&dir, Mode::File);
        let settings = Settings { server: "http://saved:8080".into(), ..Default::default() };
        let none = |_: &str| None;
        assert_eq!(resolve(&settings, none, &store).await, ("http://saved:8080".to_string(), None));
        let creds = aethex_sdk::credentials::Credentials {
            server: "http://saved:8080".into(),
            access_token: "stored-token".into(),
            refresh_token: None,
            expires_at: i64::MAX,
            scopes: vec![],
            login: Some("alice".into()),
        };
        store.save(&credentials::account("http://saved:8080", "default"), &creds).await.unwrap();
        assert_eq!(
            resolve(&settings, none, &store).await,
            ("http://saved:8080".to_string(), Some(("stored-token".to_string(), TokenSource::Stored)))
        );
        let env = |k: &str| match k {
            "AETHEX_SERVER" => Some("http://env:9/".to_string()),
            "AETHEX_TOKEN" => Some("env-token".to_string()),
            _ => None,
        };
        assert_eq!(
            resolve(&settings, env, &store).await,
            ("http://env:9".to_string(), Some(("env-token".to_string(), TokenSource::Environment)))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

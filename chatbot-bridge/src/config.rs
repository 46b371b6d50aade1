//! The bot's configuration: a TOML file, overridden by `AETHEX_*`
//! environment variables, overridden by flags (the flag/env layering is
//! clap's, in [`crate::cli`]). Unknown keys are errors, so a typo is caught
//! at start, not discovered when a feature silently does nothing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::loyalty::PointsSettings;
use crate::songs::SongSettings;

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// Which file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("{path}: {message}")]
    Invalid {
        /// Which file.
        path: PathBuf,
        /// What is wrong, with the line.
        message: String,
    },
    /// A required setting is missing everywhere.
    #[error("{0} is not set (flag, AETHEX_* environment variable or config file)")]
    Missing(&'static str),
    /// A setting is present but unusable.
    #[error("{0}")]
    Bad(String),
}

/// The config file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct File {
    /// AeThex API base URL.
    pub server: Option<String>,
    /// IRC `host:port`.
    pub irc: Option<String>,
    /// The channel (login) to serve.
    pub channel: Option<String>,
    /// The bot account's token.
    pub token: Option<String>,
    /// The bot account's login (derived from the token on AeThex).
    pub login: Option<String>,
    /// The database file.
    pub db: Option<PathBuf>,
    /// Song-queue HTTP API.
    pub http: HttpSettings,
    /// How filters act on the chat (IRC commands or Twitch's API).
    pub twitch: TwitchSettings,
    /// Points.
    pub points: PointsSettings,
    /// Song requests.
    pub songs: SongSettings,
    /// Spam protection.
    pub filters: FilterSettings,
    /// Timers.
    pub timers: Vec<TimerSettings>,
    /// Replies the bot may send per 30 s (Twitch allows 20 for a non-moderator bot, 100 for a moderator).
    pub replies_per_30s: Option<usize>,
    /// Let `$(urlfetch)` reach private and loopback addresses (trusted setups and tests only).
    pub urlfetch_allow_private: bool,
    /// The built-in replies' language (`es`, `pt-BR`...); default: the
    /// channel's language on AeThex, else English.
    pub language: Option<String>,
}

/// The song queue's HTTP API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    /// Where to listen, e.g. `127.0.0.1:8089`; none: no HTTP API.
    pub listen: Option<String>,
    /// Bearer token for advancing or editing the queue; none: read-only.
    pub token: Option<String>,
    /// The API's address as the services `$(urlfetch)` calls reach it, for the
    /// `Nightbot-Response-Url` header; default: `http://<listen address>`.
    pub public_url: Option<String>,
}

/// How moderation reaches the chat.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TwitchSettings {
    /// `irc` (chat commands, as AeThex takes them) or `helix` (Twitch's API,
    /// since Twitch ignores moderation commands over IRC); default: `helix`
    /// on Twitch's chat, `irc` elsewhere.
    pub moderation: Option<String>,
    /// Helix base URL (default: Twitch's).
    pub helix_url: Option<String>,
    /// OAuth base URL, for validating the token (default: Twitch's).
    pub id_url: Option<String>,
}

impl TwitchSettings {
    /// Whether moderation goes through Helix, for a bot on `irc`.
    pub fn helix(&self, on_twitch: bool) -> Result<bool, ConfigError> {
        match self.moderation.as_deref() {
            None => Ok(on_twitch),
            Some("helix") => Ok(true),
            Some("irc") => Ok(false),
            Some(other) => Err(ConfigError::Bad(format!("twitch.moderation is 'irc' or 'helix', not '{other}'"))),
        }
    }
}

/// Spam protection settings (the rest keep Nightbot's defaults).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterSettings {
    /// Filters switched off by name (`links`, `caps`, `symbols`, `repetitions`, `emotes`, `blacklist`).
    pub disabled: Vec<String>,
    /// Hosts always allowed by the link filter, besides the defaults.
    pub allowed_hosts: Vec<String>,
    /// Blacklist entries: words, `*` wildcards, `~/regex/`.
    pub blacklist: Vec<String>,
    /// Timeout seconds for repeat offences (every filter).
    pub timeout: Option<u64>,
}

/// One timer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerSettings {
    /// Name.
    pub name: String,
    /// Message (variables allowed).
    pub message: String,
    /// Seconds between posts (at least 300).
    pub interval_s: u64,
    /// Chat lines needed in the last five minutes.
    #[serde(default)]
    pub min_lines: usize,
}

impl File {
    /// Read a config file; a missing file at the default path is an empty config.
    pub fn load(path: &Path, must_exist: bool) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return Ok(Self::default()),
            Err(source) => return Err(ConfigError::Read { path: path.into(), source }),
        };
        toml::from_str(&text).map_err(|e| ConfigError::Invalid { path: path.into(), message: e.to_string() })
    }

    /// The compiled filters.
    pub fn compile_filters(&self, replies: &crate::lang::Replies) -> Result<crate::filters::Filters, ConfigError> {
        let f = &self.filters;
        let mut out = crate::filters::Filters::in_language(replies);
        for name in &f.disabled {
            out.common_mut(name)
                .ok_or_else(|| ConfigError::Bad(format!("filters.disabled: no filter '{name}'")))?
                .enabled = false;
        }
        if let Some(t) = f.timeout {
            for name in crate::filters::NAMES {
                if let Some(c) = out.common_mut(name) {
                    c.length = t.clamp(1, crate::filters::MAX_TIMEOUT);
                }
            }
        }
        out.allowed_hosts.extend(f.allowed_hosts.iter().map(|h| h.to_lowercase()));
        for entry in &f.blacklist {
            out.blacklist_add(entry).map_err(|e| ConfigError::Bad(format!("filters.blacklist '{entry}': {e}")))?;
        }
        Ok(out)
    }

    /// The checked timers.
    pub fn compile_timers(&self) -> Result<Vec<crate::timers::Timer>, ConfigError> {
        self.timers
            .iter()
            .map(|t| {
                crate::timers::Timer::new(&t.name, &t.message, t.interval_s, t.min_lines)
                    .map_err(|e| ConfigError::Bad(format!("timer '{}': {e}", t.name)))
            })
            .collect()
    }
}

/// The default database path: `$XDG_DATA_HOME/aethex-chatbot/bot.db`.
pub fn default_db() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("aethex-chatbot").join("bot.db")
}

/// The default config path: `$XDG_CONFIG_HOME/aethex-chatbot/config.toml`.
pub fn default_config() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("aethex-chatbot").join("config.toml")
}

/// Serde for userlevels by Nightbot's names.
pub mod level {
    use serde::{Deserialize as _, Deserializer};

    use crate::userlevel::UserLevel;

    /// Read a level name.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<UserLevel, D::Error> {
        let s = String::deserialize(d)?;
        UserLevel::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown userlevel '{s}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::userlevel::UserLevel;

    #[test]
    fn files_are_strict_and_compile() {
        let f: File = toml::from_str(
            r#"
            channel = "alice"
            [points]
            per_minute = 2
            [songs]
            level = "subscriber"
            [filters]
            disabled = ["caps"]
            blacklist = ["badword", "~/fr[e3]e\\s+v-?bucks/"]
            [[timers]]
            name = "discord"
            message = "Join us on Discord!"
            interval_s = 600
            min_lines = 5
            "#,
        )
        .unwrap();
        assert_eq!(f.points.per_minute, 2);
        assert_eq!(f.points.follow_bonus, 50, "unset keys keep defaults");
        assert_eq!(f.songs.level, UserLevel::Subscriber);
        assert!(!f.compile_filters(&crate::lang::Replies::english()).unwrap().caps.enabled);
        assert_eq!(f.compile_timers().unwrap().len(), 1);
        assert!(toml::from_str::<File>("chanel = \"x\"").is_err(), "typos are errors");
        assert!(toml::from_str::<File>("[songs]\nlevel = \"king\"").is_err());
        let bad: File = toml::from_str("[filters]\nblacklist = [\"~/(/\"]").unwrap();
        assert!(bad.compile_filters(&crate::lang::Replies::english()).unwrap_err().to_string().contains("regex"));
        let fast: File = toml::from_str("[[timers]]\nname = \"x\"\nmessage = \"y\"\ninterval_s = 5").unwrap();
        assert!(fast.compile_timers().is_err());
    }

    #[test]
    fn moderation_goes_through_helix_on_twitch_unless_told() {
        let auto = TwitchSettings::default();
        assert!(auto.helix(true).unwrap() && !auto.helix(false).unwrap());
        let f: File = toml::from_str("[twitch]\nmoderation = \"irc\"").unwrap();
        assert!(!f.twitch.helix(true).unwrap());
        let f: File = toml::from_str("[twitch]\nmoderation = \"helix\"").unwrap();
        assert!(f.twitch.helix(false).unwrap());
        let f: File = toml::from_str("[twitch]\nmoderation = \"ban-everyone\"").unwrap();
        assert!(f.twitch.helix(true).unwrap_err().to_string().contains("'irc' or 'helix'"));
    }
}

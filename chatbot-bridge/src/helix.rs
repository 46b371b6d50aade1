//! Moderation on Twitch, where chat commands over IRC (`/timeout`, `/delete`)
//! no longer work: the filters' timeouts and deletions go through Helix
//! instead, as Twitch's own docs prescribe (Ban User with a `duration`,
//! Delete Chat Messages), acting as the bot account (which must be a
//! moderator of the channel). The token is checked once with
//! `/oauth2/validate`, which also gives the Client-Id and the bot's user id
//! Helix asks for; the channel and chatters' ids come from the IRC tags
//! (`room-id`, `user-id`), so no lookups are needed per action.

use std::time::Duration;

use serde::Deserialize;

/// Twitch's API.
pub const HELIX: &str = "https://api.twitch.tv/helix";
/// Twitch's OAuth server (token validation).
pub const ID: &str = "https://id.twitch.tv/oauth2";
/// Scopes the bot's token needs for moderation.
pub const SCOPES: [&str; 2] = ["moderator:manage:banned_users", "moderator:manage:chat_messages"];

/// Why a Helix call failed.
#[derive(Debug, thiserror::Error)]
pub enum HelixError {
    /// Twitch could not be reached.
    #[error("Twitch is unreachable: {0}")]
    Unreachable(String),
    /// The token is invalid or expired.
    #[error("Twitch refused the bot's token; log the bot in again")]
    BadToken,
    /// The token lacks a scope, or the bot is not a moderator.
    #[error("Twitch refused ({status}): {message}; the bot needs to be a moderator and its token needs {}", SCOPES.join(" and "))]
    Forbidden {
        /// HTTP status.
        status: u16,
        /// Twitch's message.
        message: String,
    },
    /// Anything else Twitch answered.
    #[error("Twitch answered {status}: {message}")]
    Other {
        /// HTTP status.
        status: u16,
        /// Twitch's message.
        message: String,
    },
}

#[derive(Deserialize)]
struct Validated {
    client_id: String,
    user_id: String,
    #[serde(default)]
    scopes: Vec<String>,
}

/// A Helix client acting as the bot.
#[derive(Debug, Clone)]
pub struct Helix {
    http: reqwest::Client,
    base: String,
    token: String,
    client_id: String,
    /// The bot's user id (the `moderator_id` of every call).
    pub moderator_id: String,
}

impl Helix {
    /// Validate `token` at `id` and get ready to call `helix`.
    pub async fn connect(id: &str, helix: &str, token: &str) -> Result<Self, HelixError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("aethex-chatbot/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HelixError::Unreachable(e.to_string()))?;
        let resp = http
            .get(format!("{}/validate", id.trim_end_matches('/')))
            .header("Authorization", format!("OAuth {token}"))
            .send()
            .await
            .map_err(|e| HelixError::Unreachable(e.to_string()))?;
        if resp.status() == 401 {
            return Err(HelixError::BadToken);
        }
        let v: Validated = checked(resp)
            .await?
            .json()
            .await
            .map_err(|e| HelixError::Other { status: 200, message: format!("unreadable validation answer: {e}") })?;
        let missing: Vec<&str> = SCOPES.iter().copied().filter(|s| !v.scopes.iter().any(|g| g == s)).collect();
        if !missing.is_empty() {
            tracing::warn!(missing = ?missing, "the bot's Twitch token cannot moderate; filters will only be logged");
        }
        Ok(Self {
            http,
            base: helix.trim_end_matches('/').to_string(),
            token: token.to_string(),
            client_id: v.client_id,
            moderator_id: v.user_id,
        })
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("Client-Id", &self.client_id)
    }

    /// Time `user_id` out of `broadcaster_id`'s chat for `seconds` (1 s purges their messages).
    pub async fn timeout(
        &self,
        broadcaster_id: &str,
        user_id: &str,
        seconds: u64,
        reason: &str,
    ) -> Result<(), HelixError> {
        let body = serde_json::json!({"data": {"user_id": user_id, "duration": seconds.clamp(1, 1_209_600), "reason": crate::cap(reason, 500)}});
        let resp = self
            .request(reqwest::Method::POST, "/moderation/bans")
            .query(&[("broadcaster_id", broadcaster_id), ("moderator_id", &self.moderator_id)])
            .json(&body)
            .send()
            .await
            .map_err(|e| HelixError::Unreachable(e.to_string()))?;
        checked(resp).await.map(drop)
    }

    /// Delete one message.
    pub async fn delete(&self, broadcaster_id: &str, message_id: &str) -> Result<(), HelixError> {
        let resp = self
            .request(reqwest::Method::DELETE, "/moderation/chat")
            .query(&[
                ("broadcaster_id", broadcaster_id),
                ("moderator_id", &self.moderator_id),
                ("message_id", message_id),
            ])
            .send()
            .await
            .map_err(|e| HelixError::Unreachable(e.to_string()))?;
        checked(resp).await.map(drop)
    }
}

/// The response if it succeeded, else Twitch's error (`{"error","status","message"}`).
async fn checked(resp: reqwest::Response) -> Result<reqwest::Response, HelixError> {
    let status = resp.status().as_u16();
    if resp.status().is_success() {
        return Ok(resp);
    }
    let message = resp
        .json::<serde_json::Value>()
        .await
        .ok()
        .and_then(|v| v["message"].as_str().map(str::to_string))
        .unwrap_or_default();
    Err(match status {
        401 => HelixError::BadToken,
        403 => HelixError::Forbidden { status, message },
        _ => HelixError::Other { status, message },
    })
}

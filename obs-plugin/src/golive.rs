//! One-click go-live, the part that talks to AeThex: check the login, apply
//! the title/category/tags from the settings to the channel, and fetch the
//! ingest URL and stream key that OBS's `rtmp_custom` service is set to.
//! The OBS side (saving the previous service, starting the output) lives in
//! the plugin glue; this runs on the plugin's network runtime, never on OBS's
//! UI or render threads.

use aethex_sdk::{ChannelUpdate, Client, Error};

use crate::settings::Settings;

/// What OBS needs to stream to AeThex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The channel going live.
    pub login: String,
    /// OBS "Server" (`rtmp_custom` setting `server`).
    pub ingest_url: String,
    /// OBS "Stream Key" (`rtmp_custom` setting `key`).
    pub stream_key: String,
}

/// Why going live cannot start, in words for the streamer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GoLiveError {
    /// No token anywhere.
    #[error("not logged in to AeThex: log in from the AeThex settings (or run `aethex login`)")]
    NotLoggedIn,
    /// The token was refused.
    #[error("AeThex refused the login ({0}); log in again")]
    LoginRefused(String),
    /// The server could not be reached.
    #[error("cannot reach the AeThex server at {0}")]
    Unreachable(String),
    /// Anything else the server said.
    #[error("AeThex: {0}")]
    Server(String),
}

fn explain(server: &str, e: Error) -> GoLiveError {
    match e {
        Error::Unauthorized { message } | Error::Forbidden { message } => GoLiveError::LoginRefused(message),
        Error::Transport(_) => GoLiveError::Unreachable(server.to_string()),
        other => GoLiveError::Server(other.to_string()),
    }
}

/// Prepare going live as the token's user.
pub async fn prepare(server: &str, token: Option<&str>, settings: &Settings) -> Result<Plan, GoLiveError> {
    let token = token.ok_or(GoLiveError::NotLoggedIn)?;
    let client = Client::new(server).map_err(|e| explain(server, e))?.with_token(token);
    let who = client.validate().await.map_err(|e| explain(server, e))?;
    let login = who.login.ok_or_else(|| GoLiveError::LoginRefused("the token belongs to an app, not a user".into()))?;
    let update = ChannelUpdate {
        title: (!settings.title.is_empty()).then(|| settings.title.clone()),
        category: (!settings.category.is_empty()).then(|| settings.category.clone()),
        tags: (!settings.tags.is_empty()).then(|| settings.tags.clone()),
        ..Default::default()
    };
    if update != ChannelUpdate::default() {
        client.update_channel(&login, &update).await.map_err(|e| explain(server, e))?;
    }
    let key = client.stream_key(&login).await.map_err(|e| explain(server, e))?;
    Ok(Plan { login, ingest_url: key.ingest_url, stream_key: key.stream_key })
}

//! What every part of the running bot shares: its configuration, the [`Bot`]
//! state handed to each handler and task, and the no-ping default for what it
//! posts. It imports none of the bot's other run-time modules, so announcing,
//! commands, roles, the relay and reports can all lean on it while
//! [`crate::app`] only puts them together (and re-exports what is public here).

use std::path::PathBuf;
use std::sync::Arc;

use serenity::all::{CreateAllowedMentions, GuildId};
use tokio::sync::Notify;

use crate::store::Store;

/// What the bot is configured with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The Discord bot token.
    pub discord_token: String,
    /// Discord's API base, for a proxy or a fake (`None`: discord.com).
    pub discord_api: Option<String>,
    /// The AeThex API base URL.
    pub server: String,
    /// The public site for links in embeds (defaults to `server`).
    pub public_url: Option<String>,
    /// The creator's AeThex token: reads their subscribers, bridges chat as them.
    pub token: String,
    /// The OAuth client id `/link` uses for the device flow.
    pub client_id: String,
    /// The bot's database.
    pub db: PathBuf,
    /// Seconds between full subscriber-role reconciliations.
    pub role_sync_s: u64,
}

/// State shared by every handler.
pub struct Bot {
    /// Configuration.
    pub config: Config,
    /// The bot's database.
    pub store: Store,
    /// AeThex, as the creator.
    pub api: aethex_sdk::Client,
    /// The creator's login (the channel whose subscribers get roles).
    pub owner: String,
    /// Discord's HTTP client.
    pub http: Arc<serenity::http::Http>,
    /// Wakes the announcer when the set of announced channels changes.
    pub targets_changed: Notify,
    /// Wakes the relay when bridges change.
    pub bridges_changed: Notify,
    /// The registered slash commands' ids, by name (for [`Bot::mention`]).
    pub command_ids: std::sync::RwLock<std::collections::HashMap<String, u64>>,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot").field("owner", &self.owner).finish_non_exhaustive()
    }
}

impl Bot {
    /// A slash command as replies name it: a command mention (`</notify add:id>`),
    /// which Discord shows in the reader's language and makes clickable; plain
    /// `/notify add` until the commands are registered.
    pub fn mention(&self, command: &str) -> String {
        let top = command.split(' ').next().unwrap_or(command);
        match self.command_ids.read().unwrap_or_else(|e| e.into_inner()).get(top) {
            Some(id) => format!("</{command}:{id}>"),
            None => format!("/{command}"),
        }
    }

    /// The base of public links.
    pub fn public_url(&self) -> &str {
        self.config.public_url.as_deref().unwrap_or(&self.config.server)
    }
}

/// Nothing the bot posts may ping anyone except roles it is told to ping.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new().empty_users().empty_roles().everyone(false)
}

/// The guild a role config or target belongs to, for log lines.
pub fn guild(id: u64) -> GuildId {
    GuildId::new(id.max(1))
}

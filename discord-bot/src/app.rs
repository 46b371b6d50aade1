//! The running bot, composed: startup and shutdown, the background tasks and
//! the serenity client with its event handler. The configuration and the
//! shared state every handler uses live in the `bot` module and are
//! re-exported here. Discord's HTTP base and gateway come from
//! `--discord-api` (serenity's proxy setting rewrites the
//! `https://discord.com` prefix; the gateway URL is whatever `GET /gateway`
//! answers), which is how the integration test points it at a fake Discord.

use std::sync::Arc;

use serenity::all::{Context, EventHandler, GatewayIntents, HttpBuilder, Interaction, Message, Ready};
use serenity::async_trait;
use serenity::model::guild::Guild;
use tokio::sync::Notify;

// The shared state lives in `bot` so that the handlers and tasks composed here
// need not import this module; it stays reachable here, where it always was.
pub use crate::bot::{guild, no_pings, Bot, Config};
use crate::store::Store;

/// Why the bot could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A setting is missing or wrong.
    #[error("{0}")]
    Config(String),
    /// The database.
    #[error("database: {0}")]
    Store(#[from] sqlx::Error),
    /// The AeThex API.
    #[error("AeThex API: {0}")]
    Api(#[from] aethex_sdk::Error),
    /// Discord.
    #[error("Discord: {0}")]
    Discord(#[from] serenity::Error),
}

/// Discord's HTTP client, aimed at `discord_api` when set, never pinging by default.
///
/// serenity's own rate limiter sends to discord.com whatever the proxy
/// setting, so with a proxy it is off (a Discord proxy such as
/// twilight-http-proxy does the rate limiting); the bot's own sends still
/// retry a 429 after a pause ([`crate::announce`]).
fn discord_http(config: &Config) -> serenity::http::Http {
    let mut http = HttpBuilder::new(&config.discord_token).default_allowed_mentions(no_pings());
    if let Some(base) = &config.discord_api {
        http = http.proxy(base.trim_end_matches('/')).ratelimiter_disabled(true);
    }
    http.build()
}

struct Handler {
    bot: Arc<Bot>,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        match serenity::all::Command::set_global_commands(&ctx.http, crate::commands::definitions()).await {
            Ok(commands) => {
                let ids = commands.iter().map(|c| (c.name.clone(), c.id.get())).collect();
                *self.bot.command_ids.write().unwrap_or_else(|e| e.into_inner()) = ids;
            }
            Err(e) => tracing::error!(error = %e, "could not register slash commands"),
        }
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        tracing::info!(guild = %guild.id, name = %guild.name, "guild available");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        if let Interaction::Command(cmd) = interaction {
            crate::commands::dispatch(&self.bot, &ctx, cmd).await;
        }
    }

    async fn message(&self, _ctx: Context, msg: Message) {
        crate::commands::on_message(&self.bot, msg).await;
    }
}

/// Connect to AeThex and Discord and run until Ctrl-C or the gateway client stops.
pub async fn run(config: Config) -> Result<(), StartError> {
    run_until(config, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Like [`run`], stopping (gateway closed, background tasks ended) when `shutdown` completes.
pub async fn run_until(
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<(), StartError> {
    if config.discord_token.trim().is_empty() {
        return Err(StartError::Config("the Discord bot token is empty".into()));
    }
    if let Some(dir) = config.db.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let store = Store::open(&config.db).await?;
    let api = aethex_sdk::Client::new(&config.server)?.with_token(config.token.clone());
    // AeThex being down at start is waited out (a bot should come up with the
    // platform); a refused token is a configuration error and ends the bot.
    let mut shutdown = std::pin::pin!(shutdown);
    let mut wait = std::time::Duration::from_secs(1);
    let me = loop {
        let answer = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            a = api.validate() => a,
        };
        match answer {
            Ok(me) => break me,
            Err(e @ (aethex_sdk::Error::Unauthorized { .. } | aethex_sdk::Error::Forbidden { .. })) => {
                return Err(StartError::Config(format!("the AeThex token was refused: {e}")))
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?wait, "AeThex unreachable; waiting for it");
                tokio::select! {
                    _ = &mut shutdown => return Ok(()),
                    _ = tokio::time::sleep(wait) => {}
                }
                wait = (wait * 2).min(std::time::Duration::from_secs(60));
            }
        }
    };
    let owner =
        me.login.ok_or_else(|| StartError::Config("the AeThex token must belong to a user (the creator)".into()))?;
    let http = Arc::new(discord_http(&config));
    let bot = Arc::new(Bot {
        config,
        store,
        api,
        owner,
        http: http.clone(),
        targets_changed: Notify::new(),
        bridges_changed: Notify::new(),
        command_ids: Default::default(),
    });
    let tasks = [
        tokio::spawn(crate::announce::run(bot.clone())),
        tokio::spawn(crate::members::sync_loop(bot.clone())),
        tokio::spawn(crate::relay::run(bot.clone())),
    ];
    // Prefix commands (`!stream`) and the bridge read message text: MESSAGE_CONTENT is privileged
    // and must be switched on for the bot in Discord's developer portal.
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::MESSAGE_CONTENT;
    let mut client = serenity::all::ClientBuilder::new_with_http(discord_http(&bot.config), intents)
        .event_handler(Handler { bot: bot.clone() })
        .await?;
    let shards = client.shard_manager.clone();
    let result = tokio::select! {
        r = client.start() => r.map_err(StartError::from),
        _ = &mut shutdown => {
            tracing::info!("shutting down");
            shards.shutdown_all().await;
            Ok(())
        }
    };
    for t in tasks {
        t.abort();
    }
    result
}

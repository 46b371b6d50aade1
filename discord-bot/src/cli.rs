//! The command line of `aethex-discord`: every setting is a flag or an
//! `AETHEX_*` variable; the Discord token may also come from a file (so it
//! stays out of process listings and shell history).

use std::path::PathBuf;

use clap::Parser;

/// The AeThex LIVE Discord bot.
#[derive(Debug, Parser)]
#[command(name = "aethex-discord", version)]
pub struct Cli {
    /// Discord bot token.
    #[arg(long, env = "AETHEX_DISCORD_TOKEN", hide_env_values = true, conflicts_with = "discord_token_file")]
    pub discord_token: Option<String>,
    /// File holding the Discord bot token.
    #[arg(long, env = "AETHEX_DISCORD_TOKEN_FILE")]
    pub discord_token_file: Option<PathBuf>,
    /// Discord API base (a proxy; default https://discord.com).
    #[arg(long, env = "AETHEX_DISCORD_API")]
    pub discord_api: Option<String>,
    /// AeThex API base URL.
    #[arg(long, env = "AETHEX_SERVER")]
    pub server: String,
    /// Public site for links (default: --server).
    #[arg(long, env = "AETHEX_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The creator's AeThex token (scopes: user:read channel:read:subscriptions webhooks:manage chat:edit chat:read; analytics:read to post stream summaries).
    #[arg(long, env = "AETHEX_TOKEN", hide_env_values = true)]
    pub token: String,
    /// OAuth client id for /link's device flow.
    #[arg(long, env = "AETHEX_CLIENT_ID", default_value = aethex_sdk::CLI_CLIENT_ID)]
    pub client_id: String,
    /// Database file.
    #[arg(long, env = "AETHEX_DISCORD_DB", default_value = "aethex-discord.db")]
    pub db: PathBuf,
    /// Seconds between full subscriber-role passes.
    #[arg(long, env = "AETHEX_ROLE_SYNC_SECONDS", default_value_t = 600)]
    pub role_sync_seconds: u64,
}

impl Cli {
    /// The bot configuration, reading the token file if one is given.
    pub fn config(self) -> Result<crate::app::Config, String> {
        let discord_token = match (self.discord_token, &self.discord_token_file) {
            (Some(t), _) => t,
            (None, Some(f)) => {
                std::fs::read_to_string(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?.trim().to_string()
            }
            (None, None) => {
                return Err("--discord-token (AETHEX_DISCORD_TOKEN) or --discord-token-file is required".into())
            }
        };
        Ok(crate::app::Config {
            discord_token,
            discord_api: self.discord_api,
            server: self.server,
            public_url: self.public_url,
            token: self.token,
            client_id: self.client_id,
            db: self.db,
            role_sync_s: self.role_sync_seconds,
        })
    }
}

/// The binary's `main`: exit 0, 1 (failed) or 2 (bad usage).
pub fn main() -> i32 {
    let cli = Cli::parse();
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("AETHEX_LOG").unwrap_or_else(|_| "info,serenity=warn".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    let config = match cli.config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    match rt.block_on(crate::app::run(config)) {
        Ok(()) => 0,
        Err(crate::app::StartError::Config(e)) => {
            eprintln!("error: {e}");
            2
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

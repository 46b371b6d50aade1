//! The command line: `run`, `import` and `commands list`. Each setting comes
//! from a flag, else an `AETHEX_*` environment variable, else the config file.
//! Exit codes: 0 done, 1 failed, 2 bad usage or configuration.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{default_config, default_db, File};

/// The Nightbot/Streamlabs-style chatbot for AeThex (and Twitch) chat.
#[derive(Debug, Parser)]
#[command(name = "aethex-chatbot", version)]
pub struct Cli {
    /// Config file (TOML).
    #[arg(long, global = true, env = "AETHEX_CHATBOT_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database file.
    #[arg(long, global = true, env = "AETHEX_CHATBOT_DB")]
    pub db: Option<PathBuf>,
    /// The channel (login) whose bot this is.
    #[arg(long, global = true, env = "AETHEX_CHANNEL")]
    pub channel: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Cmd,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Join chat and serve the channel.
    Run {
        /// AeThex API base URL, e.g. http://localhost:8080.
        #[arg(long, env = "AETHEX_SERVER")]
        server: Option<String>,
        /// Chat host:port (AeThex's IRC port, or irc.chat.twitch.tv:6697).
        #[arg(long, env = "AETHEX_IRC")]
        irc: Option<String>,
        /// The bot account's token.
        #[arg(long, env = "AETHEX_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// The bot account's login (derived from the token on AeThex).
        #[arg(long, env = "AETHEX_BOT_LOGIN")]
        login: Option<String>,
    },
    /// Import commands exported from another bot.
    Import {
        /// Which bot's export.
        #[arg(value_enum)]
        from: Source,
        /// The export file (Nightbot: the /1/commands JSON; Streamlabs Chatbot: the CSV export).
        file: PathBuf,
        /// Show the report without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// The channel's commands.
    Commands {
        /// What to do with them.
        #[command(subcommand)]
        action: CommandsAction,
    },
}

/// `commands` actions.
#[derive(Debug, Subcommand)]
pub enum CommandsAction {
    /// List them.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Import sources.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Source {
    /// Nightbot's /1/commands JSON.
    Nightbot,
    /// Streamlabs Chatbot's command export (CSV).
    Streamlabs,
}

/// A failure with its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// Message.
    pub message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { code: 2, message: message.into() }
}

fn failed(e: impl std::fmt::Display) -> Failure {
    Failure { code: 1, message: e.to_string() }
}

/// Run the parsed command line.
pub async fn execute(cli: Cli) -> Result<(), Failure> {
    let file = match &cli.config {
        Some(p) => File::load(p, true),
        None => File::load(&default_config(), false),
    }
    .map_err(|e| usage(e.to_string()))?;
    let channel = cli.channel.clone().or(file.channel.clone()).map(|c| c.trim_start_matches('#').to_lowercase());
    let db = cli.db.clone().or(file.db.clone()).unwrap_or_else(default_db);
    let need_channel = || usage("--channel (AETHEX_CHANNEL) is required");
    match cli.command {
        Cmd::Run { server, irc, token, login } => {
            let cfg = crate::run::RunConfig {
                server: server.or(file.server.clone()),
                irc: irc.or(file.irc.clone()).ok_or_else(|| usage("--irc (AETHEX_IRC) is required"))?,
                channel: channel.ok_or_else(need_channel)?,
                token: token.or(file.token.clone()).ok_or_else(|| usage("--token (AETHEX_TOKEN) is required"))?,
                login: login.or(file.login.clone()),
                db,
                file,
            };
            run(cfg).await
        }
        Cmd::Import { from, file: path, dry_run } => {
            import(&channel.ok_or_else(need_channel)?, &db, from, &path, dry_run).await
        }
        Cmd::Commands { action: CommandsAction::List { json } } => {
            list(&channel.ok_or_else(need_channel)?, &db, json).await
        }
    }
}

/// `run`: the bot until Ctrl-C; configuration and token problems are usage errors.
async fn run(cfg: crate::run::RunConfig) -> Result<(), Failure> {
    let clock: crate::bot::Clock = std::sync::Arc::new(crate::now_ms);
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    crate::run::run(cfg, clock, stop, None).await.map_err(|e| match e {
        crate::run::RunError::Config(c) => usage(c.to_string()),
        e @ crate::run::RunError::Helix(crate::helix::HelixError::BadToken) => usage(e.to_string()),
        other => failed(other),
    })
}

/// `import`: translate another bot's export, save it unless `dry_run`, and
/// print the report.
async fn import(channel: &str, db: &Path, from: Source, path: &Path, dry_run: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let report = match from {
        Source::Nightbot => crate::import::nightbot(&text),
        Source::Streamlabs => crate::import::streamlabs(&text),
    }
    .map_err(|e| usage(format!("{}: {e}", path.display())))?;
    if !dry_run {
        let store = open(db).await?;
        for c in &report.imported {
            store.save_command(channel, c).await.map_err(failed)?;
        }
    }
    println!(
        "{} {} command(s){}",
        if dry_run { "would import" } else { "imported" },
        report.imported.len(),
        if dry_run { "" } else { " into the bot's database" }
    );
    for c in &report.imported {
        println!("  + {}", c.name);
    }
    for (name, why) in &report.notes {
        println!("  ~ {name}: {why}");
    }
    for (name, why) in &report.skipped {
        println!("  - {name}: not imported: {why}");
    }
    Ok(())
}

/// `commands list`: a table, or JSON for scripts.
async fn list(channel: &str, db: &Path, json: bool) -> Result<(), Failure> {
    let store = open(db).await?;
    let cmds = store.commands(channel).await.map_err(failed)?;
    if json {
        let v: Vec<_> = cmds
            .iter()
            .map(|c| serde_json::json!({"name": c.name, "response": c.response, "userlevel": c.level.name(), "cooldown": c.cooldown, "alias": c.alias, "count": c.count}))
            .collect();
        println!("{}", serde_json::Value::Array(v));
    } else if cmds.is_empty() {
        println!("no commands for {channel}");
    } else {
        for c in cmds {
            let what = match &c.alias {
                Some(a) => format!("-> {a} {}", c.response),
                None => c.response.clone(),
            };
            println!("{:<20} {:<10} {:>4}s {:>6} uses  {what}", c.name, c.level.name(), c.cooldown, c.count);
        }
    }
    Ok(())
}

async fn open(db: &Path) -> Result<crate::store::Store, Failure> {
    if let Some(dir) = db.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    crate::store::Store::open(db).await.map_err(|e| failed(format!("{}: {e}", db.display())))
}

/// The binary's whole `main`.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("AETHEX_LOG").unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    match rt.block_on(execute(cli)) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("error: {}", f.message);
            f.code
        }
    }
}

//! The binary's command line: `serve` (the default) and the operator commands
//! that scripts use to seed users, tokens and apps.

use std::io::Read as _;

use clap::{Parser, Subcommand};

use crate::accounts::user_id_by_login;
use crate::accounts::{create_user, AccountError};
use crate::app::StartError;
use crate::auth::apps::{create_app, AppError};
use crate::auth::{issue, parse_scopes, Grant, Tier};
use crate::config::{ConfigArgs, ConfigError};

/// AeThex LIVE: the whole platform in one binary.
#[derive(Debug, Parser)]
#[command(name = "aethex-server", version, about)]
pub struct Cli {
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Commands of the binary.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the platform (the default).
    Serve,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Mint API tokens for scripts.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Register third-party OAuth apps.
    #[command(subcommand)]
    App(AppCommand),
    /// Invitations for invite-only sign-up (`AETHEX_SIGNUP=invite`).
    #[command(subcommand)]
    Invite(InviteCommand),
    /// Exchange rates for creators' totals in one currency.
    #[command(subcommand)]
    Rates(RatesCommand),
    /// Analytics events, for a warehouse.
    #[command(subcommand)]
    Analytics(AnalyticsCommand),
    /// The recommender.
    #[command(subcommand)]
    Recs(RecsCommand),
    /// Copy the SQLite database into a new FILE while the server runs
    /// (online and consistent). PostgreSQL: use pg_dump.
    Backup {
        /// The new file.
        file: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup. Stop the server first.
    Restore {
        /// A file `backup` wrote.
        file: std::path::PathBuf,
        /// Yes, replace the current database.
        #[arg(long)]
        yes: bool,
    },
}

/// `recs ...`
#[derive(Debug, Subcommand)]
pub enum RecsCommand {
    /// Train a new model version now from the last 90 days of viewing;
    /// running servers switch to it within 30 seconds.
    Train,
}

/// `analytics ...`
#[derive(Debug, Subcommand)]
pub enum AnalyticsCommand {
    /// Print the raw events of a time range (UTC days or RFC 3339 times),
    /// oldest first, on standard output.
    Export {
        /// First day (`2026-11-01`) or time, included.
        #[arg(long)]
        from: String,
        /// Last day, included, or a time, excluded.
        #[arg(long)]
        to: String,
        /// `ndjson` (one JSON object per line) or `csv` (with a header line).
        #[arg(long, value_enum, default_value = "ndjson")]
        format: crate::analytics::export::Format,
    },
}

/// `2026-11-01` (that day's start, or with `end`, the next day's start) or an RFC 3339 time, in ms.
fn parse_when(s: &str, end: bool) -> Result<i64, AdminError> {
    if let Some(ms) = aethex_sdk::time::parse_rfc3339(s) {
        return Ok(ms);
    }
    let day = aethex_sdk::time::parse_rfc3339(&format!("{s}T00:00:00Z"))
        .ok_or_else(|| AdminError::Usage(format!("'{s}' is not a day (2026-11-01) or an RFC 3339 time")))?;
    Ok(if end { day + 86_400_000 } else { day })
}

/// `rates ...`
#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// Load the European Central Bank's reference rates from its published
    /// daily file, CSV (`eurofxref.csv`) or XML (`eurofxref-daily.xml`).
    Load {
        /// The file.
        file: std::path::PathBuf,
    },
}

/// `invite ...`
#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Print a new invitation code (used once).
    Create {
        /// Days the code stays good.
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=365))]
        days: u32,
    },
}

/// `user ...`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user and their channel.
    Create {
        /// Login: 3-25 characters of a-z, 0-9 and _.
        login: String,
        /// Read the password (8-256 characters) from standard input, so it
        /// never shows in the process list or shell history.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print every row about a user as JSON (their right of access).
    Export {
        /// The user's login.
        login: String,
    },
    /// Erase a user's account: tokens revoked, channel and stream key
    /// destroyed, follows and subscriptions removed, chat pseudonymised,
    /// analytics de-identified, in one transaction. A running server forgets
    /// the user's chat history lines and live stream only through
    /// `DELETE /api/users/me`; here they roll off.
    Delete {
        /// The user's login.
        login: String,
        /// Confirm: the erasure cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

/// `token ...`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Print a new bearer token for a user (issued to the built-in `aethex-cli` app).
    Create {
        /// The user.
        login: String,
        /// Comma-separated scopes, e.g. `channel:manage,stream:key`.
        #[arg(long, value_delimiter = ',')]
        scopes: Vec<String>,
        /// Lifetime in days.
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
        expires_in_days: i64,
    },
}

/// `app ...`
#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Register an app; prints its client id and (once) its secret.
    Create {
        /// Name shown on the consent page.
        name: String,
        /// Exact redirect URI; repeat for several.
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// API tier: free (read-only, 10k/day), pro (100k/day) or enterprise (unlimited).
        #[arg(long, default_value = "free", value_parser = ["free", "pro", "enterprise"])]
        tier: String,
        /// A public client (no secret; PKCE or device flow only), e.g. a mobile app.
        #[arg(long)]
        public: bool,
    },
}

/// Failures of admin commands, each with a message fit for the terminal.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Could not open storage.
    #[error(transparent)]
    Start(#[from] StartError),
    /// The account rules said no.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// App registration failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// Storage failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Anything the user typed wrong.
    #[error("{0}")]
    Usage(String),
    /// Reading standard input failed.
    #[error("reading standard input: {0}")]
    Io(#[from] std::io::Error),
}

/// Run an admin command, printing its result on standard output.
pub async fn run_admin(args: &ConfigArgs, command: Command) -> Result<(), AdminError> {
    let config = args.resolve()?;
    // Restoring replaces the database file: it must not be opened (or migrated) first.
    if let Command::Restore { file, yes } = &command {
        if let Some(url) = &config.database_url {
            return Err(AdminError::Usage(if url.starts_with("sqlite:") {
                "restore replaces the data directory's own database; with AETHEX_DATABASE_URL, copy the file in place with the server stopped".into()
            } else {
                crate::store::BackupError::Postgres.to_string()
            }));
        }
        if !yes {
            return Err(AdminError::Usage(format!(
                "restoring replaces the database in {} with {}: stop the server, then add --yes",
                config.data_dir.display(),
                file.display()
            )));
        }
        let version =
            crate::store::restore_sqlite(&config.data_dir, file).map_err(|e| AdminError::Usage(e.to_string()))?;
        println!("restored {} (schema version {version}); start the server", file.display());
        return Ok(());
    }
    // Storage and secrets only: an admin command must not start ingest (which
    // closes sessions a running server still owns) or anything else.
    let db =
        crate::store::Db::open(config.database_url.as_deref(), &config.data_dir).await.map_err(StartError::from)?;
    crate::auth::apps::ensure_builtin_apps(&db).await?;
    let sealer =
        crate::crypto::Sealer::load(&config.data_dir, config.secret_key.as_deref()).map_err(StartError::from)?;
    match command {
        Command::Serve => return Err(AdminError::Usage("`serve` runs the server, it is not an admin command".into())),
        Command::User(UserCommand::Create { login, password_stdin }) => {
            let password = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                Some(s.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let id = create_user(&db, &sealer, &login, password.as_deref()).await?;
            println!("created user {login} (id {id})");
        }
        Command::User(UserCommand::Export { login }) => {
            let id = user_id(&db, &login).await?;
            let data = crate::privacy::export(&db, id).await.map_err(|e| AdminError::Usage(e.to_string()))?;
            println!("{}", serde_json::to_string_pretty(&data).unwrap_or_default());
        }
        Command::User(UserCommand::Delete { login, yes }) => {
            if !yes {
                return Err(AdminError::Usage(format!("erasing '{login}' cannot be undone: add --yes")));
            }
            let id = user_id(&db, &login).await?;
            // No event socket or webhook worker runs here: apps are not told
            // (the running server's own erasure, `DELETE /api/users/me`, tells them).
            let bus = crate::events::Bus::default();
            let (_, shown) =
                crate::privacy::erase(&db, &bus, id).await.map_err(|e| AdminError::Usage(e.to_string()))?;
            println!("erased user {login}; their chat now shows {shown}");
        }
        Command::Token(TokenCommand::Create { login, scopes, expires_in_days }) => {
            let scopes = parse_scopes(&scopes.join(" ")).map_err(AdminError::Usage)?;
            let user_id =
                user_id_by_login(&db, &login).await?.ok_or_else(|| AdminError::Usage(format!("no user '{login}'")))?;
            let token = issue(
                &db,
                Grant {
                    client_id: aethex_sdk::CLI_CLIENT_ID,
                    user_id: Some(user_id),
                    scopes: &scopes,
                    refresh: false,
                    family: None,
                    access_ttl: expires_in_days * 86_400,
                    refresh_ttl: 0,
                },
            )
            .await?;
            println!("{}", token.access_token);
        }
        Command::Rates(RatesCommand::Load { file }) => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| AdminError::Usage(format!("{}: {e}", file.display())))?;
            let rates = crate::social::rates::Rates::parse(&text)
                .map_err(|e| AdminError::Usage(format!("{}: {e}", file.display())))?;
            crate::social::rates::store(&db, &rates).await?;
            println!("loaded {} rates of {}", rates.per_euro.len() - 1, rates.date);
        }
        Command::Analytics(AnalyticsCommand::Export { from, to, format }) => {
            let (from, to) = (parse_when(&from, false)?, parse_when(&to, true)?);
            if to <= from {
                return Err(AdminError::Usage("--to must come after --from".into()));
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let n = crate::analytics::export::export(&db, from, to, format, &mut out)
                .await
                .map_err(|e| AdminError::Usage(e.to_string()))?;
            eprintln!("exported {n} events");
        }
        Command::Backup { file } => {
            db.backup_to(&file).await.map_err(|e| AdminError::Usage(e.to_string()))?;
            println!("backed up to {}", file.display());
        }
        Command::Restore { .. } => {}
        Command::Recs(RecsCommand::Train) => {
            let trainer = crate::recs::Trainer::new(db.clone(), sealer.derived_key(b"aethex recommendations"));
            let m = trainer.train().await.map_err(|e| AdminError::Usage(e.to_string()))?;
            println!(
                "trained model version {}: {} viewers, {} channels, {} pairs in {} ms",
                m.version, m.users, m.channels, m.pairs, m.train_ms
            );
        }
        Command::Invite(InviteCommand::Create { days }) => {
            println!("{}", crate::auth::signup::create_invite(&db, days).await?);
        }
        Command::App(AppCommand::Create { name, redirect_uris, tier, public }) => {
            let tier = Tier::parse(&tier).ok_or_else(|| AdminError::Usage(format!("unknown tier '{tier}'")))?;
            let app = create_app(&db, &name, &redirect_uris, tier, !public).await?;
            println!("client_id: {}", app.client_id);
            if let Some(secret) = app.client_secret {
                println!("client_secret: {secret}");
            }
        }
    }
    db.pool.close().await;
    Ok(())
}

/// The id of the user `login`, or a usage error naming it.
async fn user_id(db: &crate::store::Db, login: &str) -> Result<i64, AdminError> {
    crate::accounts::user_id_by_login(db, &login.to_ascii_lowercase())
        .await?
        .ok_or_else(|| AdminError::Usage(format!("no user '{login}'")))
}

//! Entry point: parse the command line, then serve or run an admin command.
//! Failures print one sentence (with causes) and exit 1, never a backtrace.

/// mimalloc instead of glibc's allocator: a request allocates and frees
/// many small objects across threads, and glibc's `malloc`, `free` and
/// `malloc_consolidate` took a third of the server's time on the API's
/// hottest read (`scripts/bench-scale`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use aethex_server::admin::{run_admin, Cli, Command};
use aethex_server::app::{shutdown_signal, Server};
use clap::Parser as _;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None | Some(Command::Serve) => {
            let config = cli.config.resolve()?;
            let data_dir = config.data_dir.display().to_string();
            let public = config.public_url.clone();
            let server = Server::bind(config).await?;
            let addr = server.local_addr()?;
            let rtmp = server.rtmp_addr()?;
            let irc = server.irc_addr()?;
            let scheme = if server.is_tls() { "https" } else { "http" };
            let rtmps = server.rtmps_addr().map(|a| format!(", rtmps://{a}/live")).unwrap_or_default();
            eprintln!(
                "AeThex LIVE listening on {scheme}://{addr}, rtmp://{rtmp}/live{rtmps} and irc://{irc} (data in {data_dir})"
            );
            eprintln!("  create an account:  aethex-server user create <login> --password-stdin");
            eprintln!("  then log in at      {public}/login  (devices: {public}/activate)");
            eprintln!("  API reference:      {public}/api/openapi.json");
            server.run(shutdown_signal()).await?;
            Ok(())
        }
        Some(command) => Ok(run_admin(&cli.config, command).await?),
    }
}

//! `aethex`, the creator's command line, as a library so the binary stays a
//! one-liner and tests can reach the pieces.
//!
//! - [`args`]: the command line's shape;
//! - [`config`]: the config file, profiles, and which server and token to use;
//! - [`commands`]: one module per command group, all through `aethex-sdk`;
//! - [`output`]: tables for people, JSON for scripts;
//! - [`error`]: one sentence on stderr and an exit code per kind of failure.

pub mod args;
pub mod commands;
pub mod config;
pub mod error;
pub mod output;

use clap::Parser as _;

pub use error::{CliError, Exit};

/// Parse the command line, run it, and return the process exit code.
pub fn main_exit_code() -> i32 {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() { Exit::Usage as i32 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("AETHEX_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    if let args::Command::Dashboard(a) = &cli.command {
        // The window needs the main thread; its network work runs on its own runtime.
        return match commands::dashboard::run(&cli.global, a) {
            Ok(()) => 0,
            Err(e) => e.report(),
        };
    }
    let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return CliError::other(format!("cannot start: {e}")).report(),
    };
    match rt.block_on(commands::run(cli)) {
        Ok(()) => 0,
        Err(e) => e.report(),
    }
}

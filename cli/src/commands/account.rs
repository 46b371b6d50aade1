//! `login`, `logout`, `whoami`, `config`.

use std::io::Write as _;

use aethex_sdk::credentials::{Credentials, Location};
use aethex_sdk::{ClientAuth, CLI_CLIENT_ID};

use crate::args::{ConfigCmd, LoginArgs};
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

/// What `aethex login` asks for unless told otherwise: every scope the CLI's
/// commands use, which is every scope except acting as a viewer (following,
/// subscribing, donating).
pub fn default_scopes() -> Vec<&'static str> {
    // Viewer actions, and erasing the account: a creator's tool never asks for those unasked.
    const NOT_ASKED: &[&str] = &["user:edit:follows", "user:edit:subscriptions", "donations:write", "user:delete"];
    aethex_sdk::SCOPES.iter().copied().filter(|s| !NOT_ASKED.contains(s)).collect()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Open `url` in a browser where a desktop session exists; silently nothing otherwise.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        "xdg-open"
    } else {
        return;
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// The device flow: show the code, open the browser, poll politely, store the tokens.
pub async fn login(ctx: &Context, a: LoginArgs) -> CliResult {
    let scopes: Vec<&str> =
        if a.scopes.is_empty() { default_scopes() } else { a.scopes.iter().map(String::as_str).collect() };
    let client = ctx.anonymous()?;
    let auth = client.start_device_login(CLI_CLIENT_ID, &scopes).await?;
    if ctx.json {
        output::json_line(&serde_json::json!({
            "verification_uri": auth.verification_uri,
            "verification_uri_complete": auth.verification_uri_complete,
            "user_code": auth.user_code,
            "expires_in": auth.expires_in,
        }));
    } else {
        println!("To log in to {}, open {}", ctx.server, auth.verification_uri);
        println!("and enter the code:  {}", auth.user_code);
        println!("(or open {} directly). Waiting for approval...", auth.verification_uri_complete);
    }
    let _ = std::io::stdout().flush();
    if !a.no_browser {
        open_browser(&auth.verification_uri_complete);
    }
    let token = client.finish_device_login(CLI_CLIENT_ID, &auth).await?;
    let authed = ctx.anonymous()?.with_token(token.access_token.clone());
    let who = authed.validate().await?;
    let creds = Credentials {
        server: ctx.server.clone(),
        access_token: token.access_token,
        refresh_token: token.refresh_token,
        expires_at: now() + token.expires_in,
        scopes: token.scope.split_whitespace().map(str::to_string).collect(),
        login: who.login.clone(),
    };
    let at = ctx.remember(&creds).await?;
    let stored = match &at {
        Location::Keyring => "the OS keyring".to_string(),
        Location::File(p) => p.display().to_string(),
    };
    if ctx.json {
        output::json_line(
            &serde_json::json!({"login": who.login, "server": ctx.server, "scopes": creds.scopes, "stored_in": stored}),
        );
    } else {
        println!("Logged in to {} as {} (token stored in {stored}).", ctx.server, who.login.unwrap_or_default());
    }
    Ok(())
}

/// Revoke the stored token (best effort) and forget it.
pub async fn logout(ctx: &Context) -> CliResult {
    let account = ctx.account();
    let Some((creds, _)) = ctx.store.load(&account).await? else {
        if !ctx.json {
            println!("Not logged in to {}.", ctx.server);
        }
        return Ok(());
    };
    let auth = ClientAuth { client_id: CLI_CLIENT_ID.into(), client_secret: None };
    let client = ctx.anonymous()?;
    let revoked = client.revoke(&auth, &creds.access_token).await.is_ok();
    if let Some(r) = &creds.refresh_token {
        let _ = client.revoke(&auth, r).await;
    }
    ctx.store.delete(&account).await?;
    if ctx.json {
        output::json(&serde_json::json!({"logged_out": true, "revoked": revoked}));
    } else if revoked {
        println!("Logged out of {}; the token is revoked.", ctx.server);
    } else {
        println!("Logged out of {} (the server could not be told; the token expires on its own).", ctx.server);
    }
    Ok(())
}

/// Who the token belongs to.
pub async fn whoami(ctx: &Context) -> CliResult {
    let v = ctx.client().await?.validate().await?;
    if ctx.json {
        output::json(&v);
    } else {
        output::pairs(&[
            ("server", ctx.server.clone()),
            ("login", v.login.clone().unwrap_or_else(|| "(app token)".into())),
            ("client", v.client_id.clone()),
            ("scopes", v.scopes.join(" ")),
            ("expires in", format!("{} s", v.expires_in)),
        ]);
    }
    Ok(())
}

/// `aethex config ...`.
pub fn config(mut ctx: Context, c: ConfigCmd) -> CliResult {
    match c {
        ConfigCmd::Show => {
            if ctx.json {
                output::json(
                    &serde_json::json!({"path": ctx.path(), "profile": ctx.profile, "server": ctx.server, "file": ctx.file}),
                );
            } else {
                output::pairs(&[
                    ("config file", ctx.path().display().to_string()),
                    ("profile", ctx.profile.clone()),
                    ("server", ctx.server.clone()),
                ]);
                for (name, p) in &ctx.file.profiles {
                    println!("profile {name}: {}", p.server.as_deref().unwrap_or("(default server)"));
                }
            }
            Ok(())
        }
        ConfigCmd::SetServer { url } => {
            let url = url.trim_end_matches('/').to_string();
            if !(url.starts_with("http://") || url.starts_with("https://")) || url::Url::parse(&url).is_err() {
                return Err(CliError::usage(format!("'{url}' is not an http(s) server URL")));
            }
            let profile = ctx.profile.clone();
            ctx.file.profiles.entry(profile.clone()).or_default().server = Some(url.clone());
            ctx.save()?;
            if !ctx.json {
                println!("Profile {profile} now uses {url}.");
            }
            Ok(())
        }
        ConfigCmd::Use { profile } => {
            if !ctx.file.profiles.contains_key(&profile) {
                return Err(CliError {
                    exit: crate::Exit::NotFound,
                    message: format!(
                        "no profile '{profile}'; create it with `aethex --profile {profile} config set-server URL`"
                    ),
                });
            }
            ctx.file.current = Some(profile.clone());
            ctx.save()?;
            if !ctx.json {
                println!("Using profile {profile}.");
            }
            Ok(())
        }
    }
}

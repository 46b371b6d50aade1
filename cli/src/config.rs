//! The config file (`<config dir>/config.toml`: named profiles, each with a
//! server) and the resolved context of one run: which server, which profile,
//! which token. `AETHEX_TOKEN` beats the stored token; stored tokens are
//! refreshed when they are about to expire.

use std::collections::BTreeMap;
use std::path::PathBuf;

use aethex_sdk::credentials::{self, CredentialStore, Credentials, Location, Mode};
use aethex_sdk::{Client, ClientAuth, CLI_CLIENT_ID};
use serde::{Deserialize, Serialize};

use crate::args::Global;
use crate::error::{CliError, CliResult};

/// The server used when nothing says otherwise.
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8080";

/// The file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ConfigFile {
    /// The profile used without `--profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Profile {
    /// Its server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

/// Everything one run needs to talk to the server.
pub struct Context {
    /// The config directory.
    pub dir: PathBuf,
    /// The file.
    pub file: ConfigFile,
    /// The profile in use.
    pub profile: String,
    /// The server in use, without trailing slash.
    pub server: String,
    /// Print JSON.
    pub json: bool,
    /// Where tokens live.
    pub store: CredentialStore,
}

fn default_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("aethex");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".config").join("aethex"),
        None => PathBuf::from(".aethex"),
    }
}

impl Context {
    /// Resolve flags, environment and the file.
    pub fn load(g: &Global) -> CliResult<Self> {
        let dir = g.config_dir.clone().unwrap_or_else(default_dir);
        let path = dir.join("config.toml");
        let file: ConfigFile = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| CliError::other(format!("config file {} is not valid: {e}", path.display())))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ConfigFile::default(),
            Err(e) => return Err(CliError::other(format!("cannot read {}: {e}", path.display()))),
        };
        let profile = g.profile.clone().or_else(|| file.current.clone()).unwrap_or_else(|| "default".into());
        let server = g
            .server
            .clone()
            .or_else(|| file.profiles.get(&profile).and_then(|p| p.server.clone()))
            .unwrap_or_else(|| DEFAULT_SERVER.into())
            .trim_end_matches('/')
            .to_string();
        if !(server.starts_with("http://") || server.starts_with("https://")) || url::Url::parse(&server).is_err() {
            return Err(CliError::usage(format!("'{server}' is not an http(s) server URL")));
        }
        let store = CredentialStore::new(&dir, Mode::from_env());
        Ok(Self { dir, file, profile, server, json: g.json, store })
    }

    /// Write the config file back.
    pub fn save(&self) -> CliResult {
        let path = self.path();
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| CliError::other(format!("cannot create {}: {e}", self.dir.display())))?;
        let text = toml::to_string(&self.file).map_err(|e| CliError::other(e.to_string()))?;
        std::fs::write(&path, text).map_err(|e| CliError::other(format!("cannot write {}: {e}", path.display())))
    }

    /// The config file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join("config.toml")
    }

    /// The keyring account for this server and profile.
    pub fn account(&self) -> String {
        credentials::account(&self.server, &self.profile)
    }

    /// A client without a token.
    pub fn anonymous(&self) -> CliResult<Client> {
        Client::new(&self.server).map_err(CliError::from)
    }

    /// A client with the user's token: `AETHEX_TOKEN`, else the stored one
    /// (refreshed first when it expires within a minute).
    pub async fn client(&self) -> CliResult<Client> {
        Ok(self.anonymous()?.with_token(self.token().await?))
    }

    /// The token to use.
    pub async fn token(&self) -> CliResult<String> {
        if let Some(t) = std::env::var("AETHEX_TOKEN").ok().filter(|t| !t.is_empty()) {
            return Ok(t);
        }
        let Some((creds, _)) = self.store.load(&self.account()).await? else {
            return Err(CliError::auth(format!("not logged in to {}; run `aethex login`", self.server)));
        };
        let now =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        if creds.expires_at > now + 60 {
            return Ok(creds.access_token);
        }
        let Some(refresh) = creds.refresh_token.as_deref() else {
            return Err(CliError::auth("the stored token expired; run `aethex login`"));
        };
        let auth = ClientAuth { client_id: CLI_CLIENT_ID.into(), client_secret: None };
        let fresh = self.anonymous()?.refresh(&auth, refresh).await.map_err(|e| {
            CliError::auth(format!("the stored token expired and could not be refreshed ({e}); run `aethex login`"))
        })?;
        let renewed = Credentials {
            access_token: fresh.access_token.clone(),
            refresh_token: fresh.refresh_token.clone().or(creds.refresh_token.clone()),
            expires_at: now + fresh.expires_in,
            scopes: fresh.scope.split_whitespace().map(str::to_string).collect(),
            ..creds
        };
        self.remember(&renewed).await?;
        Ok(fresh.access_token)
    }

    /// Store credentials, warning once when they land in the file.
    pub async fn remember(&self, c: &Credentials) -> CliResult<Location> {
        let at = self.store.save(&self.account(), c).await?;
        if let Location::File(p) = &at {
            eprintln!(
                "aethex: no keyring service is running; the token is stored in {} (readable only by you)",
                p.display()
            );
        }
        Ok(at)
    }

    /// The logged-in user's login (from the token).
    pub async fn me(&self, client: &Client) -> CliResult<String> {
        let v = client.validate().await?;
        v.login.ok_or_else(|| CliError::auth("this token belongs to an app, not a user; log in with `aethex login`"))
    }

    /// `login` if given, else the logged-in user's.
    pub async fn channel_or_me(&self, client: &Client, login: Option<String>) -> CliResult<String> {
        match login {
            Some(l) => Ok(l.to_lowercase()),
            None => self.me(client).await,
        }
    }
}

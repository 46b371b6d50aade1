//! Where first-party tools keep a user's tokens (feature `credentials`): the
//! OS keyring (Secret Service on Linux, Keychain, Windows Credential Manager),
//! or, where no keyring service runs (a headless box), a file readable only by
//! its owner. The CLI and the OBS plugin use the same entry for the same
//! server, so a creator logs in once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The keyring service name every AeThex tool uses.
pub const SERVICE: &str = "aethex";

/// Tokens for one account on one server.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Credentials {
    /// The server they are for (normalised, without trailing slash).
    pub server: String,
    /// Bearer token.
    pub access_token: String,
    /// Refresh token, when the grant gave one.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Unix seconds when the access token expires.
    pub expires_at: i64,
    /// Granted scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The user's login, for display.
    #[serde(default)]
    pub login: Option<String>,
}

/// Where credentials ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The OS keyring.
    Keyring,
    /// The fallback file.
    File(PathBuf),
}

/// Which stores to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The keyring when a keyring service answers, else the file.
    Auto,
    /// Only the keyring (fail when there is none).
    Keyring,
    /// Only the file.
    File,
}

impl Mode {
    /// `AETHEX_CREDENTIAL_STORE` = `keyring`, `file` or `auto` (default).
    pub fn from_env() -> Self {
        match std::env::var("AETHEX_CREDENTIAL_STORE").as_deref() {
            Ok("keyring") => Self::Keyring,
            Ok("file") => Self::File,
            _ => Self::Auto,
        }
    }
}

/// Why credentials could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// The keyring refused or failed (and the mode does not allow the file).
    #[error("keyring: {0}")]
    Keyring(String),
    /// The fallback file could not be read or written.
    #[error("credentials file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The stored text is not credentials.
    #[error("stored credentials are unreadable: {0}")]
    Corrupt(String),
}

/// The store for one config directory.
#[derive(Debug, Clone)]
pub struct CredentialStore {
    file: PathBuf,
    mode: Mode,
}

/// The account name of a server and profile in the keyring.
pub fn account(server: &str, profile: &str) -> String {
    format!("{profile}@{}", server.trim_end_matches('/'))
}

impl CredentialStore {
    /// A store whose fallback file lives in `config_dir`.
    pub fn new(config_dir: &Path, mode: Mode) -> Self {
        Self { file: config_dir.join("credentials.json"), mode }
    }

    /// The fallback file's path.
    pub fn file_path(&self) -> &Path {
        &self.file
    }

    /// Stored credentials for `account`, and where they were found.
    pub async fn load(&self, account: &str) -> Result<Option<(Credentials, Location)>, CredentialError> {
        if self.mode != Mode::File {
            match keyring_get(account).await {
                Ok(Some(text)) => {
                    let c = serde_json::from_str(&text).map_err(|e| CredentialError::Corrupt(e.to_string()))?;
                    return Ok(Some((c, Location::Keyring)));
                }
                Ok(None) => {}
                Err(e) if self.mode == Mode::Keyring => return Err(e),
                Err(_) => {} // no keyring here: the file may have them
            }
            if self.mode == Mode::Keyring {
                return Ok(None);
            }
        }
        Ok(self.read_file()?.remove(account).map(|c| (c, Location::File(self.file.clone()))))
    }

    /// Store credentials: in the keyring when possible, else in the file.
    pub async fn save(&self, account: &str, c: &Credentials) -> Result<Location, CredentialError> {
        let text = serde_json::to_string(c).map_err(|e| CredentialError::Corrupt(e.to_string()))?;
        if self.mode != Mode::File {
            match keyring_set(account, &text).await {
                Ok(()) => {
                    // A stale copy in the file would shadow nothing, but should not linger.
                    let _ = self.remove_from_file(account);
                    return Ok(Location::Keyring);
                }
                Err(e) if self.mode == Mode::Keyring => return Err(e),
                Err(_) => {}
            }
        }
        let mut all = self.read_file()?;
        all.insert(account.to_string(), c.clone());
        self.write_file(&all)?;
        Ok(Location::File(self.file.clone()))
    }

    /// Forget the account everywhere.
    pub async fn delete(&self, account: &str) -> Result<(), CredentialError> {
        if self.mode != Mode::File {
            let r = keyring_delete(account).await;
            if self.mode == Mode::Keyring {
                r?;
            }
        }
        if self.mode != Mode::Keyring {
            self.remove_from_file(account)?;
        }
        Ok(())
    }

    fn remove_from_file(&self, account: &str) -> Result<(), CredentialError> {
        let mut all = self.read_file()?;
        if all.remove(account).is_some() {
            self.write_file(&all)?;
        }
        Ok(())
    }

    fn read_file(&self) -> Result<BTreeMap<String, Credentials>, CredentialError> {
        match std::fs::read_to_string(&self.file) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| CredentialError::Corrupt(e.to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(source) => Err(CredentialError::Io { path: self.file.display().to_string(), source }),
        }
    }

    /// Write through a temporary file created 0600, then rename: never world-readable, never torn.
    fn write_file(&self, all: &BTreeMap<String, Credentials>) -> Result<(), CredentialError> {
        let io = |source| CredentialError::Io { path: self.file.display().to_string(), source };
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = self.file.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(all).map_err(|e| CredentialError::Corrupt(e.to_string()))?;
        {
            use std::io::Write as _;
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp).map_err(io)?;
            f.write_all(&text).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &self.file).map_err(io)
    }
}

// The keyring crate is synchronous (it drives D-Bus itself): keep it off the async workers.
async fn keyring_call<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, keyring::Error> + Send + 'static,
) -> Result<T, CredentialError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CredentialError::Keyring(e.to_string()))?
        .map_err(|e| CredentialError::Keyring(e.to_string()))
}

async fn keyring_get(account: &str) -> Result<Option<String>, CredentialError> {
    let account = account.to_string();
    keyring_call(move || match keyring::Entry::new(SERVICE, &account)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    })
    .await
}

async fn keyring_set(account: &str, text: &str) -> Result<(), CredentialError> {
    let (account, text) = (account.to_string(), text.to_string());
    keyring_call(move || keyring::Entry::new(SERVICE, &account)?.set_password(&text)).await
}

async fn keyring_delete(account: &str) -> Result<(), CredentialError> {
    let account = account.to_string();
    keyring_call(move || match keyring::Entry::new(SERVICE, &account)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e),
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            server: "http://127.0.0.1:8080".into(),
            access_token: "axa_token".into(),
            refresh_token: Some("axr_refresh".into()),
            expires_at: 2_000_000_000,
            scopes: vec!["chat:read".into()],
            login: Some("alice".into()),
        }
    }

    #[tokio::test]
    async fn file_store_round_trips_with_owner_only_permissions() {
        let dir = std::env::temp_dir().join(format!("aethex-cred-{}", std::process::id()));
        let store = CredentialStore::new(&dir, Mode::File);
        let acct = account("http://127.0.0.1:8080/", "default");
        assert_eq!(acct, "default@http://127.0.0.1:8080");
        assert!(store.load(&acct).await.unwrap().is_none());
        let at = store.save(&acct, &creds()).await.unwrap();
        assert_eq!(at, Location::File(dir.join("credentials.json")));
        let (back, _) = store.load(&acct).await.unwrap().unwrap();
        assert_eq!(back, creds());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(store.file_path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        store.delete(&acct).await.unwrap();
        assert!(store.load(&acct).await.unwrap().is_none());
        std::fs::write(store.file_path(), "not json").unwrap();
        assert!(matches!(store.load(&acct).await, Err(CredentialError::Corrupt(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

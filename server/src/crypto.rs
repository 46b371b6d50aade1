//! Secrets: random tokens, their at-rest hashes, password hashing and the
//! sealing of stream keys.
//!
//! Tokens, client secrets, codes and sessions are 256-bit random values, so a
//! plain SHA-256 is the right at-rest hash (fast lookup, no brute force
//! possible); user passwords are low-entropy and get argon2id. Stream keys must
//! be shown to their owner again, so they are sealed (XChaCha20-Poly1305) with a
//! key kept outside the database, plus a SHA-256 for lookup at ingest.

use std::path::Path;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::{Rng as _, RngCore as _};
use sha2::{Digest as _, Sha256};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A fresh 256-bit secret, URL-safe, with a readable prefix (`axa_` access
/// tokens, `axr_` refresh tokens, ...), so leaked secrets are recognisable.
pub fn random_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", B64.encode(bytes))
}

/// A fresh bearer token: `prefix` and 50 characters of `a-z0-9` (258 bits).
/// Lowercase like Twitch's, because Twitch clients (tmi.js among them)
/// lowercase the token they are given before sending it.
pub fn random_token(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let body: String = (0..50).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect();
    format!("{prefix}{body}")
}

/// The at-rest form of a high-entropy secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// An RFC 8628 user code: 8 letters from an alphabet without vowels or
/// look-alikes, shown as `XXXX-XXXX`.
pub fn user_code() -> String {
    const ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    let mut rng = rand::thread_rng();
    let chars: String = (0..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Normalise what a user typed as a device code: upper case, no separators.
pub fn normalize_user_code(input: &str) -> String {
    let s: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    if s.len() == 8 {
        format!("{}-{}", &s[..4], &s[4..])
    } else {
        s
    }
}

/// Errors of password hashing.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordError(String);

/// argon2id (the crate's defaults follow OWASP's recommendation) with a random salt.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError(e.to_string()))
}

/// Whether `password` matches a stored argon2 hash; a malformed hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Seals and opens stream keys with the server's secret key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
    key: [u8; 32],
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

/// Errors of the sealing key or sealed values.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The key file could not be read or written.
    #[error("secret key file {path}: {source}")]
    KeyFile {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// `AETHEX_SECRET_KEY` or the key file is not 64 hex digits.
    #[error("the secret key must be 64 hex digits (32 bytes)")]
    BadKey,
    /// A sealed value did not open: wrong key or corrupted data.
    #[error("a sealed value could not be opened (was the secret key changed?)")]
    Open,
}

impl Sealer {
    /// The sealer for a data directory: key from `hex_key` (`AETHEX_SECRET_KEY`)
    /// if given, else from `<data_dir>/secret.key`, created (mode 0600) on first start.
    pub fn load(data_dir: &Path, hex_key: Option<&str>) -> Result<Self, SealError> {
        let hex_key = match hex_key {
            Some(k) => k.trim().to_string(),
            None => {
                let path = data_dir.join("secret.key");
                let err = |source| SealError::KeyFile { path: path.display().to_string(), source };
                match std::fs::read_to_string(&path) {
                    Ok(s) => s.trim().to_string(),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let mut key = [0u8; 32];
                        rand::thread_rng().fill_bytes(&mut key);
                        let k = hex::encode(key);
                        write_private(&path, &k).map_err(err)?;
                        k
                    }
                    Err(e) => return Err(err(e)),
                }
            }
        };
        let key = hex::decode(&hex_key).map_err(|_| SealError::BadKey)?;
        if key.len() != 32 {
            return Err(SealError::BadKey);
        }
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|_| SealError::BadKey)?;
        let mut raw = [0u8; 32];
        raw.copy_from_slice(&key);
        Ok(Self { cipher, key: raw })
    }

    /// A key for another purpose (e.g. signing playback tokens), derived from
    /// the secret key so one secret serves all, and no use can forge another's.
    pub fn derived_key(&self, purpose: &[u8]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(purpose);
        h.update(self.key);
        h.finalize().into()
    }

    /// Encrypt `plain`; the output carries its own random nonce.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut nonce);
        // Encryption of an in-memory buffer with a valid key cannot fail.
        let ct = self.cipher.encrypt(XNonce::from_slice(&nonce), plain.as_bytes()).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        B64.encode(out)
    }

    /// Decrypt what [`Sealer::seal`] produced.
    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = B64.decode(sealed).map_err(|_| SealError::Open)?;
        if bytes.len() < 24 {
            return Err(SealError::Open);
        }
        let (nonce, ct) = bytes.split_at(24);
        let plain = self.cipher.decrypt(XNonce::from_slice(nonce), ct).map_err(|_| SealError::Open)?;
        String::from_utf8(plain).map_err(|_| SealError::Open)
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// A random UUID v4 (message, subscription and session ids).
pub fn uuid() -> String {
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_lowercase_and_distinct() {
        let a = super::random_token("axa_");
        assert!(a.starts_with("axa_") && a.len() == 54, "{a}");
        assert_eq!(a, a.to_lowercase(), "a client that lowercases the token sends the same token");
        assert_ne!(a, super::random_token("axa_"));
    }

    #[test]
    fn uuids_look_like_v4() {
        let u = super::uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(super::uuid(), u);
    }

    use super::*;

    #[test]
    fn passwords_round_trip() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn sealing_round_trips_and_detects_tampering() {
        let dir = std::env::temp_dir().join(format!("aethex-seal-{}", random_secret("")));
        std::fs::create_dir_all(&dir).unwrap();
        let s = Sealer::load(&dir, None).unwrap();
        let sealed = s.seal("live_123_secret");
        assert_ne!(sealed, "live_123_secret");
        assert_eq!(s.open(&sealed).unwrap(), "live_123_secret");
        // Same key file on reload.
        assert_eq!(Sealer::load(&dir, None).unwrap().open(&sealed).unwrap(), "live_123_secret");
        let other = Sealer::load(&dir, Some(&"11".repeat(32))).unwrap();
        assert!(other.open(&sealed).is_err());
        assert!(Sealer::load(&dir, Some("zz")).is_err());
    }

    #[test]
    fn user_codes() {
        let c = user_code();
        assert_eq!(c.len(), 9);
        assert_eq!(normalize_user_code(&c.to_lowercase().replace('-', " ")), c);
    }
}

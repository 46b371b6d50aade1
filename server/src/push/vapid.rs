//! VAPID (RFC 8292): how our server proves to a push service that it is the
//! same application server the browser subscribed with.
//!
//! Why: browsers bind each push subscription to the `applicationServerKey`
//! given at subscribe time. Push services (FCM, Mozilla autopush, Apple)
//! reject or throttle sends that do not carry an `Authorization: vapid ...`
//! header signed by the matching private key. The header is a short-lived
//! ES256 JWT whose `aud` is the push service's origin, plus our public key.
//!
//! The key is one long-lived P-256 key per server, persisted as its 32-byte
//! private scalar ([`Vapid::to_bytes`]); changing it invalidates every
//! existing subscription. Everything here is pure and never panics.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::FieldBytes;
use rand::rngs::OsRng;

/// Lifetime given to each JWT. RFC 8292 §2 caps `exp` at 24 hours ahead;
/// 12 hours leaves margin for clock skew between us and the push service.
pub const TOKEN_LIFETIME_SECS: u64 = 12 * 60 * 60;
/// Length of the serialized private key (a P-256 scalar, big endian).
pub const PRIVATE_KEY_LEN: usize = 32;

/// JOSE header of every VAPID token (RFC 8292 §2, RFC 7515).
const JWT_HEADER: &str = r#"{"typ":"JWT","alg":"ES256"}"#;

/// Why a VAPID key could not be loaded or a header could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VapidError {
    /// Stored key bytes are not 32 bytes or not a valid non-zero P-256 scalar.
    #[error("VAPID private key must be a valid {PRIVATE_KEY_LEN}-byte P-256 scalar (got {len} bytes)")]
    InvalidKey {
        /// Length of the rejected input.
        len: usize,
    },
    /// The subscription endpoint is not an absolute http(s) URL with a host,
    /// so no `aud` origin can be derived from it.
    #[error("push endpoint is not a usable http(s) URL: {0}")]
    InvalidEndpoint(&'static str),
    /// The contact `sub` must be a `mailto:` or `https:` URI (RFC 8292 §2.1).
    #[error("VAPID subject must start with \"mailto:\" or \"https:\"")]
    InvalidSubject,
    /// `now_unix + 12h` does not fit in a u64 (a corrupted clock value).
    #[error("timestamp out of range")]
    InvalidTime,
    /// ECDSA signing failed (not expected with a valid key; reported, not panicked).
    #[error("ES256 signing failed")]
    Signing,
}

/// The server's VAPID identity: one P-256 signing key.
#[derive(Clone)]
pub struct Vapid {
    key: SigningKey,
}

impl std::fmt::Debug for Vapid {
    /// Shows only the public key, so the secret never lands in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vapid").field("public_key", &self.public_key_b64url()).finish()
    }
}

impl Vapid {
    /// Creates a new random key from the OS RNG (first start of a server).
    pub fn generate() -> Self {
        Self { key: SigningKey::random(&mut OsRng) }
    }

    /// Loads a key saved by [`Vapid::to_bytes`]. Exactly 32 bytes are required
    /// (the underlying p256 API would silently zero-pad shorter input).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, VapidError> {
        let invalid = VapidError::InvalidKey { len: bytes.len() };
        let array: [u8; PRIVATE_KEY_LEN] = bytes.try_into().map_err(|_| invalid.clone())?;
        let key = SigningKey::from_bytes(&FieldBytes::from(array)).map_err(|_| invalid)?;
        Ok(Self { key })
    }

    /// The 32-byte private scalar, for the key file in the data directory.
    /// Treat the result as a secret.
    pub fn to_bytes(&self) -> [u8; PRIVATE_KEY_LEN] {
        self.key.to_bytes().into()
    }

    /// The uncompressed 65-byte public key (`0x04 | x | y`).
    pub fn public_key(&self) -> Vec<u8> {
        self.key.verifying_key().to_encoded_point(false).as_bytes().to_vec()
    }

    /// The public key as unpadded base64url: the `applicationServerKey` that
    /// the browser passes to `PushManager.subscribe`, and the `k=` parameter.
    pub fn public_key_b64url(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.public_key())
    }

    /// Builds the `Authorization` header value for one push request:
    /// `vapid t=<JWT>, k=<public key>` (RFC 8292 §3).
    ///
    /// `endpoint` is the subscription's push URL (its origin becomes `aud`),
    /// `subject` a `mailto:`/`https:` contact for the push service operator,
    /// `now_unix` the current time in seconds (a parameter so this stays pure).
    /// The token expires [`TOKEN_LIFETIME_SECS`] after `now_unix`.
    pub fn authorization(&self, endpoint: &str, subject: &str, now_unix: u64) -> Result<String, VapidError> {
        let aud = audience(endpoint)?;
        check_subject(subject)?;
        let exp = now_unix.checked_add(TOKEN_LIFETIME_SECS).ok_or(VapidError::InvalidTime)?;
        let claims = serde_json::json!({ "aud": aud, "exp": exp, "sub": subject }).to_string();
        let signing_input = format!("{}.{}", URL_SAFE_NO_PAD.encode(JWT_HEADER), URL_SAFE_NO_PAD.encode(claims));
        let signature: Signature = self.key.try_sign(signing_input.as_bytes()).map_err(|_| VapidError::Signing)?;
        // JWS ES256 wants raw r || s (64 bytes), not DER (RFC 7518 §3.4).
        let jwt = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()));
        Ok(format!("vapid t={jwt}, k={}", self.public_key_b64url()))
    }
}

/// The origin (`scheme://host[:port]`) of a push endpoint, used as the JWT
/// `aud`. Scheme and host are lowercased and a default port (443 for https,
/// 80 for http) is dropped, as in RFC 6454 origin serialization. Rejects
/// anything that is not http(s), has no host, carries userinfo, or has a
/// non-numeric port.
pub fn audience(endpoint: &str) -> Result<String, VapidError> {
    if endpoint.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(VapidError::InvalidEndpoint("contains whitespace or control characters"));
    }
    let (scheme, rest) = endpoint.split_once("://").ok_or(VapidError::InvalidEndpoint("no scheme"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return Err(VapidError::InvalidEndpoint("scheme is not http or https")),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(VapidError::InvalidEndpoint("userinfo is not allowed"));
    }
    let (host, port) = split_host_port(authority)?;
    if host.is_empty() {
        return Err(VapidError::InvalidEndpoint("no host"));
    }
    let host = host.to_ascii_lowercase();
    Ok(match port {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// Splits `host[:port]` or `[v6]:port`; the port must be 1–5 digits that fit a u16.
fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), VapidError> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').ok_or(VapidError::InvalidEndpoint("unclosed IPv6 literal"))?;
        let (host, tail) = authority.split_at(end + 1);
        match tail {
            "" => (host, None),
            _ => (host, Some(tail.strip_prefix(':').ok_or(VapidError::InvalidEndpoint("junk after IPv6 literal"))?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().map_err(|_| VapidError::InvalidEndpoint("port out of range"))?)
        }
        Some(_) => return Err(VapidError::InvalidEndpoint("port is not a number")),
    };
    Ok((host, port))
}

/// RFC 8292 §2.1: `sub` is a contact URI, `mailto:` or `https:`, with something after the scheme.
fn check_subject(subject: &str) -> Result<(), VapidError> {
    let rest = subject.strip_prefix("mailto:").or_else(|| subject.strip_prefix("https:"));
    match rest {
        Some(r) if !r.is_empty() && !r.chars().any(char::is_control) => Ok(()),
        _ => Err(VapidError::InvalidSubject),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::VerifyingKey;

    const ENDPOINT: &str = "https://fcm.googleapis.com/fcm/send/abc123?x=1";
    const SUBJECT: &str = "mailto:ops@aethex.live";
    const NOW: u64 = 1_700_000_000;

    /// Splits a header into (jwt, k), checking the exact RFC 8292 §3 shape.
    fn parse_header(header: &str) -> (String, String) {
        let rest = header.strip_prefix("vapid t=").expect("scheme");
        let (jwt, k) = rest.split_once(", k=").expect("k param");
        (jwt.to_string(), k.to_string())
    }

    fn decode_json(part: &str) -> serde_json::Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("b64url")).expect("json")
    }

    #[test]
    fn jwt_verifies_and_has_the_right_claims() {
        let vapid = Vapid::generate();
        let (jwt, k) = parse_header(&vapid.authorization(ENDPOINT, SUBJECT, NOW).expect("header"));
        assert_eq!(k, vapid.public_key_b64url());
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(decode_json(parts[0]), serde_json::json!({"typ": "JWT", "alg": "ES256"}));
        let claims = decode_json(parts[1]);
        assert_eq!(claims["aud"], "https://fcm.googleapis.com");
        assert_eq!(claims["sub"], SUBJECT);
        assert_eq!(claims["exp"], NOW + 12 * 3600);

        let sig_bytes = URL_SAFE_NO_PAD.decode(parts[2]).expect("sig b64");
        assert_eq!(sig_bytes.len(), 64);
        let sig = Signature::from_slice(&sig_bytes).expect("r||s");
        let key = VerifyingKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(&k).expect("k")).expect("k point");
        let signed = format!("{}.{}", parts[0], parts[1]);
        key.verify(signed.as_bytes(), &sig).expect("signature verifies");
        assert!(key.verify(b"tampered", &sig).is_err());
    }

    #[test]
    fn audience_is_the_endpoint_origin() {
        let cases = [
            ("https://push.example.net/push/JzLQ3raZ", "https://push.example.net"),
            ("https://Push.Example.NET:8443/a/b?c#d", "https://push.example.net:8443"),
            ("https://example.com:443/x", "https://example.com"),
            ("http://localhost:8080", "http://localhost:8080"),
            ("http://127.0.0.1:80/x", "http://127.0.0.1"),
            ("HTTPS://updates.push.services.mozilla.com/wpush/v2/gAAA", "https://updates.push.services.mozilla.com"),
            ("https://[::1]:9000/p", "https://[::1]:9000"),
            ("https://web.push.apple.com?q", "https://web.push.apple.com"),
        ];
        for (endpoint, want) in cases {
            assert_eq!(audience(endpoint).as_deref(), Ok(want), "{endpoint}");
        }
    }

    #[test]
    fn bad_endpoints_are_errors() {
        for endpoint in [
            "",
            "fcm.googleapis.com/fcm/send/x",
            "ftp://example.com/x",
            "https:///path",
            "https://",
            "https://:443/x",
            "https://user:pw@example.com/x",
            "https://example.com:/x",
            "https://example.com:99999/x",
            "https://example.com:8a/x",
            "https://[::1/x",
            "https://[::1]x/y",
            "https://exa mple.com/",
            "javascript://alert(1)",
        ] {
            assert!(matches!(audience(endpoint), Err(VapidError::InvalidEndpoint(_))), "{endpoint:?}");
            let vapid = Vapid::generate();
            assert!(vapid.authorization(endpoint, SUBJECT, NOW).is_err());
        }
    }

    #[test]
    fn bad_subjects_and_times_are_errors() {
        let vapid = Vapid::generate();
        for subject in ["", "ops@aethex.live", "mailto:", "https:", "http://aethex.live", "MAILTO:x@y", "mailto:a\nb"] {
            assert_eq!(vapid.authorization(ENDPOINT, subject, NOW), Err(VapidError::InvalidSubject), "{subject:?}");
        }
        assert!(vapid.authorization(ENDPOINT, "https://aethex.live/contact", NOW).is_ok());
        assert_eq!(vapid.authorization(ENDPOINT, SUBJECT, u64::MAX), Err(VapidError::InvalidTime));
    }

    #[test]
    fn key_bytes_round_trip() {
        let vapid = Vapid::generate();
        let restored = Vapid::from_bytes(&vapid.to_bytes()).expect("round trip");
        assert_eq!(restored.to_bytes(), vapid.to_bytes());
        assert_eq!(restored.public_key_b64url(), vapid.public_key_b64url());
        let public = vapid.public_key();
        assert_eq!((public.len(), public[0]), (65, 0x04));
        assert_eq!(vapid.public_key_b64url().len(), 87);
        assert!(!format!("{vapid:?}").contains(&URL_SAFE_NO_PAD.encode(vapid.to_bytes())));
    }

    #[test]
    fn invalid_key_bytes_are_errors() {
        let order = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
        let order: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&order[2 * i..2 * i + 2], 16).expect("hex")).collect();
        for bytes in [vec![], vec![1; 31], vec![1; 33], vec![0; 32], vec![0xff; 32], order] {
            assert_eq!(Vapid::from_bytes(&bytes).err(), Some(VapidError::InvalidKey { len: bytes.len() }));
        }
    }
}

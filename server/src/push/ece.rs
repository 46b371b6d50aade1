//! Web Push payload encryption: RFC 8291 on top of the RFC 8188 `aes128gcm`
//! content coding.
//!
//! Why this exists: a push message travels through a push service run by a
//! browser vendor, so its payload must be end-to-end encrypted to the
//! subscribing browser. The browser hands us two values when it subscribes:
//! `p256dh` (its P-256 public key) and `auth` (a 16-byte secret). We do an
//! ECDH with a fresh ephemeral key, mix in `auth` with HKDF, and seal the
//! payload with AES-128-GCM as one `aes128gcm` record.
//!
//! Why only one record of at most 3993 bytes: RFC 8291 §4 requires a single
//! record, and push services are only obliged to accept 4096-byte bodies
//! (RFC 8030 §7.2). 4096 - 86 (header) - 16 (GCM tag) - 1 (delimiter) = 3993.
//!
//! Everything here is pure (no I/O) and never panics on any input: all
//! failures come back as [`EceError`].

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;

/// Record size written into the header (RFC 8188 `rs`). Any value larger
/// than our single record works; 4096 is what browsers and the RFC example use.
pub const RECORD_SIZE: u32 = 4096;
/// Length of the `aes128gcm` header we emit: salt(16) | rs(4) | idlen(1) | keyid(65).
pub const HEADER_LEN: usize = SALT_LEN + 4 + 1 + PUBLIC_KEY_LEN;
/// Length of the AES-GCM authentication tag appended to the record.
pub const TAG_LEN: usize = 16;
/// Largest request body push services must accept (RFC 8030 §7.2, RFC 8291 §4).
pub const MAX_BODY_LEN: usize = 4096;
/// Largest plaintext plus padding that keeps the body within [`MAX_BODY_LEN`]:
/// 4096 - 86 - 16 - 1 = 3993 bytes.
pub const MAX_PLAINTEXT_LEN: usize = MAX_BODY_LEN - HEADER_LEN - TAG_LEN - 1;
/// Length of an uncompressed SEC1 P-256 point (`0x04 | x | y`), the only
/// form RFC 8291 allows for `p256dh` and for the header's `keyid`.
pub const PUBLIC_KEY_LEN: usize = 65;
/// Length of the subscription's `auth` secret (RFC 8291 §3.2).
pub const AUTH_SECRET_LEN: usize = 16;
/// Length of the random HKDF salt carried in the header.
pub const SALT_LEN: usize = 16;

/// Padding delimiter for the last (here: only) record (RFC 8188 §2).
const LAST_RECORD_DELIMITER: u8 = 0x02;

/// Why a payload could not be encrypted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EceError {
    /// `p256dh` is not a 65-byte uncompressed point on P-256 (wrong length,
    /// compressed form, or not on the curve). The subscription is unusable.
    #[error("p256dh is not a valid uncompressed P-256 public key ({len} bytes)")]
    InvalidPublicKey {
        /// Length of the rejected key, to help tell truncation from garbage.
        len: usize,
    },
    /// The subscription's `auth` secret is not exactly 16 bytes.
    #[error("auth secret must be {AUTH_SECRET_LEN} bytes, got {len}")]
    InvalidAuthLength {
        /// Length of the rejected secret.
        len: usize,
    },
    /// Plaintext plus requested padding exceeds [`MAX_PLAINTEXT_LEN`], so the
    /// body would not fit the 4096 bytes every push service accepts.
    #[error("plaintext plus padding is {len} bytes, the maximum is {max}")]
    TooLong {
        /// Plaintext length plus padding length.
        len: usize,
        /// Always [`MAX_PLAINTEXT_LEN`].
        max: usize,
    },
    /// A primitive (HKDF or AES-GCM) refused its input. Cannot happen with
    /// the fixed sizes used here; reported rather than panicking.
    #[error("internal cryptographic failure: {0}")]
    Crypto(&'static str),
}

/// Encrypts `plaintext` for one push subscription and returns the complete
/// HTTP request body (send it with `Content-Encoding: aes128gcm`).
///
/// `p256dh` and `auth` are the subscription's keys, already base64url-decoded.
/// A fresh ephemeral key and salt are drawn from the OS RNG for every call,
/// as RFC 8291 §3.1 requires. No padding is added.
pub fn encrypt(plaintext: &[u8], p256dh: &[u8], auth: &[u8]) -> Result<Vec<u8>, EceError> {
    let as_secret = SecretKey::random(&mut OsRng);
    let mut salt = [0u8; SALT_LEN];
    OsRng.fill_bytes(&mut salt);
    encrypt_with(plaintext, p256dh, auth, &as_secret, salt, 0)
}

/// Deterministic core of [`encrypt`]: the caller supplies the application
/// server's ephemeral key (`as_secret`), the `salt` and `pad` zero bytes of
/// padding (to hide the plaintext length). Exists so tests can reproduce
/// RFC 8291 Appendix A; production code should call [`encrypt`], because
/// reusing a key/salt pair across messages breaks confidentiality.
pub fn encrypt_with(
    plaintext: &[u8],
    p256dh: &[u8],
    auth: &[u8],
    as_secret: &SecretKey,
    salt: [u8; SALT_LEN],
    pad: usize,
) -> Result<Vec<u8>, EceError> {
    let ua_public = parse_public_key(p256dh)?;
    let auth = check_auth(auth)?;
    let content_len = plaintext.len().saturating_add(pad);
    if content_len > MAX_PLAINTEXT_LEN {
        return Err(EceError::TooLong { len: content_len, max: MAX_PLAINTEXT_LEN });
    }

    let as_public = encode_point(&as_secret.public_key());
    let ecdh = p256::ecdh::diffie_hellman(as_secret.to_nonzero_scalar(), ua_public.as_affine());
    let keys = derive_keys(ecdh.raw_secret_bytes(), auth, p256dh, &as_public, &salt)?;

    let mut record = Vec::with_capacity(content_len + 1 + TAG_LEN);
    record.extend_from_slice(plaintext);
    record.push(LAST_RECORD_DELIMITER);
    record.resize(content_len + 1, 0);
    let sealed = seal(&keys, &record)?;

    let mut body = Vec::with_capacity(HEADER_LEN + sealed.len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(PUBLIC_KEY_LEN as u8);
    body.extend_from_slice(&as_public);
    body.extend_from_slice(&sealed);
    Ok(body)
}

/// Content encryption key and nonce for the single record.
struct RecordKeys {
    cek: [u8; 16],
    nonce: [u8; 12],
}

/// Accepts only a 65-byte uncompressed point that lies on P-256; RFC 8291 §7
/// requires the curve check to prevent invalid-curve key extraction.
fn parse_public_key(bytes: &[u8]) -> Result<PublicKey, EceError> {
    let invalid = EceError::InvalidPublicKey { len: bytes.len() };
    if bytes.len() != PUBLIC_KEY_LEN || bytes.first() != Some(&0x04) {
        return Err(invalid);
    }
    PublicKey::from_sec1_bytes(bytes).map_err(|_| invalid)
}

fn check_auth(auth: &[u8]) -> Result<&[u8; AUTH_SECRET_LEN], EceError> {
    auth.try_into().map_err(|_| EceError::InvalidAuthLength { len: auth.len() })
}

/// The uncompressed SEC1 encoding (`0x04 | x | y`, always 65 bytes for P-256).
fn encode_point(key: &PublicKey) -> Vec<u8> {
    key.to_encoded_point(false).as_bytes().to_vec()
}

/// RFC 8291 §3.3–3.4 key schedule, step by step.
fn derive_keys(
    ecdh_secret: &[u8],
    auth: &[u8; AUTH_SECRET_LEN],
    ua_public: &[u8],
    as_public: &[u8],
    salt: &[u8; SALT_LEN],
) -> Result<RecordKeys, EceError> {
    // PRK_key = HKDF-Extract(salt=auth_secret, IKM=ecdh_secret)
    let prk_key = Hkdf::<Sha256>::new(Some(auth), ecdh_secret);
    // IKM = HKDF-Expand(PRK_key, "WebPush: info" || 0x00 || ua_public || as_public, 32)
    let mut ikm = [0u8; 32];
    prk_key
        .expand_multi_info(&[b"WebPush: info\0", ua_public, as_public], &mut ikm)
        .map_err(|_| EceError::Crypto("HKDF expand of IKM"))?;
    // PRK = HKDF-Extract(salt, IKM); CEK and NONCE are expansions of it.
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut keys = RecordKeys { cek: [0u8; 16], nonce: [0u8; 12] };
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut keys.cek).map_err(|_| EceError::Crypto("HKDF expand of CEK"))?;
    prk.expand(b"Content-Encoding: nonce\0", &mut keys.nonce).map_err(|_| EceError::Crypto("HKDF expand of nonce"))?;
    Ok(keys)
}

/// AES-128-GCM seal of record 0. The nonce is used as derived: XOR with
/// sequence number 0 is the identity (RFC 8291 §3.4 note).
fn seal(keys: &RecordKeys, record: &[u8]) -> Result<Vec<u8>, EceError> {
    let cipher = Aes128Gcm::new_from_slice(&keys.cek).map_err(|_| EceError::Crypto("AES key"))?;
    cipher.encrypt(&Nonce::from(keys.nonce), record).map_err(|_| EceError::Crypto("AES-GCM seal"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    fn b64(s: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(s).expect("test vector is base64url")
    }

    // RFC 8291 §5 and Appendix A (copied from the RFC's source text).
    const PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
    const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";
    const UA_PRIVATE: &str = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    const UA_PUBLIC: &str = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AS_PRIVATE: &str = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    const AS_PUBLIC: &str = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    const SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
    const BODY: &str = concat!(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
        "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
        "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"
    );

    fn rfc_salt() -> [u8; 16] {
        b64(SALT).try_into().expect("16-byte salt")
    }

    fn secret(s: &str) -> SecretKey {
        SecretKey::from_slice(&b64(s)).expect("valid scalar")
    }

    /// The browser's side: what a user agent does on receipt.
    fn decrypt(body: &[u8], ua_secret: &SecretKey, auth: &[u8]) -> Result<Vec<u8>, &'static str> {
        if body.len() < HEADER_LEN + TAG_LEN {
            return Err("short");
        }
        let salt: [u8; 16] = body[..16].try_into().map_err(|_| "salt")?;
        let idlen = body[20] as usize;
        let as_public = &body[21..21 + idlen];
        let as_key = PublicKey::from_sec1_bytes(as_public).map_err(|_| "keyid")?;
        let ua_public = encode_point(&ua_secret.public_key());
        let ecdh = p256::ecdh::diffie_hellman(ua_secret.to_nonzero_scalar(), as_key.as_affine());
        let auth: &[u8; 16] = auth.try_into().map_err(|_| "auth")?;
        let keys = derive_keys(ecdh.raw_secret_bytes(), auth, &ua_public, as_public, &salt).map_err(|_| "derive")?;
        let cipher = Aes128Gcm::new_from_slice(&keys.cek).map_err(|_| "key")?;
        let mut record = cipher.decrypt(&Nonce::from(keys.nonce), &body[21 + idlen..]).map_err(|_| "tag")?;
        while record.last() == Some(&0) {
            record.pop();
        }
        match record.pop() {
            Some(LAST_RECORD_DELIMITER) => Ok(record),
            _ => Err("delimiter"),
        }
    }

    #[test]
    fn rfc8291_appendix_a_vector_matches_byte_for_byte() {
        let as_secret = secret(AS_PRIVATE);
        assert_eq!(encode_point(&as_secret.public_key()), b64(AS_PUBLIC));
        let body =
            encrypt_with(PLAINTEXT, &b64(UA_PUBLIC), &b64(AUTH), &as_secret, rfc_salt(), 0).expect("vector encrypts");
        assert_eq!(URL_SAFE_NO_PAD.encode(&body), BODY);
        assert_eq!(body, b64(BODY));
    }

    #[test]
    fn rfc8291_appendix_a_intermediate_values() {
        let as_secret = secret(AS_PRIVATE);
        let ua = PublicKey::from_sec1_bytes(&b64(UA_PUBLIC)).expect("ua key");
        let ecdh = p256::ecdh::diffie_hellman(as_secret.to_nonzero_scalar(), ua.as_affine());
        assert_eq!(ecdh.raw_secret_bytes().to_vec(), b64("kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs"));
        let auth: [u8; 16] = b64(AUTH).try_into().expect("auth");
        let keys =
            derive_keys(ecdh.raw_secret_bytes(), &auth, &b64(UA_PUBLIC), &b64(AS_PUBLIC), &rfc_salt()).expect("derive");
        assert_eq!(keys.cek.to_vec(), b64("oIhVW04MRdy2XN9CiKLxTg"));
        assert_eq!(keys.nonce.to_vec(), b64("4h_95klXJ5E_qnoN"));
    }

    #[test]
    fn rfc_vector_decrypts_with_ua_private_key() {
        let plain = decrypt(&b64(BODY), &secret(UA_PRIVATE), &b64(AUTH)).expect("decrypts");
        assert_eq!(plain, PLAINTEXT);
    }

    #[test]
    fn round_trip_with_fresh_keys_and_padding() {
        let ua = SecretKey::random(&mut OsRng);
        let p256dh = encode_point(&ua.public_key());
        let auth = [7u8; 16];
        for (len, pad) in [(0, 0), (1, 0), (41, 100), (3993, 0), (3000, 993)] {
            let msg: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let body = if pad == 0 {
                encrypt(&msg, &p256dh, &auth).expect("encrypts")
            } else {
                encrypt_with(&msg, &p256dh, &auth, &SecretKey::random(&mut OsRng), [1; 16], pad).expect("encrypts")
            };
            assert_eq!(body.len(), HEADER_LEN + len + pad + 1 + TAG_LEN);
            assert!(body.len() <= MAX_BODY_LEN);
            assert_eq!(&body[16..21], &[0, 0, 0x10, 0, 65]);
            assert_eq!(decrypt(&body, &ua, &auth).expect("decrypts"), msg);
        }
    }

    #[test]
    fn each_encrypt_uses_fresh_key_and_salt() {
        let p256dh = b64(UA_PUBLIC);
        let a = encrypt(PLAINTEXT, &p256dh, &b64(AUTH)).expect("a");
        let b = encrypt(PLAINTEXT, &p256dh, &b64(AUTH)).expect("b");
        assert_ne!(a[..16], b[..16]);
        assert_ne!(a[21..86], b[21..86]);
    }

    #[test]
    fn bad_inputs_give_the_right_errors() {
        let auth = b64(AUTH);
        let ua = b64(UA_PUBLIC);
        let mut off_curve = ua.clone();
        off_curve[64] ^= 1;
        let compressed = PublicKey::from_sec1_bytes(&ua).expect("ua").to_encoded_point(true);
        for (key, len) in [(&off_curve[..], 65), (compressed.as_bytes(), 33), (&ua[..64], 64), (&[][..], 0)] {
            assert_eq!(encrypt(b"x", key, &auth), Err(EceError::InvalidPublicKey { len }));
        }
        let mut not_uncompressed = ua.clone();
        not_uncompressed[0] = 0x03;
        assert_eq!(encrypt(b"x", &not_uncompressed, &auth), Err(EceError::InvalidPublicKey { len: 65 }));
        for len in [0, 15, 17, 32] {
            assert_eq!(encrypt(b"x", &ua, &vec![1; len]), Err(EceError::InvalidAuthLength { len }));
        }
        let max = MAX_PLAINTEXT_LEN;
        assert_eq!(encrypt(&vec![0; max + 1], &ua, &auth), Err(EceError::TooLong { len: max + 1, max }));
        let k = SecretKey::random(&mut OsRng);
        assert_eq!(encrypt_with(b"ab", &ua, &auth, &k, [0; 16], max - 1), Err(EceError::TooLong { len: max + 1, max }));
        assert_eq!(
            encrypt_with(b"ab", &ua, &auth, &k, [0; 16], usize::MAX),
            Err(EceError::TooLong { len: usize::MAX, max })
        );
        assert_eq!(MAX_PLAINTEXT_LEN, 3993);
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut rng = StdRng::seed_from_u64(8291);
        let good_key = b64(UA_PUBLIC);
        for _ in 0..500 {
            let key: Vec<u8> = match rng.gen_range(0..4) {
                0 => good_key.clone(),
                1 => {
                    let mut k = vec![0x04; 65];
                    rng.fill(&mut k[1..]);
                    k
                }
                _ => (0..rng.gen_range(0..80)).map(|_| rng.r#gen()).collect(),
            };
            let auth: Vec<u8> = (0..rng.gen_range(0..20)).map(|_| rng.r#gen()).collect();
            let plain: Vec<u8> = (0..rng.gen_range(0..4100)).map(|_| rng.r#gen()).collect();
            let result = encrypt(&plain, &key, &auth);
            let valid = key == good_key && auth.len() == 16 && plain.len() <= MAX_PLAINTEXT_LEN;
            assert_eq!(result.is_ok(), valid, "key={key:?} auth={auth:?} len={}", plain.len());
        }
    }
}

//! Playback tokens (the vision's "token authentication for streams"): a
//! channel can require every HLS request to carry `?token=<exp>.<mac>`, an
//! HMAC over the login and expiry made with a key derived from the server's
//! secret. Tokens are issued by `POST /api/channels/{login}/playback-token`
//! (rate limited like the rest of the API) and live ten minutes; players keep
//! using a token for the playlist reloads and segments it names.

use axum::extract::State;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use super::IngestState;
use crate::crypto::Sealer;
use crate::http::error::{ApiResult, Json, Path};
use crate::store::{now_ms, rfc3339};
use aethex_sdk::{Envelope, PlaybackToken, Problem};

/// Token lifetime, seconds.
pub const TTL_SECS: i64 = 600;

fn mac(sealer: &Sealer, login: &str, exp: i64) -> String {
    // HMAC accepts keys of any length, so construction cannot fail.
    let mut m = Hmac::<Sha256>::new_from_slice(&sealer.derived_key(b"aethex playback token"))
        .unwrap_or_else(|_| unreachable!());
    m.update(format!("{login}.{exp}").as_bytes());
    hex::encode(&m.finalize().into_bytes()[..16])
}

/// A token for `login` valid until `exp` (Unix seconds).
pub fn issue(sealer: &Sealer, login: &str, exp: i64) -> String {
    format!("{exp}.{}", mac(sealer, login, exp))
}

/// How long one shared token is handed out: every viewer's playlists name
/// the same token within a window, valid one window beyond it.
pub const WINDOW_SECS: i64 = 300;

/// The token every viewer's media URIs carry now: the same for everyone
/// in this window (so a cache in front stores each URL once), valid until
/// the end of the next one, so a player that reloads at least every five
/// minutes always holds a live one.
pub fn shared(sealer: &Sealer, login: &str) -> String {
    let window = now_ms() / 1000 / WINDOW_SECS;
    issue(sealer, login, (window + 2) * WINDOW_SECS)
}

/// Whether `token` is a valid, unexpired token for `login`.
pub fn verify(sealer: &Sealer, login: &str, token: &str) -> bool {
    let Some((exp, given)) = token.split_once('.') else {
        return false;
    };
    let Ok(exp) = exp.parse::<i64>() else {
        return false;
    };
    exp > now_ms() / 1000 && bool::from(mac(sealer, login, exp).as_bytes().ct_eq(given.as_bytes()))
}

/// A playback token for a channel (anyone may ask; it is what makes the HLS
/// URLs work when the channel requires tokens).
#[utoipa::path(post, path = "/api/channels/{login}/playback-token", tag = "streams", operation_id = "createPlaybackToken",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login")),
    responses((status = 200, body = Envelope<PlaybackToken>), (status = 404, description = "No such channel", body = Problem)))]
pub async fn create(
    State(state): State<IngestState>,
    Path(login): Path<String>,
) -> ApiResult<Json<Envelope<PlaybackToken>>> {
    crate::auth::channel_id(&state.db, &login).await?;
    let exp = now_ms() / 1000 + TTL_SECS;
    let token = issue(&state.sealer, &login, exp);
    Ok(Json(Envelope::one(PlaybackToken {
        playlist_url: format!("{}/hls/{login}/index.m3u8?token={token}", state.config.public_url),
        token,
        expires_at: rfc3339(exp * 1000),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_login_and_expiry() {
        let dir = std::env::temp_dir().join(format!("aethex-pt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sealer = Sealer::load(&dir, Some(&"ab".repeat(32))).unwrap();
        let exp = now_ms() / 1000 + 60;
        let t = issue(&sealer, "alice", exp);
        assert!(verify(&sealer, "alice", &t));
        assert!(!verify(&sealer, "bob", &t), "bound to the login");
        assert!(!verify(&sealer, "alice", &issue(&sealer, "alice", now_ms() / 1000 - 1)), "expired");
        let forged = format!("{}.{}", exp + 1000, t.split_once('.').unwrap().1);
        assert!(!verify(&sealer, "alice", &forged), "expiry cannot be extended");
        for bad in ["", ".", "x.y", "123", "123.", &t[..t.len() - 1]] {
            assert!(!verify(&sealer, "alice", bad), "{bad}");
        }
        let other = Sealer::load(&dir, Some(&"cd".repeat(32))).unwrap();
        assert!(!verify(&other, "alice", &t), "bound to the server key");
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for `?token=`, which a viewer sends and the playlist
    //! echoes into every URI: any text is checked without a panic; a token is
    //! accepted only if it is, up to how its expiry number is spelt, the one
    //! issued for that login and expiry; so what is echoed is digits, a sign,
    //! a dot and lower-case hex, nothing that could break a playlist line.

    use aethex_sdk::fuzz::gen::{mutate_text, mutations, text, Mutation};
    use proptest::prelude::*;

    use super::*;

    /// A valid token respelt: as issued, signed, zero-padded, upper-case hex, or none of these.
    fn respell(token: &str, how: u8) -> String {
        let (exp, mac) = token.split_once('.').unwrap_or((token, ""));
        match how % 5 {
            0 => token.to_string(),
            1 => format!("+{exp}.{mac}"),
            2 => format!("000{exp}.{mac}"),
            3 => format!("{exp}.{}", mac.to_uppercase()),
            _ => format!("{exp}.{mac}.{mac}"),
        }
    }

    type Input = (String, i64, u8, Vec<Mutation>, Option<String>);

    #[test]
    fn fuzz_playback_token() {
        let dir = std::env::temp_dir().join(format!("aethex-pt-fuzz-{}", std::process::id()));
        let sealer = Sealer::load(&dir, Some(&"ab".repeat(32))).unwrap();
        let exp = prop_oneof![4 => -1000..100_000i64, 1 => any::<i64>()];
        let input = ("[a-z0-9_]{1,25}", exp, any::<u8>(), mutations(2), proptest::option::of(text(30)));
        aethex_sdk::fuzz::target("playback_token").run(input, |(login, ahead, how, ms, raw): Input| {
            let now = now_ms() / 1000;
            let exp = now.saturating_add(ahead);
            let issued = issue(&sealer, &login, exp);
            if ahead > 1 {
                prop_assert!(verify(&sealer, &login, &issued));
                prop_assert!(!verify(&sealer, &format!("{login}x"), &issued), "bound to the login");
            }
            let candidate = raw.unwrap_or_else(|| mutate_text(&respell(&issued, how), &ms));
            if verify(&sealer, &login, &candidate) {
                prop_assert!(
                    candidate.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'a'..='f')),
                    "{candidate:?} accepted and echoed"
                );
                let (e, m) = candidate.split_once('.').unwrap_or_default();
                let e: i64 = e.parse().map_err(|_| TestCaseError::fail(format!("{candidate:?} accepted")))?;
                prop_assert_eq!(issue(&sealer, &login, e), format!("{e}.{m}"), "accepted {:?}", candidate);
            }
            Ok(())
        });
    }
}

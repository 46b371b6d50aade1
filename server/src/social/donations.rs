//! Donations: recorded once per idempotency key, listed to the owner.

use axum::extract::State;
use axum::http::HeaderMap;
use sqlx::any::AnyRow;

use super::SocialState;
use crate::auth::Caller;
use crate::events::Event;
use crate::http::check_text;
use crate::http::error::{ApiError, ApiResult, Json, Path, Query};
use crate::http::page::{paged, PageQuery};
use crate::store::{int, is_unique_violation, now_ms, rfc3339, text};
use aethex_sdk::{ChannelDonationEvent, Donation, DonationRequest, Envelope, Problem};

const DONATION_SELECT: &str = "SELECT d.id, d.channel_id, d.user_id, d.donor_name, d.amount, d.currency,
    d.message, d.idempotency_key, d.created_at FROM donations d";

/// A donation row to channel `channel_login`.
fn donation_from_row(r: &AnyRow, channel_login: &str) -> Result<Donation, sqlx::Error> {
    Ok(Donation {
        id: int(r, "id")?.to_string(),
        broadcaster_user_id: int(r, "channel_id")?.to_string(),
        broadcaster_login: channel_login.to_string(),
        user_id: int(r, "user_id")?.to_string(),
        donor_name: text(r, "donor_name")?,
        amount: int(r, "amount")?,
        currency: text(r, "currency")?,
        message: text(r, "message")?,
        created_at: rfc3339(int(r, "created_at")?),
    })
}

/// Record a donation (`donations:write`). With an `Idempotency-Key` header a
/// retried request returns the donation it recorded the first time.
#[utoipa::path(post, path = "/api/donations", tag = "donations", operation_id = "createDonation",
    request_body = DonationRequest,
    params(("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,64}$",
        description = "1-64 printable ASCII characters; retries with the same key record once")),
    responses((status = 200, body = Envelope<Donation>), (status = 404, description = "No such channel", body = Problem),
        (status = 409, description = "The Idempotency-Key was used for a different donation", body = Problem)),
    security(("bearer" = ["donations:write"])))]
pub async fn create(
    State(state): State<SocialState>,
    caller: Caller,
    headers: HeaderMap,
    Json(req): Json<DonationRequest>,
) -> ApiResult<Json<Envelope<Donation>>> {
    let (_, user_id) = caller.user_with_scope("donations:write")?;
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let k =
                v.to_str().ok().filter(|k| !k.is_empty() && k.len() <= 64 && k.bytes().all(|b| b.is_ascii_graphic()));
            Some(
                k.ok_or_else(|| ApiError::bad_request("'Idempotency-Key' must be 1-64 printable ASCII characters"))?
                    .to_string(),
            )
        }
    };
    Ok(Json(Envelope::one(donate(&state, user_id, key, &req).await?)))
}

/// `user_id` donates as `req` says; with an idempotency `key`, a replay
/// returns the first donation. The row and `channel.donation` commit
/// together. The API and the channel page both come here.
pub async fn donate(
    state: &SocialState,
    user_id: i64,
    key: Option<String>,
    req: &DonationRequest,
) -> ApiResult<Donation> {
    if !(1..=100_000_000).contains(&req.amount) {
        return Err(ApiError::bad_request("'amount' must be 1 to 100000000 minor units (cents)"));
    }
    let currency = req.currency.to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(ApiError::bad_request("'currency' must be a three-letter ISO 4217 code such as USD"));
    }
    if crate::i18n::format::currency_exponent(&currency).is_none() {
        return Err(ApiError::bad_request(format!("'currency' {currency} is not an ISO 4217 currency")));
    }
    check_text("message", &req.message, 300)?;
    let login = crate::accounts::login_of(&state.db, user_id).await?.unwrap_or_default();
    let donor_name = req.donor_name.clone().unwrap_or_else(|| login.clone());
    check_text("donor_name", &donor_name, 25)?;
    if donor_name.trim().is_empty() {
        return Err(ApiError::bad_request("'donor_name' must not be blank"));
    }
    let channel = crate::auth::channel_id(&state.db, &req.broadcaster_login).await?;

    // The donation row and the outbox rows of its event commit together.
    let mut change = state.bus.change(&state.db).await?;
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO donations (channel_id, user_id, donor_name, amount, currency, message, idempotency_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(channel)
    .bind(user_id)
    .bind(&donor_name)
    .bind(req.amount)
    .bind(&currency)
    .bind(&req.message)
    .bind(key.as_deref())
    .bind(now_ms())
    .fetch_one(change.conn())
    .await;
    let donation = match inserted {
        Ok(id) => {
            let row =
                sqlx::query(&format!("{DONATION_SELECT} WHERE d.id = $1")).bind(id).fetch_one(change.conn()).await?;
            let donation = donation_from_row(&row, &req.broadcaster_login)?;
            // Only a newly recorded donation is an event; an idempotent replay is not.
            change.emit(Event::ChannelDonation(ChannelDonationEvent { donation: donation.clone(), user_login: login }));
            change.commit().await?;
            donation
        }
        Err(e) if is_unique_violation(&e) => {
            // A replay: the failed insert ended the transaction (PostgreSQL), so read outside it.
            drop(change);
            let row = sqlx::query(&format!("{DONATION_SELECT} WHERE d.user_id = $1 AND d.idempotency_key = $2"))
                .bind(user_id)
                .bind(key.as_deref())
                .fetch_one(&state.db.pool)
                .await?;
            let same = int(&row, "channel_id")? == channel
                && int(&row, "amount")? == req.amount
                && text(&row, "currency")? == currency
                && text(&row, "message")? == req.message;
            if !same {
                return Err(ApiError::conflict("this Idempotency-Key was used for a different donation"));
            }
            donation_from_row(&row, &req.broadcaster_login)?
        }
        Err(e) => return Err(e.into()),
    };
    Ok(donation)
}

/// A channel's donations, newest first (owner, `donations:read`).
#[utoipa::path(get, path = "/api/channels/{login}/donations", tag = "donations", operation_id = "getDonations",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login"), PageQuery),
    responses((status = 200, body = Envelope<Donation>), (status = 403, description = "Not the channel's owner, or the scope is missing", body = Problem)),
    security(("bearer" = ["donations:read"])))]
pub async fn list(
    State(state): State<SocialState>,
    caller: Caller,
    Path(login): Path<String>,
    Query(page): Query<PageQuery>,
) -> ApiResult<Json<Envelope<Donation>>> {
    let p = page.page()?;
    let channel = caller.owned_channel(&state.db, &login, "donations:read").await?;
    let rows = sqlx::query(&format!(
        "{DONATION_SELECT} WHERE d.channel_id = $1 AND ($2 = 0 OR d.id < $2) ORDER BY d.id DESC LIMIT $3"
    ))
    .bind(channel)
    .bind(p.after)
    .bind(p.limit + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let donations = rows.iter().map(|r| donation_from_row(r, &login)).collect::<Result<Vec<_>, _>>()?;
    let (items, cursor) = paged(donations, p.limit, |d| d.id.parse().unwrap_or(0));
    Ok(Json(Envelope::page(items, cursor)))
}

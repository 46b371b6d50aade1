//! The calling user.

use axum::extract::State;

use crate::app::AppState;
use crate::auth::Caller;
use crate::http::error::{ApiResult, Json};
use crate::store::{int, rfc3339, text};
use aethex_sdk::{Envelope, Problem, User};

/// The user the token belongs to (any user token).
#[utoipa::path(get, path = "/api/users/me", tag = "users",
    responses((status = 200, body = Envelope<User>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Envelope<User>>> {
    let (_, user_id) = caller.user_with_scope("")?;
    let row = sqlx::query("SELECT id, login, display_name, created_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&state.db.pool)
        .await?;
    Ok(Json(Envelope::one(User {
        id: int(&row, "id")?.to_string(),
        login: text(&row, "login")?,
        display_name: text(&row, "display_name")?,
        created_at: rfc3339(int(&row, "created_at")?),
    })))
}

//! Cursor pagination of every list endpoint: `?first=&after=` in, a page and
//! an opaque cursor out.

use base64::Engine as _;
use serde::Deserialize;

use super::error::ApiError;

/// `?first=&after=` of every list endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–100 (default 20).
    pub first: Option<i64>,
    /// Cursor from the previous page's `pagination.cursor`.
    pub after: Option<String>,
}

/// A validated page request: how many, and the keyset position to continue after.
pub struct PageReq {
    /// Page size.
    pub limit: i64,
    /// Position (an id or an offset, per endpoint); 0 = from the start.
    pub after: i64,
}

impl PageQuery {
    /// Validate `first` and decode `after`.
    pub fn page(&self) -> Result<PageReq, ApiError> {
        let limit = self.first.unwrap_or(20);
        if !(1..=100).contains(&limit) {
            return Err(ApiError::bad_request("'first' must be between 1 and 100"));
        }
        let after = match &self.after {
            None => 0,
            Some(c) => {
                decode_cursor(c).ok_or_else(|| ApiError::bad_request("'after' is not a cursor this API issued"))?
            }
        };
        Ok(PageReq { limit, after })
    }
}

/// The opaque cursor for a keyset position.
pub fn encode_cursor(pos: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("p{pos}"))
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let s = std::str::from_utf8(&bytes).ok()?;
    s.strip_prefix('p')?.parse().ok().filter(|p: &i64| *p > 0)
}

/// Split a fetched `limit + 1` rows into the page and its next cursor.
pub fn paged<T>(mut items: Vec<T>, limit: i64, pos: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let cursor = if more { items.last().map(|i| encode_cursor(pos(i))) } else { None };
    (items, cursor)
}

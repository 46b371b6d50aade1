//! Cursor pagination of every list endpoint: `?first=&after=` in, a page and
//! an opaque cursor out.
//!
//! A cursor is a keyset position (an id or an offset, per endpoint) as 8
//! big-endian bytes in unpadded base64url: 11 characters, opaque to clients,
//! yet a shape the OpenAPI document can state exactly ([`CURSOR_PATTERN`]), so
//! every string of that shape is a position the server accepts.

use base64::Engine as _;
use serde::Deserialize;

use super::error::ApiError;

/// `?first=&after=` of every list endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub first: Option<i64>,
    /// Cursor from the previous page's `pagination.cursor`.
    #[param(pattern = "^[A-Za-f][A-Za-z0-9_-]{9}[AEIMQUYcgkosw048]$")]
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

/// Every cursor [`encode_cursor`] makes, and every string [`decode_cursor`]
/// takes: base64url of 8 bytes whose first bit is 0 (a position is never
/// negative), without the padding, so the last character carries 2 zero bits.
pub const CURSOR_PATTERN: &str = "^[A-Za-f][A-Za-z0-9_-]{9}[AEIMQUYcgkosw048]$";

/// The opaque cursor for a keyset position.
pub fn encode_cursor(pos: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(pos.max(0).to_be_bytes())
}

/// The position of a cursor; 0 is the start.
pub fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let pos = i64::from_be_bytes(bytes.try_into().ok()?);
    (pos >= 0).then_some(pos)
}

/// Split a fetched `limit + 1` rows into the page and its next cursor.
pub fn paged<T>(mut items: Vec<T>, limit: i64, pos: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    let cursor = if more { items.last().map(|i| encode_cursor(pos(i))) } else { None };
    (items, cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_in_their_documented_shape() {
        let last_chars = "AEIMQUYcgkosw048";
        for pos in [0, 1, 2, 19, 20, 255, 256, 65_537, 1 << 40, i64::MAX] {
            let c = encode_cursor(pos);
            assert_eq!(decode_cursor(&c), Some(pos), "{c}");
            let b = c.as_bytes();
            assert_eq!(b.len(), 11, "{c}");
            assert!(matches!(b[0], b'A'..=b'Z' | b'a'..=b'f'), "{c}");
            assert!(last_chars.contains(char::from(b[10])), "{c}");
        }
        // Any string of the shape decodes; anything else does not.
        assert_eq!(decode_cursor("fAAAAAAAAA4"), Some(i64::from_be_bytes([0x7c, 0, 0, 0, 0, 0, 0, 0x0e])));
        assert_eq!(decode_cursor("AAAAAAAAAAA"), Some(0));
        for bad in ["", "p1", "cDE", "gAAAAAAAAAA", "AAAAAAAAAAB", "AAAAAAAAAAAA", "AAAAAAAAAA=", "not-a-cursor"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}

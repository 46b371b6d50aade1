//! Which of our languages a request gets: the `lang` cookie (set by the
//! language picker, and at log-in from the user's saved setting), else the
//! browser's `Accept-Language`, else the operator's default.

/// Most `Accept-Language` entries read (a header is a peer's input).
const MAX_RANGES: usize = 32;

/// Our language for one tag a browser names, if any: exact (case-insensitive),
/// then by primary language (`de-AT` -> `de`, `pt` / `pt-PT` -> `pt-BR`,
/// `zh` / `zh-Hans` / `zh-SG` -> `zh-CN`; traditional Chinese has no match).
pub(crate) fn best_match(tag: &str, supported: &[&'static str]) -> Option<&'static str> {
    let tag = tag.trim();
    if tag.is_empty() || tag.len() > 35 || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    let tag = tag.replace('_', "-");
    if let Some(s) = supported.iter().find(|s| s.eq_ignore_ascii_case(&tag)) {
        return Some(s);
    }
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    if primary == "zh" && rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) {
        return None;
    }
    supported.iter().copied().find(|s| s.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)))
}

/// The best of `supported` for an `Accept-Language` header, by quality
/// (RFC 9110 §12.5.4), ties in the header's order; `*` matches nothing.
pub(crate) fn accept_language(header: &str, supported: &[&'static str]) -> Option<&'static str> {
    let mut ranges: Vec<(u16, usize, &str)> = header
        .split(',')
        .take(MAX_RANGES)
        .enumerate()
        .filter_map(|(i, part)| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .map_or(Some(1000), |q| {
                    q.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)).map(|q| (q * 1000.0) as u16)
                })?;
            (q > 0 && tag != "*").then_some((q, i, tag))
        })
        .collect();
    ranges.sort_by_key(|(q, i, _)| (std::cmp::Reverse(*q), *i));
    ranges.into_iter().find_map(|(_, _, tag)| best_match(tag, supported))
}

/// The `lang` cookie's value, if the request has one.
pub(crate) fn cookie(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix("lang="))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &[&str] = &["en", "es", "fr", "de", "pt-BR", "zh-CN", "ja", "ko", "ru", "it", "pl", "ar"];

    #[test]
    fn browsers_get_their_best_language() {
        assert_eq!(accept_language("de-AT,de;q=0.9,en;q=0.8", OURS), Some("de"));
        assert_eq!(accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", OURS), Some("fr"));
        assert_eq!(accept_language("pt-PT", OURS), Some("pt-BR"));
        assert_eq!(accept_language("zh-Hans-CN", OURS), Some("zh-CN"));
        assert_eq!(accept_language("zh-TW,ja;q=0.5", OURS), Some("ja"), "no traditional Chinese: the next choice");
        assert_eq!(accept_language("en;q=0.1, ar", OURS), Some("ar"), "quality beats order");
        assert_eq!(accept_language("nl, sv;q=0.8", OURS), None);
        assert_eq!(accept_language("*", OURS), None);
        assert_eq!(accept_language("de;q=0, fr;q=abc, ko", OURS), Some("ko"), "q=0 and bad q are skipped");
        assert_eq!(accept_language(&"x,".repeat(10_000), OURS), None);
        assert_eq!(best_match("PT-br", OURS), Some("pt-BR"));
        assert_eq!(best_match("<script>", OURS), None);
    }
}

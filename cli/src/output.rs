//! Output: aligned tables and `key: value` blocks for people, one JSON
//! document (or one JSON line per streamed item) for scripts.

use serde::Serialize;

/// Print a value as pretty JSON.
pub fn json<T: Serialize + ?Sized>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("aethex: cannot print JSON: {e}"),
    }
}

/// Print a value as one JSON line (streams).
pub fn json_line<T: Serialize + ?Sized>(v: &T) {
    if let Ok(s) = serde_json::to_string(v) {
        println!("{s}");
    }
}

/// Print rows under headers, columns padded to their widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    print!("{}", render_table(headers, rows));
}

/// Rows under headers as text, one `\n`-terminated line each, columns padded
/// to their widest cell (cells past the headers unpadded), trailing spaces
/// trimmed; `(none)` when there are no rows.
pub fn render_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "(none)\n".into();
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<w$}", w = widths.get(i).copied().unwrap_or(0)))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(headers.to_vec());
    for r in rows {
        out += &line(r.iter().map(String::as_str).collect());
    }
    out
}

/// Print `key: value` lines, keys aligned.
pub fn pairs(items: &[(&str, String)]) {
    let w = items.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in items {
        println!("{:<w$}  {v}", format!("{k}:"), w = w + 1);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_handles_empty_and_ragged_rows() {
        assert_eq!(super::render_table(&["a", "b"], &[]), "(none)\n");
        // A short row leaves its missing cells out (no trailing spaces); a long
        // row widens the first column and prints its extra cell unpadded.
        let ragged = super::render_table(
            &["a", "b"],
            &[vec!["1".into()], vec!["long value".into(), "x".into(), "extra".into()]],
        );
        assert_eq!(ragged, "a           b\n1\nlong value  x  extra\n");
        // Widths count characters, not bytes.
        let wide =
            super::render_table(&["name", "n"], &[vec!["zoë".into(), "1".into()], vec!["al".into(), "22".into()]]);
        assert_eq!(wide, "name  n\nzoë   1\nal    22\n");
    }
}

//! Capabilities own their tables: no module runs SQL on a table that another
//! capability owns (the owners are listed once, in `store::owners`). This reads
//! every string literal in `server/src` that looks like SQL and names the
//! tables it touches; a foreign table fails the test with the file and table.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

use aethex_server::store::owners::{owner, OWNERS};

const SQL_WORDS: [&str; 5] = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The contents of every `"..."` literal (raw strings are not used for SQL here).
fn string_literals(src: &str) -> Vec<String> {
    let (mut out, mut cur, mut inside, mut escaped) = (Vec::new(), String::new(), false, false);
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if !inside {
            // Skip char literals such as '"' so they do not open a string.
            if c == '\'' {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                    chars.nth(if rest.starts_with('\\') { 2 } else { 1 });
                }
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                continue;
            }
            inside = c == '"';
            continue;
        }
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            out.push(std::mem::take(&mut cur));
            inside = false;
        } else {
            cur.push(c);
        }
    }
    out
}

/// Tables a piece of SQL touches: words after FROM, JOIN, INTO, UPDATE, TABLE.
fn tables_in(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    words.windows(2).filter(|w| SQL_WORDS.contains(&w[0])).map(|w| w[1].to_string()).collect()
}

/// The capability a source file belongs to: its first folder or file name under `src`.
fn module_of(src_root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src_root).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

fn migration_tables() -> Vec<String> {
    let mut tables = Vec::new();
    for dir in ["sqlite", "postgres", "portable"] {
        for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(dir)).unwrap() {
            let sql = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let words: Vec<&str> =
                sql.split(|c: char| c.is_whitespace() || c == '(').filter(|w| !w.is_empty()).collect();
            for w in words.windows(4) {
                match w {
                    ["CREATE", "TABLE", name, _] | ["CREATE", "VIRTUAL", "TABLE", name] => {
                        tables.push(name.to_string())
                    }
                    _ => {}
                }
            }
        }
    }
    tables.sort();
    tables.dedup();
    tables
}

#[test]
fn every_table_has_an_owner() {
    let tables = migration_tables();
    assert!(tables.len() >= 15, "the migrations were not read: {tables:?}");
    let orphans: Vec<&String> = tables.iter().filter(|t| owner(t).is_none()).collect();
    assert!(orphans.is_empty(), "tables without an owner in store::owners: {orphans:?}");
    let stale: Vec<&str> = OWNERS.iter().map(|(t, _)| *t).filter(|t| !tables.iter().any(|m| m == t)).collect();
    assert!(stale.is_empty(), "owners listed for tables no migration creates: {stale:?}");
}

#[test]
fn no_module_runs_sql_on_another_capabilitys_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let (mut checked, mut foreign) = (0, Vec::new());
    for file in &files {
        let module = module_of(&root, file);
        for lit in string_literals(&std::fs::read_to_string(file).unwrap()) {
            for table in tables_in(&lit) {
                let Some(owner) = owner(&table) else { continue };
                checked += 1;
                if owner != module {
                    foreign.push(format!(
                        "{} uses {table} (owned by {owner})",
                        file.strip_prefix(&root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "too few table uses found ({checked}): the scan is broken");
    assert!(foreign.is_empty(), "SQL on another capability's tables:\n{}", foreign.join("\n"));
}

#[test]
fn the_scanner_sees_what_it_must() {
    let lits = string_literals(
        r#"let q = "SELECT login FROM users u JOIN follows f ON f.user_id = u.id"; let c = '"'; // "UPDATE tokens""#,
    );
    assert_eq!(lits.len(), 1, "{lits:?}");
    assert_eq!(tables_in(&lits[0]), ["users", "follows"]);
    assert_eq!(tables_in("INSERT INTO chat_bans (a) VALUES ($1)"), ["chat_bans"]);
}

//! Every `unsafe` in the plugin says why it holds: a `// SAFETY:` comment on
//! or right above each unsafe block and `unsafe impl`, a `# Safety` section in
//! the docs of each `unsafe fn`. Clippy checks the same
//! (`undocumented_unsafe_blocks`, `missing_safety_doc` in Cargo.toml), but the
//! test command runs tests, not clippy; this reads the sources, so it needs
//! no OBS.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

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

/// The comment and attribute lines right above line `i`, nearest first.
fn above<'a>(lines: &'a [&'a str], i: usize) -> impl Iterator<Item = &'a str> {
    lines[..i].iter().rev().map(|l| l.trim()).take_while(|l| l.starts_with("//") || l.starts_with("#["))
}

#[test]
fn every_unsafe_block_and_fn_says_why_it_holds() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let (mut blocks, mut fns, mut missing) = (0, 0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.trim();
            if code.starts_with("//") {
                continue;
            }
            let at = || format!("{}:{}: {code}", file.strip_prefix(&src).unwrap().display(), i + 1);
            if code.contains("unsafe {") || code.contains("unsafe impl") {
                blocks += code.matches("unsafe {").count() + code.matches("unsafe impl").count();
                let said = line.contains("// SAFETY:") || above(&lines, i).any(|l| l.starts_with("// SAFETY:"));
                if !said {
                    missing.push(format!("{} (no `// SAFETY:` comment)", at()));
                }
            }
            if code.contains("unsafe fn") || code.contains("unsafe extern \"C\" fn") {
                fns += 1;
                if !above(&lines, i).any(|l| l == "/// # Safety") {
                    missing.push(format!("{} (no `/// # Safety` section)", at()));
                }
            }
        }
    }
    // The scan must see the plugin's FFI, or it would pass on nothing.
    assert!(blocks > 10 && fns > 0, "found only {blocks} unsafe blocks and {fns} unsafe fns under {}", src.display());
    assert!(missing.is_empty(), "unsafe without a reason:\n{}", missing.join("\n"));
}

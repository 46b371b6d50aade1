//! `aethex-discord`, the Discord bot. Issue 8 fills it; until then it says so.

fn main() {
    eprintln!("aethex-discord {}: the Discord bot arrives with issue 8.", env!("CARGO_PKG_VERSION"));
    std::process::exit(1);
}

//! `aethex`, the creator's command line. Issue 6 fills it; until then it says so.

fn main() {
    eprintln!(
        "aethex {}: the command line arrives with issue 6; the server API is ready (see README.md).",
        env!("CARGO_PKG_VERSION")
    );
    std::process::exit(1);
}

//! `aethex-chatbot`, the Nightbot-style chatbot. Issue 9 fills it; until then it says so.

fn main() {
    eprintln!("aethex-chatbot {}: the chatbot arrives with issue 9.", env!("CARGO_PKG_VERSION"));
    std::process::exit(1);
}

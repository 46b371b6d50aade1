//! `aethex-discord`: see [`aethex_discord::cli`].

fn main() {
    std::process::exit(aethex_discord::cli::main());
}

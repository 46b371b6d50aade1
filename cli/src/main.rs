//! `aethex`: see the library for everything it does.

fn main() {
    std::process::exit(aethex_cli::main_exit_code());
}

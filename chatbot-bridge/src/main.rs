//! `aethex-chatbot`: see [`aethex_chatbot::cli`].

fn main() {
    std::process::exit(aethex_chatbot::cli::main());
}

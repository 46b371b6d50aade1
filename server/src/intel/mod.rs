//! Chat intelligence: what chat says, measured off the send path. Sentiment
//! ([`sentiment`]: VADER ported from the reference Python, with a chat layer
//! for emotes and slang) and trending terms ([`trends`]). The service reads
//! chat from the event bus, whose bounded buffer sheds load (a lagging
//! consumer loses lines, counted) rather than slowing chat. Owns no table:
//! what it knows is the last minutes, in memory.

pub mod automod;
pub mod sentiment;
pub mod service;
pub mod stopwords;
pub mod trends;

//! Chat intelligence: what chat says, measured off the send path. Sentiment
//! ([`sentiment`]: VADER ported from the reference Python, with a chat layer
//! for emotes and slang), trending terms ([`trends`]), AutoMod's decision
//! ([`automod`], the one part inline on the send path, so cheap) and the
//! engagement score's formula ([`engagement`]). The service reads chat from
//! the event bus, whose bounded buffer sheds load (a lagging consumer loses
//! lines, counted) rather than slowing chat. Owns no table: what it knows is
//! the last minutes, in memory.

pub mod automod;
pub mod engagement;
pub mod precheck;
pub mod sentiment;
pub mod service;
pub mod stopwords;
pub mod trends;

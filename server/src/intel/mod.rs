//! Chat intelligence: what chat says, measured off the send path. So far the
//! sentiment model ([`sentiment`]): VADER ported from the reference Python,
//! with a chat layer for emotes and slang. Pure; no tables, tasks or routes yet.

pub mod sentiment;

//! `aethex-obs`, the OBS Studio plugin: one-click go-live, alert and chat
//! sources and an AeThex settings view, driven by `aethex-sdk`.
//!
//! The plugin's decisions live in plain modules that build and test without
//! OBS: [`alerts`] (queue and templates), [`locale`] (the UI texts, OBS's locale files), [`chat`] (the chat source's lines),
//! [`sound`] (alert sounds decoded for OBS's mixer), [`settings`] (settings keys, defaults, and where server and token come
//! from) and [`golive`] (the AeThex side of going live). The libobs glue
//! (`plugin`: module entry points, the two sources, hotkeys, Tools menu,
//! frontend calls, the network thread) is behind the `obs` feature, so the
//! workspace never needs libobs to build.

pub mod alerts;
pub mod chat;
pub mod golive;
pub mod locale;
pub mod settings;
pub mod sound;

#[cfg(feature = "obs")]
pub mod plugin;

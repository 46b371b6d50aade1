//! `aethex-server`: the whole AeThex LIVE platform in one binary.
//!
//! Module map (one module per capability; see ARCHITECTURE.md):
//! - [`config`]: flags, environment, TOML file.
//! - [`store`]: the database pool (SQLite or PostgreSQL), migrations, search.
//! - [`accounts`]: users, channels, stream keys, apps.
//! - [`auth`]: tokens, scopes, the OAuth 2.0 provider and its pages.
//! - [`api`]: the public REST API, one module per resource.
//! - [`ingest`]: RTMP in, HLS and LL-HLS out, stream lifecycle.
//! - [`chat`]: rooms, the Twitch-dialect IRC gateway, chat REST and moderation.
//! - [`events`]: the internal event bus every capability publishes to.
//! - [`eventsub`]: EventSub subscriptions, durable webhook delivery, the event WebSocket.
//! - [`http`]: layers every request passes (rate limits, caching, metrics, errors).
//! - [`app`]: state, router, serve loop; [`admin`]: the command line.
//! - `testing` (feature `testing`, dev-dependencies only): the one test harness.
//!
//! Boundaries: wire types come from `aethex-sdk` only; handlers never talk to
//! another capability's tables except through that capability's functions.

pub mod accounts;
pub mod admin;
pub mod analytics;
pub mod app;
pub mod auth;
pub mod channels;
pub mod chat;
pub mod cluster;
pub mod config;
pub mod crypto;
pub mod events;
pub mod eventsub;
pub mod http;
pub mod i18n;
pub mod ingest;
pub mod intel;
pub mod openapi;
pub mod overlay;
pub mod privacy;
pub mod push;
pub mod recs;
pub mod social;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod tls;
pub mod web;

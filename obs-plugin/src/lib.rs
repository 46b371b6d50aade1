//! `aethex-obs`, the OBS Studio plugin (issue 7): one-click go-live, alert and
//! chat sources. Its libobs binding lands with that issue; the crate is kept out
//! of the workspace's default members so the server never needs libobs.

//! `aethex dashboard`: the egui window. Filled in below in this next commit.

use crate::args::{DashboardArgs, Global};
use crate::error::{CliError, CliResult};

/// Open the dashboard window.
pub fn run(_g: &Global, _a: &DashboardArgs) -> CliResult {
    Err(CliError::other("the dashboard is not built yet"))
}

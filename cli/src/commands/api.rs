//! `aethex api get|post|patch|put|delete PATH [-q k=v] [-b JSON]`: raw calls with your token.

use reqwest::Method;

use crate::args::{ApiArgs, ApiCmd};
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

/// Run one raw call and print the JSON answer.
pub async fn run(ctx: &Context, c: ApiCmd) -> CliResult {
    let (method, a): (Method, ApiArgs) = match c {
        ApiCmd::Get(a) => (Method::GET, a),
        ApiCmd::Post(a) => (Method::POST, a),
        ApiCmd::Patch(a) => (Method::PATCH, a),
        ApiCmd::Put(a) => (Method::PUT, a),
        ApiCmd::Delete(a) => (Method::DELETE, a),
    };
    let path = a.path.trim_start_matches('/');
    let path =
        if path.starts_with("api/") || path.starts_with("oauth/") { path.to_string() } else { format!("api/{path}") };
    let body = match a.body {
        Some(b) => Some(serde_json::from_str(&b).map_err(|e| CliError::usage(format!("--body is not JSON: {e}")))?),
        None => None,
    };
    let client = ctx.client().await?;
    let v = client.raw(method, &path, &a.query, body).await?;
    if v.is_null() {
        if !ctx.json {
            println!("done (no content)");
        }
    } else {
        output::json(&v);
    }
    Ok(())
}

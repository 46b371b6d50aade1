//! `followers`, `subs`, `donations`: paginated lists of your channel, newest first.

use futures_util::StreamExt as _;

use crate::config::Context;
use crate::error::CliResult;
use crate::output;

async fn me(ctx: &Context) -> CliResult<(aethex_sdk::Client, String)> {
    let client = ctx.client().await?;
    let login = ctx.me(&client).await?;
    Ok((client, login))
}

/// Collect at most `limit` items of a paginated stream, stopping at the first error.
async fn take<T>(s: impl futures_util::Stream<Item = aethex_sdk::Result<T>>, limit: usize) -> CliResult<Vec<T>> {
    let mut out = Vec::new();
    let mut s = std::pin::pin!(s.take(limit));
    while let Some(item) = s.next().await {
        out.push(item?);
    }
    Ok(out)
}

/// `aethex followers`.
pub async fn followers(ctx: &Context, limit: usize) -> CliResult {
    let (client, login) = me(ctx).await?;
    let items = take(client.followers(&login), limit).await?;
    if ctx.json {
        output::json(&items);
    } else {
        let rows: Vec<Vec<String>> = items.iter().map(|f| vec![f.user_login.clone(), f.followed_at.clone()]).collect();
        output::table(&["FOLLOWER", "SINCE"], &rows);
    }
    Ok(())
}

/// `aethex subs`.
pub async fn subs(ctx: &Context, limit: usize) -> CliResult {
    let (client, login) = me(ctx).await?;
    let items = take(client.subscriptions(&login), limit).await?;
    if ctx.json {
        output::json(&items);
    } else {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|s| vec![s.user_login.clone(), format!("tier {}", s.tier), s.started_at.clone(), s.expires_at.clone()])
            .collect();
        output::table(&["SUBSCRIBER", "TIER", "SINCE", "RENEWS"], &rows);
    }
    Ok(())
}

/// `aethex donations`.
pub async fn donations(ctx: &Context, limit: usize) -> CliResult {
    let (client, login) = me(ctx).await?;
    let items = take(client.donations(&login), limit).await?;
    if ctx.json {
        output::json(&items);
    } else {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|d| {
                vec![
                    d.donor_name.clone(),
                    format!("{} {}", aethex_sdk::amount_text(d.amount, &d.currency, "."), d.currency),
                    d.message.clone(),
                    d.created_at.clone(),
                ]
            })
            .collect();
        output::table(&["FROM", "AMOUNT", "MESSAGE", "AT"], &rows);
    }
    Ok(())
}

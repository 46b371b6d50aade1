//! `followers`, `subs`, `donations`: paginated lists of your channel, newest
//! first; `discover`: live channels recommended to you.

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

/// `aethex discover`: signed in, the list made for you; otherwise (or with
/// no stored login) the popular channels in your language.
pub async fn discover(ctx: &Context, a: crate::args::DiscoverArgs) -> CliResult {
    let client = match ctx.client().await {
        Ok(c) => c,
        Err(e) if e.exit == crate::error::Exit::Auth => ctx.anonymous()?,
        Err(e) => return Err(e),
    };
    let list = match &a.like {
        Some(login) => client.similar_channels(&login.to_ascii_lowercase(), a.limit).await?,
        None => client.recommendations(a.limit, "discover", None, false).await?,
    };
    if let Some(n) = a.open {
        let Some(r) = list.data.iter().find(|r| r.position == n) else {
            return Err(crate::error::CliError::usage(format!(
                "the list has {} channels; --open takes 1 to {}",
                list.data.len(),
                list.data.len()
            )));
        };
        client.click_recommendation(r, None).await?;
        let url = format!("{}/{}", ctx.server.trim_end_matches('/'), r.broadcaster_login);
        if ctx.json {
            output::json(&serde_json::json!({"url": url, "channel": r}));
        } else {
            println!("{url}");
        }
        return Ok(());
    }
    if ctx.json {
        output::json(&list);
    } else if list.data.is_empty() {
        println!("nobody is live right now");
    } else {
        let rows: Vec<Vec<String>> = list
            .data
            .iter()
            .map(|r| {
                let why = match r.reason {
                    aethex_sdk::RecommendationReason::Watched => "you watch it",
                    aethex_sdk::RecommendationReason::ForYou => "for you",
                    aethex_sdk::RecommendationReason::Popular => "popular",
                    aethex_sdk::RecommendationReason::Explore => "new to discover",
                };
                vec![
                    r.position.to_string(),
                    r.broadcaster_login.clone(),
                    r.title.clone(),
                    r.game_name.clone(),
                    r.viewer_count.to_string(),
                    why.to_string(),
                ]
            })
            .collect();
        output::table(&["#", "CHANNEL", "TITLE", "CATEGORY", "VIEWERS", "WHY"], &rows);
    }
    Ok(())
}

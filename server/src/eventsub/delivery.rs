//! Webhook delivery: at least once, durable, and isolated per receiver.
//!
//! Every owed message is a row in `eventsub_outbox` until its receiver answers
//! 2xx. Each subscription has its own worker task with a bounded queue, so a
//! receiver that hangs or fails only delays itself. A failed attempt pushes the
//! row's due time back exponentially; the poller picks up due rows, including
//! everything left owed by a process that was killed. A row being delivered is
//! leased (its due time pushed past the request timeout) so that a second node
//! sharing the database does not send it at the same moment.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aethex_sdk::eventsub::{headers, message_type, sign};
use tokio::sync::mpsc;

use super::{guard, status, EventSub, Sub, Target, WebhookConfig};
use crate::store::{int, now_ms, rfc3339, text, Db};

/// Messages queued per subscription before new ones wait in the database for the poller.
const WORKER_QUEUE: usize = 1024;
/// A worker with nothing to do for this long exits.
const WORKER_IDLE: Duration = Duration::from_secs(60);
/// How often the poller looks for due rows.
const POLL_EVERY: Duration = Duration::from_millis(500);
/// How often subscriptions are re-read (changes made by other nodes).
const RELOAD_EVERY: Duration = Duration::from_secs(5);
/// Most bytes read from a receiver's answer (the challenge is short).
const MAX_ANSWER: usize = 64 * 1024;
/// Delivered rows waiting to be deleted in one statement; past this, deletes happen one by one.
const CLEAR_QUEUE: usize = 65_536;
/// Most rows one delete statement clears.
const CLEAR_BATCH: usize = 500;

/// One message owed to one webhook.
#[derive(Debug, Clone)]
pub struct Job {
    /// Message id, the same on every attempt.
    pub message_id: String,
    /// Its subscription.
    pub subscription_id: String,
    /// `notification` or `revocation`.
    pub message_type: String,
    /// The exact JSON body (signed as is).
    pub body: Arc<str>,
    /// Attempts made before this one.
    pub attempts: i64,
}

impl Job {
    /// One notification per subscription for an event payload.
    pub fn notifications(subs: &[Arc<Sub>], payload: &serde_json::Value) -> Vec<Job> {
        subs.iter()
            .map(|s| Job {
                message_id: crate::crypto::uuid(),
                subscription_id: s.id.clone(),
                message_type: message_type::NOTIFICATION.into(),
                body: serde_json::json!({"subscription": s.wire(), "event": payload}).to_string().into(),
                attempts: 0,
            })
            .collect()
    }
}

/// Store jobs as outbox rows in one transaction, due at `due` (a lease while they are dispatched now).
pub async fn store(db: &Db, jobs: &[Job], due: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    store_in(&mut tx, jobs, due).await?;
    tx.commit().await
}

/// Store jobs as outbox rows through `conn` (inside the caller's transaction).
pub async fn store_in(conn: &mut sqlx::AnyConnection, jobs: &[Job], due: i64) -> Result<(), sqlx::Error> {
    let now = now_ms();
    // Multi-row inserts, 100 rows (700 parameters) a statement.
    for chunk in jobs.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| {
                let b = r * 7;
                format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7)
            })
            .collect();
        let sql = format!(
            "INSERT INTO eventsub_outbox (message_id, subscription_id, message_type, body, attempts, next_attempt_at, created_at) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for j in chunk {
            q = q
                .bind(&j.message_id)
                .bind(&j.subscription_id)
                .bind(&j.message_type)
                .bind(&*j.body)
                .bind(j.attempts)
                .bind(due)
                .bind(now);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Workers, the in-flight set and the HTTP client.
pub struct Delivery {
    http: reqwest::Client,
    config: WebhookConfig,
    workers: Mutex<HashMap<String, mpsc::Sender<Job>>>,
    inflight: Mutex<HashSet<String>>,
    /// Delivered message ids, deleted from the outbox in batches: one write
    /// per batch instead of per delivery (a crash before the delete only
    /// means those messages are sent once more, with the same ids).
    cleared: mpsc::Sender<String>,
    cleared_rx: Mutex<Option<mpsc::Receiver<String>>>,
}

impl Delivery {
    /// A delivery engine under `config`.
    pub fn new(config: WebhookConfig) -> Self {
        let policy = guard::Policy { allow_private: config.allow_private, allow_http: false };
        let http = reqwest::Client::builder()
            .user_agent("AeThex-EventSub/1")
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(guard::GuardedResolver::new(policy))
            .connect_timeout(config.timeout)
            .timeout(config.timeout)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "webhook HTTP client with custom settings failed; using defaults");
                reqwest::Client::new()
            });
        let (cleared, rx) = mpsc::channel(CLEAR_QUEUE);
        Self {
            http,
            config,
            workers: Mutex::default(),
            inflight: Mutex::default(),
            cleared,
            cleared_rx: Mutex::new(Some(rx)),
        }
    }

    /// Start deleting delivered rows (once).
    pub fn spawn_clearer(&self, db: Db) {
        let Some(mut rx) = self.cleared_rx.lock().unwrap_or_else(|p| p.into_inner()).take() else { return };
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(CLEAR_BATCH);
            while rx.recv_many(&mut batch, CLEAR_BATCH).await > 0 {
                let marks: Vec<String> = (1..=batch.len()).map(|i| format!("${i}")).collect();
                let sql = format!("DELETE FROM eventsub_outbox WHERE message_id IN ({})", marks.join(", "));
                let mut q = sqlx::query(&sql);
                for id in &batch {
                    q = q.bind(id);
                }
                if let Err(e) = q.execute(&db.pool).await {
                    tracing::error!(error = %e, n = batch.len(), "delivered, but could not clear outbox rows (they will be sent again)");
                }
                batch.clear();
            }
        });
    }

    /// The message was answered: its row goes (soon).
    async fn clear(&self, db: &Db, message_id: &str) {
        if self.cleared.try_send(message_id.to_string()).is_err() {
            if let Err(e) = forget_row(db, message_id).await {
                tracing::error!(error = %e, "delivered, but could not clear the outbox row (it will be sent again)");
            }
        }
    }

    /// Due time that keeps other pollers off a row while it is being sent.
    pub fn lease_until(&self) -> i64 {
        now_ms() + 2 * self.config.timeout.as_millis() as i64 + 1000
    }

    /// Delay after `attempts` failures: base × 2^(attempts-1), at most 10 minutes.
    pub fn backoff(&self, attempts: i64) -> Duration {
        let factor = 1u32 << (attempts.clamp(1, 20) - 1) as u32;
        (self.config.retry_base * factor).min(Duration::from_secs(600))
    }

    /// Hand a job to its subscription's worker (starting one if needed). A full
    /// queue leaves the job to the poller.
    pub fn dispatch(&self, es: &EventSub, job: Job) {
        {
            let mut inflight = self.inflight.lock().unwrap_or_else(|p| p.into_inner());
            if !inflight.insert(job.message_id.clone()) {
                return;
            }
        }
        let id = job.message_id.clone();
        let mut workers = self.workers.lock().unwrap_or_else(|p| p.into_inner());
        let sub_id = job.subscription_id.clone();
        let tx = workers.entry(sub_id.clone()).or_insert_with(|| {
            let (tx, rx) = mpsc::channel(WORKER_QUEUE);
            if let Some(es) = es.handle() {
                tokio::spawn(worker(es, sub_id.clone(), rx));
            }
            tx
        });
        if tx.try_send(job).is_err() {
            if tx.is_closed() {
                workers.remove(&sub_id);
            }
            self.inflight.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        }
    }

    fn done(&self, message_id: &str) {
        self.inflight.lock().unwrap_or_else(|p| p.into_inner()).remove(message_id);
    }

    /// POST one signed message to `sub`'s callback; `Ok` on 2xx, with the
    /// answer's body when `want_body`.
    async fn post(&self, sub: &Sub, msg: &Outgoing<'_>, want_body: bool) -> Result<String, String> {
        let Target::Webhook { callback, secret } = &sub.target else {
            return Err("not a webhook subscription".into());
        };
        let (id, kind, body, retry) = (msg.id, msg.kind, msg.body, msg.retry);
        let policy = guard::Policy { allow_private: self.config.allow_private, allow_http: false };
        policy.check_url(callback).map_err(|e| e.to_string())?;
        let ts = rfc3339(now_ms());
        let sig = sign(secret.as_bytes(), id, &ts, body.as_bytes());
        let resp = self
            .http
            .post(callback)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(headers::MESSAGE_ID, id)
            .header(headers::MESSAGE_RETRY, retry.to_string())
            .header(headers::MESSAGE_TYPE, kind)
            .header(headers::MESSAGE_SIGNATURE, sig)
            .header(headers::MESSAGE_TIMESTAMP, ts)
            .header(headers::SUBSCRIPTION_TYPE, &sub.kind)
            .header(headers::SUBSCRIPTION_VERSION, &sub.version)
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| describe(&e))?;
        let code = resp.status();
        if !code.is_success() {
            return Err(format!("answered {code}"));
        }
        if !want_body {
            return Ok(String::new());
        }
        let mut resp = resp;
        let mut got = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| describe(&e))? {
            got.extend_from_slice(&chunk);
            if got.len() > MAX_ANSWER {
                return Err("answer too large".into());
            }
        }
        Ok(String::from_utf8_lossy(&got).into_owned())
    }
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        let mut src: Option<&dyn std::error::Error> = Some(e);
        while let Some(s) = src {
            if let Some(g) = s.downcast_ref::<guard::GuardError>() {
                return g.to_string();
            }
            src = s.source();
        }
        "connection failed".into()
    } else {
        e.to_string()
    }
}

/// One message on the wire.
struct Outgoing<'a> {
    id: &'a str,
    kind: &'a str,
    body: &'a str,
    retry: i64,
}

async fn worker(es: Arc<EventSub>, sub_id: String, mut rx: mpsc::Receiver<Job>) {
    loop {
        let job = match tokio::time::timeout(WORKER_IDLE, rx.recv()).await {
            Ok(Some(job)) => job,
            Ok(None) => return,
            Err(_) => {
                let mut workers = es.delivery.workers.lock().unwrap_or_else(|p| p.into_inner());
                if rx.is_empty() {
                    workers.remove(&sub_id);
                    return;
                }
                continue;
            }
        };
        deliver(&es, job).await;
    }
}

async fn deliver(es: &Arc<EventSub>, job: Job) {
    let Some(sub) = es.get(&job.subscription_id) else {
        es.delivery.done(&job.message_id);
        return; // deleted: its rows went with it
    };
    if job.message_type == message_type::NOTIFICATION && sub.status != status::ENABLED {
        // Revoked or deleted meanwhile: nothing more is owed.
        let _ = forget_row(es.db(), &job.message_id).await;
        es.delivery.done(&job.message_id);
        return;
    }
    let result = es
        .delivery
        .post(
            &sub,
            &Outgoing { id: &job.message_id, kind: &job.message_type, body: &job.body, retry: job.attempts },
            false,
        )
        .await;
    match result {
        Ok(_) => es.delivery.clear(es.db(), &job.message_id).await,
        Err(reason) if job.message_type == message_type::REVOCATION => {
            tracing::info!(subscription = %sub.id, %reason, "revocation message not accepted; not retried");
            let _ = forget_row(es.db(), &job.message_id).await;
        }
        Err(reason) => failed(es, &sub, &job, &reason).await,
    }
    es.delivery.done(&job.message_id);
}

async fn forget_row(db: &Db, message_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM eventsub_outbox WHERE message_id = $1").bind(message_id).execute(&db.pool).await?;
    Ok(())
}

async fn failed(es: &Arc<EventSub>, sub: &Arc<Sub>, job: &Job, reason: &str) {
    let attempts = job.attempts + 1;
    if attempts >= es.config.max_attempts as i64 {
        tracing::warn!(subscription = %sub.id, attempts, %reason, "webhook keeps failing; revoking the subscription");
        if let Err(e) = revoke(es, sub, status::FAILURES_EXCEEDED).await {
            tracing::error!(error = %e, "could not revoke a failing subscription");
        }
        return;
    }
    let delay = es.delivery.backoff(attempts);
    tracing::info!(subscription = %sub.id, attempts, %reason, retry_in_ms = delay.as_millis() as u64, "webhook delivery failed");
    let due = now_ms() + delay.as_millis() as i64;
    if let Err(e) = sqlx::query("UPDATE eventsub_outbox SET attempts = $1, next_attempt_at = $2 WHERE message_id = $3")
        .bind(attempts)
        .bind(due)
        .bind(&job.message_id)
        .execute(&es.db().pool)
        .await
    {
        tracing::error!(error = %e, "could not schedule a webhook retry");
    }
}

/// End a subscription for `why`: nothing more is owed to it, and its receiver
/// gets one `revocation` message.
pub async fn revoke(es: &Arc<EventSub>, sub: &Arc<Sub>, why: &str) -> Result<(), sqlx::Error> {
    let Some(sub) = es.set_status(&sub.id, why).await? else { return Ok(()) };
    sqlx::query("DELETE FROM eventsub_outbox WHERE subscription_id = $1 AND message_type = $2")
        .bind(&sub.id)
        .bind(message_type::NOTIFICATION)
        .execute(&es.db().pool)
        .await?;
    match &sub.target {
        Target::Webhook { .. } => {
            let job = Job {
                message_id: crate::crypto::uuid(),
                subscription_id: sub.id.clone(),
                message_type: message_type::REVOCATION.into(),
                body: serde_json::json!({"subscription": sub.wire()}).to_string().into(),
                attempts: 0,
            };
            store(es.db(), std::slice::from_ref(&job), es.delivery.lease_until()).await?;
            es.delivery.dispatch(es, job);
        }
        Target::WebSocket { .. } => es.sockets.revoked(&sub),
    }
    Ok(())
}

/// Send the challenge and enable the subscription if the callback echoes it.
pub async fn verify(es: Arc<EventSub>, sub: Arc<Sub>) {
    let challenge = crate::crypto::random_secret("");
    let body = serde_json::json!({"challenge": challenge, "subscription": sub.wire()}).to_string();
    let id = crate::crypto::uuid();
    let msg = Outgoing { id: &id, kind: message_type::VERIFICATION, body: &body, retry: 0 };
    let answer = es.delivery.post(&sub, &msg, true).await;
    let new_status = match answer {
        Ok(text) if text == challenge => status::ENABLED,
        Ok(_) => {
            tracing::info!(subscription = %sub.id, "callback answered the challenge wrongly");
            status::VERIFICATION_FAILED
        }
        Err(reason) => {
            tracing::info!(subscription = %sub.id, %reason, "callback verification failed");
            status::VERIFICATION_FAILED
        }
    };
    // Deleted while we waited: leave it deleted.
    if es.get(&sub.id).is_none() {
        return;
    }
    if let Err(e) = es.set_status(&sub.id, new_status).await {
        tracing::error!(error = %e, "could not record the verification result");
    }
}

/// Forever: dispatch due outbox rows (retries, and whatever a previous process
/// left owed) and re-read subscriptions now and then.
pub async fn poll(es: Arc<EventSub>) {
    let mut last_reload = tokio::time::Instant::now();
    loop {
        if let Err(e) = poll_once(&es).await {
            tracing::warn!(error = %e, "outbox poll failed");
        }
        if last_reload.elapsed() >= RELOAD_EVERY {
            last_reload = tokio::time::Instant::now();
            if let Err(e) = es.reload().await {
                tracing::warn!(error = %e, "subscription reload failed");
            }
        }
        tokio::time::sleep(POLL_EVERY).await;
    }
}

async fn poll_once(es: &Arc<EventSub>) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let rows = sqlx::query(
        "SELECT message_id, subscription_id, message_type, body, attempts FROM eventsub_outbox
         WHERE next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 500",
    )
    .bind(now)
    .fetch_all(&es.db().pool)
    .await?;
    for r in rows {
        let message_id = text(&r, "message_id")?;
        if es.delivery.inflight.lock().unwrap_or_else(|p| p.into_inner()).contains(&message_id) {
            continue;
        }
        // Claim it: only one node (and one poll) wins the lease.
        let claimed = sqlx::query(
            "UPDATE eventsub_outbox SET next_attempt_at = $1 WHERE message_id = $2 AND next_attempt_at <= $3",
        )
        .bind(es.delivery.lease_until())
        .bind(&message_id)
        .bind(now)
        .execute(&es.db().pool)
        .await?
        .rows_affected();
        if claimed == 0 {
            continue;
        }
        let job = Job {
            message_id,
            subscription_id: text(&r, "subscription_id")?,
            message_type: text(&r, "message_type")?,
            body: text(&r, "body")?.into(),
            attempts: int(&r, "attempts")?,
        };
        if es.get(&job.subscription_id).is_none() {
            // Created on another node moments ago: learn about it first.
            es.reload().await?;
        }
        es.delivery.dispatch(es, job);
    }
    Ok(())
}

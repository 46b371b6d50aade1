//! The HTTP accept loop, with the limits `axum::serve` lacks, so a slow or
//! greedy client is shed in seconds instead of holding a file descriptor
//! (and a task) for as long as it likes:
//!
//! - the request line and headers must arrive within `header_timeout`, which
//!   is also how long an idle keep-alive connection is kept (hyper's header
//!   read timer starts whenever the connection waits for a request head);
//! - a request body must arrive whole within `body_timeout` ([`body_deadline`]);
//! - one client address (an IPv6 client by its /64) holds at most
//!   `max_conns_per_ip` connections, WebSockets included: the slot lives in
//!   the connection's I/O object, which an upgraded socket keeps. Further
//!   connections get a `503` and are closed.
//!
//! Graceful shutdown works as with `axum::serve`: stop accepting, let every
//! connection finish its request, then return.

use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, HttpBody as _};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt as _;

use crate::auth::throttle::address_key;
use crate::config::HttpLimits;
use crate::http::error::ApiError;

/// Open connections per client address.
#[derive(Clone, Default)]
struct Slots(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One open connection's place in [`Slots`]; freed on drop.
struct Slot {
    slots: Slots,
    ip: IpAddr,
}

impl Slots {
    fn take(&self, ip: IpAddr, max: usize) -> Option<Slot> {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot { slots: self.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.slots.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A connection that holds its slot for as long as it lives, through an
/// upgrade to a WebSocket too.
struct Counted {
    stream: crate::tls::MaybeTls,
    _slot: Slot,
}

impl AsyncRead for Counted {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Serve `router` on `listener` until `shutdown` completes, then finish
/// in-flight requests. Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: HttpLimits,
    proxies: Vec<std::net::IpAddr>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Slots::default();
    // Connections watch `stop` to begin a graceful shutdown; each holds a
    // `done` receiver, so `closed()` completes when the last one ends.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let (done_tx, done_rx) = tokio::sync::watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Out of descriptors (EMFILE) or a connection reset before
                    // accept: pause instead of spinning, then go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // A trusted proxy (the load balancer, another node) carries many
        // clients' connections: its own limits apply, not one client's cap.
        let cap = if proxies.contains(&peer.ip()) { usize::MAX } else { limits.max_conns_per_ip };
        let Some(slot) = slots.take(address_key(peer.ip()), cap) else {
            tracing::debug!(peer = %peer, max = limits.max_conns_per_ip, "connection refused: too many from this address");
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            // The handshake, if any, counts against the header deadline.
            let stream = match crate::tls::MaybeTls::accept(stream, tls.as_ref(), limits.header_timeout).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::debug!(peer = %peer, error = %e, "TLS handshake failed");
                    return;
                }
            };
            let io = TokioIo::new(Counted { stream, _slot: slot });
            let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(req.map(Body::new))
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(io, service)
                .with_upgrades();
            tokio::pin!(conn);
            let mut stopping = false;
            loop {
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::trace!(peer = %peer, error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    changed = stop.changed(), if !stopping => {
                        stopping = true;
                        if changed.is_ok() {
                            conn.as_mut().graceful_shutdown();
                        }
                    }
                }
            }
            drop(done);
        });
    }
    let _ = stop_tx.send(true);
    drop(listener);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

/// Tell a client over its address's connection cap why, then close.
async fn refuse(mut stream: TcpStream) {
    let body = serde_json::to_string(&aethex_sdk::Problem {
        error: "Service Unavailable".into(),
        status: 503,
        message: "too many open connections from your address; close some and try again".into(),
    })
    .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 5\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
}

/// How long a request body may take, for [`body_deadline`].
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub Duration);

/// Read a request's body whole, within the deadline and the size limit,
/// before the handler runs: `408` for a body that trickles in too slowly,
/// `413` for one too large, both as problem JSON. Requests without a body
/// pass straight through.
pub async fn body_deadline(State(BodyTimeout(limit)): State<BodyTimeout>, req: Request, next: Next) -> Response {
    read_body(limit, req, |req| next.run(req)).await
}

/// [`body_deadline`] around `next`.
pub async fn read_body<F: std::future::Future<Output = Response>>(
    limit: Duration,
    req: Request,
    next: impl FnOnce(Request) -> F,
) -> Response {
    if req.body().is_end_stream() {
        return next(req).await;
    }
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(limit, axum::body::to_bytes(body, super::BODY_LIMIT)).await {
        Ok(Ok(bytes)) => next(Request::from_parts(parts, Body::from(bytes))).await,
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large (the limit is 64 KiB)")
                    .into_response()
            } else {
                ApiError::bad_request("the request body could not be read").into_response()
            }
        }
        Err(_) => {
            let mut resp = ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("the request body did not arrive within {} s", limit.as_secs()),
            )
            .into_response();
            resp.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            resp
        }
    }
}

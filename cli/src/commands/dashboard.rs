//! `aethex dashboard`: the creator's desktop window (egui through eframe's
//! glow backend): live status and uptime, viewers, chat with moderation
//! buttons, recent alerts, and followers and donations over time.
//!
//! All network work runs on a tokio runtime on its own thread and writes into
//! a shared [`Model`]; the UI thread only reads it and queues [`Action`]s, so a
//! slow or unreachable server never freezes the window.
//!
//! Each chat line and alert is logged at `info` (target
//! `aethex_cli::commands::dashboard`) when the window first draws it, so
//! `AETHEX_LOG=aethex_cli=info aethex dashboard` leaves a text transcript of
//! what was on screen: `chat line shown user=".." text=".."` and
//! `alert shown alert=".."`.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::{ChatMessage, Client, Event};
use eframe::egui;
use futures_util::StreamExt as _;
use tokio::sync::mpsc;

use crate::args::{DashboardArgs, Global};
use crate::config::Context;
use crate::error::{CliError, CliResult};

/// Chat lines and alerts kept on screen.
const KEEP: usize = 200;
/// How often status, followers and donations are re-read.
const REFRESH: Duration = Duration::from_secs(5);

/// What the window shows; written by the network thread.
#[derive(Default)]
pub struct Model {
    login: String,
    /// The last status read; `None` until the first read arrives.
    status: Option<Refreshed>,
    chat: VecDeque<ChatMessage>,
    /// Newest first.
    alerts: VecDeque<String>,
    /// Alerts ever received, so the window can tell which are new.
    alerts_received: u64,
    problem: Option<String>,
}

/// What a button asks the network thread to do.
#[derive(Debug)]
enum Action {
    Timeout(String),
    Ban(String),
    Delete(String),
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn ms(rfc3339: &str) -> Option<i64> {
    aethex_sdk::time::parse_rfc3339(rfc3339)
}

/// Open the window; returns when it is closed.
pub fn run(g: &Global, _a: &DashboardArgs) -> CliResult {
    let ctx = Context::load(g)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::other(format!("cannot start: {e}")))?;
    // Log in before opening a window: a missing token is a clear error, not an empty window.
    let (client, login) = rt.block_on(async {
        let client = ctx.client().await?;
        let login = ctx.me(&client).await?;
        Ok::<_, CliError>((client, login))
    })?;
    let model = Arc::new(Mutex::new(Model { login: login.clone(), ..Default::default() }));
    let (tx, rx) = mpsc::unbounded_channel();
    let repaint: Arc<Mutex<Option<egui::Context>>> = Arc::default();
    let token = rt.block_on(ctx.token())?;
    {
        let (model, repaint, client, login) = (model.clone(), repaint.clone(), client.clone(), login.clone());
        std::thread::spawn(move || rt.block_on(network(client, token, login, model, repaint, rx)));
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1200.0, 760.0])
            .with_title(format!("AeThex dashboard — {login}")),
        ..Default::default()
    };
    eframe::run_native(
        "aethex-dashboard",
        options,
        Box::new(move |cc| {
            *repaint.lock().unwrap_or_else(|p| p.into_inner()) = Some(cc.egui_ctx.clone());
            Ok(Box::new(Dashboard { model, actions: tx, chat_logged: HashSet::new(), alerts_logged: 0 }))
        }),
    )
    .map_err(|e| CliError::other(format!("cannot open the dashboard window: {e}")))
}

/// Every background task; they run until the process ends.
async fn network(
    client: Client,
    token: String,
    login: String,
    model: Arc<Mutex<Model>>,
    repaint: Arc<Mutex<Option<egui::Context>>>,
    mut actions: mpsc::UnboundedReceiver<Action>,
) {
    let room = login.clone();
    let poke = {
        let repaint = repaint.clone();
        move || {
            if let Some(c) = repaint.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                c.request_repaint();
            }
        }
    };
    let set = {
        let (model, poke) = (model.clone(), poke.clone());
        move |f: &dyn Fn(&mut Model)| {
            f(&mut model.lock().unwrap_or_else(|p| p.into_inner()));
            poke();
        }
    };
    // Status, followers and donations.
    {
        let (client, login, set) = (client.clone(), login.clone(), set.clone());
        tokio::spawn(async move {
            loop {
                match refresh(&client, &login).await {
                    Ok(r) => set(&move |m: &mut Model| {
                        m.status = Some(r.clone());
                        m.problem = None;
                    }),
                    Err(e) => {
                        let msg = e.to_string();
                        set(&move |m: &mut Model| m.problem = Some(msg.clone()));
                    }
                }
                tokio::time::sleep(REFRESH).await;
            }
        });
    }
    // Chat, through the JSON chat socket, reconnecting.
    {
        let (client, token, login, set) = (client.clone(), token.clone(), login.clone(), set.clone());
        tokio::spawn(async move {
            loop {
                let _ = chat_feed(&client, &token, &login, &set).await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        });
    }
    // Alerts from the event socket.
    {
        let (client, set) = (client.clone(), set.clone());
        tokio::spawn(async move {
            let Ok(channel) = client.channel(&login).await else { return };
            let interests = ["channel.follow", "channel.subscribe", "channel.donation"]
                .iter()
                .map(|k| Interest::channel(k, &channel.id))
                .chain(std::iter::once(Interest {
                    kind: "channel.raid".into(),
                    version: "1".into(),
                    condition: aethex_sdk::Condition {
                        to_broadcaster_user_id: Some(channel.id.clone()),
                        ..Default::default()
                    },
                }))
                .collect();
            let mut socket = EventSocket::connect(client, interests);
            while let Some(ev) = socket.next().await {
                if let SocketEvent::Notification { event, .. } = ev {
                    let line = alert_text(&event);
                    set(&move |m: &mut Model| {
                        m.alerts.push_front(line.clone());
                        m.alerts.truncate(KEEP);
                        m.alerts_received += 1;
                    });
                }
            }
        });
    }
    // Button presses.
    while let Some(a) = actions.recv().await {
        let result = act(&client, &room, &a).await;
        let note = match result {
            Ok(()) => None,
            Err(e) => Some(format!("{a:?} failed: {e}")),
        };
        set(&move |m: &mut Model| m.problem = note.clone());
    }
}

/// One alert line.
pub fn alert_text(e: &Event) -> String {
    match e {
        Event::ChannelFollow(f) => format!("{} followed", f.user_name),
        Event::ChannelSubscribe(s) => {
            format!("{} subscribed (tier {}, {} months)", s.user_name, &s.tier[..1], s.cumulative_months)
        }
        Event::ChannelDonation(d) => format!(
            "{} donated {}.{:02} {}{}",
            d.donation.donor_name,
            d.donation.amount / 100,
            d.donation.amount % 100,
            d.donation.currency,
            if d.donation.message.is_empty() { String::new() } else { format!(": {}", d.donation.message) }
        ),
        Event::ChannelRaid(r) => format!("{} raided with {} viewers", r.from_broadcaster_user_name, r.viewers),
        other => other.kind().to_string(),
    }
}

#[derive(Clone, Default)]
struct Refreshed {
    live: bool,
    title: String,
    started_at_ms: Option<i64>,
    viewers: i64,
    follow_times_ms: Vec<i64>,
    donations: Vec<(i64, i64, String)>,
    /// The running stream's numbers from analytics (the same source as the
    /// web page and `aethex analytics summary`), when the token may read them.
    summary: Option<aethex_sdk::StreamSummary>,
}

async fn refresh(client: &Client, login: &str) -> aethex_sdk::Result<Refreshed> {
    let channel = client.channel(login).await?;
    let live_stream = if channel.is_live { client.live_stream(login).await? } else { None };
    let mut follow_times_ms = Vec::new();
    let mut followers = std::pin::pin!(client.followers(login).take(1000));
    while let Some(f) = followers.next().await {
        follow_times_ms.extend(ms(&f?.followed_at));
    }
    follow_times_ms.sort_unstable();
    let mut donations = Vec::new();
    let mut ds = std::pin::pin!(client.donations(login).take(1000));
    while let Some(d) = ds.next().await {
        let d = d?;
        donations.extend(ms(&d.created_at).map(|t| (t, d.amount, d.currency.clone())));
    }
    donations.sort_by_key(|d| d.0);
    // A token without `analytics:read` (an older login) still gets the rest.
    let summary = if channel.is_live { client.latest_stream_summary(login).await.ok() } else { None };
    Ok(Refreshed {
        summary,
        live: channel.is_live,
        title: channel.title,
        started_at_ms: live_stream.as_ref().and_then(|s| ms(&s.started_at)),
        viewers: live_stream.map(|s| s.viewer_count).unwrap_or(0),
        follow_times_ms,
        donations,
    })
}

async fn chat_feed(
    client: &Client,
    token: &str,
    login: &str,
    set: &(impl Fn(&dyn Fn(&mut Model)) + Clone),
) -> Result<(), String> {
    let mut ws = super::chat::open_chat(client, token, login).await?;
    while let Some(Ok(frame)) = ws.next().await {
        match frame {
            ServerFrame::History { messages, .. } => {
                set(&move |m: &mut Model| m.chat = messages.iter().rev().cloned().collect());
            }
            ServerFrame::Message { message } => set(&move |m: &mut Model| {
                m.chat.push_front(message.clone());
                m.chat.truncate(KEEP);
            }),
            ServerFrame::Delete { message_id, .. } => set(&move |m: &mut Model| m.chat.retain(|c| c.id != message_id)),
            ServerFrame::Clear { .. } => set(&|m: &mut Model| m.chat.clear()),
            ServerFrame::ClearUser { user_login, .. } => {
                set(&move |m: &mut Model| m.chat.retain(|c| c.user_login != user_login))
            }
            _ => {}
        }
    }
    Ok(())
}

async fn act(client: &Client, room: &str, a: &Action) -> aethex_sdk::Result<()> {
    match a {
        Action::Timeout(user) | Action::Ban(user) => {
            let duration = matches!(a, Action::Timeout(_)).then_some(600);
            client.ban(room, user, duration, "from the dashboard").await?;
        }
        Action::Delete(id) => client.delete_chat_message(room, id).await?,
    }
    Ok(())
}

struct Dashboard {
    model: Arc<Mutex<Model>>,
    actions: mpsc::UnboundedSender<Action>,
    /// Ids of the chat lines drawn so far (of those still in the model).
    chat_logged: HashSet<String>,
    /// `Model::alerts_received` when alerts were last drawn.
    alerts_logged: u64,
}

impl Dashboard {
    /// Log the chat lines and alerts about to be drawn for the first time.
    fn log_new_lines(&mut self, m: &Model) {
        let mut drawn = HashSet::with_capacity(m.chat.len());
        for c in m.chat.iter().rev() {
            if !self.chat_logged.contains(&c.id) {
                tracing::info!(user = c.user_login.as_str(), text = c.text.as_str(), "chat line shown");
            }
            drawn.insert(c.id.clone());
        }
        self.chat_logged = drawn;
        let new = m.alerts_received.saturating_sub(self.alerts_logged).min(m.alerts.len() as u64) as usize;
        for a in m.alerts.iter().take(new).rev() {
            tracing::info!(alert = a.as_str(), "alert shown");
        }
        self.alerts_logged = m.alerts_received;
    }
}

fn hms(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

impl eframe::App for Dashboard {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // Uptime ticks even without news.
        ui.ctx().request_repaint_after(Duration::from_millis(500));
        let model = self.model.clone();
        let m = model.lock().unwrap_or_else(|p| p.into_inner());
        self.log_new_lines(&m);
        let empty = Refreshed::default();
        let st = m.status.as_ref().unwrap_or(&empty);
        egui::Panel::top("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(format!("AeThex — {}", m.login));
                ui.separator();
                if st.live {
                    let red = egui::Color32::from_rgb(235, 64, 52);
                    let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().circle_filled(dot.center(), 5.0, red);
                    ui.label(egui::RichText::new("LIVE").color(red).strong());
                    if let Some(t) = st.started_at_ms {
                        ui.label(format!("uptime {}", hms(now_ms() - t)));
                    }
                    ui.label(format!("{} viewers", st.viewers));
                    if let Some(s) = &st.summary {
                        ui.label(format!(
                            "peak {} · unique {} · chatters {} · new followers {} · engagement {}",
                            s.peak_viewers,
                            s.unique_viewers,
                            s.chatters,
                            s.new_followers,
                            s.engagement.map_or("–".into(), |e| format!("{e:.0}/100"))
                        ));
                    }
                } else if m.status.is_some() {
                    ui.label(egui::RichText::new("offline").color(egui::Color32::GRAY));
                } else {
                    ui.spinner();
                    ui.label("loading…");
                }
                ui.separator();
                ui.label(format!("{} followers", st.follow_times_ms.len()));
            });
            ui.label(egui::RichText::new(&st.title).italics());
            if let Some(p) = &m.problem {
                ui.colored_label(egui::Color32::from_rgb(230, 160, 40), p);
            }
        });
        let mut pressed = Vec::new();
        egui::Panel::left("chat").default_size(460.0).show(ui, |ui| {
            ui.heading("Chat");
            egui::ScrollArea::vertical().show(ui, |ui| {
                if m.chat.is_empty() {
                    ui.label("No messages yet.");
                }
                for c in &m.chat {
                    ui.horizontal_wrapped(|ui| {
                        if c.user_login != m.login {
                            if ui.small_button("timeout").on_hover_text("Time out for 10 minutes").clicked() {
                                pressed.push(Action::Timeout(c.user_login.clone()));
                            }
                            if ui.small_button("ban").clicked() {
                                pressed.push(Action::Ban(c.user_login.clone()));
                            }
                        }
                        if ui.small_button("delete").clicked() {
                            pressed.push(Action::Delete(c.id.clone()));
                        }
                        ui.label(
                            egui::RichText::new(&c.user_name).strong().color(egui::Color32::from_rgb(145, 70, 255)),
                        );
                        ui.label(&c.text);
                    });
                }
            });
        });
        egui::Panel::right("alerts").default_size(300.0).show(ui, |ui| {
            ui.heading("Recent alerts");
            if m.alerts.is_empty() {
                ui.label("Follows, subscriptions, donations and raids appear here.");
            }
            for a in &m.alerts {
                ui.label(a);
                ui.separator();
            }
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            let now = now_ms();
            // Minutes before now on the x axis.
            let ago = |t: i64| (t - now) as f64 / 60_000.0;
            let followers: Vec<[f64; 2]> =
                st.follow_times_ms.iter().enumerate().map(|(i, t)| [ago(*t), (i + 1) as f64]).collect();
            let mut total = 0.0;
            let donations: Vec<[f64; 2]> = st
                .donations
                .iter()
                .map(|(t, amount, _)| {
                    total += *amount as f64 / 100.0;
                    [ago(*t), total]
                })
                .collect();
            let half = (ui.available_height() / 2.0 - 24.0).max(80.0);
            let (purple, green) = (egui::Color32::from_rgb(145, 70, 255), egui::Color32::from_rgb(40, 180, 99));
            ui.heading("Followers (x: minutes ago)");
            egui_plot::Plot::new("followers").height(half).allow_scroll(false).show(ui, |p| {
                p.line(egui_plot::Line::new("followers", followers.clone()).color(purple).width(2.0).allow_band(false));
                p.points(egui_plot::Points::new("follows", followers).color(purple).radius(4.0));
            });
            ui.heading("Donations, running total (x: minutes ago)");
            egui_plot::Plot::new("donations").height(half).allow_scroll(false).show(ui, |p| {
                p.line(egui_plot::Line::new("donations", donations.clone()).color(green).width(2.0).allow_band(false));
                p.points(egui_plot::Points::new("donation", donations).color(green).radius(4.0));
            });
        });
        drop(m);
        for a in pressed {
            let _ = self.actions.send(a);
        }
    }
}

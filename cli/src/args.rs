//! The command line's shape (clap derive). Every command takes `--json`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// aethex: run your AeThex LIVE channel from the terminal.
///
/// Log in once with `aethex login`; every command then talks to your server
/// with that token. Add `--json` to any command for machine-readable output.
#[derive(Debug, Parser)]
#[command(name = "aethex", version, propagate_version = true, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Server URL (default: the profile's, else http://127.0.0.1:8080).
    #[arg(long, global = true, env = "AETHEX_SERVER")]
    pub server: Option<String>,
    /// Named profile from the config file.
    #[arg(long, global = true, env = "AETHEX_PROFILE")]
    pub profile: Option<String>,
    /// Print JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Config directory (default: $XDG_CONFIG_HOME/aethex).
    #[arg(long, global = true, env = "AETHEX_CONFIG_DIR", hide = true)]
    pub config_dir: Option<PathBuf>,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in through the device flow (opens the browser where there is one).
    Login(LoginArgs),
    /// Revoke the stored token and forget it.
    Logout,
    /// Who the token belongs to, its scopes and expiry.
    Whoami,
    /// Show or change settings and profiles.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Your channel: show it or change its title, category, tags, language.
    #[command(subcommand)]
    Channel(ChannelCmd),
    /// Go-live tools: stream key, status, and pushing a file or test pattern.
    #[command(subcommand)]
    Stream(StreamCmd),
    /// Chat: send, tail, moderate.
    #[command(subcommand)]
    Chat(ChatCmd),
    /// Your followers, newest first.
    Followers(ListArgs),
    /// Your subscribers.
    Subs(ListArgs),
    /// Donations to your channel, newest first.
    Donations(ListArgs),
    /// Live channels for you (your channels live now, discoveries, small
    /// channels worth a look), or channels like one channel.
    Discover(DiscoverArgs),
    /// Your broadcasts' numbers: viewers, retention, chat, funnel, sources.
    #[command(subcommand)]
    Analytics(AnalyticsCmd),
    /// EventSub webhook subscriptions.
    #[command(subcommand)]
    Webhooks(WebhooksCmd),
    /// Forge test events for a local receiver, or listen to real ones.
    #[command(subcommand)]
    Event(EventCmd),
    /// Raw authenticated API calls.
    #[command(subcommand)]
    Api(ApiCmd),
    /// Shell completions on stdout.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The man page (roff) on stdout.
    Man,
    /// The desktop dashboard: live status, viewers, chat, alerts, plots.
    Dashboard(DashboardArgs),
}

/// `aethex analytics ...`.
#[derive(Debug, Subcommand)]
pub enum AnalyticsCmd {
    /// A broadcast's summary: viewers per minute, retention, the chat heatmap,
    /// the funnel, sources, devices and countries (final once the stream ended).
    Summary {
        /// This stream session (default: your latest broadcast).
        #[arg(long, conflicts_with = "last")]
        stream: Option<String>,
        /// Your latest broadcast, the one running if you are live (the default).
        #[arg(long)]
        last: bool,
    },
    /// Your channel per UTC day over a range (at most 92 days), with totals
    /// and growth against the same length of time before.
    Channel {
        /// First day, `YYYY-MM-DD` (default: 29 days before `--to`).
        #[arg(long)]
        from: Option<String>,
        /// Last day, included (default: today).
        #[arg(long)]
        to: Option<String>,
    },
}

/// `aethex login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Scopes to ask for (comma-separated); default: everything the CLI uses.
    #[arg(long, value_delimiter = ',')]
    pub scopes: Vec<String>,
    /// Do not try to open a browser.
    #[arg(long)]
    pub no_browser: bool,
}

/// `aethex config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Print the config file's path and contents.
    Show,
    /// Set the server of a profile (creating it).
    SetServer {
        /// Server URL.
        url: String,
    },
    /// Make a profile the default.
    Use {
        /// Profile name.
        profile: String,
    },
}

/// `aethex channel ...`.
#[derive(Debug, Subcommand)]
pub enum ChannelCmd {
    /// Show a channel (default: yours).
    Show {
        /// Channel login.
        login: Option<String>,
    },
    /// Change your channel.
    Update(UpdateArgs),
}

/// `aethex channel update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// New title (at most 140 characters).
    #[arg(long)]
    pub title: Option<String>,
    /// New category.
    #[arg(long)]
    pub category: Option<String>,
    /// Tags, comma-separated (an empty value clears them).
    #[arg(long, value_delimiter = ',')]
    pub tags: Option<Vec<String>>,
    /// Two-letter language code.
    #[arg(long)]
    pub language: Option<String>,
    /// Channel description.
    #[arg(long)]
    pub description: Option<String>,
}

/// `aethex stream ...`.
#[derive(Debug, Subcommand)]
pub enum StreamCmd {
    /// Print the ingest URL and stream key.
    Key {
        /// Make a new key (the old one stops working).
        #[arg(long)]
        reset: bool,
    },
    /// Whether a channel is live, since when, with how many viewers.
    Status {
        /// Channel login (default: yours).
        login: Option<String>,
    },
    /// Publish a file or a test pattern to your channel with ffmpeg.
    Push(PushArgs),
}

/// `aethex stream push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// A video file to stream in real time.
    #[arg(required_unless_present = "test_pattern", conflicts_with = "test_pattern")]
    pub file: Option<PathBuf>,
    /// Stream ffmpeg's test pattern and a tone instead of a file.
    #[arg(long)]
    pub test_pattern: bool,
    /// Stop after this many seconds.
    #[arg(long)]
    pub duration: Option<u64>,
    /// ffmpeg to run (default: ffmpeg on the PATH).
    #[arg(long, env = "AETHEX_FFMPEG", default_value = "ffmpeg")]
    pub ffmpeg: String,
}

/// `aethex chat ...`.
#[derive(Debug, Subcommand)]
pub enum ChatCmd {
    /// Send a message.
    Send {
        /// The text (at most 500 characters).
        text: String,
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
    },
    /// Print messages as they arrive (after the recent history).
    Tail {
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
        /// Stop after this many messages.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Ban a user from your chat.
    Ban {
        /// The user.
        user: String,
        /// Why (shown to moderators).
        #[arg(long, default_value = "")]
        reason: String,
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
    },
    /// Time a user out.
    Timeout {
        /// The user.
        user: String,
        /// Seconds (1 to 1,209,600).
        #[arg(value_parser = clap::value_parser!(i64).range(1..=1_209_600))]
        seconds: i64,
        /// Why.
        #[arg(long, default_value = "")]
        reason: String,
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
    },
    /// Clear the chat.
    Clear {
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
    },
    /// Slow mode: seconds between messages, or `off`.
    Slow {
        /// Seconds (1–120) or `off`.
        value: String,
        /// The room (default: your channel).
        #[arg(long)]
        channel: Option<String>,
    },
}

/// `--limit` of list commands.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// At most this many (default 20).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// `aethex discover`.
#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// At most this many (1 to 50).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub limit: u32,
    /// Channels like this one instead of channels for you.
    #[arg(long, value_name = "LOGIN")]
    pub like: Option<String>,
    /// Open the Nth channel of the list (counted as a click on it) and print its address.
    #[arg(long, value_name = "N")]
    pub open: Option<u32>,
}

/// `aethex webhooks ...`.
#[derive(Debug, Subcommand)]
pub enum WebhooksCmd {
    /// Your subscriptions.
    List,
    /// Subscribe a callback to an event type on your channel.
    Create {
        /// Event type, e.g. `channel.follow`.
        #[arg(long = "type")]
        kind: String,
        /// HTTPS callback URL.
        #[arg(long)]
        callback: String,
        /// HMAC secret (10–100 characters).
        #[arg(long)]
        secret: String,
        /// Version (default 1).
        #[arg(long, default_value = "1")]
        event_version: String,
        /// Channel login (default: yours).
        #[arg(long)]
        channel: Option<String>,
    },
    /// End a subscription.
    Delete {
        /// Subscription id.
        id: String,
    },
}

/// Event types `aethex event trigger` can forge.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TriggerType {
    /// `stream.online`.
    #[value(name = "stream.online")]
    StreamOnline,
    /// `stream.offline`.
    #[value(name = "stream.offline")]
    StreamOffline,
    /// `channel.update`.
    #[value(name = "channel.update")]
    ChannelUpdate,
    /// `channel.follow`.
    #[value(name = "channel.follow")]
    ChannelFollow,
    /// `channel.subscribe`.
    #[value(name = "channel.subscribe")]
    ChannelSubscribe,
    /// `channel.subscription.end`.
    #[value(name = "channel.subscription.end")]
    ChannelSubscriptionEnd,
    /// `channel.donation`.
    #[value(name = "channel.donation")]
    ChannelDonation,
    /// `channel.raid`.
    #[value(name = "channel.raid")]
    ChannelRaid,
    /// `channel.chat.message`.
    #[value(name = "channel.chat.message")]
    ChannelChatMessage,
    /// `channel.ban`.
    #[value(name = "channel.ban")]
    ChannelBan,
}

/// `aethex event ...`.
#[derive(Debug, Subcommand)]
pub enum EventCmd {
    /// Send a realistic, signed mock event to a local receiver (no server needed).
    Trigger {
        /// Event type.
        kind: TriggerType,
        /// The receiver's URL.
        #[arg(long, short = 'F')]
        forward_address: String,
        /// The secret to sign with.
        #[arg(long, short = 's', default_value = "aethex-cli-test-secret")]
        secret: String,
    },
    /// Send a verification challenge to a receiver and check it answers correctly.
    VerifySubscription {
        /// The receiver's URL.
        #[arg(long, short = 'F')]
        forward_address: String,
        /// The secret to sign with.
        #[arg(long, short = 's', default_value = "aethex-cli-test-secret")]
        secret: String,
    },
    /// Print your channel's events as they happen, one JSON line each.
    Listen {
        /// Types to listen to (comma-separated; default: all your channel allows).
        #[arg(long = "types", value_delimiter = ',')]
        types: Vec<String>,
        /// Stop after this many events.
        #[arg(long)]
        limit: Option<usize>,
    },
}

/// `aethex api ...`.
#[derive(Debug, Subcommand)]
pub enum ApiCmd {
    /// GET a path.
    Get(ApiArgs),
    /// POST to a path.
    Post(ApiArgs),
    /// PATCH a path.
    Patch(ApiArgs),
    /// PUT to a path.
    Put(ApiArgs),
    /// DELETE a path.
    Delete(ApiArgs),
}

/// One raw call.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// Path, e.g. `/api/channels/alice` (a leading `/api` may be left out).
    pub path: String,
    /// Query parameters, `key=value`, repeatable.
    #[arg(short = 'q', long = "query", value_parser = parse_kv)]
    pub query: Vec<(String, String)>,
    /// JSON body.
    #[arg(short = 'b', long = "body")]
    pub body: Option<String>,
}

fn parse_kv(s: &str) -> Result<(String, String), String> {
    s.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).ok_or_else(|| format!("'{s}' is not key=value"))
}

/// `aethex dashboard`.
#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Save a screenshot to this PNG after the first frames, then exit (for tests and docs).
    #[arg(long, hide = true)]
    pub screenshot: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory as _;
        super::Cli::command().debug_assert();
    }
}

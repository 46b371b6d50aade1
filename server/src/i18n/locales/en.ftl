# The web app's English messages. Every string a page shows comes from here.
# Terms follow the big streaming platforms: follow, subscribe, raid, clip, chat.

site-name = AeThex LIVE
site-description = Watch live streams, chat with communities and follow the creators you like.
skip-to-content = Skip to content
nav-account = Account
nav-log-in = Log in
nav-log-out = Log out
footer-api = API reference
footer-activate = Connect a device
footer-licences = Licences
back-home = Back to the home page

live = LIVE
untitled = Untitled broadcast
viewers = { $count ->
    [one] { $count } viewer
   *[other] { $count } viewers
}

home-title = Live now
home-live-now = Live now
home-nobody-live = Nobody is live right now. Check back soon.
home-categories = Categories
home-recommended = Recommended for you

channel-description = { $name } streams on AeThex LIVE.
channel-offline = { $name } is offline.
channel-last-broadcast = Last broadcast:

player-label = Live video of { $name }
player-offline = The stream has ended.
player-error = The video could not be played. Reload the page to try again.
player-quality = Quality
player-auto = Auto

chat-title = Chat
chat-connecting = Connecting to chat…
chat-reconnecting = Chat disconnected. Reconnecting…
chat-deleted = (message deleted by a moderator)
chat-cleared = Chat was cleared by a moderator.
chat-log-in = Log in to chat
chat-mod-delete = Delete message
chat-mod-timeout = Time out for 10 minutes
chat-mod-ban = Ban from chat
chat-raiding = This channel is raiding { $name }. Taking you there…
chat-raid-stay = Stay here
chat-report = Report message
chat-reported = Reported. Thank you.
chat-report-failed = Could not report this message.
chat-held = AutoMod held a message from { $name }:
chat-allow = Allow
chat-deny = Deny
chat-held-approved = Allowed.
chat-held-denied = Denied.
chat-held-expired = Expired.
mod-link = Moderation queue
mod-title = Moderation: { $name }
mod-held = Held by AutoMod
mod-held-none = No messages are waiting for review.
mod-reports = Reported messages
mod-reports-none = No reports to review.
mod-reports-count = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
mod-hidden = hidden until reviewed
mod-remove = Remove
mod-dismiss = Dismiss reports
mod-settings = AutoMod and reports
mod-level = AutoMod level (0 is off, 4 is strictest)
mod-threshold = Reports that hide a message until a moderator looks (0: never)
mod-save = Save
mod-saved = Saved.
mod-bad-settings = Choose a level from 0 to 4 and a number of reports from 0 to 100.
mod-already-resolved = Another moderator already handled that message, or it expired.
mod-not-moderator = Only this channel's moderators can see its moderation queue.

not-found-title = Page not found
not-found-page = There is nothing at this address.
not-found-channel = There is no channel with this name.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. It has been logged; please try again.

nav-sign-up = Sign up
form-cross-site = This form was sent from another site, so it was refused.
form-expired = The form expired or did not come from this site. Please try again.
signup-title = Create your account
signup-closed = Sign-up is closed on this server. Ask its operator for an account.
signup-login = Username
signup-login-hint = 3 to 25 characters: lowercase letters, digits and _. It is also your channel's address.
signup-login-rules = Usernames are 3 to 25 characters: lowercase letters, digits and _.
signup-login-reserved = This name is reserved. Please choose another.
signup-login-taken = This username is taken. Please choose another.
signup-password = Password
signup-password-hint = At least 8 characters.
signup-password-again = Password again
signup-password-length = Passwords are 8 to 256 characters long.
signup-password-is-login = Your password cannot be your username.
signup-password-mismatch = The two passwords do not match.
signup-invite = Invitation code
signup-invite-missing = This server is invite-only: enter your invitation code.
signup-invite-invalid = This invitation code is unknown, expired or already used.
signup-submit = Sign up
signup-pow-working = Checking this browser… (a moment)
signup-pow-failed = The browser check did not pass. Please send the form again.
signup-too-many = Too many accounts were created from here recently. Please try again later.
signup-needs-script = This form needs JavaScript: it checks the browser in place of a CAPTCHA.
signup-have-account = Already have an account?
error-title = Something is wrong
follow = Follow
unfollow = Unfollow
following = Following
follow-own-channel = You cannot follow your own channel.
home-following = Following
home-following-offline = Offline
chat-placeholder = Send a message
chat-send = Chat
chat-label = Chat message
offline-title = You are offline
offline-text = AeThex LIVE needs a connection to play streams and chat. The channels you follow are below; they open as soon as you are back online.
offline-no-follows = You do not follow any channel on this device yet.
app-description = Live streams, chat and the creators you follow.
push-live-title = { $name } is live
notify-on = Notifications on
notify-off = Notify me
notify-denied = Notifications are blocked for this site in your browser settings.
notify-unavailable = This browser cannot receive push notifications. On iPhone and iPad, add AeThex LIVE to your Home Screen first.
player-play = Play the stream
clip-live = Clip the last 30 s
clip-from-here = Clip from here
clip-length = Clip length
clip-length-rule = A clip is 5 to 60 seconds long.
clip-of = A clip of { $name }
clip-seconds = { $seconds } seconds
clip-download = Download
clip-not-live = This channel is not live, so there is nothing to clip.
clip-not-recorded = This server does not record broadcasts, so they cannot be clipped.
clip-too-early = Nothing is recorded yet. Try again in a few seconds.
not-found-clip = There is no clip with this address.
not-found-video = There is no recorded broadcast with this address.
channel-videos = Past broadcasts
channel-clips = Clips
channel-similar = Similar channels live now
video-ended = End of the broadcast.
dashboard-title = Creator dashboard
dashboard-offline = Offline
dashboard-view-channel = View your channel
dashboard-saved = Saved.
dashboard-key-reset = Your stream key was reset. Put the new one in OBS.
dashboard-stream-info = Stream info
dashboard-field-title = Title
dashboard-field-category = Category
dashboard-field-tags = Tags
dashboard-tags-hint = Separate tags with commas.
dashboard-field-language = Language (ISO 639-1, such as en)
dashboard-save = Save
dashboard-stream-key = Stream key
dashboard-show-key = Show stream key
dashboard-key-warning = Anyone with this key can stream on your channel. Never show it on stream.
dashboard-reset-key = Reset stream key
dashboard-go-live = Go live from OBS
dashboard-obs-custom = With any OBS (Custom service)
dashboard-obs-step-1 = In OBS, open Settings, then Stream, and choose the service "Custom…".
dashboard-obs-step-2 = Server:
dashboard-obs-step-3 = Stream Key: the key above.
dashboard-obs-step-4 = Press Start Streaming.
dashboard-obs-plugin = With the AeThex OBS plugin
dashboard-obs-plugin-text = Install the plugin, choose Tools, then "AeThex: Log in", and approve the code it shows at
dashboard-recent-followers = Recent followers
dashboard-no-followers = No followers yet.
dashboard-alerts = Recent alerts
dashboard-no-alerts = No alerts yet. Follows, subscriptions, donations and raids show here.
alert-follow = { $name } followed you
alert-subscription = { $name } subscribed at Tier { $tier }
alert-donation = { $name } donated { $amount }
alert-raid = { $count ->
    [one] { $name } raided you with { $count } viewer
   *[other] { $name } raided you with { $count } viewers
}
dashboard-moderators = Moderators
dashboard-moderators-hint = Moderators can delete messages, time out and ban in your chat.
dashboard-no-moderators = No moderators yet.
dashboard-mod-login = Username
dashboard-mod-add = Add moderator
dashboard-mod-remove = Remove { $name }
dashboard-no-such-user = There is no user with that name.
dashboard-mod-self = You always moderate your own chat.
dashboard-blocked-terms = Blocked terms
dashboard-blocked-hint = Messages containing a blocked term, in any case, are not shown in your chat (moderators excepted).
dashboard-no-blocked = No blocked terms.
dashboard-term = Term
dashboard-term-add = Block term
dashboard-term-remove = Unblock { $name }
dashboard-webhooks = Webhooks
dashboard-webhooks-hint = Your channel's events, sent to your own server as EventSub notifications signed with your secret (the Twitch-Eventsub-Message-Signature header). A new webhook must first answer the challenge we send it.
dashboard-no-webhooks = No webhooks yet.
dashboard-webhook-type = Event
dashboard-webhook-callback = Callback URL (public HTTPS)
dashboard-webhook-secret = Secret (10 to 100 letters, digits or symbols, no spaces)
dashboard-webhook-add = Add webhook
dashboard-webhook-delete = Delete webhook { $name }
dashboard-webhook-added = Webhook added. It starts once its callback answers the challenge.
dashboard-webhook-deleted = Webhook deleted.
dashboard-raid = Raid a channel
dashboard-raid-hint = Send your viewers to another channel: they are taken to it, and its chat announces your raid.
dashboard-raid-to = Channel to raid
dashboard-raid-start = Start raid
dashboard-raided = Raid sent. Your viewers are on their way.
embed-watch-on = Watch { $name } on AeThex LIVE
nav-dashboard = Dashboard
nav-main = Main
nav-browse = Browse
nav-search = Search
search-title = Search
search-label = Search channels
search-submit = Search
search-none = No channel matches “{ $query }”.
directory-title = Browse
directory-all = All categories
settings-title = Settings
settings-profile = Profile
settings-display-name = Display name
settings-name-hint = Your username with the capital letters you like.
settings-name-rule = A display name is your username's own letters, in any case.
settings-about = About your channel
settings-about-rule = The about text is at most 300 characters, without control characters.
settings-notifications = Go-live notifications
settings-no-notifications = You get no go-live notifications. Turn them on with "Notify me" on a channel you follow.
settings-notify-off = Turn off
settings-privacy = Privacy
settings-personalised = Personalised recommendations
settings-personalised-hint = Recommend channels from what you watch. Turned off, your viewing history leaves the recommender at its next training, and you are shown the channels popular in your language.
nav-settings = Settings
subscribe = Subscribe
resubscribe = Renew subscription
subscribe-tier = Subscription tier
tier-1 = Tier 1
tier-2 = Tier 2
tier-3 = Tier 3
subscribed-until = Subscribed until { $date }. Thank you!
donate = Donate
donate-amount = Amount
donate-currency = Currency
donate-message = Message (shown on stream)
donate-send = Send donation
donate-thanks = Thank you! Your donation was sent.
donate-amount-rule = Enter an amount such as 5 or 4.99.
donate-currency-rule = Choose a currency from the list.

# Language picker, times, durations, money (numbers and dates are formatted by code, per locale).
language = Language
language-change = Change language
language-unknown = That language is not available.
time-just-now = just now
time-minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Started { $time }
broadcast-length = Length: { $duration }
directory-language = Stream language
directory-all-languages = All languages
directory-filter = Show

# Log-in, log-out, device activation and OAuth consent pages.
auth-error-title = Something is wrong
auth-internal = Internal error; it has been logged.
auth-cross-site = This form was sent from another site, so it was refused.
auth-bad-form = This form could not be read; send it from its page.
login-title = Log in to AeThex
login-field-login = Login
login-field-password = Password
login-submit = Log in
login-expired = The form expired or did not come from this site; please log in again.
login-throttled = { $count ->
    [one] Too many failed attempts. Try again in { $count } second.
   *[other] Too many failed attempts. Try again in { $count } seconds.
}
login-wrong = Wrong login or password.
logout-title = Logged out
logout-done = You are logged out.
logout-refused = Not logged in, or the form expired.
signed-in-as = Logged in as { $login }.
scopes-none = It asks for no extra permissions.
scopes-intro = It will be able to:
scope-channel-read = See your channel's settings
scope-channel-manage = Change your channel: title, category, moderators, raids
scope-stream-key = See and reset your stream key
scope-chat-read = Read chat
scope-chat-edit = Send chat messages as you
scope-moderator-manage = Moderate chats you moderate: delete, time out, ban, modes
scope-moderator-read-followers = See who follows channels you moderate
scope-user-read = See your account's details
scope-user-edit-follows = Follow and unfollow channels as you
scope-user-edit-subscriptions = Subscribe to channels as you
scope-channel-read-subscriptions = See your subscribers
scope-donations-read = See the donations you received
scope-donations-write = Donate as you
scope-webhooks-manage = Send your channel's events to other servers
scope-analytics-read = See your channel's analytics
device-title = Connect a device
device-wants = { $app } wants to use your account.
device-unknown-code = That code is unknown or expired. Check your device.
device-code-label = Code shown on your device
device-allow = Allow
device-deny = Deny
device-expired = The form expired; reload the page and try again.
device-connected-title = Device connected
device-connected = You can go back to your device now.
device-denied-title = Request denied
device-denied = The device was not given access.
device-code-used = That code is unknown, expired or already used. Check your device.
oauth-bad-redirect-url = The app's redirect URI is not a URL.
oauth-unknown-client = Unknown client_id: this app is not registered.
oauth-redirect-mismatch = The redirect_uri does not exactly match one registered for this app.
consent-title = Authorize app
consent-wants = { $app } wants to use your AeThex account.
consent-approve = Authorize
consent-cancel = Cancel
consent-redirect = You will be sent to { $url }.
consent-log-in-first = Log in first.
consent-expired = The form expired; start again from the app.

# Overlay pages for OBS browser sources (alerts on stream).
overlay-follow = { $name } just followed!
overlay-subscribe = { $name } subscribed at Tier { $tier }!
overlay-donation = { $name } donated { $amount }!
overlay-raid = { $count ->
    [one] { $name } is raiding with { $count } viewer!
   *[other] { $name } is raiding with { $count } viewers!
}
overlay-token-missing = Add #token=<your AeThex token> to this page's address (the fragment never reaches the server).

# The creator dashboard's takings.
dashboard-revenue = Donations in the last 30 days
dashboard-revenue-none = No donations in the last 30 days.
dashboard-revenue-count = { $count ->
    [one] { $count } donation
   *[other] { $count } donations
}
dashboard-revenue-total = Total: about { $amount }
dashboard-revenue-unconverted = Not in the total (no exchange rate): { $currencies }
dashboard-revenue-rates = Converted with the European Central Bank's reference rates of { $date }.
dashboard-revenue-no-rates = No exchange rates are loaded on this server, so each currency is shown on its own.
dashboard-display-currency = Show the total in

# The creator's stream summary (/dashboard/analytics).
analytics-title = Stream summary
analytics-link = Stream summary
analytics-none = No stream yet. Your first broadcast's numbers show here seconds after it ends.
analytics-live-note = Live: these numbers are provisional and final a few seconds after the stream ends.
analytics-final = Final
analytics-started = Started { $date }
analytics-length = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
analytics-average = Average viewers
analytics-peak = Peak viewers
analytics-unique = Unique viewers
analytics-watched = Minutes watched
analytics-chatters = Chatters
analytics-messages = Chat messages
analytics-followers = New followers
analytics-subscriptions = Subscriptions
analytics-engagement = Engagement (of 100)
analytics-viewers-chart = Viewers per minute
analytics-chat-chart = Chat messages per minute
analytics-minute-viewers = Minute { $minute }: { $count ->
    [one] { $count } viewer
   *[other] { $count } viewers
}
analytics-minute-messages = Minute { $minute }: { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
analytics-top-moments = Busiest chat moments
analytics-retention = Audience retention
analytics-retention-row = After { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}: { $percent }
analytics-funnel = From viewer to subscriber
analytics-funnel-viewers = Viewers
analytics-funnel-chatters = Chatted
analytics-funnel-followers = Followed
analytics-funnel-subscribers = Subscribed
analytics-donations = Donations
analytics-no-donations = No donations during this stream.
analytics-raids = { $count ->
    [one] { $count } raid brought { $viewers } viewers
   *[other] { $count } raids brought { $viewers } viewers
}
analytics-clips = { $count ->
    [one] { $count } clip
   *[other] { $count } clips
}
analytics-sources = Traffic sources
analytics-devices = Devices
analytics-countries = Countries
analytics-hidden = { $count ->
    [one] { $count } viewer in groups under 5, not shown
   *[other] { $count } viewers in groups under 5, not shown
}
analytics-empty-breakdown = No group has 5 viewers yet.
analytics-privacy = Counted without cookies; viewers who ask not to be tracked (Do Not Track, Global Privacy Control) are not counted.
source-following = Following
source-directory = Directory
source-search = Search
source-recommendations = Recommendations
source-raid = Raids
source-push = Notifications
source-discord = Discord
source-embed = Embedded player
source-external = Other websites
source-direct = Direct
device-phone = Phone
device-tablet = Tablet
device-desktop = Computer
device-tv = TV
device-app = App or player
country-unknown = Unknown
analytics-percent = { $value }%
platform-title = Platform analytics
platform-link = Platform analytics
platform-date = Up to { $date } (UTC)
platform-dau = Active today
platform-wau = Active this week
platform-mau = Active in 30 days
platform-stickiness = Stickiness (today ÷ 30 days)
platform-new = New viewers in 30 days
platform-churn = Churn (active the 30 days before, not since)
platform-dau-chart = Active viewers per day, 30 days
platform-day-viewers = { $date }: { $count ->
    [one] { $count } viewer
   *[other] { $count } viewers
}
platform-cohorts = Weekly retention cohorts
platform-cohort-week = First seen the week of
platform-cohort-size = Viewers
platform-cohort-after = Week { $week }
platform-revenue = Revenue (donations)
platform-currency = Currency
platform-revenue-day = Today
platform-revenue-week = 7 days
platform-revenue-month = 30 days
platform-arpu = Per active viewer
platform-no-revenue = No donations in 30 days.
platform-by-region = Revenue by region, 30 days
platform-by-tier = Revenue by creator tier, 30 days
tier-small = Small (under 100 followers)
tier-growing = Growing (under 1,000)
tier-established = Established (under 10,000)
tier-top = Top (10,000 or more)
platform-creators = Creators
platform-creators-active = Streamed in 30 days
platform-creators-new = First stream in 30 days
platform-creators-live = Live now
platform-categories = Categories by minutes watched, 30 days
platform-no-category = No category
platform-category-row = { $category }: { $minutes } minutes watched, { $growth }
platform-growth-new = new
platform-no-categories = No stream ended in 30 days.
platform-countries = Viewers by country, 30 days
platform-live = Live now, fastest growing first
platform-live-row = { $viewers } watching, { $recent } in the last 10 minutes ({ $growth })
platform-no-live = Nobody is live.
platform-health = System health
platform-uptime = Up for { $duration }
platform-requests = Requests
platform-errors = Server errors
platform-latency = Latency p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Route
platform-live-streams = Streams ingested
platform-chat-rate = Chat messages in the last minute
platform-webhook-backlog = Deliveries waiting
platform-dropped = Analytics rows dropped
platform-recs = Recommendations, 7 days
platform-recs-model = Model { $version }, trained { $date } on { $viewers } viewers and { $channels } channels in { $ms } ms
platform-recs-no-model = No model trained yet.
platform-recs-none = No recommendations shown yet.
platform-recs-variant = Variant
platform-recs-impressions = Shown
platform-recs-clicks = Clicked
platform-recs-ctr = Click-through
platform-recs-watch = Minutes watched per click
platform-privacy = Viewers are counted by pseudonym (a logged-in account or one browser); countries with fewer than 5 viewers are not shown.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Channel analytics
channel-analytics-link = Channel analytics
channel-analytics-from = From
channel-analytics-to = To
channel-analytics-show = Show
channel-analytics-range = { $from } to { $to }
channel-analytics-last-days = { $count ->
    [one] Today
   *[other] Last { $count } days
}
channel-analytics-growth = { $percent } on the period before
channel-analytics-live-minutes = Minutes live
channel-analytics-unique-chart = Unique viewers per day
channel-analytics-watched-chart = Minutes watched per day
channel-analytics-chat-chart = Chat messages per day
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Day by day
channel-analytics-day = Day
channel-analytics-no-donations = No donations in these days.
channel-analytics-bad-date = Dates are days written like 2026-11-30. Showing the last 28 days instead.
channel-analytics-future = The range cannot end after today. Showing the last 28 days instead.
channel-analytics-bad-range = The start must be on or before the end, at most { $days } days apart. Showing the last 28 days instead.

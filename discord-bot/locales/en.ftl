# The Discord bot's slash commands and replies in English. Discord shows
# these in the member's client language (name/description localizations,
# and the interaction's locale for replies). Markdown (**bold**, `code`)
# and Discord mentions (<#channel>, <@&role>) are kept as they are.

# Slash command names (lowercase, no spaces: Discord's rule) and descriptions.
cmd-notify-name = notify
cmd-notify = Go-live announcements for an AeThex channel
cmd-notify-add = Announce an AeThex channel here
cmd-notify-remove = Stop announcing
cmd-notify-list = Announcements in this server
cmd-stream-name = stream
cmd-stream = Is the stream live? Title, viewers, uptime
cmd-link-name = link
cmd-link = Link your AeThex account (for subscriber roles)
cmd-roles-name = roles
cmd-roles = Subscriber roles for linked members
cmd-bridge-name = bridge
cmd-bridge = Mirror an AeThex chat room and a Discord channel
cmd-bridge-set = Bridge a channel
cmd-bridge-off = Remove this server's bridge
opt-login = AeThex channel login
opt-where = Where to announce
opt-role = Role to ping
opt-announcement-channel = The announcement channel
opt-discord-channel = The Discord channel
opt-subscriber = Every subscriber
opt-tier = Tier { $tier } extra role
opt-language = Language of the announcements (default: this server's language)

# Replies
unknown-command = I don't know /{ $name }.
pick-channel = Pick a Discord channel.
not-a-login = '{ $login }' is not an AeThex channel name.
admins-only = Only server managers (Manage Server) can do that, inside a server.
went-wrong = Something went wrong on my side; try again.
no-such-channel = There is no AeThex channel '{ $login }'.
aethex-down = AeThex is not answering right now ({ $error }).
aethex-down-retry = AeThex is not answering right now ({ $error }); try again.
notify-added = I'll announce **{ $login }** in <#{ $channel }> when they go live.
notify-removed = Stopped announcing **{ $login }** in <#{ $channel }>.
notify-missing = **{ $login }** was not announced in <#{ $channel }>.
notify-none = No announcements yet: { $command }.
notify-pings = (pings <@&{ $role }>)
notify-updated = Updated the announcement of **{ $login }** in <#{ $channel }>.
no-such-language = I don't speak '{ $language }'; pick one from the list.

# Go-live announcements, in the language chosen with /notify add (else the
# server's preferred language), and the note to the admin when one fails.
announce-live = **{ $name }** is live!
announce-was-live = **{ $name }** was live.
embed-untitled = { $name } is live
embed-streaming = { $name } is streaming on AeThex LIVE.
embed-category = Category
embed-tags = Tags
embed-ended = The stream ended after { $duration }.
embed-ran-for = Ran for
role-deleted = A subscriber role I manage (id { $role }) was deleted from the server; pick the roles again with { $command }.
role-problem = I could not give or take the subscriber role <@&{ $role }>. I need the Manage Roles permission, and my own role must be above it in Server Settings → Roles.
announce-no-permission = I could not post the go-live announcement for **{ $login }** in <#{ $channel }>: Discord says I am missing a permission there. Give me View Channel, Send Messages and Embed Links in that channel (and Mention Everyone if the announcement pings a role).
bridge-set = <#{ $channel }> and **{ $login }**'s chat now mirror each other.
bridge-off = The chat bridge is off.
bridge-none = There was no bridge.
roles-off = Subscriber roles are off.
roles-set = Linked subscribers of **{ $login }** now get their roles.
link-down = AeThex is not answering right now; try { $command } again in a minute.
link-open = { $minutes ->
    [one] To link your AeThex account, open { $url } and enter the code **{ $code }** (valid for { $minutes } minute).
   *[other] To link your AeThex account, open { $url } and enter the code **{ $code }** (valid for { $minutes } minutes).
}
link-done = Linked to AeThex account **{ $login }**.
link-failed-here = Linking failed on my side; try { $command } again.
link-declined = You declined the link; nothing changed.
link-expired = The code expired; run { $command } again.
link-failed = Linking failed: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** is live: { $title } — { $viewers } viewer, up { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** is live: { $title } — { $viewers } viewers, up { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** is offline. Last title: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Also post the stream summary here after each stream (your own channel only)
notify-summary-on = After each stream I'll also post its summary here.
notify-summary-owner = Only the summaries of **{ $owner }**, whose AeThex account this bot runs on, can be posted: a stream summary is its creator's own analytics.
notify-list-summary = (with summary)
summary-content = Stream summary for **{ $name }**
summary-title = Stream summary: { $title }
summary-description = { $name } streamed for { $duration }.
summary-average = Average viewers
summary-peak = Peak viewers
summary-unique = Unique viewers
summary-chatters = Chatters
summary-messages = Chat messages
summary-followers = New followers
summary-busiest = Busiest chat moment
summary-moment = { $messages ->
    [one] At { $at }: { $messages } message in one minute
   *[other] At { $at }: { $messages } messages in one minute
}
summary-no-access = I could not post the stream summary for **{ $login }**: the bot's AeThex token cannot read that channel's analytics. Sign the bot in again with the `analytics:read` scope.

# The chatbot's built-in replies in English. $(user) is the bot's own
# variable (the chatter's name), kept as it is in every language.

# Points
points-balance = { $user } has { $points } { $name } and has watched for { $watched }.
points-gave = @{ $who } gave { $amount } { $name } to { $to }.
points-too-few = @{ $who } -> you don't have { $amount } { $name }.
points-give-usage = @{ $who } -> usage: !give <user> <amount> (a positive number, to someone else)
points-nobody = Nobody has any { $name } yet.
points-top = Top { $name }: { $list }
# The points' name when the config sets none, in the form for { $count }.
points-unit = { $count ->
    [one] point
   *[other] points
}

# Time spans ("2 days 3 hours"), joined by spaces
span-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
span-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
span-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
span-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}

# Giveaways
giveaway-started-keyword = A giveaway has started! Type { $keyword } or !giveaway enter to join.
giveaway-started = A giveaway has started! Type !giveaway enter to join.
giveaway-winner = The winner is @{ $winner } (out of { $count })! Congratulations!
giveaway-nobody = Nobody entered the giveaway.
giveaway-entered = @{ $who } -> you're in!
giveaway-already = @{ $who } -> you're already in.
giveaway-closed = @{ $who } -> there is no giveaway running.
giveaway-full = @{ $who } -> the giveaway is full.
giveaway-usage-mod = @{ $who } -> usage: !giveaway start [keyword] | enter | draw
giveaway-usage = @{ $who } -> usage: !giveaway enter

# Quotes
quote-added = Quote #{ $number } added.
quote-deleted = Quote #{ $number } deleted.
quote-missing = There is no quote #{ $number }.
quote-mods-only = @{ $who } -> only moderators can change quotes.
quote-none = There are no quotes yet; moderators add them with !quote add <text>.
quote-usage = @{ $who } -> usage: !quote [number] | add <text> | delete <number>
quote-add-usage = @{ $who } -> usage: !quote add <text, up to 300 characters>
quote-delete-usage = @{ $who } -> usage: !quote delete <number>

# Song requests
songs-level = @{ $who } -> song requests are for { $level ->
    [subscriber] subscribers
    [regular] regulars
    [vip] VIPs
    [moderator] moderators
    [owner] the broadcaster
   *[other] { $level }
} and up.
songs-usage = @{ $who } -> usage: !sr <YouTube or SoundCloud link, or search words>
songs-bad-youtube-id = @{ $who } -> that YouTube link has no valid video id.
songs-no-youtube-video = @{ $who } -> that YouTube link has no video in it.
songs-not-soundcloud-track = @{ $who } -> that SoundCloud link is not a track.
songs-only-youtube-soundcloud = @{ $who } -> only YouTube and SoundCloud links can be requested.
songs-full = @{ $who } -> the queue is full ({ $count } songs).
songs-yours-full = @{ $who } -> you already have { $count } songs in the queue.
songs-duplicate = @{ $who } -> that song is already in the queue.
songs-added = @{ $who } -> "{ $title }" was added to the queue at #{ $position }.
songs-empty = The song queue is empty.
songs-list = { $count ->
    [one] { $count } song: { $list }
   *[other] { $count } songs: { $list }
}
songs-now = Now playing: { $title } (requested by { $user })
songs-nothing = Nothing is playing.
songs-skipped = Skipped. Now playing: { $title }
songs-skipped-empty = Skipped. The queue is empty.
songs-removed = @{ $who } -> removed "{ $title }" from the queue.
songs-none-yours = @{ $who } -> you have no songs waiting in the queue.

# Moderation
permit = @{ $user } -> you may post one link in the next 60 seconds.
permit-usage = @{ $who } -> usage: !permit <user>
regular-added = @{ $who } -> { $user } is now a regular.
regular-removed = @{ $who } -> { $user } is no longer a regular.
regulars-usage = @{ $who } -> usage: !regulars add|remove <user>

# !commands
command-added = @{ $who } -> The command "{ $name }" has been added successfully.
command-edited = @{ $who } -> The command "{ $name }" has been edited successfully.
command-deleted = @{ $who } -> The command "{ $name }" has been deleted successfully.
command-refused = @{ $who } -> { $reason }

# Spam filters' warnings (defaults; a config can set its own)
filter-links = $(user) -> please ask before posting links.
filter-caps = $(user) -> easy on the caps.
filter-symbols = $(user) -> too many symbols.
filter-repetitions = $(user) -> please don't repeat yourself.
filter-emotes = $(user) -> too many emotes.
filter-blacklist = $(user) -> that phrase is not allowed here.

# Managing custom commands (!commands add|edit|delete, !addcom, !editcom,
# !delcom). The syntax (add, edit, delete, -ul=, -cd=, -a=, the userlevel
# names) is the same in every language: keep it as it is.
manage-added = The command "{ $name }" has been added successfully.
manage-edited = The command "{ $name }" has been edited successfully.
manage-deleted = The command "{ $name }" has been deleted successfully.
manage-mods-only = only moderators can manage commands
manage-exists = { $name } already exists; use !commands edit
manage-missing = { $name } does not exist
manage-alias-loop = { $chain } would loop back to { $name }
manage-alias-depth = alias chains stop at { $max }
manage-not-a-name = '{ $name }' is not a command name
manage-unknown-action = unknown action '{ $action }': use add, edit or delete
manage-usage = usage: !commands add|edit|delete !name [-ul=level] [-cd=seconds] [-a=!other] response
manage-which = which command? e.g. !commands add !discord Join us at ...
manage-unknown-level = unknown userlevel '{ $level }': use owner, moderator, vip, regular, subscriber or everyone
manage-cooldown-not-a-number = cooldown '{ $value }' is not a number of seconds
manage-cooldown-range = cooldown must be { $min } to { $max } seconds
manage-unknown-flag = unknown flag '{ $flag }': use -ul=, -cd= or -a=
manage-too-long = the response is longer than { $max } characters
manage-self-alias = { $name } cannot be an alias of itself
manage-needs-response = { $name } needs a response
manage-nothing-to-change = nothing to change in { $name }
manage-delete-extra = delete takes only the command name

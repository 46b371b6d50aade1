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

not-found-title = Page not found
not-found-page = There is nothing at this address.
not-found-channel = There is no channel with this name.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. It has been logged; please try again.

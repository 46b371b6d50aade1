# Die deutschen Texte der Web-App. Jeder Text, den eine Seite zeigt, kommt von hier.
# Begriffe wie bei den großen Streaming-Plattformen (Twitch): Folgen, Abonnieren, Raid, Clip, Chat.
# Anrede mit „du“, wie bei Twitch.

site-name = AeThex LIVE
site-description = Schau Livestreams, chatte mit Communitys und folge deinen Lieblings-Streamern.
skip-to-content = Zum Inhalt springen
nav-account = Konto
nav-log-in = Einloggen
nav-log-out = Ausloggen
footer-api = API-Referenz
footer-activate = Gerät verbinden
footer-licences = Lizenzen
back-home = Zurück zur Startseite

live = LIVE
untitled = Unbenannte Übertragung
viewers = { $count ->
    [one] { $count } Zuschauer
   *[other] { $count } Zuschauer
}

home-title = Jetzt live
home-live-now = Jetzt live
home-nobody-live = Gerade ist niemand live. Schau bald wieder vorbei.
home-categories = Kategorien
home-recommended = Für dich empfohlen

channel-description = { $name } streamt auf AeThex LIVE.
channel-offline = { $name } ist offline.
channel-last-broadcast = Letzte Übertragung:

player-label = Livevideo von { $name }
player-offline = Der Stream ist beendet.
player-error = Das Video konnte nicht abgespielt werden. Lade die Seite neu, um es noch einmal zu versuchen.
player-quality = Qualität
player-auto = Auto

chat-title = Chat
chat-connecting = Verbinde mit dem Chat …
chat-reconnecting = Chatverbindung getrennt. Verbinde neu …
chat-deleted = (Nachricht von einem Moderator gelöscht)
chat-cleared = Der Chat wurde von einem Moderator geleert.
chat-log-in = Zum Chatten einloggen
chat-mod-delete = Nachricht löschen
chat-mod-timeout = Timeout für 10 Minuten
chat-mod-ban = Aus dem Chat bannen
chat-raiding = Dieser Kanal raidet { $name }. Du wirst weitergeleitet …
chat-raid-stay = Hierbleiben
chat-report = Nachricht melden
chat-reported = Gemeldet. Vielen Dank.
chat-report-failed = Die Nachricht konnte nicht gemeldet werden.
chat-held = AutoMod hat eine Nachricht von { $name } zurückgehalten:
chat-allow = Zulassen
chat-deny = Ablehnen
chat-held-approved = Zugelassen.
chat-held-denied = Abgelehnt.
chat-held-expired = Abgelaufen.
mod-link = Moderationswarteschlange
mod-title = Moderation: { $name }
mod-held = Von AutoMod zurückgehalten
mod-held-none = Es warten keine Nachrichten auf eine Prüfung.
mod-reports = Gemeldete Nachrichten
mod-reports-none = Keine Meldungen zu prüfen.
mod-reports-count = { $count ->
    [one] { $count } Meldung
   *[other] { $count } Meldungen
}
mod-hidden = bis zur Prüfung ausgeblendet
mod-remove = Entfernen
mod-dismiss = Meldungen verwerfen
mod-settings = AutoMod und Meldungen
mod-level = AutoMod-Stufe (0 ist aus, 4 ist am strengsten)
mod-threshold = Meldungen, nach denen eine Nachricht ausgeblendet wird, bis ein Moderator sie ansieht (0: nie)
mod-save = Speichern
mod-saved = Gespeichert.
mod-bad-settings = Wähle eine Stufe von 0 bis 4 und eine Anzahl Meldungen von 0 bis 100.
mod-already-resolved = Ein anderer Moderator hat diese Nachricht schon bearbeitet, oder sie ist abgelaufen.
mod-not-moderator = Nur die Moderatoren dieses Kanals können seine Moderationswarteschlange sehen.

not-found-title = Seite nicht gefunden
not-found-page = Unter dieser Adresse gibt es nichts.
not-found-channel = Es gibt keinen Kanal mit diesem Namen.
error-internal-title = Etwas ist schiefgelaufen
error-internal = Bei uns ist etwas schiefgelaufen. Der Fehler wurde protokolliert; bitte versuch es noch einmal.

nav-sign-up = Registrieren
form-cross-site = Dieses Formular wurde von einer anderen Website gesendet und deshalb abgelehnt.
form-expired = Das Formular ist abgelaufen oder stammt nicht von dieser Website. Bitte versuch es noch einmal.
signup-title = Konto erstellen
signup-closed = Auf diesem Server ist die Registrierung geschlossen. Bitte den Betreiber um ein Konto.
signup-login = Benutzername
signup-login-hint = 3 bis 25 Zeichen: Kleinbuchstaben, Ziffern und _. Das ist auch die Adresse deines Kanals.
signup-login-rules = Benutzernamen haben 3 bis 25 Zeichen: Kleinbuchstaben, Ziffern und _.
signup-login-reserved = Dieser Name ist reserviert. Bitte wähle einen anderen.
signup-login-taken = Dieser Benutzername ist vergeben. Bitte wähle einen anderen.
signup-password = Passwort
signup-password-hint = Mindestens 8 Zeichen.
signup-password-again = Passwort wiederholen
signup-password-length = Passwörter sind 8 bis 256 Zeichen lang.
signup-password-is-login = Dein Passwort darf nicht dein Benutzername sein.
signup-password-mismatch = Die beiden Passwörter stimmen nicht überein.
signup-invite = Einladungscode
signup-invite-missing = Dieser Server ist nur mit Einladung nutzbar: Gib deinen Einladungscode ein.
signup-invite-invalid = Dieser Einladungscode ist unbekannt, abgelaufen oder schon verwendet.
signup-submit = Registrieren
signup-pow-working = Browser wird geprüft … (einen Moment)
signup-pow-failed = Die Browserprüfung ist fehlgeschlagen. Bitte sende das Formular noch einmal.
signup-too-many = Über diese Verbindung wurden kürzlich zu viele Konten erstellt. Bitte versuch es später noch einmal.
signup-needs-script = Dieses Formular braucht JavaScript: Es prüft den Browser anstelle eines CAPTCHAs.
signup-have-account = Du hast schon ein Konto?
error-title = Etwas stimmt nicht
follow = Folgen
unfollow = Nicht mehr folgen
following = Folge ich
follow-own-channel = Du kannst deinem eigenen Kanal nicht folgen.
home-following = Folge ich
home-following-offline = Offline
chat-placeholder = Nachricht senden
chat-send = Chat
chat-label = Chatnachricht
offline-title = Du bist offline
offline-text = AeThex LIVE braucht eine Verbindung, um Streams abzuspielen und zu chatten. Unten siehst du die Kanäle, denen du folgst; sie öffnen sich, sobald du wieder online bist.
offline-no-follows = Du folgst auf diesem Gerät noch keinem Kanal.
app-description = Livestreams, Chat und die Streamer, denen du folgst.
push-live-title = { $name } ist live
notify-on = Benachrichtigungen an
notify-off = Benachrichtigen
notify-denied = Benachrichtigungen für diese Website sind in deinen Browsereinstellungen blockiert.
notify-unavailable = Dieser Browser kann keine Push-Benachrichtigungen empfangen. Auf iPhone und iPad füge AeThex LIVE zuerst zum Home-Bildschirm hinzu.
player-play = Stream abspielen
clip-live = Letzte 30 s clippen
clip-from-here = Ab hier clippen
clip-length = Cliplänge
clip-length-rule = Ein Clip ist 5 bis 60 Sekunden lang.
clip-of = Ein Clip von { $name }
clip-seconds = { $seconds } Sekunden
clip-download = Herunterladen
clip-not-live = Dieser Kanal ist nicht live, es gibt also nichts zu clippen.
clip-not-recorded = Dieser Server zeichnet keine Übertragungen auf, daher können sie nicht geclippt werden.
clip-too-early = Es ist noch nichts aufgezeichnet. Versuch es in ein paar Sekunden noch einmal.
not-found-clip = Unter dieser Adresse gibt es keinen Clip.
not-found-video = Unter dieser Adresse gibt es keine aufgezeichnete Übertragung.
channel-videos = Vergangene Übertragungen
channel-clips = Clips
channel-similar = Ähnliche Kanäle, jetzt live
video-ended = Ende der Übertragung.
dashboard-title = Creator-Dashboard
dashboard-offline = Offline
dashboard-view-channel = Kanal ansehen
dashboard-saved = Gespeichert.
dashboard-key-reset = Dein Streamschlüssel wurde zurückgesetzt. Trag den neuen in OBS ein.
dashboard-stream-info = Stream-Infos
dashboard-field-title = Titel
dashboard-field-category = Kategorie
dashboard-field-tags = Tags
dashboard-tags-hint = Trenne Tags mit Kommas.
dashboard-field-language = Sprache (ISO 639-1, z. B. de)
dashboard-save = Speichern
dashboard-stream-key = Streamschlüssel
dashboard-show-key = Streamschlüssel anzeigen
dashboard-key-warning = Jeder mit diesem Schlüssel kann auf deinem Kanal streamen. Zeig ihn nie im Stream.
dashboard-reset-key = Streamschlüssel zurücksetzen
dashboard-go-live = Mit OBS live gehen
dashboard-obs-custom = Mit jedem OBS (benutzerdefiniert)
dashboard-obs-step-1 = Öffne in OBS die Einstellungen, dann Stream, und wähle als Plattform „Benutzerdefiniert“.
dashboard-obs-step-2 = Server:
dashboard-obs-step-3 = Streamschlüssel: der Schlüssel oben.
dashboard-obs-step-4 = Klicke auf „Stream starten“.
dashboard-obs-plugin = Mit dem AeThex-OBS-Plugin
dashboard-obs-plugin-text = Installiere das Plugin, wähle Werkzeuge → AeThex: Log in und bestätige den angezeigten Code unter
dashboard-recent-followers = Neueste Follower
dashboard-no-followers = Noch keine Follower.
dashboard-alerts = Neueste Alerts
dashboard-no-alerts = Noch keine Alerts. Follows, Abos, Spenden und Raids erscheinen hier.
alert-follow = { $name } folgt dir jetzt
alert-subscription = { $name } hat mit Stufe { $tier } abonniert
alert-donation = { $name } hat { $amount } gespendet
alert-raid = { $count ->
    [one] { $name } hat dich mit { $count } Zuschauer geraidet
   *[other] { $name } hat dich mit { $count } Zuschauern geraidet
}
dashboard-moderators = Moderatoren
dashboard-moderators-hint = Moderatoren können in deinem Chat Nachrichten löschen, Timeouts vergeben und bannen.
dashboard-no-moderators = Noch keine Moderatoren.
dashboard-mod-login = Benutzername
dashboard-mod-add = Moderator hinzufügen
dashboard-mod-remove = { $name } entfernen
dashboard-no-such-user = Es gibt keinen Benutzer mit diesem Namen.
dashboard-mod-self = Deinen eigenen Chat moderierst du immer.
dashboard-blocked-terms = Blockierte Begriffe
dashboard-blocked-hint = Nachrichten mit einem blockierten Begriff, egal in welcher Groß- und Kleinschreibung, werden in deinem Chat nicht angezeigt (Moderatoren ausgenommen).
dashboard-no-blocked = Keine blockierten Begriffe.
dashboard-term = Begriff
dashboard-term-add = Begriff blockieren
dashboard-term-remove = { $name } freigeben
dashboard-webhooks = Webhooks
dashboard-webhooks-hint = Die Ereignisse deines Kanals, an deinen eigenen Server gesendet als EventSub-Benachrichtigungen, signiert mit deinem Secret (Header Twitch-Eventsub-Message-Signature). Ein neuer Webhook muss zuerst die Challenge beantworten, die wir ihm senden.
dashboard-no-webhooks = Noch keine Webhooks.
dashboard-webhook-type = Ereignis
dashboard-webhook-callback = Callback-URL (öffentlich, HTTPS)
dashboard-webhook-secret = Secret (10 bis 100 Buchstaben, Ziffern oder Symbole, keine Leerzeichen)
dashboard-webhook-add = Webhook hinzufügen
dashboard-webhook-delete = Webhook { $name } löschen
dashboard-webhook-added = Webhook hinzugefügt. Er startet, sobald sein Callback die Challenge beantwortet.
dashboard-webhook-deleted = Webhook gelöscht.
dashboard-raid = Kanal raiden
dashboard-raid-hint = Schick deine Zuschauer zu einem anderen Kanal: Sie werden dorthin weitergeleitet, und sein Chat kündigt deinen Raid an.
dashboard-raid-to = Kanal zum Raiden
dashboard-raid-start = Raid starten
dashboard-raided = Raid gesendet. Deine Zuschauer sind unterwegs.
embed-watch-on = { $name } auf AeThex LIVE ansehen
nav-dashboard = Dashboard
nav-main = Hauptnavigation
nav-browse = Durchsuchen
nav-search = Suche
search-title = Suche
search-label = Kanäle suchen
search-submit = Suchen
search-none = Kein Kanal passt zu „{ $query }“.
directory-title = Durchsuchen
directory-all = Alle Kategorien
settings-title = Einstellungen
settings-profile = Profil
settings-display-name = Anzeigename
settings-name-hint = Dein Benutzername, mit Großbuchstaben, wo du sie möchtest.
settings-name-rule = Ein Anzeigename besteht aus den Buchstaben deines Benutzernamens, in beliebiger Groß- und Kleinschreibung.
settings-about = Über deinen Kanal
settings-about-rule = Der Infotext hat höchstens 300 Zeichen und keine Steuerzeichen.
settings-notifications = Live-Benachrichtigungen
settings-no-notifications = Du erhältst keine Live-Benachrichtigungen. Aktiviere sie mit „Benachrichtigen“ auf einem Kanal, dem du folgst.
settings-notify-off = Ausschalten
settings-privacy = Datenschutz
settings-personalised = Personalisierte Empfehlungen
settings-personalised-hint = Empfiehlt dir Kanäle anhand dessen, was du dir ansiehst. Wenn du das ausschaltest, wird dein Wiedergabeverlauf beim nächsten Training aus dem Empfehlungssystem entfernt, und dir werden die Kanäle angezeigt, die in deiner Sprache beliebt sind.
nav-settings = Einstellungen
subscribe = Abonnieren
resubscribe = Abo verlängern
subscribe-tier = Abo-Stufe
tier-1 = Stufe 1
tier-2 = Stufe 2
tier-3 = Stufe 3
subscribed-until = Abonniert bis { $date }. Danke!
donate = Spenden
donate-amount = Betrag
donate-currency = Währung
donate-message = Nachricht (im Stream sichtbar)
donate-send = Spende senden
donate-thanks = Danke! Deine Spende wurde gesendet.
donate-amount-rule = Gib einen Betrag ein, z. B. 5 oder 4,99.
donate-currency-rule = Wähle eine Währung aus der Liste.

# Sprachauswahl, Zeitangaben, Dauer, Geldbeträge (Zahlen und Datumsangaben formatiert der Code je nach Sprache).
language = Sprache
language-change = Sprache ändern
language-unknown = Diese Sprache ist nicht verfügbar.
time-just-now = gerade eben
time-minutes-ago = { $count ->
    [one] vor { $count } Minute
   *[other] vor { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor { $count } Stunde
   *[other] vor { $count } Stunden
}
time-days-ago = { $count ->
    [one] vor { $count } Tag
   *[other] vor { $count } Tagen
}
duration-hours-minutes = { $hours } Std. { $minutes } Min.
duration-minutes = { $minutes } Min.
duration-seconds = { $seconds } Sek.
money = { $amount } { $currency }
channel-started = Gestartet { $time }
broadcast-length = Dauer: { $duration }
directory-language = Streamsprache
directory-all-languages = Alle Sprachen
directory-filter = Anzeigen

# Seiten zum Einloggen, Ausloggen, Verbinden von Geräten und für die OAuth-Zustimmung.
auth-error-title = Etwas stimmt nicht
auth-internal = Interner Fehler; er wurde protokolliert.
auth-cross-site = Dieses Formular wurde von einer anderen Website gesendet und deshalb abgelehnt.
auth-bad-form = Dieses Formular konnte nicht gelesen werden; sende es von seiner Seite aus.
login-title = Bei AeThex einloggen
login-field-login = Benutzername
login-field-password = Passwort
login-submit = Einloggen
login-expired = Das Formular ist abgelaufen oder stammt nicht von dieser Website; bitte logg dich erneut ein.
login-throttled = { $count ->
    [one] Zu viele fehlgeschlagene Versuche. Versuch es in { $count } Sekunde noch einmal.
   *[other] Zu viele fehlgeschlagene Versuche. Versuch es in { $count } Sekunden noch einmal.
}
login-wrong = Falscher Benutzername oder falsches Passwort.
logout-title = Ausgeloggt
logout-done = Du bist ausgeloggt.
logout-refused = Nicht eingeloggt, oder das Formular ist abgelaufen.
signed-in-as = Eingeloggt als { $login }.
scopes-none = Die App fordert keine zusätzlichen Berechtigungen an.
scopes-intro = Die App kann dann:
scope-channel-read = Die Einstellungen deines Kanals ansehen
scope-channel-manage = Deinen Kanal ändern: Titel, Kategorie, Moderatoren, Raids
scope-stream-key = Deinen Streamschlüssel ansehen und zurücksetzen
scope-chat-read = Den Chat lesen
scope-chat-edit = In deinem Namen Chatnachrichten senden
scope-moderator-manage = Chats moderieren, die du moderierst: löschen, Timeouts vergeben, bannen, Modi
scope-moderator-read-followers = Sehen, wer den Kanälen folgt, die du moderierst
scope-user-read = Die Details deines Kontos ansehen
scope-user-edit-follows = In deinem Namen Kanälen folgen und nicht mehr folgen
scope-user-edit-subscriptions = In deinem Namen Kanäle abonnieren
scope-channel-read-subscriptions = Deine Abonnenten sehen
scope-donations-read = Die Spenden sehen, die du erhalten hast
scope-donations-write = In deinem Namen spenden
scope-webhooks-manage = Die Ereignisse deines Kanals an andere Server senden
scope-analytics-read = Die Statistiken deines Kanals ansehen
device-title = Gerät verbinden
device-wants = { $app } möchte dein Konto nutzen.
device-unknown-code = Dieser Code ist unbekannt oder abgelaufen. Prüf dein Gerät.
device-code-label = Code auf deinem Gerät
device-allow = Erlauben
device-deny = Ablehnen
device-expired = Das Formular ist abgelaufen; lade die Seite neu und versuch es noch einmal.
device-connected-title = Gerät verbunden
device-connected = Du kannst jetzt zu deinem Gerät zurückkehren.
device-denied-title = Anfrage abgelehnt
device-denied = Das Gerät hat keinen Zugriff erhalten.
device-code-used = Dieser Code ist unbekannt, abgelaufen oder wurde schon verwendet. Prüf dein Gerät.
oauth-bad-redirect-url = Die Weiterleitungs-URI der App ist keine URL.
oauth-unknown-client = Unbekannte client_id: Diese App ist nicht registriert.
oauth-redirect-mismatch = Die redirect_uri stimmt mit keiner der für diese App registrierten genau überein.
consent-title = App autorisieren
consent-wants = { $app } möchte dein AeThex-Konto nutzen.
consent-approve = Autorisieren
consent-cancel = Abbrechen
consent-redirect = Du wirst zu { $url } weitergeleitet.
consent-log-in-first = Logg dich zuerst ein.
consent-expired = Das Formular ist abgelaufen; fang in der App noch einmal an.

# Overlay-Seiten für OBS-Browserquellen (Alerts im Stream).
overlay-follow = { $name } folgt jetzt!
overlay-subscribe = { $name } hat mit Stufe { $tier } abonniert!
overlay-donation = { $name } hat { $amount } gespendet!
overlay-raid = { $count ->
    [one] { $name } raidet mit { $count } Zuschauer!
   *[other] { $name } raidet mit { $count } Zuschauern!
}
overlay-token-missing = Häng #token=<dein AeThex-Token> an die Adresse dieser Seite an (das Fragment erreicht nie den Server).

# Einnahmen im Creator-Dashboard.
dashboard-revenue = Spenden der letzten 30 Tage
dashboard-revenue-none = Keine Spenden in den letzten 30 Tagen.
dashboard-revenue-count = { $count ->
    [one] { $count } Spende
   *[other] { $count } Spenden
}
dashboard-revenue-total = Summe: etwa { $amount }
dashboard-revenue-unconverted = Nicht in der Summe (kein Wechselkurs): { $currencies }
dashboard-revenue-rates = Umgerechnet mit den Referenzkursen der Europäischen Zentralbank (Stand: { $date }).
dashboard-revenue-no-rates = Auf diesem Server sind keine Wechselkurse geladen, daher wird jede Währung einzeln angezeigt.
dashboard-display-currency = Summe anzeigen in

# Die Stream-Zusammenfassung im Creator-Dashboard (/dashboard/analytics).
analytics-title = Stream-Zusammenfassung
analytics-link = Stream-Zusammenfassung
analytics-none = Noch kein Stream. Die Zahlen deiner ersten Übertragung erscheinen hier wenige Sekunden nach ihrem Ende.
analytics-live-note = Live: Diese Zahlen sind vorläufig und stehen wenige Sekunden nach dem Ende des Streams fest.
analytics-final = Endgültig
analytics-started = Gestartet am { $date }
analytics-length = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
analytics-average = Durchschnittliche Zuschauer
analytics-peak = Maximale Zuschauer
analytics-unique = Einzelne Zuschauer
analytics-watched = Angesehene Minuten
analytics-chatters = Chatter
analytics-messages = Chatnachrichten
analytics-followers = Neue Follower
analytics-subscriptions = Abos
analytics-engagement = Engagement (von 100)
analytics-viewers-chart = Zuschauer pro Minute
analytics-chat-chart = Chatnachrichten pro Minute
analytics-minute-viewers = Minute { $minute }: { $count ->
    [one] { $count } Zuschauer
   *[other] { $count } Zuschauer
}
analytics-minute-messages = Minute { $minute }: { $count ->
    [one] { $count } Nachricht
   *[other] { $count } Nachrichten
}
analytics-top-moments = Die aktivsten Chatmomente
analytics-retention = Zuschauerbindung
analytics-retention-row = Nach { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}: { $percent }
analytics-funnel = Vom Zuschauer zum Abonnenten
analytics-funnel-viewers = Zuschauer
analytics-funnel-chatters = Gechattet
analytics-funnel-followers = Gefolgt
analytics-funnel-subscribers = Abonniert
analytics-donations = Spenden
analytics-no-donations = Keine Spenden während dieses Streams.
analytics-raids = { $count ->
    [one] { $count } Raid brachte { $viewers } Zuschauer
   *[other] { $count } Raids brachten { $viewers } Zuschauer
}
analytics-clips = { $count ->
    [one] { $count } Clip
   *[other] { $count } Clips
}
analytics-sources = Zugriffsquellen
analytics-devices = Geräte
analytics-countries = Länder
analytics-hidden = { $count ->
    [one] { $count } Zuschauer in Gruppen unter 5, nicht angezeigt
   *[other] { $count } Zuschauer in Gruppen unter 5, nicht angezeigt
}
analytics-empty-breakdown = Noch hat keine Gruppe 5 Zuschauer.
analytics-privacy = Ohne Cookies gezählt; Zuschauer, die nicht getrackt werden möchten (Do Not Track, Global Privacy Control), werden nicht mitgezählt.
source-following = Folge ich
source-directory = Durchsuchen
source-search = Suche
source-recommendations = Empfehlungen
source-raid = Raids
source-push = Benachrichtigungen
source-discord = Discord
source-embed = Eingebetteter Player
source-external = Andere Websites
source-direct = Direktaufruf
device-phone = Smartphone
device-tablet = Tablet
device-desktop = Computer
device-tv = Fernseher
device-app = App oder Player
country-unknown = Unbekannt
analytics-percent = { $value } %
platform-title = Plattform-Analysen
platform-link = Plattform-Analysen
platform-date = Stand: { $date } (UTC)
platform-dau = Heute aktiv
platform-wau = Diese Woche aktiv
platform-mau = In 30 Tagen aktiv
platform-stickiness = Stickiness (heute ÷ 30 Tage)
platform-new = Neue Zuschauer in 30 Tagen
platform-churn = Abwanderung (in den 30 Tagen davor aktiv, seitdem nicht)
platform-dau-chart = Aktive Zuschauer pro Tag, 30 Tage
platform-day-viewers = { $date }: { $count ->
    [one] { $count } Zuschauer
   *[other] { $count } Zuschauer
}
platform-cohorts = Wöchentliche Bindungskohorten
platform-cohort-week = Erster Besuch, Woche ab
platform-cohort-size = Zuschauer
platform-cohort-after = Woche { $week }
platform-revenue = Einnahmen (Spenden)
platform-currency = Währung
platform-revenue-day = Heute
platform-revenue-week = 7 Tage
platform-revenue-month = 30 Tage
platform-arpu = Pro aktivem Zuschauer
platform-no-revenue = Keine Spenden in 30 Tagen.
platform-by-region = Einnahmen nach Region, 30 Tage
platform-by-tier = Einnahmen nach Kanalgröße, 30 Tage
tier-small = Klein (unter 100 Follower)
tier-growing = Wachsend (unter 1.000)
tier-established = Etabliert (unter 10.000)
tier-top = Top (10.000 oder mehr)
platform-creators = Streamer
platform-creators-active = In 30 Tagen gestreamt
platform-creators-new = Erster Stream in 30 Tagen
platform-creators-live = Jetzt live
platform-categories = Kategorien nach angesehenen Minuten, 30 Tage
platform-no-category = Keine Kategorie
platform-category-row = { $category }: { $minutes } angesehene Minuten, { $growth }
platform-growth-new = neu
platform-no-categories = Kein Stream in 30 Tagen beendet.
platform-countries = Zuschauer nach Land, 30 Tage
platform-live = Jetzt live, stärkstes Wachstum zuerst
platform-live-row = { $viewers } Zuschauer, { $recent } in den letzten 10 Minuten ({ $growth })
platform-no-live = Niemand ist live.
platform-health = Systemzustand
platform-uptime = Läuft seit { $duration }
platform-requests = Anfragen
platform-errors = Serverfehler
platform-latency = Latenz p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Route
platform-live-streams = Eingehende Streams
platform-chat-rate = Chatnachrichten in der letzten Minute
platform-webhook-backlog = Wartende Zustellungen
platform-dropped = Verworfene Analysezeilen
platform-recs = Empfehlungen, 7 Tage
platform-recs-model = Modell { $version }, trainiert am { $date } mit { $viewers } Zuschauern und { $channels } Kanälen in { $ms } ms
platform-recs-no-model = Noch kein Modell trainiert.
platform-recs-none = Noch keine Empfehlungen angezeigt.
platform-recs-variant = Variante
platform-recs-impressions = Angezeigt
platform-recs-clicks = Angeklickt
platform-recs-ctr = Klickrate
platform-recs-watch = Angesehene Minuten pro Klick
platform-privacy = Zuschauer werden per Pseudonym gezählt (ein eingeloggtes Konto oder ein Browser); Länder mit weniger als 5 Zuschauern werden nicht angezeigt.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Kanal-Analysen
channel-analytics-link = Kanal-Analysen
channel-analytics-from = Von
channel-analytics-to = Bis
channel-analytics-show = Anzeigen
channel-analytics-range = { $from } bis { $to }
channel-analytics-last-days = { $count ->
    [one] Heute
   *[other] Letzte { $count } Tage
}
channel-analytics-growth = { $percent } gegenüber dem Zeitraum davor
channel-analytics-live-minutes = Minuten live
channel-analytics-unique-chart = Einzelne Zuschauer pro Tag
channel-analytics-watched-chart = Angesehene Minuten pro Tag
channel-analytics-chat-chart = Chatnachrichten pro Tag
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Tag für Tag
channel-analytics-day = Tag
channel-analytics-no-donations = Keine Spenden in diesem Zeitraum.
channel-analytics-bad-date = Datumsangaben sind Tage im Format 2026-11-30. Stattdessen werden die letzten 28 Tage angezeigt.
channel-analytics-future = Der Zeitraum darf nicht nach heute enden. Stattdessen werden die letzten 28 Tage angezeigt.
channel-analytics-bad-range = Der Anfang darf nicht nach dem Ende liegen, und beide dürfen höchstens { $days } Tage auseinanderliegen. Stattdessen werden die letzten 28 Tage angezeigt.

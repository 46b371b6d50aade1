# Die eingebauten Antworten des Chatbots auf Deutsch. $(user) ist die eigene
# Variable des Bots (der Name der Person im Chat) und bleibt in jeder Sprache unverändert.

# Punkte
points-balance = { $user } hat { $points } { $name } und hat insgesamt { $watched } zugeschaut.
points-gave = @{ $who } hat { $amount } { $name } an { $to } gegeben.
points-too-few = @{ $who } -> du hast keine { $amount } { $name }.
points-give-usage = @{ $who } -> Verwendung: !give <Name> <Anzahl> (eine positive Zahl, an jemand anderen)
points-nobody = Noch hat niemand { $name }.
points-top = Top { $name }: { $list }
# Der Name der Punkte, wenn die Konfiguration keinen festlegt, in der Form für { $count }.
points-unit = { $count ->
    [one] Punkt
   *[other] Punkte
}

# Zeitspannen („2 Tage 3 Stunden“), durch Leerzeichen getrennt
span-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
span-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
span-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
span-seconds = { $count ->
    [one] { $count } Sekunde
   *[other] { $count } Sekunden
}

# Verlosungen
giveaway-started-keyword = Eine Verlosung hat begonnen! Schreib { $keyword } oder !giveaway enter, um mitzumachen.
giveaway-started = Eine Verlosung hat begonnen! Schreib !giveaway enter, um mitzumachen.
giveaway-winner = Gewonnen hat @{ $winner } (Teilnahmen: { $count })! Herzlichen Glückwunsch!
giveaway-nobody = Niemand hat an der Verlosung teilgenommen.
giveaway-entered = @{ $who } -> du bist dabei!
giveaway-already = @{ $who } -> du bist schon dabei.
giveaway-closed = @{ $who } -> gerade läuft keine Verlosung.
giveaway-full = @{ $who } -> die Verlosung ist voll.
giveaway-usage-mod = @{ $who } -> Verwendung: !giveaway start [Stichwort] | enter | draw
giveaway-usage = @{ $who } -> Verwendung: !giveaway enter

# Zitate
quote-added = Zitat #{ $number } hinzugefügt.
quote-deleted = Zitat #{ $number } gelöscht.
quote-missing = Es gibt kein Zitat #{ $number }.
quote-mods-only = @{ $who } -> nur Moderatoren können Zitate ändern.
quote-none = Noch keine Zitate; Moderatoren fügen sie mit !quote add <Text> hinzu.
quote-usage = @{ $who } -> Verwendung: !quote [Nummer] | add <Text> | delete <Nummer>
quote-add-usage = @{ $who } -> Verwendung: !quote add <Text, bis zu 300 Zeichen>
quote-delete-usage = @{ $who } -> Verwendung: !quote delete <Nummer>

# Songwünsche
songs-level = @{ $who } -> Songwünsche gibt es nur ab { $level ->
    [subscriber] Abonnenten
    [regular] Stammzuschauern
    [vip] VIPs
    [moderator] Moderatoren
    [owner] dem Streamer
   *[other] { $level }
} aufwärts.
songs-usage = @{ $who } -> Verwendung: !sr <YouTube- oder SoundCloud-Link oder Suchbegriffe>
songs-bad-youtube-id = @{ $who } -> dieser YouTube-Link hat keine gültige Video-ID.
songs-no-youtube-video = @{ $who } -> in diesem YouTube-Link steckt kein Video.
songs-not-soundcloud-track = @{ $who } -> dieser SoundCloud-Link ist kein Track.
songs-only-youtube-soundcloud = @{ $who } -> es können nur YouTube- und SoundCloud-Links gewünscht werden.
songs-full = @{ $who } -> die Warteschlange ist voll (maximal { $count }).
songs-yours-full = @{ $who } -> du hast schon die maximale Anzahl an Songs in der Warteschlange ({ $count }).
songs-duplicate = @{ $who } -> dieser Song ist schon in der Warteschlange.
songs-added = @{ $who } -> „{ $title }“ ist jetzt auf Platz #{ $position } der Warteschlange.
songs-empty = Die Warteschlange ist leer.
songs-list = { $count ->
    [one] { $count } Song: { $list }
   *[other] { $count } Songs: { $list }
}
songs-now = Läuft gerade: { $title } (gewünscht von { $user })
songs-nothing = Gerade läuft nichts.
songs-skipped = Übersprungen. Läuft gerade: { $title }
songs-skipped-empty = Übersprungen. Die Warteschlange ist leer.
songs-removed = @{ $who } -> „{ $title }“ wurde aus der Warteschlange entfernt.
songs-none-yours = @{ $who } -> du hast keine Songs in der Warteschlange.

# Moderation
permit = @{ $user } -> du darfst in den nächsten 60 Sekunden einen Link posten.
permit-usage = @{ $who } -> Verwendung: !permit <Name>
regular-added = @{ $who } -> { $user } gehört jetzt zu den Stammzuschauern.
regular-removed = @{ $who } -> { $user } gehört nicht mehr zu den Stammzuschauern.
regulars-usage = @{ $who } -> Verwendung: !regulars add|remove <Name>

# !Befehle
command-added = @{ $who } -> Der Befehl „{ $name }“ wurde erfolgreich hinzugefügt.
command-edited = @{ $who } -> Der Befehl „{ $name }“ wurde erfolgreich bearbeitet.
command-deleted = @{ $who } -> Der Befehl „{ $name }“ wurde erfolgreich gelöscht.
command-refused = @{ $who } -> { $reason }

# Warnungen der Spamfilter (Standardtexte; eine Konfiguration kann eigene festlegen)
filter-links = $(user) -> bitte frag, bevor du Links postest.
filter-caps = $(user) -> bitte nicht so viele Großbuchstaben.
filter-symbols = $(user) -> zu viele Sonderzeichen.
filter-repetitions = $(user) -> bitte wiederhol dich nicht.
filter-emotes = $(user) -> zu viele Emotes.
filter-blacklist = $(user) -> dieser Ausdruck ist hier nicht erlaubt.

# Eigene Befehle verwalten (!commands add|edit|delete, !addcom, !editcom,
# !delcom). Die Syntax (add, edit, delete, -ul=, -cd=, -a=, die Namen der
# Benutzerlevel) ist in jeder Sprache gleich: bitte unverändert lassen.
manage-added = Der Befehl „{ $name }“ wurde erfolgreich hinzugefügt.
manage-edited = Der Befehl „{ $name }“ wurde erfolgreich bearbeitet.
manage-deleted = Der Befehl „{ $name }“ wurde erfolgreich gelöscht.
manage-mods-only = nur Moderatoren können Befehle verwalten
manage-exists = { $name } gibt es schon; verwende !commands edit
manage-missing = { $name } gibt es nicht
manage-alias-loop = { $chain } würde im Kreis zurück zu { $name } führen
manage-alias-depth = Alias-Ketten sind auf { $max } begrenzt
manage-not-a-name = „{ $name }“ ist kein Befehlsname
manage-unknown-action = unbekannte Aktion „{ $action }“: verwende add, edit oder delete
manage-usage = Verwendung: !commands add|edit|delete !name [-ul=Level] [-cd=Sekunden] [-a=!anderer] Antwort
manage-which = welcher Befehl? z. B. !commands add !discord Komm zu uns auf …
manage-unknown-level = unbekanntes Benutzerlevel „{ $level }“: verwende owner, moderator, vip, regular, subscriber oder everyone
manage-cooldown-not-a-number = die Abklingzeit „{ $value }“ ist keine Sekundenzahl
manage-cooldown-range = die Abklingzeit muss zwischen { $min } und { $max } Sekunden liegen
manage-unknown-flag = unbekannte Option „{ $flag }“: verwende -ul=, -cd= oder -a=
manage-too-long = die Antwort ist länger als { $max } Zeichen
manage-self-alias = { $name } kann kein Alias von sich selbst sein
manage-needs-response = { $name } braucht eine Antwort
manage-nothing-to-change = an { $name } gibt es nichts zu ändern
manage-delete-extra = delete braucht nur den Befehlsnamen

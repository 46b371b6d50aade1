# Die Slash-Befehle und Antworten des Discord-Bots auf Deutsch. Discord zeigt
# sie in der Client-Sprache des Mitglieds (Lokalisierung von Namen und
# Beschreibungen, und die Sprache der Interaktion für Antworten). Markdown
# (**fett**, `Code`) und Discord-Erwähnungen (<#Kanal>, <@&Rolle>) bleiben, wie sie sind.
# Anrede mit „du“, wie bei Discord und Twitch auf Deutsch.

# Namen der Slash-Befehle (kleingeschrieben, ohne Leerzeichen: Discords Regel) und Beschreibungen.
cmd-notify-name = benachrichtigen
cmd-notify = Live-Benachrichtigungen für einen AeThex-Kanal
cmd-notify-add = Einen AeThex-Kanal hier ankündigen
cmd-notify-remove = Nicht mehr ankündigen
cmd-notify-list = Ankündigungen auf diesem Server
cmd-stream-name = stream
cmd-stream = Ist der Stream live? Titel, Zuschauer, Laufzeit
cmd-link-name = verknüpfen
cmd-link = Dein AeThex-Konto verknüpfen (für Abonnenten-Rollen)
cmd-roles-name = rollen
cmd-roles = Abonnenten-Rollen für verknüpfte Mitglieder
cmd-bridge-name = brücke
cmd-bridge = Einen AeThex-Chatraum und einen Discord-Kanal gegenseitig spiegeln
cmd-bridge-set = Einen Kanal verbinden
cmd-bridge-off = Die Brücke dieses Servers entfernen
opt-login = Benutzername des AeThex-Kanals
opt-where = Wo angekündigt wird
opt-role = Rolle, die gepingt wird
opt-announcement-channel = Der Ankündigungskanal
opt-discord-channel = Der Discord-Kanal
opt-subscriber = Alle Abonnenten
opt-tier = Zusätzliche Rolle für Stufe { $tier }
opt-language = Sprache der Ankündigungen (Standard: die Sprache dieses Servers)

# Antworten
unknown-command = /{ $name } kenne ich nicht.
pick-channel = Wähle einen Discord-Kanal.
not-a-login = „{ $login }“ ist kein AeThex-Kanalname.
admins-only = Das dürfen nur Mitglieder mit der Berechtigung „Server verwalten“, und nur auf einem Server.
went-wrong = Bei mir ist etwas schiefgelaufen; versuch es noch einmal.
no-such-channel = Es gibt keinen AeThex-Kanal „{ $login }“.
aethex-down = AeThex antwortet gerade nicht ({ $error }).
aethex-down-retry = AeThex antwortet gerade nicht ({ $error }); versuch es noch einmal.
notify-added = Ich kündige in <#{ $channel }> an, wenn **{ $login }** live geht.
notify-removed = **{ $login }** wird in <#{ $channel }> nicht mehr angekündigt.
notify-missing = **{ $login }** wurde in <#{ $channel }> nicht angekündigt.
notify-none = Noch keine Ankündigungen: { $command }.
notify-pings = (pingt <@&{ $role }>)
notify-updated = Ich habe die Ankündigung von **{ $login }** in <#{ $channel }> aktualisiert.
no-such-language = „{ $language }“ spreche ich nicht; wähle eine aus der Liste.

# Live-Ankündigungen, in der mit /notify add gewählten Sprache (sonst in der
# bevorzugten Sprache des Servers), und der Hinweis an den Admin, wenn eine fehlschlägt.
announce-live = **{ $name }** ist live!
announce-was-live = **{ $name }** war live.
embed-untitled = { $name } ist live
embed-streaming = { $name } streamt auf AeThex LIVE.
embed-category = Kategorie
embed-tags = Tags
embed-ended = Der Stream endete nach { $duration }.
embed-ran-for = Laufzeit
role-deleted = Eine Abonnenten-Rolle, die ich verwalte (ID { $role }), wurde vom Server gelöscht; wähle die Rollen mit { $command } neu aus.
role-problem = Ich konnte die Abonnenten-Rolle <@&{ $role }> weder vergeben noch entfernen. Ich brauche die Berechtigung „Rollen verwalten“, und meine eigene Rolle muss unter „Servereinstellungen → Rollen“ über ihr stehen.
announce-no-permission = Ich konnte die Live-Ankündigung für **{ $login }** in <#{ $channel }> nicht posten: Laut Discord fehlt mir dort eine Berechtigung. Gib mir in diesem Kanal „Kanal ansehen“, „Nachrichten senden“ und „Links einbetten“ (und „@everyone, @here und alle Rollen erwähnen“, wenn die Ankündigung eine Rolle pingt).
bridge-set = <#{ $channel }> und der Chat von **{ $login }** spiegeln sich jetzt gegenseitig.
bridge-off = Die Chat-Brücke ist aus.
bridge-none = Es gab keine Brücke.
roles-off = Die Abonnenten-Rollen sind aus.
roles-set = Verknüpfte Abonnenten von **{ $login }** bekommen jetzt ihre Rollen.
link-down = AeThex antwortet gerade nicht; versuch { $command } in einer Minute noch einmal.
link-open = { $minutes ->
    [one] Um dein AeThex-Konto zu verknüpfen, öffne { $url } und gib den Code **{ $code }** ein (gültig für { $minutes } Minute).
   *[other] Um dein AeThex-Konto zu verknüpfen, öffne { $url } und gib den Code **{ $code }** ein (gültig für { $minutes } Minuten).
}
link-done = Mit dem AeThex-Konto **{ $login }** verknüpft.
link-failed-here = Die Verknüpfung ist bei mir fehlgeschlagen; versuch { $command } noch einmal.
link-declined = Du hast die Verknüpfung abgelehnt; nichts hat sich geändert.
link-expired = Der Code ist abgelaufen; führ { $command } noch einmal aus.
link-failed = Verknüpfung fehlgeschlagen: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** ist live: { $title } — { $viewers } Zuschauer, Laufzeit { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** ist live: { $title } — { $viewers } Zuschauer, Laufzeit { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** ist offline. Letzter Titel: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Nach jedem Stream auch die Stream-Zusammenfassung hier posten (nur dein eigener Kanal)
notify-summary-on = Nach jedem Stream poste ich hier auch seine Zusammenfassung.
notify-summary-owner = Ich kann nur die Zusammenfassungen von **{ $owner }** posten, auf dessen AeThex-Konto dieser Bot läuft: Eine Stream-Zusammenfassung enthält die eigenen Statistiken des Streamers.
notify-list-summary = (mit Zusammenfassung)
summary-content = Stream-Zusammenfassung für **{ $name }**
summary-title = Stream-Zusammenfassung: { $title }
summary-description = { $name } hat { $duration } lang gestreamt.
summary-average = Durchschnittliche Zuschauer
summary-peak = Maximale Zuschauer
summary-unique = Einzelne Zuschauer
summary-chatters = Chatter
summary-messages = Chatnachrichten
summary-followers = Neue Follower
summary-busiest = Aktivster Chatmoment
summary-moment = { $messages ->
    [one] Bei { $at }: { $messages } Nachricht in einer Minute
   *[other] Bei { $at }: { $messages } Nachrichten in einer Minute
}
summary-no-access = Ich konnte die Stream-Zusammenfassung für **{ $login }** nicht posten: Das AeThex-Token des Bots darf die Statistiken dieses Kanals nicht lesen. Melde den Bot mit der Berechtigung `analytics:read` neu an.

# I comandi slash e le risposte del bot Discord in italiano. Discord li mostra
# nella lingua del client del membro (localizzazione di nomi e descrizioni, e la
# lingua dell’interazione per le risposte). Il Markdown (**grassetto**, `codice`)
# e le menzioni di Discord (<#canale>, <@&ruolo>) restano come sono.
# Registro informale (tu) e «diretta» per live, come nel catalogo web.

# Nomi dei comandi slash (minuscoli, senza spazi: regola di Discord) e descrizioni.
cmd-notify-name = avvisi
cmd-notify = Avvisi di diretta per un canale AeThex
cmd-notify-add = Annuncia qui un canale AeThex
cmd-notify-remove = Smetti di annunciare
cmd-notify-list = Annunci in questo server
cmd-stream-name = diretta
cmd-stream = È in diretta? Titolo, spettatori, durata
cmd-link-name = collega
cmd-link = Collega il tuo account AeThex (per i ruoli da abbonato)
cmd-roles-name = ruoli
cmd-roles = Ruoli da abbonato per i membri collegati
cmd-bridge-name = ponte
cmd-bridge = Rispecchia a vicenda una chat AeThex e un canale Discord
cmd-bridge-set = Crea un ponte con un canale
cmd-bridge-off = Rimuovi il ponte di questo server
opt-login = Nome utente del canale AeThex
opt-where = Dove annunciare
opt-role = Ruolo da menzionare
opt-announcement-channel = Il canale degli annunci
opt-discord-channel = Il canale Discord
opt-subscriber = Tutti gli abbonati
opt-tier = Ruolo extra per il Livello { $tier }

# Risposte
unknown-command = Non conosco /{ $name }.
pick-channel = Scegli un canale Discord.
not-a-login = «{ $login }» non è il nome di un canale AeThex.
admins-only = Solo chi ha il permesso «Gestisci server» può farlo, e solo all’interno di un server.
went-wrong = Qualcosa è andato storto da parte mia; riprova.
no-such-channel = Non esiste nessun canale AeThex «{ $login }».
aethex-down = AeThex non risponde in questo momento ({ $error }).
notify-added = Annuncerò il canale **{ $login }** in <#{ $channel }> quando andrà in diretta.
notify-exists = Il canale **{ $login }** è già annunciato in <#{ $channel }>.
notify-removed = Il canale **{ $login }** non viene più annunciato in <#{ $channel }>.
notify-missing = Il canale **{ $login }** non era annunciato in <#{ $channel }>.
notify-none = Ancora nessun annuncio: `/notify add`.
notify-pings = (menziona <@&{ $role }>)
bridge-set = <#{ $channel }> e la chat di **{ $login }** ora si rispecchiano a vicenda.
bridge-off = Il ponte della chat è disattivato.
bridge-none = Non c’era nessun ponte.
roles-off = I ruoli da abbonato sono disattivati.
roles-set = Gli abbonati collegati di **{ $login }** ora ricevono i loro ruoli.
link-down = AeThex non risponde in questo momento; riprova /link tra un minuto.
link-open = { $minutes ->
    [one] Per collegare il tuo account AeThex, apri { $url } e inserisci il codice **{ $code }** (valido per { $minutes } minuto).
   *[other] Per collegare il tuo account AeThex, apri { $url } e inserisci il codice **{ $code }** (valido per { $minutes } minuti).
}
link-done = Collegato all’account AeThex **{ $login }**.
link-failed-here = Il collegamento non è riuscito da parte mia; riprova /link.
link-declined = Hai rifiutato il collegamento; non è cambiato nulla.
link-expired = Il codice è scaduto; esegui di nuovo /link.
link-failed = Collegamento non riuscito: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** è in diretta: { $title } — { $viewers } spettatore, in onda da { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** è in diretta: { $title } — { $viewers } spettatori, in onda da { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** è offline. Ultimo titolo: { $title }

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
opt-language = Lingua degli annunci (predefinita: la lingua di questo server)

# Risposte
unknown-command = Non conosco /{ $name }.
pick-channel = Scegli un canale Discord.
not-a-login = «{ $login }» non è il nome di un canale AeThex.
admins-only = Solo chi ha il permesso «Gestisci server» può farlo, e solo all’interno di un server.
went-wrong = Qualcosa è andato storto da parte mia; riprova.
no-such-channel = Non esiste nessun canale AeThex «{ $login }».
aethex-down = AeThex non risponde in questo momento ({ $error }).
aethex-down-retry = AeThex non risponde in questo momento ({ $error }); riprova.
notify-added = Annuncerò il canale **{ $login }** in <#{ $channel }> quando andrà in diretta.
notify-removed = Il canale **{ $login }** non viene più annunciato in <#{ $channel }>.
notify-missing = Il canale **{ $login }** non era annunciato in <#{ $channel }>.
notify-none = Ancora nessun annuncio: { $command }.
notify-pings = (menziona <@&{ $role }>)
notify-updated = Ho aggiornato l’annuncio del canale **{ $login }** in <#{ $channel }>.
no-such-language = Non parlo «{ $language }»; scegline una dall’elenco.

# Annunci di diretta, nella lingua scelta con /notify add (altrimenti nella lingua
# preferita del server), e l’avviso all’amministratore quando uno non va a buon fine.
announce-live = **{ $name }** è in diretta!
announce-was-live = **{ $name }** era in diretta.
embed-untitled = { $name } è in diretta
embed-streaming = { $name } è in diretta su AeThex LIVE.
embed-category = Categoria
embed-tags = Tag
embed-ended = La diretta è terminata dopo { $duration }.
embed-ran-for = Durata
role-deleted = Un ruolo da abbonato che gestisco (ID { $role }) è stato eliminato dal server; scegli di nuovo i ruoli con { $command }.
role-problem = Non è stato possibile assegnare né togliere il ruolo da abbonato <@&{ $role }>. Mi serve il permesso «Gestisci ruoli», e il mio ruolo deve trovarsi sopra di esso in «Impostazioni server → Ruoli».
announce-no-permission = Non ho potuto pubblicare l’annuncio di diretta del canale **{ $login }** in <#{ $channel }>: secondo Discord lì mi manca un permesso. Dammi «Visualizza canale», «Invia messaggi» e «Incorpora link» in quel canale (e «Menziona @everyone, @here e tutti i ruoli» se l’annuncio menziona un ruolo).
bridge-set = <#{ $channel }> e la chat di **{ $login }** ora si rispecchiano a vicenda.
bridge-off = Il ponte della chat è disattivato.
bridge-none = Non c’era nessun ponte.
roles-off = I ruoli da abbonato sono disattivati.
roles-set = Gli abbonati collegati di **{ $login }** ora ricevono i loro ruoli.
link-down = AeThex non risponde in questo momento; riprova { $command } tra un minuto.
link-open = { $minutes ->
    [one] Per collegare il tuo account AeThex, apri { $url } e inserisci il codice **{ $code }** (valido per { $minutes } minuto).
   *[other] Per collegare il tuo account AeThex, apri { $url } e inserisci il codice **{ $code }** (valido per { $minutes } minuti).
}
link-done = Collegato all’account AeThex **{ $login }**.
link-failed-here = Il collegamento non è riuscito da parte mia; riprova { $command }.
link-declined = Hai rifiutato il collegamento; non è cambiato nulla.
link-expired = Il codice è scaduto; esegui di nuovo { $command }.
link-failed = Collegamento non riuscito: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** è in diretta: { $title } — { $viewers } spettatore, in onda da { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** è in diretta: { $title } — { $viewers } spettatori, in onda da { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** è offline. Ultimo titolo: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Pubblica qui anche il riepilogo di ogni diretta quando finisce (solo il tuo canale)
notify-summary-on = Dopo ogni diretta pubblicherò qui anche il suo riepilogo.
notify-summary-owner = Posso pubblicare solo i riepiloghi del canale **{ $owner }**, l’account AeThex con cui funziona questo bot: il riepilogo di una diretta fa parte delle statistiche personali di chi l’ha trasmessa.
notify-list-summary = (con riepilogo)
summary-content = Riepilogo della diretta di **{ $name }**
summary-title = Riepilogo della diretta: { $title }
summary-description = La diretta di { $name } è durata { $duration }.
summary-average = Spettatori medi
summary-peak = Picco di spettatori
summary-unique = Spettatori unici
summary-chatters = Partecipanti alla chat
summary-messages = Messaggi in chat
summary-followers = Nuovi follower
summary-busiest = Il momento più vivace della chat
summary-moment = { $messages ->
    [one] A { $at }: { $messages } messaggio in un minuto
   *[other] A { $at }: { $messages } messaggi in un minuto
}
summary-no-access = Non ho potuto pubblicare il riepilogo della diretta del canale **{ $login }**: il token AeThex del bot non può leggere le statistiche di quel canale. Accedi di nuovo con il bot concedendo l’autorizzazione `analytics:read`.

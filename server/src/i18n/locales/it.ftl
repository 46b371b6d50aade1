# Messaggi dell’app web in italiano (it). Ogni testo mostrato da una pagina viene da qui.
# I termini seguono le grandi piattaforme di streaming (Twitch in italiano): segui, abbonati, raid, clip, chat.
# Registro informale (tu), come su Twitch; «diretta» per live, il badge resta LIVE come su Twitch.

site-name = AeThex LIVE
site-description = Guarda le dirette, chatta con le community e segui i creator che ti piacciono.
skip-to-content = Vai al contenuto
nav-account = Account
nav-log-in = Accedi
nav-log-out = Esci
footer-api = Riferimento API
footer-activate = Collega un dispositivo
footer-licences = Licenze
back-home = Torna alla pagina iniziale

live = LIVE
untitled = Trasmissione senza titolo
viewers = { $count ->
    [one] { $count } spettatore
   *[other] { $count } spettatori
}

home-title = In diretta
home-live-now = In diretta ora
home-nobody-live = Al momento nessuno è in diretta. Torna a trovarci presto.
home-categories = Categorie
home-recommended = Consigliati per te

channel-description = { $name } trasmette su AeThex LIVE.
channel-offline = { $name } è offline.
channel-last-broadcast = Ultima trasmissione:

player-label = Video in diretta di { $name }
player-offline = La diretta è terminata.
player-error = Impossibile riprodurre il video. Ricarica la pagina per riprovare.
player-quality = Qualità
player-auto = Automatica

chat-title = Chat
chat-connecting = Connessione alla chat…
chat-reconnecting = Chat disconnessa. Riconnessione in corso…
chat-deleted = (messaggio eliminato da un moderatore)
chat-cleared = La chat è stata cancellata da un moderatore.
chat-log-in = Accedi per chattare
chat-mod-delete = Elimina messaggio
chat-mod-timeout = Sospendi per 10 minuti
chat-mod-ban = Escludi dalla chat
chat-raiding = Questo canale sta facendo un raid su { $name }. Ti stiamo portando lì…
chat-raid-stay = Resta qui
chat-report = Segnala messaggio
chat-reported = Segnalazione inviata. Grazie.
chat-report-failed = Impossibile segnalare questo messaggio.
chat-held = AutoMod ha trattenuto un messaggio di { $name }:
chat-allow = Consenti
chat-deny = Rifiuta
chat-held-approved = Consentito.
chat-held-denied = Rifiutato.
chat-held-expired = Scaduto.
mod-link = Coda di moderazione
mod-title = Moderazione: { $name }
mod-held = Messaggi trattenuti da AutoMod
mod-held-none = Nessun messaggio in attesa di revisione.
mod-reports = Messaggi segnalati
mod-reports-none = Nessuna segnalazione da esaminare.
mod-reports-count = { $count ->
    [one] { $count } segnalazione
   *[other] { $count } segnalazioni
}
mod-hidden = nascosto fino alla revisione
mod-remove = Rimuovi
mod-dismiss = Ignora le segnalazioni
mod-settings = AutoMod e segnalazioni
mod-level = Livello di AutoMod (0 lo disattiva, 4 è il più severo)
mod-threshold = Segnalazioni che nascondono un messaggio finché un moderatore non lo esamina (0: mai)
mod-save = Salva
mod-saved = Salvato.
mod-bad-settings = Scegli un livello da 0 a 4 e un numero di segnalazioni da 0 a 100.
mod-already-resolved = Un altro moderatore ha già gestito quel messaggio, oppure è scaduto.
mod-not-moderator = Solo i moderatori di questo canale possono vedere la sua coda di moderazione.

not-found-title = Pagina non trovata
not-found-page = Non c’è niente a questo indirizzo.
not-found-channel = Non esiste nessun canale con questo nome.
error-internal-title = Qualcosa è andato storto
error-internal = Qualcosa è andato storto da parte nostra. L’errore è stato registrato; riprova.

nav-sign-up = Registrati
form-cross-site = Questo modulo è stato inviato da un altro sito, quindi è stato rifiutato.
form-expired = Il modulo è scaduto o non proviene da questo sito. Riprova.
signup-title = Crea il tuo account
signup-closed = Su questo server le registrazioni sono chiuse. Chiedi un account a chi lo gestisce.
signup-login = Nome utente
signup-login-hint = Da 3 a 25 caratteri: lettere minuscole, cifre e _. È anche l’indirizzo del tuo canale.
signup-login-rules = I nomi utente hanno da 3 a 25 caratteri: lettere minuscole, cifre e _.
signup-login-reserved = Questo nome è riservato. Scegline un altro.
signup-login-taken = Questo nome utente è già in uso. Scegline un altro.
signup-password = Password
signup-password-hint = Almeno 8 caratteri.
signup-password-again = Ripeti la password
signup-password-length = Le password hanno da 8 a 256 caratteri.
signup-password-is-login = La password non può essere uguale al tuo nome utente.
signup-password-mismatch = Le due password non corrispondono.
signup-invite = Codice di invito
signup-invite-missing = Su questo server ci si registra solo su invito: inserisci il tuo codice di invito.
signup-invite-invalid = Questo codice di invito è sconosciuto, scaduto o già usato.
signup-submit = Registrati
signup-pow-working = Verifica del browser in corso… (un attimo)
signup-pow-failed = Il browser non ha superato la verifica. Invia di nuovo il modulo.
signup-too-many = Di recente sono stati creati troppi account da qui. Riprova più tardi.
signup-needs-script = Questo modulo richiede JavaScript: verifica il browser al posto di un CAPTCHA.
signup-have-account = Hai già un account?
error-title = Qualcosa non va
follow = Segui
unfollow = Smetti di seguire
following = Canali seguiti
follow-own-channel = Non puoi seguire il tuo canale.
home-following = Canali seguiti
home-following-offline = Offline
chat-placeholder = Invia un messaggio
chat-send = Chat
chat-label = Messaggio della chat
offline-title = Sei offline
offline-text = AeThex LIVE ha bisogno di una connessione per riprodurre le dirette e usare la chat. Qui sotto trovi i canali che segui: si aprono appena torni online.
offline-no-follows = Non segui ancora nessun canale su questo dispositivo.
app-description = Dirette, chat e i creator che segui.
push-live-title = { $name } è in diretta
notify-on = Notifiche attive
notify-off = Avvisami
notify-denied = Le notifiche di questo sito sono bloccate nelle impostazioni del browser.
notify-unavailable = Questo browser non può ricevere notifiche push. Su iPhone e iPad, aggiungi prima AeThex LIVE alla schermata Home.
player-play = Riproduci la diretta
clip-live = Crea una clip degli ultimi 30 s
clip-from-here = Crea una clip da qui
clip-length = Durata della clip
clip-length-rule = Una clip dura da 5 a 60 secondi.
clip-of = Una clip di { $name }
clip-seconds = { $seconds } secondi
clip-download = Scarica
clip-not-live = Questo canale non è in diretta, quindi non c’è niente da cui creare una clip.
clip-not-recorded = Questo server non registra le trasmissioni, quindi non è possibile crearne delle clip.
clip-too-early = Non è ancora stato registrato niente. Riprova tra qualche secondo.
not-found-clip = Non c’è nessuna clip a questo indirizzo.
not-found-video = Non c’è nessuna trasmissione registrata a questo indirizzo.
channel-videos = Trasmissioni precedenti
channel-clips = Clip
channel-similar = Canali simili in diretta ora
video-ended = Fine della trasmissione.
dashboard-title = Dashboard del creator
dashboard-offline = Offline
dashboard-view-channel = Visualizza il tuo canale
dashboard-saved = Salvato.
dashboard-key-reset = La tua chiave stream è stata reimpostata. Inserisci quella nuova in OBS.
dashboard-stream-info = Informazioni sulla diretta
dashboard-field-title = Titolo
dashboard-field-category = Categoria
dashboard-field-tags = Tag
dashboard-tags-hint = Separa i tag con delle virgole.
dashboard-field-language = Lingua (ISO 639-1, ad es. it)
dashboard-save = Salva
dashboard-stream-key = Chiave stream
dashboard-show-key = Mostra la chiave stream
dashboard-key-warning = Chiunque abbia questa chiave può trasmettere sul tuo canale. Non mostrarla mai in diretta.
dashboard-reset-key = Reimposta la chiave stream
dashboard-go-live = Vai in diretta con OBS
dashboard-obs-custom = Con qualsiasi OBS (servizio Personalizzato)
dashboard-obs-step-1 = In OBS, apri Impostazioni, poi Dirette, e scegli il servizio «Personalizzato…».
dashboard-obs-step-2 = Server:
dashboard-obs-step-3 = Chiave stream: la chiave qui sopra.
dashboard-obs-step-4 = Premi Avvia la trasmissione.
dashboard-obs-plugin = Con il plugin AeThex per OBS
dashboard-obs-plugin-text = Installa il plugin, scegli Strumenti, AeThex LIVE, Accedi, e approva il codice che ti mostra su
dashboard-recent-followers = Follower recenti
dashboard-no-followers = Ancora nessun follower.
dashboard-alerts = Avvisi recenti
dashboard-no-alerts = Ancora nessun avviso. Qui compaiono nuovi follower, abbonamenti, donazioni e raid.
alert-follow = { $name } ha iniziato a seguirti
alert-subscription = Nuovo abbonamento di Livello { $tier } da { $name }
alert-donation = { $name } ha donato { $amount }
alert-raid = { $count ->
    [one] { $name } ti ha fatto un raid con { $count } spettatore
   *[other] { $name } ti ha fatto un raid con { $count } spettatori
}
dashboard-moderators = Moderatori
dashboard-moderators-hint = I moderatori possono eliminare messaggi, sospendere ed escludere utenti nella tua chat.
dashboard-no-moderators = Ancora nessun moderatore.
dashboard-mod-login = Nome utente
dashboard-mod-add = Aggiungi moderatore
dashboard-mod-remove = Rimuovi { $name }
dashboard-no-such-user = Non esiste nessun utente con quel nome.
dashboard-mod-self = Moderi sempre la tua chat.
dashboard-blocked-terms = Termini bloccati
dashboard-blocked-hint = I messaggi che contengono un termine bloccato, in maiuscolo o minuscolo, non vengono mostrati nella tua chat (tranne quelli dei moderatori).
dashboard-no-blocked = Nessun termine bloccato.
dashboard-term = Termine
dashboard-term-add = Blocca termine
dashboard-term-remove = Sblocca { $name }
dashboard-webhooks = Webhook
dashboard-webhooks-hint = Gli eventi del tuo canale, inviati al tuo server come notifiche EventSub firmate con il tuo segreto (l’header Twitch-Eventsub-Message-Signature). Un nuovo webhook deve prima rispondere alla sfida che gli inviamo.
dashboard-no-webhooks = Ancora nessun webhook.
dashboard-webhook-type = Evento
dashboard-webhook-callback = URL di callback (pubblico, HTTPS)
dashboard-webhook-secret = Segreto (da 10 a 100 lettere, cifre o simboli, senza spazi)
dashboard-webhook-add = Aggiungi webhook
dashboard-webhook-delete = Elimina il webhook { $name }
dashboard-webhook-added = Webhook aggiunto. Si attiva non appena il suo callback risponde alla sfida.
dashboard-webhook-deleted = Webhook eliminato.
dashboard-raid = Fai un raid su un canale
dashboard-raid-hint = Manda i tuoi spettatori su un altro canale: verranno portati lì e la sua chat annuncerà il tuo raid.
dashboard-raid-to = Canale su cui fare il raid
dashboard-raid-start = Avvia raid
dashboard-raided = Raid inviato. I tuoi spettatori stanno arrivando.
embed-watch-on = Guarda { $name } su AeThex LIVE
nav-dashboard = Dashboard
nav-main = Principale
nav-browse = Sfoglia
nav-search = Cerca
search-title = Cerca
search-label = Cerca canali
search-submit = Cerca
search-none = Nessun canale corrisponde a «{ $query }».
directory-title = Sfoglia
directory-all = Tutte le categorie
settings-title = Impostazioni
settings-profile = Profilo
settings-display-name = Nome visualizzato
settings-name-hint = Il tuo nome utente, con le maiuscole che preferisci.
settings-name-rule = Il nome visualizzato deve avere le stesse lettere del tuo nome utente, in maiuscolo o minuscolo.
settings-about = Informazioni sul tuo canale
settings-about-rule = Il testo delle informazioni può avere al massimo 300 caratteri, senza caratteri di controllo.
settings-notifications = Notifiche delle dirette
settings-no-notifications = Non ricevi notifiche quando un canale va in diretta. Attivale con «Avvisami» su un canale che segui.
settings-notify-off = Disattiva
settings-privacy = Privacy
settings-personalised = Consigli personalizzati
settings-personalised-hint = Ti consigliamo canali in base a ciò che guardi. Se disattivi questa opzione, la tua cronologia delle visualizzazioni uscirà dal sistema dei consigli al suo prossimo addestramento e ti mostreremo i canali popolari nella tua lingua.
nav-settings = Impostazioni
subscribe = Abbonati
resubscribe = Rinnova l’abbonamento
subscribe-tier = Livello di abbonamento
tier-1 = Livello 1
tier-2 = Livello 2
tier-3 = Livello 3
subscribed-until = Abbonamento attivo fino al { $date }. Grazie!
donate = Dona
donate-amount = Importo
donate-currency = Valuta
donate-message = Messaggio (mostrato in diretta)
donate-send = Invia donazione
donate-thanks = Grazie! La tua donazione è stata inviata.
donate-amount-rule = Inserisci un importo come 5 o 4,99.
donate-currency-rule = Scegli una valuta dall’elenco.

# Selettore della lingua, tempi, durate, importi (numeri e date sono formattati dal codice, secondo la lingua).
language = Lingua
language-change = Cambia lingua
language-unknown = Questa lingua non è disponibile.
time-just-now = poco fa
time-minutes-ago = { $count ->
    [one] { $count } minuto fa
   *[other] { $count } minuti fa
}
time-hours-ago = { $count ->
    [one] { $count } ora fa
   *[other] { $count } ore fa
}
time-days-ago = { $count ->
    [one] { $count } giorno fa
   *[other] { $count } giorni fa
}
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Iniziata { $time }
broadcast-length = Durata: { $duration }
directory-language = Lingua della diretta
directory-all-languages = Tutte le lingue
directory-filter = Mostra

# Pagine di accesso, uscita, attivazione dei dispositivi e consenso OAuth.
auth-error-title = Qualcosa non va
auth-internal = Errore interno; è stato registrato.
auth-cross-site = Questo modulo è stato inviato da un altro sito, quindi è stato rifiutato.
auth-bad-form = Impossibile leggere questo modulo; invialo dalla sua pagina.
login-title = Accedi ad AeThex
login-field-login = Nome utente
login-field-password = Password
login-submit = Accedi
login-expired = Il modulo è scaduto o non proviene da questo sito; accedi di nuovo.
login-throttled = { $count ->
    [one] Troppi tentativi non riusciti. Riprova tra { $count } secondo.
   *[other] Troppi tentativi non riusciti. Riprova tra { $count } secondi.
}
login-wrong = Nome utente o password errati.
logout-title = Uscita effettuata
logout-done = Hai chiuso la sessione.
logout-refused = Nessun accesso effettuato, oppure il modulo è scaduto.
signed-in-as = Accesso effettuato come { $login }.
scopes-none = L’app non chiede autorizzazioni aggiuntive.
scopes-intro = L’app potrà:
scope-channel-read = Vedere le impostazioni del tuo canale
scope-channel-manage = Modificare il tuo canale: titolo, categoria, moderatori, raid
scope-stream-key = Vedere e reimpostare la tua chiave stream
scope-chat-read = Leggere la chat
scope-chat-edit = Inviare messaggi in chat a tuo nome
scope-moderator-manage = Moderare le chat che moderi: eliminare, sospendere, escludere, modalità
scope-moderator-read-followers = Vedere chi segue i canali che moderi
scope-user-read = Vedere i dettagli del tuo account
scope-user-edit-follows = Seguire e smettere di seguire canali a tuo nome
scope-user-edit-subscriptions = Abbonarsi a canali a tuo nome
scope-channel-read-subscriptions = Vedere i tuoi abbonati
scope-donations-read = Vedere le donazioni che hai ricevuto
scope-donations-write = Fare donazioni a tuo nome
scope-webhooks-manage = Inviare gli eventi del tuo canale ad altri server
scope-analytics-read = Vedere le statistiche del tuo canale
device-title = Collega un dispositivo
device-wants = { $app } vuole usare il tuo account.
device-unknown-code = Questo codice è sconosciuto o scaduto. Controlla il tuo dispositivo.
device-code-label = Codice mostrato sul tuo dispositivo
device-allow = Consenti
device-deny = Nega
device-expired = Il modulo è scaduto; ricarica la pagina e riprova.
device-connected-title = Dispositivo collegato
device-connected = Ora puoi tornare al tuo dispositivo.
device-denied-title = Richiesta rifiutata
device-denied = Al dispositivo non è stato concesso l’accesso.
device-code-used = Questo codice è sconosciuto, scaduto o già usato. Controlla il tuo dispositivo.
oauth-bad-redirect-url = L’URI di reindirizzamento dell’app non è un URL.
oauth-unknown-client = client_id sconosciuto: questa app non è registrata.
oauth-redirect-mismatch = Il redirect_uri non corrisponde esattamente a nessuno di quelli registrati per questa app.
consent-title = Autorizza app
consent-wants = { $app } vuole usare il tuo account AeThex.
consent-approve = Autorizza
consent-cancel = Annulla
consent-redirect = Ti porteremo su { $url }.
consent-log-in-first = Prima accedi.
consent-expired = Il modulo è scaduto; ricomincia dall’app.

# Pagine overlay per le sorgenti browser di OBS (avvisi in diretta).
overlay-follow = { $name } ha appena iniziato a seguirti!
overlay-subscribe = Nuovo abbonamento di Livello { $tier } da { $name }!
overlay-donation = { $name } ha donato { $amount }!
overlay-raid = { $count ->
    [one] { $name } sta facendo un raid con { $count } spettatore!
   *[other] { $name } sta facendo un raid con { $count } spettatori!
}
overlay-token-missing = Aggiungi #token=<il tuo token AeThex> all’indirizzo di questa pagina (il frammento non arriva mai al server).

# Incassi nella dashboard del creator.
dashboard-revenue = Donazioni degli ultimi 30 giorni
dashboard-revenue-none = Nessuna donazione negli ultimi 30 giorni.
dashboard-revenue-count = { $count ->
    [one] { $count } donazione
   *[other] { $count } donazioni
}
dashboard-revenue-total = Totale: circa { $amount }
dashboard-revenue-unconverted = Fuori dal totale (nessun tasso di cambio): { $currencies }
dashboard-revenue-rates = Convertito con i tassi di riferimento della Banca centrale europea (data: { $date }).
dashboard-revenue-no-rates = Su questo server non sono caricati tassi di cambio, quindi ogni valuta è mostrata separatamente.
dashboard-display-currency = Mostra il totale in

# Il riepilogo della diretta del creator (/dashboard/analytics).
analytics-title = Riepilogo della diretta
analytics-link = Riepilogo della diretta
analytics-none = Ancora nessuna diretta. I numeri della tua prima trasmissione compaiono qui pochi secondi dopo la fine.
analytics-live-note = In diretta: questi numeri sono provvisori e diventano definitivi pochi secondi dopo la fine della diretta.
analytics-final = Definitivo
analytics-started = Iniziata il { $date }
analytics-length = { $count ->
    [one] { $count } minuto
   *[other] { $count } minuti
}
analytics-average = Spettatori medi
analytics-peak = Picco di spettatori
analytics-unique = Spettatori unici
analytics-watched = Minuti guardati
analytics-chatters = Partecipanti alla chat
analytics-messages = Messaggi in chat
analytics-followers = Nuovi follower
analytics-subscriptions = Abbonamenti
analytics-engagement = Coinvolgimento (su 100)
analytics-viewers-chart = Spettatori al minuto
analytics-chat-chart = Messaggi in chat al minuto
analytics-minute-viewers = Minuto { $minute }: { $count ->
    [one] { $count } spettatore
   *[other] { $count } spettatori
}
analytics-minute-messages = Minuto { $minute }: { $count ->
    [one] { $count } messaggio
   *[other] { $count } messaggi
}
analytics-top-moments = I momenti più vivaci della chat
analytics-retention = Fidelizzazione del pubblico
analytics-retention-row = Dopo { $count ->
    [one] { $count } minuto
   *[other] { $count } minuti
}: { $percent }
analytics-funnel = Da spettatore ad abbonato
analytics-funnel-viewers = Spettatori
analytics-funnel-chatters = Hanno chattato
analytics-funnel-followers = Hanno seguito
analytics-funnel-subscribers = Si sono abbonati
analytics-donations = Donazioni
analytics-no-donations = Nessuna donazione durante questa diretta.
analytics-raids = { $count ->
    [one] { $count } raid ha portato { $viewers } spettatori
   *[other] { $count } raid hanno portato { $viewers } spettatori
}
analytics-clips = { $count ->
    [one] { $count } clip
   *[other] { $count } clip
}
analytics-sources = Sorgenti di traffico
analytics-devices = Dispositivi
analytics-countries = Paesi
analytics-hidden = { $count ->
    [one] { $count } spettatore in gruppi con meno di 5 persone, non mostrato
   *[other] { $count } spettatori in gruppi con meno di 5 persone, non mostrati
}
analytics-empty-breakdown = Ancora nessun gruppo ha 5 spettatori.
analytics-privacy = Conteggio senza cookie; gli spettatori che chiedono di non essere tracciati (Do Not Track, Global Privacy Control) non vengono contati.
source-following = Canali seguiti
source-directory = Sfoglia
source-search = Ricerca
source-recommendations = Consigliati
source-raid = Raid
source-push = Notifiche
source-discord = Discord
source-embed = Player incorporato
source-external = Altri siti web
source-direct = Accesso diretto
device-phone = Smartphone
device-tablet = Tablet
device-desktop = Computer
device-tv = TV
device-app = App o player
country-unknown = Sconosciuto
analytics-percent = { $value }%
platform-title = Statistiche della piattaforma
platform-link = Statistiche della piattaforma
platform-date = Fino al { $date } (UTC)
platform-dau = Attivi oggi
platform-wau = Attivi questa settimana
platform-mau = Attivi in 30 giorni
platform-stickiness = Fedeltà (oggi ÷ 30 giorni)
platform-new = Nuovi spettatori in 30 giorni
platform-churn = Abbandono (attivi nei 30 giorni precedenti, non da allora)
platform-dau-chart = Spettatori attivi al giorno, 30 giorni
platform-day-viewers = { $date }: { $count ->
    [one] { $count } spettatore
   *[other] { $count } spettatori
}
platform-cohorts = Coorti di fidelizzazione settimanali
platform-cohort-week = Prima visita, settimana del
platform-cohort-size = Spettatori
platform-cohort-after = Settimana { $week }
platform-revenue = Incassi (donazioni)
platform-currency = Valuta
platform-revenue-day = Oggi
platform-revenue-week = 7 giorni
platform-revenue-month = 30 giorni
platform-arpu = Per spettatore attivo
platform-no-revenue = Nessuna donazione in 30 giorni.
platform-by-region = Incassi per regione, 30 giorni
platform-by-tier = Incassi per dimensione del creator, 30 giorni
tier-small = Piccolo (meno di 100 follower)
tier-growing = In crescita (meno di 1.000)
tier-established = Affermato (meno di 10.000)
tier-top = Top (10.000 o più)
platform-creators = Creator
platform-creators-active = Andati in diretta in 30 giorni
platform-creators-new = Prima diretta in 30 giorni
platform-creators-live = In diretta ora
platform-categories = Categorie per minuti guardati, 30 giorni
platform-no-category = Nessuna categoria
platform-category-row = { $category }: { $minutes } minuti guardati, { $growth }
platform-growth-new = nuovo
platform-no-categories = Nessuna diretta conclusa in 30 giorni.
platform-countries = Spettatori per paese, 30 giorni
platform-live = In diretta ora, prima chi cresce di più
platform-live-row = { $viewers } in visione, { $recent } negli ultimi 10 minuti ({ $growth })
platform-no-live = Nessuno è in diretta.
platform-health = Stato del sistema
platform-uptime = Attivo da { $duration }
platform-requests = Richieste
platform-errors = Errori del server
platform-latency = Latenza p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Route
platform-live-streams = Dirette in ingresso
platform-chat-rate = Messaggi in chat nell’ultimo minuto
platform-webhook-backlog = Consegne in attesa
platform-dropped = Righe di statistiche scartate
platform-recs = Consigli, 7 giorni
platform-recs-model = Modello { $version }, addestrato il { $date } su { $viewers } spettatori e { $channels } canali in { $ms } ms
platform-recs-no-model = Nessun modello ancora addestrato.
platform-recs-none = Nessun consiglio ancora mostrato.
platform-recs-variant = Variante
platform-recs-impressions = Mostrati
platform-recs-clicks = Cliccati
platform-recs-ctr = Percentuale di clic
platform-recs-watch = Minuti guardati per clic
platform-privacy = Gli spettatori sono contati tramite pseudonimo (un account connesso o un browser); i paesi con meno di 5 spettatori non sono mostrati.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Statistiche del canale
channel-analytics-link = Statistiche del canale
channel-analytics-from = Dal
channel-analytics-to = Al
channel-analytics-show = Mostra
channel-analytics-range = Dal { $from } al { $to }
channel-analytics-last-days = { $count ->
    [one] Oggi
   *[other] Ultimi { $count } giorni
}
channel-analytics-growth = { $percent } rispetto al periodo precedente
channel-analytics-live-minutes = Minuti in diretta
channel-analytics-unique-chart = Spettatori unici al giorno
channel-analytics-watched-chart = Minuti guardati al giorno
channel-analytics-chat-chart = Messaggi in chat al giorno
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Giorno per giorno
channel-analytics-day = Giorno
channel-analytics-no-donations = Nessuna donazione in questi giorni.
channel-analytics-bad-date = Le date sono giorni scritti come 2026-11-30. Vengono invece mostrati gli ultimi 28 giorni.
channel-analytics-future = L’intervallo non può finire dopo oggi. Vengono invece mostrati gli ultimi 28 giorni.
channel-analytics-bad-range = L’inizio deve cadere lo stesso giorno della fine o prima, a non più di { $days } giorni di distanza. Vengono invece mostrati gli ultimi 28 giorni.

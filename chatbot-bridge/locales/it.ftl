# Le risposte integrate del chatbot in italiano. $(user) è la variabile propria
# del bot (il nome di chi scrive in chat), lasciata così com’è in tutte le lingue.

# Punti
points-balance = { $user } ha { $points } { $name } e ha guardato per { $watched }.
points-gave = @{ $who } ha dato { $amount } { $name } a { $to }.
points-too-few = @{ $who } -> non hai { $amount } { $name }.
points-give-usage = @{ $who } -> uso: !give <utente> <quantità> (un numero positivo, a qualcun altro)
points-nobody = Nessuno ha ancora { $name }.
points-top = Top { $name }: { $list }
# Il nome dei punti quando la configurazione non ne imposta uno, nella forma per { $count }.
points-unit = { $count ->
    [one] punto
   *[other] punti
}

# Durate («2 giorni 3 ore»), separate da spazi
span-days = { $count ->
    [one] { $count } giorno
   *[other] { $count } giorni
}
span-hours = { $count ->
    [one] { $count } ora
   *[other] { $count } ore
}
span-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minuti
}
span-seconds = { $count ->
    [one] { $count } secondo
   *[other] { $count } secondi
}

# Giveaway
giveaway-started-keyword = È iniziato un giveaway! Scrivi { $keyword } o !giveaway enter per partecipare.
giveaway-started = È iniziato un giveaway! Scrivi !giveaway enter per partecipare.
giveaway-winner = Ha vinto @{ $winner } (partecipanti: { $count })! Congratulazioni!
giveaway-nobody = Nessuno ha partecipato al giveaway.
giveaway-entered = @{ $who } -> sei dentro!
giveaway-already = @{ $who } -> sei già dentro.
giveaway-closed = @{ $who } -> non c’è nessun giveaway in corso.
giveaway-full = @{ $who } -> il giveaway è al completo.
giveaway-usage-mod = @{ $who } -> uso: !giveaway start [parola chiave] | enter | draw
giveaway-usage = @{ $who } -> uso: !giveaway enter

# Citazioni
quote-added = Citazione #{ $number } aggiunta.
quote-deleted = Citazione #{ $number } eliminata.
quote-missing = Non esiste la citazione #{ $number }.
quote-mods-only = @{ $who } -> solo i moderatori possono modificare le citazioni.
quote-none = Non ci sono ancora citazioni; i moderatori le aggiungono con !quote add <testo>.
quote-usage = @{ $who } -> uso: !quote [numero] | add <testo> | delete <numero>
quote-add-usage = @{ $who } -> uso: !quote add <testo, massimo 300 caratteri>
quote-delete-usage = @{ $who } -> uso: !quote delete <numero>

# Richieste di canzoni
songs-level = @{ $who } -> le richieste di canzoni sono solo da { $level ->
    [subscriber] abbonati
    [regular] abituali
    [vip] VIP
    [moderator] moderatori
    [owner] creator del canale
   *[other] { $level }
} in su.
songs-usage = @{ $who } -> uso: !sr <link di YouTube o SoundCloud, oppure parole da cercare>
songs-bad-youtube-id = @{ $who } -> quel link di YouTube non ha un ID video valido.
songs-no-youtube-video = @{ $who } -> quel link di YouTube non contiene nessun video.
songs-not-soundcloud-track = @{ $who } -> quel link di SoundCloud non è un brano.
songs-only-youtube-soundcloud = @{ $who } -> si possono richiedere solo link di YouTube e SoundCloud.
songs-full = @{ $who } -> la coda è piena (massimo { $count }).
songs-yours-full = @{ $who } -> hai già il numero massimo di canzoni in coda ({ $count }).
songs-duplicate = @{ $who } -> quella canzone è già in coda.
songs-added = @{ $who } -> «{ $title }» è stata aggiunta alla coda in posizione #{ $position }.
songs-empty = La coda delle canzoni è vuota.
songs-list = { $count ->
    [one] { $count } canzone: { $list }
   *[other] { $count } canzoni: { $list }
}
songs-now = In riproduzione: { $title } (richiesta da { $user })
songs-nothing = Non c’è niente in riproduzione.
songs-skipped = Saltata. In riproduzione: { $title }
songs-skipped-empty = Saltata. La coda è vuota.
songs-removed = @{ $who } -> «{ $title }» è stata rimossa dalla coda.
songs-none-yours = @{ $who } -> non hai canzoni in attesa nella coda.

# Moderazione
permit = @{ $user } -> puoi pubblicare un link nei prossimi 60 secondi.
permit-usage = @{ $who } -> uso: !permit <utente>
regular-added = @{ $who } -> { $user } ora è tra gli abituali.
regular-removed = @{ $who } -> { $user } non è più tra gli abituali.
regulars-usage = @{ $who } -> uso: !regulars add|remove <utente>

# !comandi
command-added = @{ $who } -> Il comando «{ $name }» è stato aggiunto correttamente.
command-edited = @{ $who } -> Il comando «{ $name }» è stato modificato correttamente.
command-deleted = @{ $who } -> Il comando «{ $name }» è stato eliminato correttamente.
command-refused = @{ $who } -> { $reason }

# Avvisi dei filtri antispam (predefiniti; una configurazione può impostarne di propri)
filter-links = $(user) -> chiedi prima di pubblicare link.
filter-caps = $(user) -> vacci piano con le maiuscole.
filter-symbols = $(user) -> troppi simboli.
filter-repetitions = $(user) -> per favore, non ripeterti.
filter-emotes = $(user) -> troppe emote.
filter-blacklist = $(user) -> quella frase qui non è consentita.

# Gestione dei comandi personalizzati (!commands add|edit|delete, !addcom, !editcom,
# !delcom). La sintassi (add, edit, delete, -ul=, -cd=, -a=, i nomi dei livelli
# utente) è la stessa in tutte le lingue: va lasciata così com’è.
manage-added = Il comando «{ $name }» è stato aggiunto correttamente.
manage-edited = Il comando «{ $name }» è stato modificato correttamente.
manage-deleted = Il comando «{ $name }» è stato eliminato correttamente.
manage-mods-only = solo i moderatori possono gestire i comandi
manage-exists = { $name } esiste già; usa !commands edit
manage-missing = { $name } non esiste
manage-alias-loop = { $chain } tornerebbe a { $name } in un ciclo
manage-alias-depth = le catene di alias si fermano a { $max }
manage-not-a-name = «{ $name }» non è un nome di comando
manage-unknown-action = azione sconosciuta «{ $action }»: usa add, edit o delete
manage-usage = uso: !commands add|edit|delete !name [-ul=livello] [-cd=secondi] [-a=!altro] risposta
manage-which = quale comando? Ad es.: !commands add !discord Unisciti a noi su …
manage-unknown-level = livello utente sconosciuto «{ $level }»: usa owner, moderator, vip, regular, subscriber o everyone
manage-cooldown-not-a-number = il tempo di ricarica «{ $value }» non è un numero di secondi
manage-cooldown-range = il tempo di ricarica deve essere tra { $min } e { $max } secondi
manage-unknown-flag = opzione sconosciuta «{ $flag }»: usa -ul=, -cd= o -a=
manage-too-long = la risposta supera i { $max } caratteri
manage-self-alias = { $name } non può essere un alias di sé stesso
manage-needs-response = { $name } ha bisogno di una risposta
manage-nothing-to-change = niente da modificare in { $name }
manage-delete-extra = delete accetta solo il nome del comando

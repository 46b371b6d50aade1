# Wbudowane odpowiedzi czatbota po polsku. $(user) to własna zmienna bota
# (nazwa osoby piszącej na czacie), zostawiona bez zmian we wszystkich językach.

# Punkty
points-balance = { $user } ma { $points } { $name }, czas oglądania: { $watched }.
points-gave = @{ $who } przekazuje { $amount } { $name } użytkownikowi { $to }.
points-too-few = @{ $who } -> nie masz { $amount } { $name }.
points-give-usage = @{ $who } -> użycie: !give <użytkownik> <liczba> (liczba dodatnia, dla kogoś innego)
points-nobody = Nikt nie ma jeszcze { $name }.
points-top = Top { $name }: { $list }
# Nazwa punktów, gdy konfiguracja nie ustawia własnej, w formie dla { $count }.
points-unit = { $count ->
    [one] punkt
    [few] punkty
    [many] punktów
   *[other] punktu
}

# Okresy czasu („2 dni 3 godziny”), oddzielone spacjami
span-days = { $count ->
    [one] { $count } dzień
    [few] { $count } dni
    [many] { $count } dni
   *[other] { $count } dnia
}
span-hours = { $count ->
    [one] { $count } godzina
    [few] { $count } godziny
    [many] { $count } godzin
   *[other] { $count } godziny
}
span-minutes = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minut
   *[other] { $count } minuty
}
span-seconds = { $count ->
    [one] { $count } sekunda
    [few] { $count } sekundy
    [many] { $count } sekund
   *[other] { $count } sekundy
}

# Losowania
giveaway-started-keyword = Startuje losowanie! Wpisz { $keyword } lub !giveaway enter, żeby dołączyć.
giveaway-started = Startuje losowanie! Wpisz !giveaway enter, żeby dołączyć.
giveaway-winner = Wygrywa @{ $winner } (uczestnicy: { $count })! Gratulacje!
giveaway-nobody = Nikt nie dołączył do losowania.
giveaway-entered = @{ $who } -> bierzesz udział!
giveaway-already = @{ $who } -> już bierzesz udział.
giveaway-closed = @{ $who } -> nie trwa teraz żadne losowanie.
giveaway-full = @{ $who } -> w losowaniu nie ma już miejsc.
giveaway-usage-mod = @{ $who } -> użycie: !giveaway start [słowo kluczowe] | enter | draw
giveaway-usage = @{ $who } -> użycie: !giveaway enter

# Cytaty
quote-added = Dodano cytat #{ $number }.
quote-deleted = Usunięto cytat #{ $number }.
quote-missing = Nie ma cytatu #{ $number }.
quote-mods-only = @{ $who } -> tylko moderatorzy mogą zmieniać cytaty.
quote-none = Nie ma jeszcze cytatów; moderatorzy dodają je komendą !quote add <tekst>.
quote-usage = @{ $who } -> użycie: !quote [numer] | add <tekst> | delete <numer>
quote-add-usage = @{ $who } -> użycie: !quote add <tekst, do 300 znaków>
quote-delete-usage = @{ $who } -> użycie: !quote delete <numer>

# Zamawianie piosenek
songs-level = @{ $who } -> zamawianie piosenek jest tylko dla { $level ->
    [subscriber] subskrybentów
    [regular] stałych widzów
    [vip] VIP-ów
    [moderator] moderatorów
    [owner] twórcy kanału
   *[other] { $level }
} i wyżej.
songs-usage = @{ $who } -> użycie: !sr <link do YouTube lub SoundCloud albo słowa do wyszukania>
songs-bad-youtube-id = @{ $who } -> ten link do YouTube nie ma prawidłowego ID filmu.
songs-no-youtube-video = @{ $who } -> w tym linku do YouTube nie ma żadnego filmu.
songs-not-soundcloud-track = @{ $who } -> ten link do SoundCloud nie prowadzi do utworu.
songs-only-youtube-soundcloud = @{ $who } -> można zamawiać tylko linki do YouTube i SoundCloud.
songs-full = @{ $who } -> kolejka jest pełna (maksymalnie { $count }).
songs-yours-full = @{ $who } -> masz już w kolejce maksymalną liczbę piosenek ({ $count }).
songs-duplicate = @{ $who } -> ta piosenka jest już w kolejce.
songs-added = @{ $who } -> „{ $title }” trafia do kolejki na pozycję #{ $position }.
songs-empty = Kolejka piosenek jest pusta.
songs-list = { $count ->
    [one] { $count } piosenka: { $list }
    [few] { $count } piosenki: { $list }
    [many] { $count } piosenek: { $list }
   *[other] { $count } piosenki: { $list }
}
songs-now = Teraz gra: { $title } (zamówienie od { $user })
songs-nothing = Nic teraz nie gra.
songs-skipped = Pominięto. Teraz gra: { $title }
songs-skipped-empty = Pominięto. Kolejka jest pusta.
songs-removed = @{ $who } -> usunięto „{ $title }” z kolejki.
songs-none-yours = @{ $who } -> nie masz piosenek czekających w kolejce.

# Moderacja
permit = @{ $user } -> przez najbliższe 60 sekund możesz wysłać jeden link.
permit-usage = @{ $who } -> użycie: !permit <użytkownik>
regular-added = @{ $who } -> { $user } jest teraz na liście stałych widzów.
regular-removed = @{ $who } -> { $user } nie jest już na liście stałych widzów.
regulars-usage = @{ $who } -> użycie: !regulars add|remove <użytkownik>

# !komendy
command-added = @{ $who } -> Komenda „{ $name }” została dodana.
command-edited = @{ $who } -> Komenda „{ $name }” została zmieniona.
command-deleted = @{ $who } -> Komenda „{ $name }” została usunięta.
command-refused = @{ $who } -> { $reason }

# Ostrzeżenia filtrów antyspamowych (domyślne; konfiguracja może ustawić własne)
filter-links = $(user) -> zapytaj, zanim wrzucisz link.
filter-caps = $(user) -> spokojnie z capslockiem.
filter-symbols = $(user) -> za dużo symboli.
filter-repetitions = $(user) -> nie powtarzaj się, proszę.
filter-emotes = $(user) -> za dużo emotek.
filter-blacklist = $(user) -> to wyrażenie jest tu niedozwolone.

# Zarządzanie własnymi komendami (!commands add|edit|delete, !addcom, !editcom,
# !delcom). Składnia (add, edit, delete, -ul=, -cd=, -a=, nazwy poziomów użytkowników)
# jest taka sama we wszystkich językach: zostaje bez zmian.
manage-added = Komenda „{ $name }” została dodana.
manage-edited = Komenda „{ $name }” została zmieniona.
manage-deleted = Komenda „{ $name }” została usunięta.
manage-mods-only = tylko moderatorzy mogą zarządzać komendami
manage-exists = komenda { $name } już istnieje; użyj !commands edit
manage-missing = komenda { $name } nie istnieje
manage-alias-loop = łańcuch { $chain } zapętliłby się na { $name }
manage-alias-depth = maksymalna długość łańcucha aliasów to { $max }
manage-not-a-name = „{ $name }” nie jest nazwą komendy
manage-unknown-action = nieznana akcja „{ $action }”: użyj add, edit lub delete
manage-usage = użycie: !commands add|edit|delete !name [-ul=poziom] [-cd=sekundy] [-a=!inna] odpowiedź
manage-which = która komenda? Np.: !commands add !discord Dołącz do nas: …
manage-unknown-level = nieznany poziom użytkownika „{ $level }”: użyj owner, moderator, vip, regular, subscriber lub everyone
manage-cooldown-not-a-number = czas odnowienia „{ $value }” nie jest liczbą sekund
manage-cooldown-range = czas odnowienia musi wynosić od { $min } do { $max ->
    [one] { $max } sekundy
   *[other] { $max } sekund
}
manage-unknown-flag = nieznana opcja „{ $flag }”: użyj -ul=, -cd= lub -a=
manage-too-long = odpowiedź ma więcej niż { $max ->
    [one] { $max } znak
    [few] { $max } znaki
    [many] { $max } znaków
   *[other] { $max } znaku
}
manage-self-alias = komenda { $name } nie może być aliasem samej siebie
manage-needs-response = komenda { $name } potrzebuje odpowiedzi
manage-nothing-to-change = w komendzie { $name } nie ma nic do zmiany
manage-delete-extra = delete przyjmuje tylko nazwę komendy

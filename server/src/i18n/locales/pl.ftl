# Polskie teksty aplikacji webowej. Każdy tekst, który pokazuje strona, pochodzi stąd.
# Terminy jak na dużych platformach streamingowych (Twitch): obserwuj, subskrybuj, rajd, klip, czat.
# Zwracamy się na „ty” (małą literą: ty, twój, cię), jak Twitch.

site-name = AeThex LIVE
site-description = Oglądaj transmisje na żywo, rozmawiaj ze społecznościami na czacie i obserwuj twórców, których lubisz.
skip-to-content = Przejdź do treści
nav-account = Konto
nav-log-in = Zaloguj się
nav-log-out = Wyloguj się
footer-api = Dokumentacja API
footer-activate = Połącz urządzenie
footer-licences = Licencje
back-home = Wróć na stronę główną

live = NA ŻYWO
untitled = Transmisja bez tytułu
viewers = { $count ->
    [one] { $count } widz
    [few] { $count } widzów
    [many] { $count } widzów
   *[other] { $count } widza
}

home-title = Teraz na żywo
home-live-now = Teraz na żywo
home-nobody-live = Nikt teraz nie nadaje na żywo. Zajrzyj tu wkrótce.
home-categories = Kategorie
home-recommended = Polecane dla ciebie

channel-description = { $name } prowadzi transmisje na AeThex LIVE.
channel-offline = { $name } jest offline.
channel-last-broadcast = Ostatnia transmisja:

player-label = Wideo na żywo: { $name }
player-offline = Transmisja się zakończyła.
player-error = Nie udało się odtworzyć wideo. Odśwież stronę, aby spróbować ponownie.
player-quality = Jakość
player-auto = Auto

chat-title = Czat
chat-connecting = Łączenie z czatem…
chat-reconnecting = Rozłączono z czatem. Ponowne łączenie…
chat-deleted = (wiadomość usunięta przez moderatora)
chat-cleared = Moderator wyczyścił czat.
chat-log-in = Zaloguj się, aby pisać na czacie
chat-mod-delete = Usuń wiadomość
chat-mod-timeout = Wycisz na 10 minut
chat-mod-ban = Zbanuj na czacie
chat-raiding = Ten kanał robi rajd na { $name }. Przenosimy cię tam…
chat-raid-stay = Zostań tutaj
chat-report = Zgłoś wiadomość
chat-reported = Zgłoszono. Dziękujemy.
chat-report-failed = Nie udało się zgłosić tej wiadomości.
chat-held = AutoMod wstrzymał wiadomość od { $name }:
chat-allow = Zezwól
chat-deny = Odrzuć
chat-held-approved = Zezwolono.
chat-held-denied = Odrzucono.
chat-held-expired = Wygasło.
mod-link = Kolejka moderacji
mod-title = Moderacja: { $name }
mod-held = Wiadomości wstrzymane przez AutoMod
mod-held-none = Żadne wiadomości nie czekają na sprawdzenie.
mod-reports = Zgłoszone wiadomości
mod-reports-none = Brak zgłoszeń do sprawdzenia.
mod-reports-count = { $count ->
    [one] { $count } zgłoszenie
    [few] { $count } zgłoszenia
    [many] { $count } zgłoszeń
   *[other] { $count } zgłoszenia
}
mod-hidden = ukryta do czasu sprawdzenia
mod-remove = Usuń
mod-dismiss = Odrzuć zgłoszenia
mod-settings = AutoMod i zgłoszenia
mod-level = Poziom AutoMod (0 to wyłączony, 4 to najsurowszy)
mod-threshold = Liczba zgłoszeń, po której wiadomość jest ukrywana, dopóki nie sprawdzi jej moderator (0: nigdy)
mod-save = Zapisz
mod-saved = Zapisano.
mod-bad-settings = Wybierz poziom od 0 do 4 i liczbę zgłoszeń od 0 do 100.
mod-already-resolved = Inny moderator już zajął się tą wiadomością albo wygasła.
mod-not-moderator = Tylko moderatorzy tego kanału mogą zobaczyć jego kolejkę moderacji.

not-found-title = Nie znaleziono strony
not-found-page = Pod tym adresem nic nie ma.
not-found-channel = Nie ma kanału o tej nazwie.
error-internal-title = Coś poszło nie tak
error-internal = Coś poszło nie tak po naszej stronie. Błąd został zapisany; spróbuj ponownie.

nav-sign-up = Zarejestruj się
form-cross-site = Ten formularz został wysłany z innej witryny, więc go odrzucono.
form-expired = Formularz wygasł lub nie pochodzi z tej witryny. Spróbuj ponownie.
signup-title = Utwórz konto
signup-closed = Rejestracja na tym serwerze jest zamknięta. Poproś jego administratora o konto.
signup-login = Nazwa użytkownika
signup-login-hint = Od 3 do 25 znaków: małe litery, cyfry i _. To także adres twojego kanału.
signup-login-rules = Nazwa użytkownika ma od 3 do 25 znaków: małe litery, cyfry i _.
signup-login-reserved = Ta nazwa jest zarezerwowana. Wybierz inną.
signup-login-taken = Ta nazwa użytkownika jest już zajęta. Wybierz inną.
signup-password = Hasło
signup-password-hint = Co najmniej 8 znaków.
signup-password-again = Powtórz hasło
signup-password-length = Hasło musi mieć od 8 do 256 znaków.
signup-password-is-login = Hasło nie może być takie samo jak nazwa użytkownika.
signup-password-mismatch = Hasła nie są takie same.
signup-invite = Kod zaproszenia
signup-invite-missing = Na ten serwer można dołączyć tylko z zaproszeniem: wpisz swój kod zaproszenia.
signup-invite-invalid = Ten kod zaproszenia jest nieznany, wygasł lub został już użyty.
signup-submit = Zarejestruj się
signup-pow-working = Sprawdzanie przeglądarki… (chwileczkę)
signup-pow-failed = Sprawdzanie przeglądarki nie powiodło się. Wyślij formularz jeszcze raz.
signup-too-many = Z tego połączenia utworzono ostatnio zbyt wiele kont. Spróbuj ponownie później.
signup-needs-script = Ten formularz wymaga JavaScriptu: sprawdza przeglądarkę zamiast CAPTCHA.
signup-have-account = Masz już konto?
error-title = Coś jest nie tak
follow = Obserwuj
unfollow = Przestań obserwować
following = Obserwowane
follow-own-channel = Nie możesz obserwować własnego kanału.
home-following = Obserwowane
home-following-offline = Offline
chat-placeholder = Wyślij wiadomość
chat-send = Czat
chat-label = Wiadomość na czacie
offline-title = Jesteś offline
offline-text = AeThex LIVE potrzebuje połączenia, aby odtwarzać transmisje i czat. Obserwowane kanały są poniżej; otworzą się, gdy tylko wrócisz do sieci.
offline-no-follows = Na tym urządzeniu nie obserwujesz jeszcze żadnego kanału.
app-description = Transmisje na żywo, czat i twórcy, których obserwujesz.
push-live-title = { $name } nadaje na żywo
notify-on = Powiadomienia włączone
notify-off = Powiadamiaj mnie
notify-denied = Powiadomienia z tej witryny są zablokowane w ustawieniach przeglądarki.
notify-unavailable = Ta przeglądarka nie może odbierać powiadomień push. Na iPhonie i iPadzie najpierw dodaj AeThex LIVE do ekranu początkowego.
player-play = Odtwórz transmisję
clip-live = Klip z ostatnich 30 s
clip-from-here = Klip od tego miejsca
clip-length = Długość klipu
clip-length-rule = Klip trwa od 5 do 60 sekund.
clip-of = Klip z kanału { $name }
clip-seconds = { $seconds } s
clip-download = Pobierz
clip-not-live = Ten kanał nie nadaje na żywo, więc nie ma z czego zrobić klipu.
clip-not-recorded = Ten serwer nie nagrywa transmisji, więc nie można z nich tworzyć klipów.
clip-too-early = Nic jeszcze nie zostało nagrane. Spróbuj ponownie za kilka sekund.
not-found-clip = Pod tym adresem nie ma klipu.
not-found-video = Pod tym adresem nie ma nagranej transmisji.
channel-videos = Poprzednie transmisje
channel-clips = Klipy
channel-similar = Podobne kanały teraz na żywo
video-ended = Koniec transmisji.
dashboard-title = Panel twórcy
dashboard-offline = Offline
dashboard-view-channel = Zobacz swój kanał
dashboard-saved = Zapisano.
dashboard-key-reset = Twój klucz transmisji został zresetowany. Wpisz nowy w OBS.
dashboard-stream-info = Informacje o transmisji
dashboard-field-title = Tytuł
dashboard-field-category = Kategoria
dashboard-field-tags = Tagi
dashboard-tags-hint = Oddzielaj tagi przecinkami.
dashboard-field-language = Język (ISO 639-1, np. pl)
dashboard-save = Zapisz
dashboard-stream-key = Klucz transmisji
dashboard-show-key = Pokaż klucz transmisji
dashboard-key-warning = Każdy, kto ma ten klucz, może nadawać na twoim kanale. Nigdy nie pokazuj go podczas transmisji.
dashboard-reset-key = Zresetuj klucz transmisji
dashboard-go-live = Nadawaj na żywo z OBS
dashboard-obs-custom = Z dowolnym OBS (serwis „Własny…”)
dashboard-obs-step-1 = W OBS otwórz Ustawienia → Transmisja i wybierz serwis „Własny…”.
dashboard-obs-step-2 = Serwer:
dashboard-obs-step-3 = Klucz strumienia: klucz podany wyżej.
dashboard-obs-step-4 = Kliknij „Rozpocznij transmisję”.
dashboard-obs-plugin = Z wtyczką AeThex do OBS
dashboard-obs-plugin-text = Zainstaluj wtyczkę, wybierz Narzędzia → AeThex: Log in i zatwierdź wyświetlony kod na stronie
dashboard-recent-followers = Najnowsi obserwujący
dashboard-no-followers = Nikt jeszcze nie obserwuje.
dashboard-alerts = Ostatnie alerty
dashboard-no-alerts = Brak alertów. Pojawią się tu obserwacje, subskrypcje, donacje i rajdy.
alert-follow = { $name } obserwuje twój kanał
alert-subscription = { $name } subskrybuje na poziomie { $tier }
alert-donation = { $name } wysyła donację: { $amount }
alert-raid = { $count ->
    [one] { $name } robi rajd na twój kanał z { $count } widzem
    [few] { $name } robi rajd na twój kanał z { $count } widzami
    [many] { $name } robi rajd na twój kanał z { $count } widzami
   *[other] { $name } robi rajd na twój kanał z { $count } widza
}
dashboard-moderators = Moderatorzy
dashboard-moderators-hint = Moderatorzy mogą na twoim czacie usuwać wiadomości, wyciszać i banować.
dashboard-no-moderators = Brak moderatorów.
dashboard-mod-login = Nazwa użytkownika
dashboard-mod-add = Dodaj moderatora
dashboard-mod-remove = Usuń { $name }
dashboard-no-such-user = Nie ma użytkownika o tej nazwie.
dashboard-mod-self = Swój własny czat moderujesz zawsze.
dashboard-blocked-terms = Zablokowane wyrażenia
dashboard-blocked-hint = Wiadomości zawierające zablokowane wyrażenie, bez względu na wielkość liter, nie są pokazywane na twoim czacie (nie dotyczy moderatorów).
dashboard-no-blocked = Brak zablokowanych wyrażeń.
dashboard-term = Wyrażenie
dashboard-term-add = Zablokuj wyrażenie
dashboard-term-remove = Odblokuj { $name }
dashboard-webhooks = Webhooki
dashboard-webhooks-hint = Zdarzenia twojego kanału wysyłane na twój własny serwer jako powiadomienia EventSub podpisane twoim sekretem (nagłówek Twitch-Eventsub-Message-Signature). Nowy webhook musi najpierw odpowiedzieć na wysłane przez nas wyzwanie (challenge).
dashboard-no-webhooks = Brak webhooków.
dashboard-webhook-type = Zdarzenie
dashboard-webhook-callback = URL callbacku (publiczny, HTTPS)
dashboard-webhook-secret = Sekret (od 10 do 100 liter, cyfr lub symboli, bez spacji)
dashboard-webhook-add = Dodaj webhook
dashboard-webhook-delete = Usuń webhook { $name }
dashboard-webhook-added = Dodano webhook. Zacznie działać, gdy jego callback odpowie na wyzwanie.
dashboard-webhook-deleted = Usunięto webhook.
dashboard-raid = Zrób rajd na kanał
dashboard-raid-hint = Wyślij swoich widzów na inny kanał: zostaną tam przeniesieni, a jego czat ogłosi twój rajd.
dashboard-raid-to = Kanał do rajdu
dashboard-raid-start = Rozpocznij rajd
dashboard-raided = Rajd wysłany. Twoi widzowie są w drodze.
embed-watch-on = Oglądaj kanał { $name } na AeThex LIVE
nav-dashboard = Panel
nav-main = Nawigacja główna
nav-browse = Przeglądaj
nav-search = Szukaj
search-title = Wyszukiwanie
search-label = Szukaj kanałów
search-submit = Szukaj
search-none = Żaden kanał nie pasuje do „{ $query }”.
directory-title = Przeglądaj
directory-all = Wszystkie kategorie
settings-title = Ustawienia
settings-profile = Profil
settings-display-name = Nazwa wyświetlana
settings-name-hint = Twoja nazwa użytkownika z wielkimi literami tam, gdzie chcesz.
settings-name-rule = Nazwa wyświetlana składa się z liter twojej nazwy użytkownika, wielkich lub małych.
settings-about = O twoim kanale
settings-about-rule = Opis ma najwyżej 300 znaków i nie może zawierać znaków sterujących.
settings-notifications = Powiadomienia o transmisjach na żywo
settings-no-notifications = Nie dostajesz powiadomień o transmisjach na żywo. Włącz je przyciskiem „Powiadamiaj mnie” na kanale, który obserwujesz.
settings-notify-off = Wyłącz
settings-privacy = Prywatność
settings-personalised = Spersonalizowane rekomendacje
settings-personalised-hint = Polecamy kanały na podstawie tego, co oglądasz. Po wyłączeniu twoja historia oglądania zniknie z systemu rekomendacji przy jego następnym trenowaniu, a pokażemy ci kanały popularne w twoim języku.
nav-settings = Ustawienia
subscribe = Subskrybuj
resubscribe = Odnów subskrypcję
subscribe-tier = Poziom subskrypcji
tier-1 = Poziom 1
tier-2 = Poziom 2
tier-3 = Poziom 3
subscribed-until = Subskrypcja aktywna do { $date }. Dziękujemy!
donate = Wesprzyj
donate-amount = Kwota
donate-currency = Waluta
donate-message = Wiadomość (widoczna w transmisji)
donate-send = Wyślij donację
donate-thanks = Dziękujemy! Twoja donacja została wysłana.
donate-amount-rule = Wpisz kwotę, np. 5 lub 4,99.
donate-currency-rule = Wybierz walutę z listy.

# Wybór języka, czas, długość, kwoty (liczby i daty formatuje kod, zależnie od języka).
language = Język
language-change = Zmień język
language-unknown = Ten język nie jest dostępny.
time-just-now = przed chwilą
time-minutes-ago = { $count ->
    [one] { $count } minutę temu
    [few] { $count } minuty temu
    [many] { $count } minut temu
   *[other] { $count } minuty temu
}
time-hours-ago = { $count ->
    [one] { $count } godzinę temu
    [few] { $count } godziny temu
    [many] { $count } godzin temu
   *[other] { $count } godziny temu
}
time-days-ago = { $count ->
    [one] { $count } dzień temu
    [few] { $count } dni temu
    [many] { $count } dni temu
   *[other] { $count } dnia temu
}
duration-hours-minutes = { $hours } godz. { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Rozpoczęto { $time }
broadcast-length = Czas trwania: { $duration }
directory-language = Język transmisji
directory-all-languages = Wszystkie języki
directory-filter = Pokaż

# Strony logowania, wylogowania, aktywacji urządzeń i zgody OAuth.
auth-error-title = Coś jest nie tak
auth-internal = Błąd wewnętrzny; został zapisany.
auth-cross-site = Ten formularz został wysłany z innej witryny, więc go odrzucono.
auth-bad-form = Nie udało się odczytać formularza; wyślij go z jego strony.
login-title = Zaloguj się do AeThex
login-field-login = Nazwa użytkownika
login-field-password = Hasło
login-submit = Zaloguj się
login-expired = Formularz wygasł lub nie pochodzi z tej witryny; zaloguj się ponownie.
login-throttled = { $count ->
    [one] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $count } sekundę.
    [few] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $count } sekundy.
    [many] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $count } sekund.
   *[other] Zbyt wiele nieudanych prób. Spróbuj ponownie za { $count } sekundy.
}
login-wrong = Nieprawidłowa nazwa użytkownika lub hasło.
logout-title = Wylogowano
logout-done = Wylogowano cię.
logout-refused = Brak aktywnej sesji albo formularz wygasł.
signed-in-as = Zalogowano jako { $login }.
scopes-none = Aplikacja nie prosi o żadne dodatkowe uprawnienia.
scopes-intro = Aplikacja będzie mogła:
scope-channel-read = Wyświetlać ustawienia twojego kanału
scope-channel-manage = Zmieniać twój kanał: tytuł, kategorię, moderatorów, rajdy
scope-stream-key = Wyświetlać i resetować twój klucz transmisji
scope-chat-read = Czytać czat
scope-chat-edit = Wysyłać wiadomości na czacie w twoim imieniu
scope-moderator-manage = Moderować czaty, które moderujesz: usuwać, wyciszać, banować, zmieniać tryby
scope-moderator-read-followers = Sprawdzać, kto obserwuje kanały, które moderujesz
scope-user-read = Wyświetlać dane twojego konta
scope-user-edit-follows = Obserwować kanały i przestawać je obserwować w twoim imieniu
scope-user-edit-subscriptions = Subskrybować kanały w twoim imieniu
scope-channel-read-subscriptions = Wyświetlać twoich subskrybentów
scope-donations-read = Wyświetlać otrzymane przez ciebie donacje
scope-donations-write = Wysyłać donacje w twoim imieniu
scope-webhooks-manage = Wysyłać zdarzenia twojego kanału na inne serwery
scope-analytics-read = Wyświetlać statystyki twojego kanału
device-title = Połącz urządzenie
device-wants = { $app } chce korzystać z twojego konta.
device-unknown-code = Ten kod jest nieznany lub wygasł. Sprawdź urządzenie.
device-code-label = Kod wyświetlany na twoim urządzeniu
device-allow = Zezwól
device-deny = Odmów
device-expired = Formularz wygasł; odśwież stronę i spróbuj ponownie.
device-connected-title = Połączono urządzenie
device-connected = Możesz już wrócić do urządzenia.
device-denied-title = Odrzucono prośbę
device-denied = Urządzenie nie otrzymało dostępu.
device-code-used = Ten kod jest nieznany, wygasł lub został już użyty. Sprawdź urządzenie.
oauth-bad-redirect-url = URI przekierowania aplikacji nie jest adresem URL.
oauth-unknown-client = Nieznany client_id: ta aplikacja nie jest zarejestrowana.
oauth-redirect-mismatch = Parametr redirect_uri nie pasuje dokładnie do żadnego adresu zarejestrowanego dla tej aplikacji.
consent-title = Autoryzuj aplikację
consent-wants = { $app } chce korzystać z twojego konta AeThex.
consent-approve = Autoryzuj
consent-cancel = Anuluj
consent-redirect = Przekierujemy cię do { $url }.
consent-log-in-first = Najpierw się zaloguj.
consent-expired = Formularz wygasł; zacznij od nowa w aplikacji.

# Strony nakładek dla źródeł przeglądarki w OBS (alerty na transmisji).
overlay-follow = { $name } od teraz obserwuje kanał!
overlay-subscribe = { $name } subskrybuje na poziomie { $tier }!
overlay-donation = { $name } wysyła donację: { $amount }!
overlay-raid = { $count ->
    [one] { $name } robi rajd z { $count } widzem!
    [few] { $name } robi rajd z { $count } widzami!
    [many] { $name } robi rajd z { $count } widzami!
   *[other] { $name } robi rajd z { $count } widza!
}
overlay-token-missing = Dodaj #token=<twój token AeThex> do adresu tej strony (fragment nigdy nie trafia na serwer).

# Wpływy w panelu twórcy.
dashboard-revenue = Donacje z ostatnich 30 dni
dashboard-revenue-none = Brak donacji w ostatnich 30 dniach.
dashboard-revenue-count = { $count ->
    [one] { $count } donacja
    [few] { $count } donacje
    [many] { $count } donacji
   *[other] { $count } donacji
}
dashboard-revenue-total = Łącznie: około { $amount }
dashboard-revenue-unconverted = Poza sumą (brak kursu wymiany): { $currencies }
dashboard-revenue-rates = Przeliczono według kursów referencyjnych Europejskiego Banku Centralnego (data: { $date }).
dashboard-revenue-no-rates = Na tym serwerze nie wczytano kursów walut, więc każda waluta jest pokazana osobno.
dashboard-display-currency = Pokaż sumę w

# Podsumowanie transmisji w panelu twórcy (/dashboard/analytics).
analytics-title = Podsumowanie transmisji
analytics-link = Podsumowanie transmisji
analytics-none = Nie było jeszcze żadnej transmisji. Statystyki twojej pierwszej transmisji pojawią się tu kilka sekund po jej zakończeniu.
analytics-live-note = Na żywo: te liczby są wstępne i staną się ostateczne kilka sekund po zakończeniu transmisji.
analytics-final = Ostateczne
analytics-started = Rozpoczęto { $date }
analytics-length = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minut
   *[other] { $count } minuty
}
analytics-average = Średnia liczba widzów
analytics-peak = Szczytowa liczba widzów
analytics-unique = Unikalni widzowie
analytics-watched = Obejrzane minuty
analytics-chatters = Osoby piszące na czacie
analytics-messages = Wiadomości na czacie
analytics-followers = Nowi obserwujący
analytics-subscriptions = Subskrypcje
analytics-engagement = Zaangażowanie (na 100)
analytics-viewers-chart = Widzowie na minutę
analytics-chat-chart = Wiadomości na czacie na minutę
analytics-minute-viewers = Minuta { $minute }: { $count ->
    [one] { $count } widz
    [few] { $count } widzów
    [many] { $count } widzów
   *[other] { $count } widza
}
analytics-minute-messages = Minuta { $minute }: { $count ->
    [one] { $count } wiadomość
    [few] { $count } wiadomości
    [many] { $count } wiadomości
   *[other] { $count } wiadomości
}
analytics-top-moments = Najbardziej ożywione momenty na czacie
analytics-retention = Utrzymanie widowni
analytics-retention-row = Po { $count ->
    [one] { $count } minucie
    [few] { $count } minutach
    [many] { $count } minutach
   *[other] { $count } minuty
}: { $percent }
analytics-funnel = Od widza do subskrybenta
analytics-funnel-viewers = Widzowie
analytics-funnel-chatters = Pisali na czacie
analytics-funnel-followers = Zaobserwowali
analytics-funnel-subscribers = Zasubskrybowali
analytics-donations = Donacje
analytics-no-donations = Brak donacji podczas tej transmisji.
analytics-raids = { $count ->
    [one] { $count } rajd przyprowadził widzów: { $viewers }
    [few] { $count } rajdy przyprowadziły widzów: { $viewers }
    [many] { $count } rajdów przyprowadziło widzów: { $viewers }
   *[other] { $count } rajdu przyprowadziło widzów: { $viewers }
}
analytics-clips = { $count ->
    [one] { $count } klip
    [few] { $count } klipy
    [many] { $count } klipów
   *[other] { $count } klipa
}
analytics-sources = Źródła ruchu
analytics-devices = Urządzenia
analytics-countries = Kraje
analytics-hidden = { $count ->
    [one] Nie pokazano { $count } widza z grup mniejszych niż 5 osób
    [few] Nie pokazano { $count } widzów z grup mniejszych niż 5 osób
    [many] Nie pokazano { $count } widzów z grup mniejszych niż 5 osób
   *[other] Nie pokazano { $count } widza z grup mniejszych niż 5 osób
}
analytics-empty-breakdown = Żadna grupa nie ma jeszcze 5 widzów.
analytics-privacy = Liczone bez plików cookie; widzowie, którzy proszą o nieśledzenie (Do Not Track, Global Privacy Control), nie są liczeni.
source-following = Obserwowane
source-directory = Przeglądaj
source-search = Wyszukiwanie
source-recommendations = Polecane
source-raid = Rajdy
source-push = Powiadomienia
source-discord = Discord
source-embed = Osadzony odtwarzacz
source-external = Inne witryny
source-direct = Wejścia bezpośrednie
device-phone = Telefon
device-tablet = Tablet
device-desktop = Komputer
device-tv = Telewizor
device-app = Aplikacja lub odtwarzacz
country-unknown = Nieznany
analytics-percent = { $value }%
platform-title = Statystyki platformy
platform-link = Statystyki platformy
platform-date = Dane do { $date } (UTC)
platform-dau = Aktywni dziś
platform-wau = Aktywni w tym tygodniu
platform-mau = Aktywni w ciągu 30 dni
platform-stickiness = Lojalność (dziś ÷ 30 dni)
platform-new = Nowi widzowie w ciągu 30 dni
platform-churn = Odpływ (aktywni w poprzednich 30 dniach, potem już nie)
platform-dau-chart = Aktywni widzowie dziennie, 30 dni
platform-day-viewers = { $date }: { $count ->
    [one] { $count } widz
    [few] { $count } widzów
    [many] { $count } widzów
   *[other] { $count } widza
}
platform-cohorts = Tygodniowe kohorty utrzymania
platform-cohort-week = Pierwsza wizyta, tydzień od
platform-cohort-size = Widzowie
platform-cohort-after = Tydzień { $week }
platform-revenue = Wpływy (donacje)
platform-currency = Waluta
platform-revenue-day = Dziś
platform-revenue-week = 7 dni
platform-revenue-month = 30 dni
platform-arpu = Na aktywnego widza
platform-no-revenue = Brak donacji w ciągu 30 dni.
platform-by-region = Wpływy według regionu, 30 dni
platform-by-tier = Wpływy według wielkości twórcy, 30 dni
tier-small = Mały (poniżej 100 obserwujących)
tier-growing = Rosnący (poniżej 1000)
tier-established = Uznany (poniżej 10 000)
tier-top = Czołowy (10 000 lub więcej)
platform-creators = Twórcy
platform-creators-active = Nadawali w ciągu 30 dni
platform-creators-new = Pierwsza transmisja w ciągu 30 dni
platform-creators-live = Teraz na żywo
platform-categories = Kategorie według obejrzanych minut, 30 dni
platform-no-category = Bez kategorii
platform-category-row = { $category }: { $minutes } min oglądania, { $growth }
platform-growth-new = nowość
platform-no-categories = Żadna transmisja nie zakończyła się w ciągu 30 dni.
platform-countries = Widzowie według kraju, 30 dni
platform-live = Teraz na żywo, od najszybciej rosnących
platform-live-row = widzów teraz: { $viewers }, w ostatnich 10 minutach: { $recent } ({ $growth })
platform-no-live = Nikt nie nadaje na żywo.
platform-health = Stan systemu
platform-uptime = Czas działania: { $duration }
platform-requests = Żądania
platform-errors = Błędy serwera
platform-latency = Opóźnienie p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Ścieżka
platform-live-streams = Odbierane transmisje
platform-chat-rate = Wiadomości na czacie w ostatniej minucie
platform-webhook-backlog = Oczekujące dostarczenia
platform-dropped = Odrzucone wiersze statystyk
platform-recs = Rekomendacje, 7 dni
platform-recs-model = Model { $version }, wytrenowany { $date } w { $ms } ms (widzowie: { $viewers }, kanały: { $channels })
platform-recs-no-model = Nie wytrenowano jeszcze żadnego modelu.
platform-recs-none = Nie pokazano jeszcze żadnych rekomendacji.
platform-recs-variant = Wariant
platform-recs-impressions = Wyświetlenia
platform-recs-clicks = Kliknięcia
platform-recs-ctr = Klikalność
platform-recs-watch = Minuty oglądania na kliknięcie
platform-privacy = Widzów liczymy według pseudonimu (zalogowane konto lub jedna przeglądarka); kraje, w których jest mniej niż 5 widzów, nie są pokazywane.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Statystyki kanału
channel-analytics-link = Statystyki kanału
channel-analytics-from = Od
channel-analytics-to = Do
channel-analytics-show = Pokaż
channel-analytics-range = Od { $from } do { $to }
channel-analytics-last-days = { $count ->
    [one] Dzisiaj
    [few] Ostatnie { $count } dni
    [many] Ostatnie { $count } dni
   *[other] Ostatnie { $count } dnia
}
channel-analytics-growth = { $percent } względem poprzedniego okresu
channel-analytics-live-minutes = Minuty na żywo
channel-analytics-unique-chart = Unikalni widzowie dziennie
channel-analytics-watched-chart = Obejrzane minuty dziennie
channel-analytics-chat-chart = Wiadomości na czacie dziennie
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Dzień po dniu
channel-analytics-day = Dzień
channel-analytics-no-donations = Brak donacji w tych dniach.
channel-analytics-bad-date = Daty to dni zapisane jak 2026-11-30. Zamiast tego pokazujemy ostatnie 28 dni.
channel-analytics-future = Zakres nie może kończyć się później niż dziś. Zamiast tego pokazujemy ostatnie 28 dni.
channel-analytics-bad-range = Początek nie może wypadać po końcu, a odstęp między nimi może wynosić najwyżej { $days } dni. Zamiast tego pokazujemy ostatnie 28 dni.

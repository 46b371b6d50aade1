# Komendy ukośnika i odpowiedzi bota Discorda po polsku. Discord pokazuje je
# w języku klienta członka (lokalizacja nazw i opisów, a dla odpowiedzi język
# interakcji). Markdown (**pogrubienie**, `kod`) i wzmianki Discorda
# (<#kanał>, <@&rola>) zostają bez zmian.
# Zwracamy się na „ty”, jak w katalogu webowym.

# Nazwy komend ukośnika (małe litery, bez spacji: reguła Discorda) i opisy.
cmd-notify-name = powiadomienia
cmd-notify = Powiadomienia o transmisjach na żywo kanału AeThex
cmd-notify-add = Ogłaszaj tutaj kanał AeThex
cmd-notify-remove = Przestań ogłaszać
cmd-notify-list = Ogłoszenia na tym serwerze
cmd-stream-name = stream
cmd-stream = Czy transmisja jest na żywo? Tytuł, widzowie, czas trwania
cmd-link-name = połącz
cmd-link = Połącz swoje konto AeThex (dla ról subskrybentów)
cmd-roles-name = role
cmd-roles = Role subskrybentów dla połączonych członków
cmd-bridge-name = most
cmd-bridge = Wzajemnie odzwierciedlaj pokój czatu AeThex i kanał na Discordzie
cmd-bridge-set = Połącz kanał mostem
cmd-bridge-off = Usuń most tego serwera
opt-login = Nazwa użytkownika kanału AeThex
opt-where = Gdzie ogłaszać
opt-role = Rola do oznaczenia
opt-announcement-channel = Kanał ogłoszeń
opt-discord-channel = Kanał na Discordzie
opt-subscriber = Wszyscy subskrybenci
opt-tier = Dodatkowa rola dla poziomu { $tier }
opt-language = Język ogłoszeń (domyślnie: język tego serwera)

# Odpowiedzi
unknown-command = Nie znam /{ $name }.
pick-channel = Wybierz kanał na Discordzie.
not-a-login = „{ $login }” to nie jest nazwa kanału AeThex.
admins-only = Mogą to zrobić tylko osoby z uprawnieniem „Zarządzanie serwerem”, i to tylko na serwerze.
went-wrong = Coś poszło nie tak po mojej stronie; spróbuj ponownie.
no-such-channel = Nie ma kanału AeThex „{ $login }”.
aethex-down = AeThex teraz nie odpowiada ({ $error }).
aethex-down-retry = AeThex teraz nie odpowiada ({ $error }); spróbuj ponownie.
notify-added = Ogłoszę na <#{ $channel }>, gdy **{ $login }** rozpocznie transmisję na żywo.
notify-removed = Kanał **{ $login }** nie jest już ogłaszany na <#{ $channel }>.
notify-missing = Kanał **{ $login }** nie był ogłaszany na <#{ $channel }>.
notify-none = Nie ma jeszcze ogłoszeń: { $command }.
notify-pings = (oznacza <@&{ $role }>)
notify-updated = Zaktualizowano ogłoszenie kanału **{ $login }** na <#{ $channel }>.
no-such-language = Nie znam języka „{ $language }”; wybierz jeden z listy.

# Ogłoszenia o transmisjach na żywo w języku wybranym w /notify add (albo w
# preferowanym języku serwera) i informacja dla administratora, gdy ogłoszenie się nie uda.
announce-live = **{ $name }** nadaje na żywo!
announce-was-live = Transmisja **{ $name }** dobiegła końca.
embed-untitled = { $name } nadaje na żywo
embed-streaming = { $name } nadaje na żywo w AeThex LIVE.
embed-category = Kategoria
embed-tags = Tagi
embed-ended = Transmisja zakończyła się po { $duration }.
embed-ran-for = Czas trwania
role-deleted = Rola subskrybentów, którą zarządzam (ID { $role }), została usunięta z serwera; wybierz role ponownie za pomocą { $command }.
role-problem = Nie udało mi się nadać ani odebrać roli subskrybentów <@&{ $role }>. Potrzebuję uprawnienia „Zarządzanie rolami”, a moja własna rola musi być nad nią w sekcji „Ustawienia serwera → Role”.
announce-no-permission = Nie udało mi się opublikować ogłoszenia o transmisji **{ $login }** na <#{ $channel }>: według Discorda brakuje mi tam uprawnienia. Daj mi na tym kanale uprawnienia „Wyświetlanie kanału”, „Wysyłanie wiadomości” i „Osadzanie linków” (oraz „Wzmiankowanie @everyone, @here i wszystkich ról”, jeśli ogłoszenie oznacza rolę).
bridge-set = <#{ $channel }> i czat **{ $login }** odzwierciedlają się teraz nawzajem.
bridge-off = Most czatu jest wyłączony.
bridge-none = Nie było mostu.
roles-off = Role subskrybentów są wyłączone.
roles-set = Połączeni subskrybenci **{ $login }** otrzymują teraz swoje role.
link-down = AeThex teraz nie odpowiada; spróbuj { $command } ponownie za minutę.
link-open = { $minutes ->
    [one] Aby połączyć konto AeThex, otwórz { $url } i wpisz kod **{ $code }** (ważny przez { $minutes } minutę).
    [few] Aby połączyć konto AeThex, otwórz { $url } i wpisz kod **{ $code }** (ważny przez { $minutes } minuty).
    [many] Aby połączyć konto AeThex, otwórz { $url } i wpisz kod **{ $code }** (ważny przez { $minutes } minut).
   *[other] Aby połączyć konto AeThex, otwórz { $url } i wpisz kod **{ $code }** (ważny przez { $minutes } minuty).
}
link-done = Połączono z kontem AeThex **{ $login }**.
link-failed-here = Łączenie nie powiodło się po mojej stronie; spróbuj { $command } ponownie.
link-declined = Połączenie zostało odrzucone; nic się nie zmieniło.
link-expired = Kod wygasł; uruchom { $command } ponownie.
link-failed = Łączenie nie powiodło się: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** nadaje na żywo: { $title } — { $viewers } widz, czas trwania { $uptime } ({ $category })
    [few] 🔴 **{ $name }** nadaje na żywo: { $title } — { $viewers } widzów, czas trwania { $uptime } ({ $category })
    [many] 🔴 **{ $name }** nadaje na żywo: { $title } — { $viewers } widzów, czas trwania { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** nadaje na żywo: { $title } — { $viewers } widza, czas trwania { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** jest offline. Ostatni tytuł: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Publikuj tu też podsumowanie po każdej transmisji (tylko twój własny kanał)
notify-summary-on = Po każdej transmisji opublikuję tu też jej podsumowanie.
notify-summary-owner = Mogę publikować tylko podsumowania kanału **{ $owner }**, na którego koncie AeThex działa ten bot: podsumowanie transmisji to statystyki samego twórcy.
notify-list-summary = (z podsumowaniem)
summary-content = Podsumowanie transmisji **{ $name }**
summary-title = Podsumowanie transmisji: { $title }
summary-description = Transmisja { $name } trwała { $duration }.
summary-average = Średnia liczba widzów
summary-peak = Szczytowa liczba widzów
summary-unique = Unikalni widzowie
summary-chatters = Osoby piszące na czacie
summary-messages = Wiadomości na czacie
summary-followers = Nowi obserwujący
summary-busiest = Najbardziej ożywiony moment na czacie
summary-moment = { $messages ->
    [one] W momencie { $at }: { $messages } wiadomość w ciągu jednej minuty
    [few] W momencie { $at }: { $messages } wiadomości w ciągu jednej minuty
    [many] W momencie { $at }: { $messages } wiadomości w ciągu jednej minuty
   *[other] W momencie { $at }: { $messages } wiadomości w ciągu jednej minuty
}
summary-no-access = Nie udało mi się opublikować podsumowania transmisji **{ $login }**: token AeThex bota nie może odczytać statystyk tego kanału. Zaloguj bota ponownie z uprawnieniem `analytics:read`.

# Встроенные ответы чат-бота на русском языке. $(user) — собственная переменная
# бота (имя автора сообщения в чате), во всех языках она остаётся как есть.

# Очки
points-balance = У { $user } { $points } { $name }, время просмотра: { $watched }.
points-gave = @{ $who } передаёт { $amount } { $name } пользователю { $to }.
points-too-few = @{ $who } -> у вас нет { $amount } { $name }.
points-give-usage = @{ $who } -> использование: !give <пользователь> <количество> (положительное число, другому пользователю)
points-nobody = Пока ни у кого нет { $name }.
points-top = Топ { $name }: { $list }
# Название баллов, если в конфигурации оно не задано, в форме для { $count }.
points-unit = { $count ->
    [one] балл
    [few] балла
    [many] баллов
   *[other] балла
}

# Промежутки времени («2 дня 3 часа»), через пробел
span-days = { $count ->
    [one] { $count } день
    [few] { $count } дня
    [many] { $count } дней
   *[other] { $count } дня
}
span-hours = { $count ->
    [one] { $count } час
    [few] { $count } часа
    [many] { $count } часов
   *[other] { $count } часа
}
span-minutes = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
    [many] { $count } минут
   *[other] { $count } минуты
}
span-seconds = { $count ->
    [one] { $count } секунда
    [few] { $count } секунды
    [many] { $count } секунд
   *[other] { $count } секунды
}

# Розыгрыши
giveaway-started-keyword = Начался розыгрыш! Напишите { $keyword } или !giveaway enter, чтобы участвовать.
giveaway-started = Начался розыгрыш! Напишите !giveaway enter, чтобы участвовать.
giveaway-winner = Побеждает @{ $winner } (участников: { $count })! Поздравляем!
giveaway-nobody = В розыгрыше никто не участвовал.
giveaway-entered = @{ $who } -> вы участвуете!
giveaway-already = @{ $who } -> вы уже участвуете.
giveaway-closed = @{ $who } -> сейчас нет активного розыгрыша.
giveaway-full = @{ $who } -> в розыгрыше больше нет мест.
giveaway-usage-mod = @{ $who } -> использование: !giveaway start [ключевое слово] | enter | draw
giveaway-usage = @{ $who } -> использование: !giveaway enter

# Цитаты
quote-added = Цитата #{ $number } добавлена.
quote-deleted = Цитата #{ $number } удалена.
quote-missing = Цитаты #{ $number } нет.
quote-mods-only = @{ $who } -> изменять цитаты могут только модераторы.
quote-none = Цитат пока нет; модераторы добавляют их командой !quote add <текст>.
quote-usage = @{ $who } -> использование: !quote [номер] | add <текст> | delete <номер>
quote-add-usage = @{ $who } -> использование: !quote add <текст до 300 символов>
quote-delete-usage = @{ $who } -> использование: !quote delete <номер>

# Заказ песен
songs-level = @{ $who } -> заказ песен доступен только для { $level ->
    [subscriber] подписчиков
    [regular] постоянных зрителей
    [vip] VIP
    [moderator] модераторов
    [owner] автора канала
   *[other] { $level }
} и выше.
songs-usage = @{ $who } -> использование: !sr <ссылка на YouTube или SoundCloud либо поисковый запрос>
songs-bad-youtube-id = @{ $who } -> в этой ссылке на YouTube нет правильного ID видео.
songs-no-youtube-video = @{ $who } -> в этой ссылке на YouTube нет видео.
songs-not-soundcloud-track = @{ $who } -> эта ссылка на SoundCloud ведёт не на трек.
songs-only-youtube-soundcloud = @{ $who } -> заказывать можно только по ссылкам на YouTube и SoundCloud.
songs-full = @{ $who } -> очередь заполнена (максимум: { $count }).
songs-yours-full = @{ $who } -> у вас уже максимум песен в очереди ({ $count }).
songs-duplicate = @{ $who } -> эта песня уже в очереди.
songs-added = @{ $who } -> «{ $title }» добавлена в очередь, позиция #{ $position }.
songs-empty = Очередь песен пуста.
songs-list = { $count ->
    [one] { $count } песня: { $list }
    [few] { $count } песни: { $list }
    [many] { $count } песен: { $list }
   *[other] { $count } песни: { $list }
}
songs-now = Сейчас играет: { $title } (заказ: { $user })
songs-nothing = Сейчас ничего не играет.
songs-skipped = Пропущено. Сейчас играет: { $title }
songs-skipped-empty = Пропущено. Очередь пуста.
songs-removed = @{ $who } -> «{ $title }» удалена из очереди.
songs-none-yours = @{ $who } -> у вас нет песен в очереди.

# Модерация
permit = @{ $user } -> в ближайшие 60 секунд вы можете отправить одну ссылку.
permit-usage = @{ $who } -> использование: !permit <пользователь>
regular-added = @{ $who } -> { $user } теперь в списке постоянных зрителей.
regular-removed = @{ $who } -> { $user } больше не в списке постоянных зрителей.
regulars-usage = @{ $who } -> использование: !regulars add|remove <пользователь>

# !команды
command-added = @{ $who } -> Команда «{ $name }» успешно добавлена.
command-edited = @{ $who } -> Команда «{ $name }» успешно изменена.
command-deleted = @{ $who } -> Команда «{ $name }» успешно удалена.
command-refused = @{ $who } -> { $reason }

# Предупреждения спам-фильтров (по умолчанию; в конфигурации можно задать свои)
filter-links = $(user) -> пожалуйста, спрашивайте, прежде чем публиковать ссылки.
filter-caps = $(user) -> поменьше капса, пожалуйста.
filter-symbols = $(user) -> слишком много символов.
filter-repetitions = $(user) -> пожалуйста, не повторяйтесь.
filter-emotes = $(user) -> слишком много смайликов.
filter-blacklist = $(user) -> эта фраза здесь запрещена.

# Управление пользовательскими командами (!commands add|edit|delete, !addcom, !editcom,
# !delcom). Синтаксис (add, edit, delete, -ul=, -cd=, -a=, названия уровней доступа)
# одинаков во всех языках: его оставляют как есть.
manage-added = Команда «{ $name }» успешно добавлена.
manage-edited = Команда «{ $name }» успешно изменена.
manage-deleted = Команда «{ $name }» успешно удалена.
manage-mods-only = управлять командами могут только модераторы
manage-exists = команда { $name } уже есть; используйте !commands edit
manage-missing = команды { $name } нет
manage-alias-loop = цепочка { $chain } зациклится на { $name }
manage-alias-depth = длина цепочки псевдонимов — не больше { $max }
manage-not-a-name = «{ $name }» — не название команды
manage-unknown-action = неизвестное действие «{ $action }»: используйте add, edit или delete
manage-usage = использование: !commands add|edit|delete !name [-ul=уровень] [-cd=секунды] [-a=!другая] ответ
manage-which = какая команда? Например: !commands add !discord Присоединяйтесь к нам: …
manage-unknown-level = неизвестный уровень доступа «{ $level }»: используйте owner, moderator, vip, regular, subscriber или everyone
manage-cooldown-not-a-number = время восстановления «{ $value }» — не число секунд
manage-cooldown-range = время восстановления должно быть от { $min } до { $max ->
    [one] { $max } секунды
   *[other] { $max } секунд
}
manage-unknown-flag = неизвестный параметр «{ $flag }»: используйте -ul=, -cd= или -a=
manage-too-long = ответ длиннее { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}
manage-self-alias = команда { $name } не может быть псевдонимом самой себя
manage-needs-response = для команды { $name } нужен ответ
manage-nothing-to-change = в команде { $name } нечего менять
manage-delete-extra = для delete нужно только название команды

# Слеш-команды и ответы Discord-бота на русском языке. Discord показывает их
# на языке клиента участника (локализация названий и описаний, а для ответов —
# язык взаимодействия). Markdown (**жирный**, `код`) и упоминания Discord
# (<#канал>, <@&роль>) остаются как есть.
# Обращение на «вы», как в веб-каталоге.

# Названия слеш-команд (строчные буквы, без пробелов: правило Discord) и описания.
cmd-notify-name = уведомления
cmd-notify = Уведомления о начале трансляций канала AeThex
cmd-notify-add = Объявлять здесь о трансляциях канала AeThex
cmd-notify-remove = Перестать объявлять
cmd-notify-list = Объявления на этом сервере
cmd-stream-name = трансляция
cmd-stream = Идёт ли трансляция? Название, зрители, время в эфире
cmd-link-name = привязать
cmd-link = Привязать аккаунт AeThex (для ролей подписчиков)
cmd-roles-name = роли
cmd-roles = Роли подписчиков для участников с привязанным аккаунтом
cmd-bridge-name = мост
cmd-bridge = Зеркально связать чат канала AeThex и канал Discord
cmd-bridge-set = Создать мост с каналом
cmd-bridge-off = Удалить мост этого сервера
opt-login = Имя пользователя канала AeThex
opt-where = Где объявлять
opt-role = Роль для упоминания
opt-announcement-channel = Канал для объявлений
opt-discord-channel = Канал Discord
opt-subscriber = Все подписчики
opt-tier = Дополнительная роль для уровня { $tier }

# Ответы
unknown-command = Я не знаю команду /{ $name }.
pick-channel = Выберите канал Discord.
not-a-login = «{ $login }» — не имя канала AeThex.
admins-only = Это могут делать только участники с правом «Управлять сервером» и только на сервере.
went-wrong = У меня что-то пошло не так; попробуйте ещё раз.
no-such-channel = Канала AeThex «{ $login }» не существует.
aethex-down = AeThex сейчас не отвечает ({ $error }).
notify-added = Я объявлю в <#{ $channel }>, когда **{ $login }** выйдет в эфир.
notify-exists = Трансляции **{ $login }** уже объявляются в <#{ $channel }>.
notify-removed = Трансляции **{ $login }** больше не объявляются в <#{ $channel }>.
notify-missing = Трансляции **{ $login }** не объявлялись в <#{ $channel }>.
notify-none = Объявлений пока нет: `/notify add`.
notify-pings = (упоминает <@&{ $role }>)
bridge-set = <#{ $channel }> и чат **{ $login }** теперь зеркалируют друг друга.
bridge-off = Мост чатов выключен.
bridge-none = Моста не было.
roles-off = Роли подписчиков выключены.
roles-set = Подписчики **{ $login }** с привязанным аккаунтом теперь получают свои роли.
link-down = AeThex сейчас не отвечает; попробуйте /link ещё раз через минуту.
link-open = { $minutes ->
    [one] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуту).
    [few] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуты).
    [many] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минут).
   *[other] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуты).
}
link-done = Аккаунт AeThex **{ $login }** привязан.
link-failed-here = У меня не получилось выполнить привязку; попробуйте /link ещё раз.
link-declined = Вы отклонили привязку; ничего не изменилось.
link-expired = Срок действия кода истёк; выполните /link ещё раз.
link-failed = Не удалось привязать аккаунт: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зритель, трансляция идёт { $uptime } ({ $category })
    [few] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителя, трансляция идёт { $uptime } ({ $category })
    [many] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителей, трансляция идёт { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителя, трансляция идёт { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** не в сети. Последнее название: { $title }

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
opt-language = Язык объявлений (по умолчанию — язык этого сервера)

# Ответы
unknown-command = Я не знаю команду /{ $name }.
pick-channel = Выберите канал Discord.
not-a-login = «{ $login }» — не имя канала AeThex.
admins-only = Это могут делать только участники с правом «Управлять сервером» и только на сервере.
went-wrong = У меня что-то пошло не так; попробуйте ещё раз.
no-such-channel = Канала AeThex «{ $login }» не существует.
aethex-down = AeThex сейчас не отвечает ({ $error }).
aethex-down-retry = AeThex сейчас не отвечает ({ $error }); попробуйте ещё раз.
notify-added = Я объявлю в <#{ $channel }>, когда **{ $login }** выйдет в эфир.
notify-removed = Трансляции **{ $login }** больше не объявляются в <#{ $channel }>.
notify-missing = Трансляции **{ $login }** не объявлялись в <#{ $channel }>.
notify-none = Объявлений пока нет: { $command }.
notify-pings = (упоминает <@&{ $role }>)
notify-updated = Объявление о трансляциях **{ $login }** в <#{ $channel }> обновлено.
no-such-language = Я не говорю на языке «{ $language }»; выберите язык из списка.

# Объявления о начале трансляций — на языке, выбранном в /notify add (иначе на
# основном языке сервера), и сообщение администратору, если объявление не удалось.
announce-live = **{ $name }** в эфире!
announce-was-live = Трансляция **{ $name }** завершилась.
embed-untitled = { $name } в эфире
embed-streaming = { $name } ведёт трансляцию на AeThex LIVE.
embed-category = Категория
embed-tags = Теги
embed-ended = Трансляция завершилась; она длилась { $duration }.
embed-ran-for = Длительность
role-deleted = Роль подписчиков, которой я управляю (ID { $role }), удалена с сервера; выберите роли заново с помощью { $command }.
role-problem = Не удалось выдать или снять роль подписчиков <@&{ $role }>. Мне нужно право «Управлять ролями», а моя собственная роль должна стоять выше неё в разделе «Настройки сервера → Роли».
announce-no-permission = Не удалось опубликовать объявление о начале трансляции **{ $login }** в <#{ $channel }>: по словам Discord, мне не хватает там одного из прав. Выдайте мне в этом канале права «Просматривать канал», «Отправлять сообщения» и «Встраивать ссылки» (и «Упоминание @everyone, @here и всех ролей», если объявление упоминает роль).
bridge-set = <#{ $channel }> и чат **{ $login }** теперь зеркалируют друг друга.
bridge-off = Мост чатов выключен.
bridge-none = Моста не было.
roles-off = Роли подписчиков выключены.
roles-set = Подписчики **{ $login }** с привязанным аккаунтом теперь получают свои роли.
link-down = AeThex сейчас не отвечает; попробуйте { $command } ещё раз через минуту.
link-open = { $minutes ->
    [one] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуту).
    [few] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуты).
    [many] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минут).
   *[other] Чтобы привязать аккаунт AeThex, откройте { $url } и введите код **{ $code }** (действует { $minutes } минуты).
}
link-done = Аккаунт AeThex **{ $login }** привязан.
link-failed-here = У меня не получилось выполнить привязку; попробуйте { $command } ещё раз.
link-declined = Вы отклонили привязку; ничего не изменилось.
link-expired = Срок действия кода истёк; выполните { $command } ещё раз.
link-failed = Не удалось привязать аккаунт: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зритель, трансляция идёт { $uptime } ({ $category })
    [few] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителя, трансляция идёт { $uptime } ({ $category })
    [many] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителей, трансляция идёт { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** в эфире: { $title } — { $viewers } зрителя, трансляция идёт { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** не в сети. Последнее название: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Также публиковать здесь сводку после каждой трансляции (только для вашего канала)
notify-summary-on = После каждой трансляции я также опубликую здесь её сводку.
notify-summary-owner = Публиковать можно только сводки **{ $owner }** — аккаунта AeThex, на котором работает этот бот: сводка по трансляции — это личная статистика её автора.
notify-list-summary = (со сводкой)
summary-content = Сводка по трансляции **{ $name }**
summary-title = Сводка по трансляции: { $title }
summary-description = Трансляция { $name } длилась { $duration }.
summary-average = Среднее число зрителей
summary-peak = Пиковое число зрителей
summary-unique = Уникальные зрители
summary-chatters = Участники чата
summary-messages = Сообщения в чате
summary-followers = Новые отслеживающие
summary-busiest = Самый активный момент в чате
summary-moment = { $messages ->
    [one] На отметке { $at }: { $messages } сообщение за одну минуту
    [few] На отметке { $at }: { $messages } сообщения за одну минуту
    [many] На отметке { $at }: { $messages } сообщений за одну минуту
   *[other] На отметке { $at }: { $messages } сообщения за одну минуту
}
summary-no-access = Не удалось опубликовать сводку по трансляции **{ $login }**: токен AeThex, с которым работает бот, не даёт читать статистику этого канала. Заново авторизуйте бота с разрешением `analytics:read`.

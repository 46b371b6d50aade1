# Сообщения веб-приложения на русском языке. Все строки, которые показывают страницы, берутся отсюда.
# Термины — как у крупных стриминговых платформ (Twitch): отслеживать, подписаться, рейд, клип, чат.

site-name = AeThex LIVE
site-description = Смотрите прямые трансляции, общайтесь в чатах сообществ и отслеживайте любимых авторов.
skip-to-content = Перейти к содержимому
nav-account = Аккаунт
nav-log-in = Войти
nav-log-out = Выйти
footer-api = Справочник по API
footer-activate = Подключить устройство
footer-licences = Лицензии
back-home = Вернуться на главную

live = В ЭФИРЕ
untitled = Трансляция без названия
viewers = { $count ->
    [one] { $count } зритель
    [few] { $count } зрителя
    [many] { $count } зрителей
   *[other] { $count } зрителя
}

home-title = Сейчас в эфире
home-live-now = Сейчас в эфире
home-nobody-live = Сейчас никто не в эфире. Загляните попозже.
home-categories = Категории
home-recommended = Рекомендуем вам

channel-description = { $name } ведёт трансляции на AeThex LIVE.
channel-offline = { $name } не в сети.
channel-last-broadcast = Последняя трансляция:

player-label = Прямой эфир канала { $name }
player-offline = Трансляция завершена.
player-error = Не удалось воспроизвести видео. Перезагрузите страницу, чтобы попробовать снова.
player-quality = Качество
player-auto = Авто

chat-title = Чат
chat-connecting = Подключение к чату…
chat-reconnecting = Соединение с чатом потеряно. Переподключение…
chat-deleted = (сообщение удалено модератором)
chat-cleared = Модератор очистил чат.
chat-log-in = Войдите, чтобы писать в чат
chat-mod-delete = Удалить сообщение
chat-mod-timeout = Тайм-аут на 10 минут
chat-mod-ban = Заблокировать в чате
chat-raiding = Этот канал устраивает рейд на канал { $name }. Переносим вас туда…
chat-raid-stay = Остаться здесь
chat-report = Пожаловаться на сообщение
chat-reported = Жалоба отправлена. Спасибо.
chat-report-failed = Не удалось пожаловаться на это сообщение.
chat-held = AutoMod задержал сообщение пользователя { $name }:
chat-allow = Разрешить
chat-deny = Отклонить
chat-held-approved = Разрешено.
chat-held-denied = Отклонено.
chat-held-expired = Срок истёк.
mod-link = Очередь модерации
mod-title = Модерация: { $name }
mod-held = Сообщения, задержанные AutoMod
mod-held-none = Нет сообщений, ожидающих проверки.
mod-reports = Сообщения с жалобами
mod-reports-none = Жалоб на проверку нет.
mod-reports-count = { $count ->
    [one] { $count } жалоба
    [few] { $count } жалобы
    [many] { $count } жалоб
   *[other] { $count } жалобы
}
mod-hidden = скрыто до проверки
mod-remove = Удалить
mod-dismiss = Отклонить жалобы
mod-settings = AutoMod и жалобы
mod-level = Уровень AutoMod (0 — выключен, 4 — самый строгий)
mod-threshold = Число жалоб, после которого сообщение скрывается до проверки модератором (0 — никогда)
mod-save = Сохранить
mod-saved = Сохранено.
mod-bad-settings = Выберите уровень от 0 до 4 и число жалоб от 0 до 100.
mod-already-resolved = Это сообщение уже обработал другой модератор, или его срок истёк.
mod-not-moderator = Очередь модерации этого канала видят только его модераторы.

not-found-title = Страница не найдена
not-found-page = По этому адресу ничего нет.
not-found-channel = Канала с таким именем нет.
error-internal-title = Что-то пошло не так
error-internal = У нас что-то пошло не так. Ошибка записана в журнал; попробуйте ещё раз.

nav-sign-up = Регистрация
form-cross-site = Эта форма отправлена с другого сайта, поэтому она отклонена.
form-expired = Срок действия формы истёк, или она отправлена не с этого сайта. Попробуйте ещё раз.
signup-title = Создайте аккаунт
signup-closed = Регистрация на этом сервере закрыта. Попросите аккаунт у его администратора.
signup-login = Имя пользователя
signup-login-hint = От 3 до 25 символов: строчные латинские буквы, цифры и _. Это также адрес вашего канала.
signup-login-rules = Имя пользователя — от 3 до 25 символов: строчные латинские буквы, цифры и _.
signup-login-reserved = Это имя зарезервировано. Выберите другое.
signup-login-taken = Это имя пользователя уже занято. Выберите другое.
signup-password = Пароль
signup-password-hint = Не менее 8 символов.
signup-password-again = Повторите пароль
signup-password-length = Длина пароля — от 8 до 256 символов.
signup-password-is-login = Пароль не может совпадать с именем пользователя.
signup-password-mismatch = Пароли не совпадают.
signup-invite = Код приглашения
signup-invite-missing = Регистрация на этом сервере — только по приглашениям: введите код приглашения.
signup-invite-invalid = Этот код приглашения неизвестен, истёк или уже использован.
signup-submit = Зарегистрироваться
signup-pow-working = Проверяем этот браузер… (это займёт мгновение)
signup-pow-failed = Браузер не прошёл проверку. Отправьте форму ещё раз.
signup-too-many = Отсюда недавно было создано слишком много аккаунтов. Попробуйте позже.
signup-needs-script = Для этой формы нужен JavaScript: вместо CAPTCHA она проверяет браузер.
signup-have-account = Уже есть аккаунт?
error-title = Что-то не так
follow = Отслеживать
unfollow = Не отслеживать
following = Отслеживается
follow-own-channel = Нельзя отслеживать собственный канал.
home-following = Отслеживаемые каналы
home-following-offline = Не в сети
chat-placeholder = Отправить сообщение
chat-send = Чат
chat-label = Сообщение в чат
offline-title = Вы не в сети
offline-text = Для трансляций и чата AeThex LIVE нужно подключение к интернету. Ниже — каналы, которые вы отслеживаете; они откроются, как только подключение восстановится.
offline-no-follows = На этом устройстве вы пока не отслеживаете ни одного канала.
app-description = Прямые трансляции, чат и авторы, которых вы отслеживаете.
push-live-title = { $name } в эфире
notify-on = Уведомления включены
notify-off = Уведомлять
notify-denied = Уведомления для этого сайта заблокированы в настройках браузера.
notify-unavailable = Этот браузер не может получать push-уведомления. На iPhone и iPad сначала добавьте AeThex LIVE на экран «Домой».
player-play = Воспроизвести трансляцию
clip-live = Клип из последних 30 секунд
clip-from-here = Клип с этого места
clip-length = Длина клипа
clip-length-rule = Длина клипа — от 5 до 60 секунд.
clip-of = Клип канала { $name }
clip-seconds = { $seconds } сек.
clip-download = Скачать
clip-not-live = Этот канал сейчас не в эфире, поэтому создать клип нельзя.
clip-not-recorded = Этот сервер не записывает трансляции, поэтому из них нельзя создавать клипы.
clip-too-early = Пока ничего не записано. Попробуйте через несколько секунд.
not-found-clip = Клипа с таким адресом нет.
not-found-video = Записи трансляции с таким адресом нет.
channel-videos = Прошедшие трансляции
channel-clips = Клипы
channel-similar = Похожие каналы сейчас в эфире
video-ended = Трансляция закончилась.
dashboard-title = Панель управления автора
dashboard-offline = Не в сети
dashboard-view-channel = Перейти на свой канал
dashboard-saved = Сохранено.
dashboard-key-reset = Ключ трансляции сброшен. Укажите новый ключ в OBS.
dashboard-stream-info = Информация о трансляции
dashboard-field-title = Название
dashboard-field-category = Категория
dashboard-field-tags = Теги
dashboard-tags-hint = Разделяйте теги запятыми.
dashboard-field-language = Язык (ISO 639-1, например ru)
dashboard-save = Сохранить
dashboard-stream-key = Ключ трансляции
dashboard-show-key = Показать ключ трансляции
dashboard-key-warning = Любой, у кого есть этот ключ, может вести трансляции на вашем канале. Никогда не показывайте его в эфире.
dashboard-reset-key = Сбросить ключ трансляции
dashboard-go-live = Выход в эфир из OBS
dashboard-obs-custom = В любой версии OBS (настраиваемый сервис)
dashboard-obs-step-1 = В OBS откройте «Настройки», затем «Трансляция» и выберите сервис «Настраиваемый…».
dashboard-obs-step-2 = Сервер:
dashboard-obs-step-3 = Ключ трансляции: ключ, указанный выше.
dashboard-obs-step-4 = Нажмите «Начать трансляцию».
dashboard-obs-plugin = С плагином AeThex для OBS
dashboard-obs-plugin-text = Установите плагин, в меню «Сервис» выберите AeThex LIVE, Log in и подтвердите код, который он покажет, на странице
dashboard-recent-followers = Новые отслеживающие
dashboard-no-followers = Пока никто не отслеживает ваш канал.
dashboard-alerts = Последние оповещения
dashboard-no-alerts = Оповещений пока нет. Здесь появятся отслеживания, подписки, пожертвования и рейды.
alert-follow = { $name } теперь отслеживает ваш канал
alert-subscription = Подписка уровня { $tier } от { $name }
alert-donation = Пожертвование от { $name }: { $amount }
alert-raid = { $count ->
    [one] Рейд от { $name }: { $count } зритель
    [few] Рейд от { $name }: { $count } зрителя
    [many] Рейд от { $name }: { $count } зрителей
   *[other] Рейд от { $name }: { $count } зрителя
}
dashboard-moderators = Модераторы
dashboard-moderators-hint = Модераторы могут удалять сообщения, выдавать тайм-ауты и блокировать пользователей в вашем чате.
dashboard-no-moderators = Модераторов пока нет.
dashboard-mod-login = Имя пользователя
dashboard-mod-add = Добавить модератора
dashboard-mod-remove = Удалить { $name } из модераторов
dashboard-no-such-user = Пользователя с таким именем нет.
dashboard-mod-self = Вы всегда модерируете собственный чат.
dashboard-blocked-terms = Запрещённые слова
dashboard-blocked-hint = Сообщения, содержащие запрещённое слово в любом регистре, не появляются в вашем чате (на модераторов это не распространяется).
dashboard-no-blocked = Запрещённых слов нет.
dashboard-term = Слово или фраза
dashboard-term-add = Запретить
dashboard-term-remove = Разрешить «{ $name }»
dashboard-webhooks = Вебхуки
dashboard-webhooks-hint = События вашего канала отправляются на ваш собственный сервер как уведомления EventSub, подписанные вашим секретом (заголовок Twitch-Eventsub-Message-Signature). Новый вебхук сначала должен ответить на проверочный запрос (challenge), который мы ему отправим.
dashboard-no-webhooks = Вебхуков пока нет.
dashboard-webhook-type = Событие
dashboard-webhook-callback = URL обратного вызова (публичный HTTPS)
dashboard-webhook-secret = Секрет (от 10 до 100 букв, цифр или символов, без пробелов)
dashboard-webhook-add = Добавить вебхук
dashboard-webhook-delete = Удалить вебхук { $name }
dashboard-webhook-added = Вебхук добавлен. Он заработает, как только URL обратного вызова ответит на проверочный запрос.
dashboard-webhook-deleted = Вебхук удалён.
dashboard-raid = Устроить рейд на канал
dashboard-raid-hint = Отправьте своих зрителей на другой канал: они перейдут на него, а в его чате появится объявление о вашем рейде.
dashboard-raid-to = Канал для рейда
dashboard-raid-start = Начать рейд
dashboard-raided = Рейд начат. Ваши зрители уже в пути.
embed-watch-on = Смотреть канал { $name } на AeThex LIVE
nav-dashboard = Панель управления
nav-main = Основная навигация
nav-browse = Просмотр
nav-search = Поиск
search-title = Поиск
search-label = Поиск каналов
search-submit = Найти
search-none = Нет каналов по запросу «{ $query }».
directory-title = Просмотр
directory-all = Все категории
settings-title = Настройки
settings-profile = Профиль
settings-display-name = Отображаемое имя
settings-name-hint = Ваше имя пользователя с заглавными буквами там, где вам нравится.
settings-name-rule = Отображаемое имя состоит из тех же букв, что и имя пользователя, в любом регистре.
settings-about = О вашем канале
settings-about-rule = Текст «О канале» — не более 300 символов, без управляющих символов.
settings-notifications = Уведомления о начале трансляций
settings-no-notifications = Вы не получаете уведомлений о начале трансляций. Включите их кнопкой «Уведомлять» на канале, который вы отслеживаете.
settings-notify-off = Отключить
settings-privacy = Конфиденциальность
settings-personalised = Персональные рекомендации
settings-personalised-hint = Рекомендуем каналы на основе того, что вы смотрите. Если отключить эту функцию, при следующем обучении рекомендательной системы ваша история просмотра будет из неё исключена, а вам будут показываться каналы, популярные на вашем языке.
nav-settings = Настройки
subscribe = Подписаться
resubscribe = Продлить подписку
subscribe-tier = Уровень подписки
tier-1 = Уровень 1
tier-2 = Уровень 2
tier-3 = Уровень 3
subscribed-until = Подписка действует до { $date }. Спасибо!
donate = Пожертвовать
donate-amount = Сумма
donate-currency = Валюта
donate-message = Сообщение (будет показано в эфире)
donate-send = Отправить пожертвование
donate-thanks = Спасибо! Ваше пожертвование отправлено.
donate-amount-rule = Введите сумму, например 5 или 4,99.
donate-currency-rule = Выберите валюту из списка.

# Выбор языка, время, длительность, суммы (числа и даты форматирует код в зависимости от языка).
language = Язык
language-change = Сменить язык
language-unknown = Этот язык недоступен.
time-just-now = только что
time-minutes-ago = { $count ->
    [one] { $count } минуту назад
    [few] { $count } минуты назад
    [many] { $count } минут назад
   *[other] { $count } минуты назад
}
time-hours-ago = { $count ->
    [one] { $count } час назад
    [few] { $count } часа назад
    [many] { $count } часов назад
   *[other] { $count } часа назад
}
time-days-ago = { $count ->
    [one] { $count } день назад
    [few] { $count } дня назад
    [many] { $count } дней назад
   *[other] { $count } дня назад
}
duration-hours-minutes = { $hours } ч { $minutes } мин
duration-minutes = { $minutes } мин
duration-seconds = { $seconds } с
money = { $amount } { $currency }
channel-started = Началась { $time }
broadcast-length = Длительность: { $duration }
directory-language = Язык трансляции
directory-all-languages = Все языки
directory-filter = Показать

# Страницы входа, выхода, подключения устройств и согласия OAuth.
auth-error-title = Что-то не так
auth-internal = Внутренняя ошибка; она записана в журнал.
auth-cross-site = Эта форма отправлена с другого сайта, поэтому она отклонена.
auth-bad-form = Не удалось прочитать форму; отправьте её со страницы, на которой она находится.
login-title = Вход в AeThex
login-field-login = Имя пользователя
login-field-password = Пароль
login-submit = Войти
login-expired = Срок действия формы истёк, или она отправлена не с этого сайта; войдите ещё раз.
login-throttled = { $count ->
    [one] Слишком много неудачных попыток. Повторите через { $count } секунду.
    [few] Слишком много неудачных попыток. Повторите через { $count } секунды.
    [many] Слишком много неудачных попыток. Повторите через { $count } секунд.
   *[other] Слишком много неудачных попыток. Повторите через { $count } секунды.
}
login-wrong = Неверное имя пользователя или пароль.
logout-title = Выход выполнен
logout-done = Вы вышли из аккаунта.
logout-refused = Вход не выполнен, или срок действия формы истёк.
signed-in-as = Вы вошли как { $login }.
scopes-none = Приложение не запрашивает дополнительных разрешений.
scopes-intro = Приложение сможет:
scope-channel-read = Просматривать настройки вашего канала
scope-channel-manage = Изменять ваш канал: название, категорию, модераторов, рейды
scope-stream-key = Просматривать и сбрасывать ваш ключ трансляции
scope-chat-read = Читать чат
scope-chat-edit = Отправлять сообщения в чат от вашего имени
scope-moderator-manage = Модерировать чаты, где вы модератор: удалять сообщения, выдавать тайм-ауты, блокировать, менять режимы
scope-moderator-read-followers = Видеть, кто отслеживает каналы, где вы модератор
scope-user-read = Просматривать данные вашего аккаунта
scope-user-edit-follows = Отслеживать каналы и отменять отслеживание от вашего имени
scope-user-edit-subscriptions = Подписываться на каналы от вашего имени
scope-channel-read-subscriptions = Видеть ваших подписчиков
scope-donations-read = Видеть полученные вами пожертвования
scope-donations-write = Делать пожертвования от вашего имени
scope-webhooks-manage = Отправлять события вашего канала на другие серверы
scope-analytics-read = Просматривать статистику вашего канала
device-title = Подключить устройство
device-wants = { $app } запрашивает доступ к вашему аккаунту.
device-unknown-code = Этот код неизвестен или истёк. Проверьте устройство.
device-code-label = Код, показанный на вашем устройстве
device-allow = Разрешить
device-deny = Отклонить
device-expired = Срок действия формы истёк; обновите страницу и попробуйте ещё раз.
device-connected-title = Устройство подключено
device-connected = Теперь можно вернуться к устройству.
device-denied-title = Запрос отклонён
device-denied = Устройство не получило доступа.
device-code-used = Этот код неизвестен, истёк или уже использован. Проверьте устройство.
oauth-bad-redirect-url = URI перенаправления приложения не является URL-адресом.
oauth-unknown-client = Неизвестный client_id: это приложение не зарегистрировано.
oauth-redirect-mismatch = Параметр redirect_uri не совпадает в точности ни с одним из адресов, зарегистрированных для этого приложения.
consent-title = Авторизовать приложение
consent-wants = { $app } запрашивает доступ к вашему аккаунту AeThex.
consent-approve = Авторизовать
consent-cancel = Отмена
consent-redirect = Вы будете перенаправлены на { $url }.
consent-log-in-first = Сначала войдите.
consent-expired = Срок действия формы истёк; начните заново в приложении.

# Страницы оверлея для источников «Браузер» в OBS (оповещения в эфире).
overlay-follow = { $name } теперь отслеживает канал!
overlay-subscribe = Подписка уровня { $tier } от { $name }!
overlay-donation = Пожертвование от { $name }: { $amount }!
overlay-raid = { $count ->
    [one] { $name } устраивает рейд с { $count } зрителем!
    [few] { $name } устраивает рейд с { $count } зрителями!
    [many] { $name } устраивает рейд с { $count } зрителями!
   *[other] { $name } устраивает рейд с { $count } зрителя!
}
overlay-token-missing = Добавьте #token=<ваш токен AeThex> к адресу этой страницы (фрагмент никогда не попадает на сервер).

# Доходы на панели управления автора.
dashboard-revenue = Пожертвования за последние 30 дней
dashboard-revenue-none = За последние 30 дней пожертвований не было.
dashboard-revenue-count = { $count ->
    [one] { $count } пожертвование
    [few] { $count } пожертвования
    [many] { $count } пожертвований
   *[other] { $count } пожертвования
}
dashboard-revenue-total = Итого: примерно { $amount }
dashboard-revenue-unconverted = Не учтены в итоге (нет обменного курса): { $currencies }
dashboard-revenue-rates = Пересчитано по референсным курсам Европейского центрального банка (дата: { $date }).
dashboard-revenue-no-rates = На этом сервере не загружены курсы валют, поэтому каждая валюта показана отдельно.
dashboard-display-currency = Показать итог в

# Сводка по трансляции на панели управления автора (/dashboard/analytics).
analytics-title = Сводка по трансляции
analytics-link = Сводка по трансляции
analytics-none = Трансляций пока не было. Статистика вашей первой трансляции появится здесь через несколько секунд после её окончания.
analytics-live-note = В эфире: эти данные предварительные и станут окончательными через несколько секунд после окончания трансляции.
analytics-final = Окончательные данные
analytics-started = Начало: { $date }
analytics-length = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
    [many] { $count } минут
   *[other] { $count } минуты
}
analytics-average = Среднее число зрителей
analytics-peak = Пиковое число зрителей
analytics-unique = Уникальные зрители
analytics-watched = Минуты просмотра
analytics-chatters = Участники чата
analytics-messages = Сообщения в чате
analytics-followers = Новые отслеживающие
analytics-subscriptions = Подписки
analytics-engagement = Вовлечённость (из 100)
analytics-viewers-chart = Зрители по минутам
analytics-chat-chart = Сообщения в чате по минутам
analytics-minute-viewers = Минута { $minute }: { $count ->
    [one] { $count } зритель
    [few] { $count } зрителя
    [many] { $count } зрителей
   *[other] { $count } зрителя
}
analytics-minute-messages = Минута { $minute }: { $count ->
    [one] { $count } сообщение
    [few] { $count } сообщения
    [many] { $count } сообщений
   *[other] { $count } сообщения
}
analytics-top-moments = Самые активные моменты в чате
analytics-retention = Удержание аудитории
analytics-retention-row = Через { $count ->
    [one] { $count } минуту
    [few] { $count } минуты
    [many] { $count } минут
   *[other] { $count } минуты
}: { $percent }
analytics-funnel = От зрителя до подписчика
analytics-funnel-viewers = Зрители
analytics-funnel-chatters = Писали в чат
analytics-funnel-followers = Начали отслеживать
analytics-funnel-subscribers = Подписались
analytics-donations = Пожертвования
analytics-no-donations = Во время этой трансляции пожертвований не было.
analytics-raids = { $count ->
    [one] { $count } рейд привёл зрителей: { $viewers }
    [few] { $count } рейда привели зрителей: { $viewers }
    [many] { $count } рейдов привели зрителей: { $viewers }
   *[other] { $count } рейда привели зрителей: { $viewers }
}
analytics-clips = { $count ->
    [one] { $count } клип
    [few] { $count } клипа
    [many] { $count } клипов
   *[other] { $count } клипа
}
analytics-sources = Источники трафика
analytics-devices = Устройства
analytics-countries = Страны
analytics-hidden = { $count ->
    [one] { $count } зритель из групп меньше 5 человек не показан
    [few] { $count } зрителя из групп меньше 5 человек не показаны
    [many] { $count } зрителей из групп меньше 5 человек не показаны
   *[other] { $count } зрителя из групп меньше 5 человек не показаны
}
analytics-empty-breakdown = Пока ни в одной группе нет 5 зрителей.
analytics-privacy = Подсчёт ведётся без файлов cookie; зрители, которые просят не следить за ними (Do Not Track, Global Privacy Control), не учитываются.
source-following = Отслеживаемые каналы
source-directory = Раздел «Просмотр»
source-search = Поиск
source-recommendations = Рекомендации
source-raid = Рейды
source-push = Уведомления
source-discord = Discord
source-embed = Встроенный плеер
source-external = Другие сайты
source-direct = Прямые заходы
device-phone = Телефон
device-tablet = Планшет
device-desktop = Компьютер
device-tv = Телевизор
device-app = Приложение или плеер
country-unknown = Неизвестно
analytics-percent = { $value }%
platform-title = Аналитика платформы
platform-link = Аналитика платформы
platform-date = Данные по { $date } (UTC)
platform-dau = Активны сегодня
platform-wau = Активны на этой неделе
platform-mau = Активны за 30 дней
platform-stickiness = Вовлечённость (сегодня ÷ 30 дней)
platform-new = Новые зрители за 30 дней
platform-churn = Отток (активны в предыдущие 30 дней, но не после)
platform-dau-chart = Активные зрители по дням, 30 дней
platform-day-viewers = { $date }: { $count ->
    [one] { $count } зритель
    [few] { $count } зрителя
    [many] { $count } зрителей
   *[other] { $count } зрителя
}
platform-cohorts = Недельные когорты удержания
platform-cohort-week = Первый визит, неделя с
platform-cohort-size = Зрители
platform-cohort-after = Неделя { $week }
platform-revenue = Доходы (пожертвования)
platform-currency = Валюта
platform-revenue-day = Сегодня
platform-revenue-week = 7 дней
platform-revenue-month = 30 дней
platform-arpu = На активного зрителя
platform-no-revenue = За 30 дней пожертвований не было.
platform-by-region = Доходы по регионам, 30 дней
platform-by-tier = Доходы по группам авторов, 30 дней
tier-small = Небольшие (менее 100 отслеживающих)
tier-growing = Растущие (менее 1 000)
tier-established = Состоявшиеся (менее 10 000)
tier-top = Топ (10 000 и более)
platform-creators = Авторы
platform-creators-active = Вели трансляции за 30 дней
platform-creators-new = Первая трансляция за 30 дней
platform-creators-live = Сейчас в эфире
platform-categories = Категории по минутам просмотра, 30 дней
platform-no-category = Без категории
platform-category-row = { $category }: { $minutes } мин просмотра, { $growth }
platform-growth-new = новинка
platform-no-categories = За 30 дней не завершилось ни одной трансляции.
platform-countries = Зрители по странам, 30 дней
platform-live = Сейчас в эфире, по скорости роста
platform-live-row = смотрят: { $viewers }, за последние 10 минут: { $recent } ({ $growth })
platform-no-live = Сейчас никто не в эфире.
platform-health = Состояние системы
platform-uptime = Время работы: { $duration }
platform-requests = Запросы
platform-errors = Ошибки сервера
platform-latency = Задержка p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Маршрут
platform-live-streams = Принимаемые трансляции
platform-chat-rate = Сообщения в чате за последнюю минуту
platform-webhook-backlog = Доставки в очереди
platform-dropped = Отброшенные строки аналитики
platform-recs = Рекомендации, 7 дней
platform-recs-model = Модель { $version }, обучена { $date } за { $ms } ms (зрители: { $viewers }, каналы: { $channels })
platform-recs-no-model = Модель ещё не обучена.
platform-recs-none = Рекомендации ещё не показывались.
platform-recs-variant = Вариант
platform-recs-impressions = Показы
platform-recs-clicks = Клики
platform-recs-ctr = Кликабельность
platform-recs-watch = Минуты просмотра на клик
platform-privacy = Зрители учитываются по псевдониму (аккаунт, в который выполнен вход, или один браузер); страны, где меньше 5 зрителей, не показаны.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Аналитика канала
channel-analytics-link = Аналитика канала
channel-analytics-from = С
channel-analytics-to = По
channel-analytics-show = Показать
channel-analytics-range = С { $from } по { $to }
channel-analytics-last-days = { $count ->
    [1] Сегодня
    [one] Последний { $count } день
    [few] Последние { $count } дня
    [many] Последние { $count } дней
   *[other] Последние { $count } дня
}
channel-analytics-growth = { $percent } к предыдущему периоду
channel-analytics-live-minutes = Минуты в эфире
channel-analytics-unique-chart = Уникальные зрители по дням
channel-analytics-watched-chart = Минуты просмотра по дням
channel-analytics-chat-chart = Сообщения в чате по дням
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = По дням
channel-analytics-day = День
channel-analytics-no-donations = За эти дни пожертвований не было.
channel-analytics-bad-date = Даты указываются как дни в виде 2026-11-30. Вместо этого показаны последние 28 дней.
channel-analytics-future = Период не может заканчиваться позже сегодняшнего дня. Вместо этого показаны последние 28 дней.
channel-analytics-bad-range = Начало должно быть не позже конца, а период — не длиннее { $days } дн. Вместо этого показаны последние 28 дней.

# Mensajes de la aplicación web en español (es). Todo texto que muestra una página sale de aquí.
# Los términos siguen a las grandes plataformas de streaming (Twitch en español): seguir, suscribirse, raid, clip, chat.
# Se usa «en directo» (no «en vivo») en todo el catálogo, y el registro informal (tú).

site-name = AeThex LIVE
site-description = Mira directos, chatea con comunidades y sigue a los creadores que te gustan.
skip-to-content = Saltar al contenido
nav-account = Cuenta
nav-log-in = Iniciar sesión
nav-log-out = Cerrar sesión
footer-api = Referencia de la API
footer-activate = Conectar un dispositivo
footer-licences = Licencias
back-home = Volver a la página de inicio

live = EN DIRECTO
untitled = Emisión sin título
viewers = { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}

home-title = En directo
home-live-now = En directo ahora
home-nobody-live = Ahora mismo no hay nadie en directo. Vuelve pronto.
home-categories = Categorías
home-recommended = Recomendados para ti

channel-description = { $name } emite en AeThex LIVE.
channel-offline = { $name } no está en directo.
channel-last-broadcast = Última emisión:

player-label = Vídeo en directo de { $name }
player-offline = El directo ha terminado.
player-error = No se ha podido reproducir el vídeo. Recarga la página para volver a intentarlo.
player-quality = Calidad
player-auto = Automática

chat-title = Chat
chat-connecting = Conectando al chat…
chat-reconnecting = Chat desconectado. Reconectando…
chat-deleted = (mensaje eliminado por un moderador)
chat-cleared = Un moderador ha borrado el chat.
chat-log-in = Inicia sesión para chatear
chat-mod-delete = Eliminar mensaje
chat-mod-timeout = Expulsar temporalmente 10 minutos
chat-mod-ban = Expulsar del chat
chat-raiding = Este canal está haciendo raid a { $name }. Te llevamos allí…
chat-raid-stay = Quedarme aquí
chat-report = Denunciar mensaje
chat-reported = Denuncia enviada. Gracias.
chat-report-failed = No se ha podido denunciar este mensaje.
chat-held = AutoMod ha retenido un mensaje de { $name }:
chat-allow = Permitir
chat-deny = Denegar
chat-held-approved = Permitido.
chat-held-denied = Denegado.
chat-held-expired = Caducado.
mod-link = Cola de moderación
mod-title = Moderación: { $name }
mod-held = Mensajes retenidos por AutoMod
mod-held-none = No hay mensajes pendientes de revisión.
mod-reports = Mensajes denunciados
mod-reports-none = No hay denuncias que revisar.
mod-reports-count = { $count ->
    [one] { $count } denuncia
   *[other] { $count } denuncias
}
mod-hidden = oculto hasta su revisión
mod-remove = Eliminar
mod-dismiss = Descartar denuncias
mod-settings = AutoMod y denuncias
mod-level = Nivel de AutoMod (0 lo desactiva, 4 es el más estricto)
mod-threshold = Denuncias que ocultan un mensaje hasta que lo revise un moderador (0: nunca)
mod-save = Guardar
mod-saved = Guardado.
mod-bad-settings = Elige un nivel de 0 a 4 y un número de denuncias de 0 a 100.
mod-already-resolved = Otro moderador ya ha gestionado ese mensaje, o ha caducado.
mod-not-moderator = Solo los moderadores de este canal pueden ver su cola de moderación.

not-found-title = Página no encontrada
not-found-page = No hay nada en esta dirección.
not-found-channel = No existe ningún canal con este nombre.
error-internal-title = Algo ha salido mal
error-internal = Algo ha salido mal por nuestra parte. Lo hemos registrado; vuelve a intentarlo.

nav-sign-up = Registrarse
form-cross-site = Este formulario se envió desde otro sitio, así que se ha rechazado.
form-expired = El formulario ha caducado o no procede de este sitio. Vuelve a intentarlo.
signup-title = Crea tu cuenta
signup-closed = El registro está cerrado en este servidor. Pide una cuenta a quien lo administra.
signup-login = Nombre de usuario
signup-login-hint = De 3 a 25 caracteres: letras minúsculas, cifras y _. También es la dirección de tu canal.
signup-login-rules = Los nombres de usuario tienen de 3 a 25 caracteres: letras minúsculas, cifras y _.
signup-login-reserved = Este nombre está reservado. Elige otro.
signup-login-taken = Este nombre de usuario ya está en uso. Elige otro.
signup-password = Contraseña
signup-password-hint = Al menos 8 caracteres.
signup-password-again = Repite la contraseña
signup-password-length = Las contraseñas tienen de 8 a 256 caracteres.
signup-password-is-login = Tu contraseña no puede ser tu nombre de usuario.
signup-password-mismatch = Las dos contraseñas no coinciden.
signup-invite = Código de invitación
signup-invite-missing = En este servidor solo puedes registrarte con invitación: introduce tu código de invitación.
signup-invite-invalid = Este código de invitación no existe, ha caducado o ya se ha usado.
signup-submit = Registrarse
signup-pow-working = Comprobando este navegador… (un momento)
signup-pow-failed = El navegador no ha superado la comprobación. Vuelve a enviar el formulario.
signup-too-many = Se han creado demasiadas cuentas desde aquí hace poco. Vuelve a intentarlo más tarde.
signup-needs-script = Este formulario necesita JavaScript: comprueba el navegador en lugar de usar un CAPTCHA.
signup-have-account = ¿Ya tienes una cuenta?
error-title = Algo no va bien
follow = Seguir
unfollow = Dejar de seguir
following = Siguiendo
follow-own-channel = No puedes seguir tu propio canal.
home-following = Siguiendo
home-following-offline = Desconectados
chat-placeholder = Enviar un mensaje
chat-send = Chat
chat-label = Mensaje del chat
offline-title = No tienes conexión
offline-text = AeThex LIVE necesita conexión para reproducir directos y usar el chat. Debajo tienes los canales que sigues; se abrirán en cuanto vuelvas a tener conexión.
offline-no-follows = Todavía no sigues ningún canal en este dispositivo.
app-description = Directos, chat y los creadores que sigues.
push-live-title = { $name } está en directo
notify-on = Notificaciones activadas
notify-off = Avisarme
notify-denied = Las notificaciones de este sitio están bloqueadas en los ajustes de tu navegador.
notify-unavailable = Este navegador no puede recibir notificaciones push. En iPhone y iPad, primero añade AeThex LIVE a tu pantalla de inicio.
player-play = Reproducir el directo
clip-live = Crear clip de los últimos 30 s
clip-from-here = Crear clip desde aquí
clip-length = Duración del clip
clip-length-rule = Un clip dura entre 5 y 60 segundos.
clip-of = Un clip de { $name }
clip-seconds = { $seconds } segundos
clip-download = Descargar
clip-not-live = Este canal no está en directo, así que no hay nada de lo que crear un clip.
clip-not-recorded = Este servidor no graba las emisiones, así que no se pueden crear clips de ellas.
clip-too-early = Todavía no hay nada grabado. Vuelve a intentarlo en unos segundos.
not-found-clip = No hay ningún clip en esta dirección.
not-found-video = No hay ninguna emisión grabada en esta dirección.
channel-videos = Emisiones anteriores
channel-clips = Clips
channel-similar = Canales similares en directo ahora
video-ended = Fin de la emisión.
dashboard-title = Panel de control del creador
dashboard-offline = Desconectado
dashboard-view-channel = Ver tu canal
dashboard-saved = Guardado.
dashboard-key-reset = Se ha restablecido tu clave de transmisión. Pon la nueva en OBS.
dashboard-stream-info = Información de la transmisión
dashboard-field-title = Título
dashboard-field-category = Categoría
dashboard-field-tags = Etiquetas
dashboard-tags-hint = Separa las etiquetas con comas.
dashboard-field-language = Idioma (ISO 639-1, p. ej., es)
dashboard-save = Guardar
dashboard-stream-key = Clave de transmisión
dashboard-show-key = Mostrar clave de transmisión
dashboard-key-warning = Cualquiera que tenga esta clave puede emitir en tu canal. Nunca la muestres en directo.
dashboard-reset-key = Restablecer clave de transmisión
dashboard-go-live = Emite en directo desde OBS
dashboard-obs-custom = Con cualquier OBS (servicio personalizado)
dashboard-obs-step-1 = En OBS, abre Ajustes, luego Emisión, y elige el servicio «Personalizado…».
dashboard-obs-step-2 = Servidor:
dashboard-obs-step-3 = Clave de retransmisión: la clave de arriba.
dashboard-obs-step-4 = Pulsa Iniciar Transmisión.
dashboard-obs-plugin = Con el plugin de AeThex para OBS
dashboard-obs-plugin-text = Instala el plugin, elige Herramientas, AeThex LIVE, Iniciar sesión, y aprueba el código que te muestra en
dashboard-recent-followers = Seguidores recientes
dashboard-no-followers = Todavía no tienes seguidores.
dashboard-alerts = Alertas recientes
dashboard-no-alerts = Todavía no hay alertas. Aquí aparecen los nuevos seguidores, las suscripciones, las donaciones y los raids.
alert-follow = { $name } ha empezado a seguirte
alert-subscription = { $name } se ha suscrito con el nivel { $tier }
alert-donation = { $name } ha donado { $amount }
alert-raid = { $count ->
    [one] { $name } te ha hecho un raid con { $count } espectador
   *[other] { $name } te ha hecho un raid con { $count } espectadores
}
dashboard-moderators = Moderadores
dashboard-moderators-hint = Los moderadores pueden eliminar mensajes y expulsar a usuarios de tu chat, de forma temporal o permanente.
dashboard-no-moderators = Todavía no hay moderadores.
dashboard-mod-login = Nombre de usuario
dashboard-mod-add = Añadir moderador
dashboard-mod-remove = Quitar a { $name }
dashboard-no-such-user = No hay ningún usuario con ese nombre.
dashboard-mod-self = Siempre moderas tu propio chat.
dashboard-blocked-terms = Términos bloqueados
dashboard-blocked-hint = Los mensajes que contienen un término bloqueado, en mayúsculas o minúsculas, no se muestran en tu chat (salvo los de los moderadores).
dashboard-no-blocked = No hay términos bloqueados.
dashboard-term = Término
dashboard-term-add = Bloquear término
dashboard-term-remove = Desbloquear { $name }
dashboard-webhooks = Webhooks
dashboard-webhooks-hint = Los eventos de tu canal, enviados a tu propio servidor como notificaciones EventSub firmadas con tu secreto (la cabecera Twitch-Eventsub-Message-Signature). Un webhook nuevo debe responder primero al desafío que le enviamos.
dashboard-no-webhooks = Todavía no hay webhooks.
dashboard-webhook-type = Evento
dashboard-webhook-callback = URL de callback (pública, HTTPS)
dashboard-webhook-secret = Secreto (de 10 a 100 letras, cifras o símbolos, sin espacios)
dashboard-webhook-add = Añadir webhook
dashboard-webhook-delete = Eliminar el webhook { $name }
dashboard-webhook-added = Webhook añadido. Empezará a funcionar en cuanto su callback responda al desafío.
dashboard-webhook-deleted = Webhook eliminado.
dashboard-raid = Hacer raid a un canal
dashboard-raid-hint = Envía a tus espectadores a otro canal: irán a él y su chat anunciará tu raid.
dashboard-raid-to = Canal al que hacer raid
dashboard-raid-start = Iniciar raid
dashboard-raided = Raid enviado. Tus espectadores van de camino.
embed-watch-on = Mira a { $name } en AeThex LIVE
nav-dashboard = Panel de control
nav-main = Principal
nav-browse = Explorar
nav-search = Buscar
search-title = Buscar
search-label = Buscar canales
search-submit = Buscar
search-none = Ningún canal coincide con «{ $query }».
directory-title = Explorar
directory-all = Todas las categorías
settings-title = Configuración
settings-profile = Perfil
settings-display-name = Nombre para mostrar
settings-name-hint = Tu nombre de usuario, con las mayúsculas que prefieras.
settings-name-rule = El nombre para mostrar debe tener las mismas letras que tu nombre de usuario, en mayúsculas o minúsculas.
settings-about = Acerca de tu canal
settings-about-rule = El texto de «Acerca de» tiene como máximo 300 caracteres, sin caracteres de control.
settings-notifications = Notificaciones de directos
settings-no-notifications = No recibes notificaciones cuando un canal empieza un directo. Actívalas con «Avisarme» en un canal que sigas.
settings-notify-off = Desactivar
settings-privacy = Privacidad
settings-personalised = Recomendaciones personalizadas
settings-personalised-hint = Te recomendamos canales según lo que ves. Si lo desactivas, tu historial de visualización saldrá del sistema de recomendaciones en su próximo entrenamiento y te mostraremos los canales populares en tu idioma.
nav-settings = Configuración
subscribe = Suscribirse
resubscribe = Renovar suscripción
subscribe-tier = Nivel de suscripción
tier-1 = Nivel 1
tier-2 = Nivel 2
tier-3 = Nivel 3
subscribed-until = Suscripción activa hasta el { $date }. ¡Gracias!
donate = Donar
donate-amount = Importe
donate-currency = Moneda
donate-message = Mensaje (se muestra en el directo)
donate-send = Enviar donación
donate-thanks = ¡Gracias! Tu donación se ha enviado.
donate-amount-rule = Introduce un importe como 5 o 4,99.
donate-currency-rule = Elige una moneda de la lista.

# Selector de idioma, tiempos, duraciones, dinero (los números y las fechas los formatea el código según el idioma).
language = Idioma
language-change = Cambiar idioma
language-unknown = Ese idioma no está disponible.
time-just-now = ahora mismo
time-minutes-ago = { $count ->
    [one] hace { $count } minuto
   *[other] hace { $count } minutos
}
time-hours-ago = { $count ->
    [one] hace { $count } hora
   *[other] hace { $count } horas
}
time-days-ago = { $count ->
    [one] hace { $count } día
   *[other] hace { $count } días
}
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Empezó { $time }
broadcast-length = Duración: { $duration }
directory-language = Idioma del directo
directory-all-languages = Todos los idiomas
directory-filter = Mostrar

# Páginas de inicio de sesión, cierre de sesión, activación de dispositivos y consentimiento OAuth.
auth-error-title = Algo no va bien
auth-internal = Error interno; se ha registrado.
auth-cross-site = Este formulario se envió desde otro sitio, así que se ha rechazado.
auth-bad-form = No se ha podido leer este formulario; envíalo desde su página.
login-title = Inicia sesión en AeThex
login-field-login = Nombre de usuario
login-field-password = Contraseña
login-submit = Iniciar sesión
login-expired = El formulario ha caducado o no procede de este sitio; vuelve a iniciar sesión.
login-throttled = { $count ->
    [one] Demasiados intentos fallidos. Vuelve a intentarlo en { $count } segundo.
   *[other] Demasiados intentos fallidos. Vuelve a intentarlo en { $count } segundos.
}
login-wrong = Nombre de usuario o contraseña incorrectos.
logout-title = Sesión cerrada
logout-done = Has cerrado sesión.
logout-refused = No has iniciado sesión o el formulario ha caducado.
signed-in-as = Sesión iniciada como { $login }.
scopes-none = No pide ningún permiso adicional.
scopes-intro = Podrá:
scope-channel-read = Ver la configuración de tu canal
scope-channel-manage = Cambiar tu canal: título, categoría, moderadores, raids
scope-stream-key = Ver y restablecer tu clave de transmisión
scope-chat-read = Leer el chat
scope-chat-edit = Enviar mensajes de chat en tu nombre
scope-moderator-manage = Moderar los chats que moderas: eliminar mensajes, expulsar temporalmente, expulsar, modos
scope-moderator-read-followers = Ver quién sigue los canales que moderas
scope-user-read = Ver los datos de tu cuenta
scope-user-edit-follows = Seguir y dejar de seguir canales en tu nombre
scope-user-edit-subscriptions = Suscribirse a canales en tu nombre
scope-channel-read-subscriptions = Ver tus suscriptores
scope-donations-read = Ver las donaciones que has recibido
scope-donations-write = Donar en tu nombre
scope-webhooks-manage = Enviar los eventos de tu canal a otros servidores
scope-analytics-read = Ver las estadísticas de tu canal
device-title = Conectar un dispositivo
device-wants = { $app } quiere usar tu cuenta.
device-unknown-code = Ese código no existe o ha caducado. Revisa tu dispositivo.
device-code-label = Código que muestra tu dispositivo
device-allow = Permitir
device-deny = Denegar
device-expired = El formulario ha caducado; recarga la página y vuelve a intentarlo.
device-connected-title = Dispositivo conectado
device-connected = Ya puedes volver a tu dispositivo.
device-denied-title = Solicitud denegada
device-denied = No se ha dado acceso al dispositivo.
device-code-used = Ese código no existe, ha caducado o ya se ha usado. Revisa tu dispositivo.
oauth-bad-redirect-url = El URI de redirección de la aplicación no es una URL.
oauth-unknown-client = client_id desconocido: esta aplicación no está registrada.
oauth-redirect-mismatch = El redirect_uri no coincide exactamente con ninguno de los registrados para esta aplicación.
consent-title = Autorizar aplicación
consent-wants = { $app } quiere usar tu cuenta de AeThex.
consent-approve = Autorizar
consent-cancel = Cancelar
consent-redirect = Te llevaremos a { $url }.
consent-log-in-first = Primero inicia sesión.
consent-expired = El formulario ha caducado; vuelve a empezar desde la aplicación.

# Páginas de overlay para las fuentes de navegador de OBS (alertas en directo).
overlay-follow = ¡{ $name } acaba de seguirte!
overlay-subscribe = ¡{ $name } se ha suscrito con el nivel { $tier }!
overlay-donation = ¡{ $name } ha donado { $amount }!
overlay-raid = { $count ->
    [one] ¡Raid de { $name } con { $count } espectador!
   *[other] ¡Raid de { $name } con { $count } espectadores!
}
overlay-token-missing = Añade #token=<tu token de AeThex> a la dirección de esta página (el fragmento nunca llega al servidor).

# Ingresos en el panel de control del creador.
dashboard-revenue = Donaciones de los últimos 30 días
dashboard-revenue-none = No hay donaciones en los últimos 30 días.
dashboard-revenue-count = { $count ->
    [one] { $count } donación
   *[other] { $count } donaciones
}
dashboard-revenue-total = Total aproximado: { $amount }
dashboard-revenue-unconverted = Fuera del total (sin tipo de cambio): { $currencies }
dashboard-revenue-rates = Convertido con los tipos de referencia del Banco Central Europeo (fecha: { $date }).
dashboard-revenue-no-rates = Este servidor no tiene tipos de cambio cargados, así que cada moneda se muestra por separado.
dashboard-display-currency = Mostrar el total en

# El resumen del directo del creador (/dashboard/analytics).
analytics-title = Resumen de la transmisión
analytics-link = Resumen de la transmisión
analytics-none = Todavía no has hecho ningún directo. Las cifras de tu primera emisión aparecerán aquí unos segundos después de que termine.
analytics-live-note = En directo: estas cifras son provisionales y serán definitivas unos segundos después de que termine el directo.
analytics-final = Definitivo
analytics-started = Empezó el { $date }
analytics-length = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
analytics-average = Media de espectadores
analytics-peak = Máximo de espectadores
analytics-unique = Espectadores únicos
analytics-watched = Minutos vistos
analytics-chatters = Participantes en el chat
analytics-messages = Mensajes del chat
analytics-followers = Nuevos seguidores
analytics-subscriptions = Suscripciones
analytics-engagement = Interacción (de 100)
analytics-viewers-chart = Espectadores por minuto
analytics-chat-chart = Mensajes del chat por minuto
analytics-minute-viewers = Minuto { $minute }: { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}
analytics-minute-messages = Minuto { $minute }: { $count ->
    [one] { $count } mensaje
   *[other] { $count } mensajes
}
analytics-top-moments = Momentos de más actividad en el chat
analytics-retention = Retención de la audiencia
analytics-retention-row = Tras { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}: { $percent }
analytics-funnel = De espectador a suscriptor
analytics-funnel-viewers = Espectadores
analytics-funnel-chatters = Chatearon
analytics-funnel-followers = Siguieron
analytics-funnel-subscribers = Se suscribieron
analytics-donations = Donaciones
analytics-no-donations = No hubo donaciones durante esta transmisión.
analytics-raids = { $count ->
    [one] { $count } raid trajo { $viewers } espectadores
   *[other] { $count } raids trajeron { $viewers } espectadores
}
analytics-clips = { $count ->
    [one] { $count } clip
   *[other] { $count } clips
}
analytics-sources = Fuentes de tráfico
analytics-devices = Dispositivos
analytics-countries = Países
analytics-hidden = { $count ->
    [one] { $count } espectador en grupos de menos de 5, que no se muestran
   *[other] { $count } espectadores en grupos de menos de 5, que no se muestran
}
analytics-empty-breakdown = Todavía no hay ningún grupo con 5 espectadores.
analytics-privacy = Recuento sin cookies; no se cuenta a los espectadores que piden no ser rastreados (Do Not Track, Global Privacy Control).
source-following = Siguiendo
source-directory = Explorar
source-search = Búsqueda
source-recommendations = Recomendaciones
source-raid = Raids
source-push = Notificaciones
source-discord = Discord
source-embed = Reproductor insertado
source-external = Otros sitios web
source-direct = Tráfico directo
device-phone = Móvil
device-tablet = Tableta
device-desktop = Ordenador
device-tv = Televisor
device-app = Aplicación o reproductor
country-unknown = Desconocido
analytics-percent = { $value }%
platform-title = Estadísticas de la plataforma
platform-link = Estadísticas de la plataforma
platform-date = Hasta el { $date } (UTC)
platform-dau = Activos hoy
platform-wau = Activos esta semana
platform-mau = Activos en 30 días
platform-stickiness = Fidelidad (hoy ÷ 30 días)
platform-new = Espectadores nuevos en 30 días
platform-churn = Abandono (activos los 30 días anteriores, no desde entonces)
platform-dau-chart = Espectadores activos por día, 30 días
platform-day-viewers = { $date }: { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}
platform-cohorts = Cohortes de retención semanales
platform-cohort-week = Primera visita, semana del
platform-cohort-size = Espectadores
platform-cohort-after = Semana { $week }
platform-revenue = Ingresos (donaciones)
platform-currency = Moneda
platform-revenue-day = Hoy
platform-revenue-week = 7 días
platform-revenue-month = 30 días
platform-arpu = Por espectador activo
platform-no-revenue = No hay donaciones en 30 días.
platform-by-region = Ingresos por región, 30 días
platform-by-tier = Ingresos por tamaño del creador, 30 días
tier-small = Pequeño (menos de 100 seguidores)
tier-growing = En crecimiento (menos de 1000)
tier-established = Consolidado (menos de 10.000)
tier-top = Top (10.000 o más)
platform-creators = Creadores
platform-creators-active = Emitieron en 30 días
platform-creators-new = Primera emisión en 30 días
platform-creators-live = En directo ahora
platform-categories = Categorías por minutos vistos, 30 días
platform-no-category = Sin categoría
platform-category-row = { $category }: { $minutes } minutos vistos, { $growth }
platform-growth-new = nuevo
platform-no-categories = Ningún directo terminó en 30 días.
platform-countries = Espectadores por país, 30 días
platform-live = En directo ahora, primero los que más crecen
platform-live-row = { $viewers } viendo, { $recent } en los últimos 10 minutos ({ $growth })
platform-no-live = No hay nadie en directo.
platform-health = Estado del sistema
platform-uptime = En marcha desde hace { $duration }
platform-requests = Solicitudes
platform-errors = Errores del servidor
platform-latency = Latencia p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Ruta
platform-live-streams = Transmisiones recibidas
platform-chat-rate = Mensajes del chat en el último minuto
platform-webhook-backlog = Envíos pendientes
platform-dropped = Filas de estadísticas descartadas
platform-recs = Recomendaciones, 7 días
platform-recs-model = Modelo { $version }, entrenado el { $date } con { $viewers } espectadores y { $channels } canales en { $ms } ms
platform-recs-no-model = Todavía no se ha entrenado ningún modelo.
platform-recs-none = Todavía no se ha mostrado ninguna recomendación.
platform-recs-variant = Variante
platform-recs-impressions = Mostradas
platform-recs-clicks = Clics
platform-recs-ctr = Tasa de clics
platform-recs-watch = Minutos vistos por clic
platform-privacy = Los espectadores se cuentan por seudónimo (una cuenta con sesión iniciada o un navegador); no se muestran los países con menos de 5 espectadores.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Estadísticas del canal
channel-analytics-link = Estadísticas del canal
channel-analytics-from = Desde
channel-analytics-to = Hasta
channel-analytics-show = Mostrar
channel-analytics-range = Del { $from } al { $to }
channel-analytics-last-days = { $count ->
    [one] Hoy
   *[other] Últimos { $count } días
}
channel-analytics-growth = { $percent } respecto al periodo anterior
channel-analytics-live-minutes = Minutos en directo
channel-analytics-unique-chart = Espectadores únicos por día
channel-analytics-watched-chart = Minutos vistos por día
channel-analytics-chat-chart = Mensajes del chat por día
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Día a día
channel-analytics-day = Día
channel-analytics-no-donations = No hubo donaciones en estos días.
channel-analytics-bad-date = Las fechas son días escritos como 2026-11-30. En su lugar, se muestran los últimos 28 días.
channel-analytics-future = El intervalo no puede terminar después de hoy. En su lugar, se muestran los últimos 28 días.
channel-analytics-bad-range = El inicio debe ser el mismo día que el final o anterior, con { $days } días de diferencia como máximo. En su lugar, se muestran los últimos 28 días.

# Los comandos de barra y las respuestas del bot de Discord en español. Discord
# los muestra en el idioma del cliente del miembro (localización de nombres y
# descripciones, y el idioma de la interacción para las respuestas). El Markdown
# (**negrita**, `código`) y las menciones de Discord (<#canal>, <@&rol>) se dejan tal cual.
# Registro informal (tú) y «en directo», como en el catálogo web.

# Nombres de los comandos de barra (en minúsculas, sin espacios: regla de Discord) y descripciones.
cmd-notify-name = avisos
cmd-notify = Avisos de directo de un canal de AeThex
cmd-notify-add = Anunciar aquí un canal de AeThex
cmd-notify-remove = Dejar de anunciar
cmd-notify-list = Anuncios de este servidor
cmd-stream-name = directo
cmd-stream = ¿Está en directo? Título, espectadores, tiempo en directo
cmd-link-name = vincular
cmd-link = Vincular tu cuenta de AeThex (para los roles de suscriptor)
cmd-roles-name = roles
cmd-roles = Roles de suscriptor para los miembros vinculados
cmd-bridge-name = puente
cmd-bridge = Reflejar una sala de chat de AeThex en un canal de Discord y viceversa
cmd-bridge-set = Crear un puente con un canal
cmd-bridge-off = Quitar el puente de este servidor
opt-login = Nombre de usuario del canal de AeThex
opt-where = Dónde anunciarlo
opt-role = Rol al que mencionar
opt-announcement-channel = El canal de anuncios
opt-discord-channel = El canal de Discord
opt-subscriber = Todos los suscriptores
opt-tier = Rol adicional de nivel { $tier }
opt-language = Idioma de los anuncios (por defecto: el idioma de este servidor)

# Respuestas
unknown-command = No conozco /{ $name }.
pick-channel = Elige un canal de Discord.
not-a-login = «{ $login }» no es un nombre de canal de AeThex.
admins-only = Solo quien tiene el permiso «Gestionar servidor» puede hacer eso, y dentro de un servidor.
went-wrong = Algo ha salido mal por mi parte; vuelve a intentarlo.
no-such-channel = No existe ningún canal de AeThex «{ $login }».
aethex-down = AeThex no responde ahora mismo ({ $error }).
aethex-down-retry = AeThex no responde ahora mismo ({ $error }); vuelve a intentarlo.
notify-added = Anunciaré a **{ $login }** en <#{ $channel }> cuando empiece a emitir en directo.
notify-removed = Ya no anuncio a **{ $login }** en <#{ $channel }>.
notify-missing = **{ $login }** no se anunciaba en <#{ $channel }>.
notify-none = Aún no hay anuncios: { $command }.
notify-pings = (menciona a <@&{ $role }>)
notify-updated = He actualizado el anuncio de **{ $login }** en <#{ $channel }>.
no-such-language = No hablo «{ $language }»; elige uno de la lista.

# Anuncios de directo, en el idioma elegido con /notify add (si no, el idioma
# preferido del servidor), y el aviso al administrador cuando uno falla.
announce-live = ¡**{ $name }** está en directo!
announce-was-live = **{ $name }** estuvo en directo.
embed-untitled = { $name } está en directo
embed-streaming = { $name } está emitiendo en directo en AeThex LIVE.
embed-category = Categoría
embed-tags = Etiquetas
embed-ended = El directo ha terminado tras { $duration }.
embed-ran-for = Duración
role-deleted = Se ha eliminado del servidor un rol de suscriptor que gestiono (ID { $role }); vuelve a elegir los roles con { $command }.
role-problem = No he podido dar ni quitar el rol de suscriptor <@&{ $role }>. Necesito el permiso «Gestionar roles», y mi propio rol tiene que estar por encima de él en «Ajustes del servidor → Roles».
announce-no-permission = No he podido publicar el anuncio de directo de **{ $login }** en <#{ $channel }>: Discord dice que me falta un permiso ahí. Dame «Ver canal», «Enviar mensajes» e «Insertar enlaces» en ese canal (y «Mencionar @everyone, @here y todos los roles» si el anuncio menciona a un rol).
bridge-set = <#{ $channel }> y el chat de **{ $login }** ahora se reflejan mutuamente.
bridge-off = El puente de chat está desactivado.
bridge-none = No había ningún puente.
roles-off = Los roles de suscriptor están desactivados.
roles-set = Los suscriptores vinculados de **{ $login }** ya reciben sus roles.
link-down = AeThex no responde ahora mismo; vuelve a probar { $command } dentro de un minuto.
link-open = { $minutes ->
    [one] Para vincular tu cuenta de AeThex, abre { $url } e introduce el código **{ $code }** (válido durante { $minutes } minuto).
   *[other] Para vincular tu cuenta de AeThex, abre { $url } e introduce el código **{ $code }** (válido durante { $minutes } minutos).
}
link-done = Vinculado a la cuenta de AeThex **{ $login }**.
link-failed-here = La vinculación ha fallado por mi parte; vuelve a probar { $command }.
link-declined = Has rechazado la vinculación; no ha cambiado nada.
link-expired = El código ha caducado; vuelve a usar { $command }.
link-failed = No se ha podido vincular: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** está en directo: { $title } — { $viewers } espectador, lleva { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** está en directo: { $title } — { $viewers } espectadores, lleva { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** no está en directo. Último título: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Publicar también aquí el resumen de cada directo cuando termine (solo tu propio canal)
notify-summary-on = Al terminar cada directo, también publicaré aquí su resumen.
notify-summary-owner = Solo puedo publicar los resúmenes de **{ $owner }**, la cuenta de AeThex con la que funciona este bot: el resumen de un directo forma parte de las estadísticas propias de quien lo emite.
notify-list-summary = (con resumen)
summary-content = Resumen del directo de **{ $name }**
summary-title = Resumen del directo: { $title }
summary-description = { $name } estuvo en directo durante { $duration }.
summary-average = Media de espectadores
summary-peak = Máximo de espectadores
summary-unique = Espectadores únicos
summary-chatters = Participantes en el chat
summary-messages = Mensajes del chat
summary-followers = Nuevos seguidores
summary-busiest = Momento de más actividad en el chat
summary-moment = { $messages ->
    [one] En { $at }: { $messages } mensaje en un minuto
   *[other] En { $at }: { $messages } mensajes en un minuto
}
summary-no-access = No he podido publicar el resumen del directo de **{ $login }**: el token de AeThex del bot no puede leer las estadísticas de ese canal. Vuelve a iniciar sesión con el bot con el permiso `analytics:read`.

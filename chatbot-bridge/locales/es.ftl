# Las respuestas integradas del bot de chat en español. $(user) es la variable
# propia del bot (el nombre de quien escribe en el chat) y se deja tal cual en todos los idiomas.

# Puntos
points-balance = { $user } tiene { $points } { $name } y ha visto el canal durante { $watched }.
points-gave = @{ $who } ha dado { $amount } { $name } a { $to }.
points-too-few = @{ $who } -> no tienes { $amount } { $name }.
points-give-usage = @{ $who } -> uso: !give <usuario> <cantidad> (un número positivo, a otra persona)
points-nobody = Nadie tiene { $name } todavía.
points-top = Top de { $name }: { $list }
# El nombre de los puntos cuando la configuración no define ninguno, en la forma para { $count }.
points-unit = { $count ->
    [one] punto
   *[other] puntos
}

# Duraciones («2 días 3 horas»), unidas con espacios
span-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
span-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
span-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
span-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}

# Sorteos
giveaway-started-keyword = ¡Ha empezado un sorteo! Escribe { $keyword } o !giveaway enter para participar.
giveaway-started = ¡Ha empezado un sorteo! Escribe !giveaway enter para participar.
giveaway-winner = ¡Ha ganado @{ $winner } (participantes: { $count })! ¡Enhorabuena!
giveaway-nobody = Nadie ha participado en el sorteo.
giveaway-entered = @{ $who } -> ¡ya estás dentro!
giveaway-already = @{ $who } -> ya estabas dentro.
giveaway-closed = @{ $who } -> no hay ningún sorteo en marcha.
giveaway-full = @{ $who } -> el sorteo está completo.
giveaway-usage-mod = @{ $who } -> uso: !giveaway start [palabra clave] | enter | draw
giveaway-usage = @{ $who } -> uso: !giveaway enter

# Citas
quote-added = Cita #{ $number } añadida.
quote-deleted = Cita #{ $number } eliminada.
quote-missing = No existe la cita #{ $number }.
quote-mods-only = @{ $who } -> solo los moderadores pueden cambiar las citas.
quote-none = Aún no hay citas; los moderadores las añaden con !quote add <texto>.
quote-usage = @{ $who } -> uso: !quote [número] | add <texto> | delete <número>
quote-add-usage = @{ $who } -> uso: !quote add <texto, hasta 300 caracteres>
quote-delete-usage = @{ $who } -> uso: !quote delete <número>

# Peticiones de canciones
songs-level = @{ $who } -> las peticiones de canciones son para { $level ->
    [subscriber] suscriptores
    [regular] habituales
    [vip] VIP
    [moderator] moderadores
    [owner] el creador
   *[other] { $level }
} o rangos superiores.
songs-usage = @{ $who } -> uso: !sr <enlace de YouTube o SoundCloud, o palabras de búsqueda>
songs-bad-youtube-id = @{ $who } -> ese enlace de YouTube no tiene un ID de vídeo válido.
songs-no-youtube-video = @{ $who } -> ese enlace de YouTube no contiene ningún vídeo.
songs-not-soundcloud-track = @{ $who } -> ese enlace de SoundCloud no es de una pista.
songs-only-youtube-soundcloud = @{ $who } -> solo se pueden pedir enlaces de YouTube y SoundCloud.
songs-full = @{ $who } -> la cola está llena (máximo: { $count }).
songs-yours-full = @{ $who } -> ya tienes el máximo de canciones en la cola ({ $count }).
songs-duplicate = @{ $who } -> esa canción ya está en la cola.
songs-added = @{ $who } -> «{ $title }» se ha añadido a la cola en la posición #{ $position }.
songs-empty = La cola de canciones está vacía.
songs-list = { $count ->
    [one] { $count } canción: { $list }
   *[other] { $count } canciones: { $list }
}
songs-now = Suena ahora: { $title } (pedida por { $user })
songs-nothing = No está sonando nada.
songs-skipped = Saltada. Suena ahora: { $title }
songs-skipped-empty = Saltada. La cola está vacía.
songs-removed = @{ $who } -> se ha quitado «{ $title }» de la cola.
songs-none-yours = @{ $who } -> no tienes canciones esperando en la cola.

# Moderación
permit = @{ $user } -> puedes publicar un enlace en los próximos 60 segundos.
permit-usage = @{ $who } -> uso: !permit <usuario>
regular-added = @{ $who } -> { $user } ahora es habitual.
regular-removed = @{ $who } -> { $user } ya no es habitual.
regulars-usage = @{ $who } -> uso: !regulars add|remove <usuario>

# !comandos
command-added = @{ $who } -> El comando «{ $name }» se ha añadido correctamente.
command-edited = @{ $who } -> El comando «{ $name }» se ha editado correctamente.
command-deleted = @{ $who } -> El comando «{ $name }» se ha eliminado correctamente.
command-refused = @{ $who } -> { $reason }

# Avisos de los filtros antispam (predeterminados; la configuración puede definir los suyos)
filter-links = $(user) -> pregunta antes de publicar enlaces.
filter-caps = $(user) -> cuidado con las mayúsculas.
filter-symbols = $(user) -> demasiados símbolos.
filter-repetitions = $(user) -> no te repitas, por favor.
filter-emotes = $(user) -> demasiados emoticonos.
filter-blacklist = $(user) -> esa frase no está permitida aquí.

# Gestión de comandos personalizados (!commands add|edit|delete, !addcom, !editcom,
# !delcom). La sintaxis (add, edit, delete, -ul=, -cd=, -a=, los nombres de los niveles
# de usuario) es la misma en todos los idiomas: se deja tal cual.
manage-added = El comando «{ $name }» se ha añadido correctamente.
manage-edited = El comando «{ $name }» se ha editado correctamente.
manage-deleted = El comando «{ $name }» se ha eliminado correctamente.
manage-mods-only = solo los moderadores pueden gestionar comandos
manage-exists = { $name } ya existe; usa !commands edit
manage-missing = { $name } no existe
manage-alias-loop = { $chain } volvería en bucle a { $name }
manage-alias-depth = las cadenas de alias tienen un límite de { $max }
manage-not-a-name = «{ $name }» no es un nombre de comando
manage-unknown-action = acción desconocida «{ $action }»: usa add, edit o delete
manage-usage = uso: !commands add|edit|delete !name [-ul=nivel] [-cd=segundos] [-a=!otro] respuesta
manage-which = ¿qué comando? p. ej.: !commands add !discord Únete a nosotros en …
manage-unknown-level = nivel de usuario desconocido «{ $level }»: usa owner, moderator, vip, regular, subscriber o everyone
manage-cooldown-not-a-number = el tiempo de espera «{ $value }» no es un número de segundos
manage-cooldown-range = el tiempo de espera debe ser de { $min } a { $max } segundos
manage-unknown-flag = opción desconocida «{ $flag }»: usa -ul=, -cd= o -a=
manage-too-long = la respuesta supera los { $max } caracteres
manage-self-alias = { $name } no puede ser alias de sí mismo
manage-needs-response = { $name } necesita una respuesta
manage-nothing-to-change = no hay nada que cambiar en { $name }
manage-delete-extra = delete solo admite el nombre del comando

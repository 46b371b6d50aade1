# Les réponses intégrées du bot de chat en français. $(user) est la variable
# propre au bot (le pseudo de la personne qui écrit), laissée telle quelle dans toutes les langues.

# Points
points-balance = { $user } a { $points } { $name } et { $watched } de visionnage.
points-gave = @{ $who } a donné { $amount } { $name } à { $to }.
points-too-few = @{ $who } -> vous n’avez pas { $amount } { $name }.
points-give-usage = @{ $who } -> utilisation : !give <pseudo> <montant> (un nombre positif, à quelqu’un d’autre)
points-nobody = { $name } : personne n’en a encore.
points-top = Top { $name } : { $list }
# Le nom des points quand la configuration n’en définit aucun, à la forme qui convient à { $count }.
points-unit = { $count ->
    [one] point
   *[other] points
}

# Durées (« 2 jours 3 heures »), séparées par des espaces
span-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
span-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
span-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
span-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}

# Giveaways
giveaway-started-keyword = Un giveaway commence ! Tapez { $keyword } ou !giveaway enter pour participer.
giveaway-started = Un giveaway commence ! Tapez !giveaway enter pour participer.
giveaway-winner = Et c’est @{ $winner } qui gagne (participants : { $count }) ! Félicitations !
giveaway-nobody = Personne n’a participé au giveaway.
giveaway-entered = @{ $who } -> c’est bon, vous participez !
giveaway-already = @{ $who } -> vous participez déjà.
giveaway-closed = @{ $who } -> aucun giveaway n’est en cours.
giveaway-full = @{ $who } -> le giveaway est complet.
giveaway-usage-mod = @{ $who } -> utilisation : !giveaway start [mot-clé] | enter | draw
giveaway-usage = @{ $who } -> utilisation : !giveaway enter

# Citations
quote-added = Citation #{ $number } ajoutée.
quote-deleted = Citation #{ $number } supprimée.
quote-missing = La citation #{ $number } n’existe pas.
quote-mods-only = @{ $who } -> seuls les modérateurs peuvent modifier les citations.
quote-none = Aucune citation pour l’instant ; les modérateurs les ajoutent avec !quote add <texte>.
quote-usage = @{ $who } -> utilisation : !quote [numéro] | add <texte> | delete <numéro>
quote-add-usage = @{ $who } -> utilisation : !quote add <texte, 300 caractères maximum>
quote-delete-usage = @{ $who } -> utilisation : !quote delete <numéro>

# Demandes de musique
songs-level = @{ $who } -> les demandes de musique sont ouvertes à partir du rang : { $level ->
    [subscriber] abonnés
    [regular] habitués
    [vip] VIP
    [moderator] modérateurs
    [owner] créateur de la chaîne
   *[other] { $level }
}.
songs-usage = @{ $who } -> utilisation : !sr <lien YouTube ou SoundCloud, ou mots-clés de recherche>
songs-bad-youtube-id = @{ $who } -> ce lien YouTube n’a pas d’identifiant de vidéo valide.
songs-no-youtube-video = @{ $who } -> ce lien YouTube ne contient aucune vidéo.
songs-not-soundcloud-track = @{ $who } -> ce lien SoundCloud ne mène pas à un morceau.
songs-only-youtube-soundcloud = @{ $who } -> seuls les liens YouTube et SoundCloud peuvent être demandés.
songs-full = @{ $who } -> la file d’attente est pleine (maximum : { $count }).
songs-yours-full = @{ $who } -> vous avez déjà le maximum de morceaux dans la file d’attente ({ $count }).
songs-duplicate = @{ $who } -> ce morceau est déjà dans la file d’attente.
songs-added = @{ $who } -> « { $title } » a été ajouté à la file d’attente en position #{ $position }.
songs-empty = La file d’attente est vide.
songs-list = { $count ->
    [one] { $count } morceau : { $list }
   *[other] { $count } morceaux : { $list }
}
songs-now = En cours de lecture : { $title } (demandé par { $user })
songs-nothing = Rien n’est en cours de lecture.
songs-skipped = Morceau passé. En cours de lecture : { $title }
songs-skipped-empty = Morceau passé. La file d’attente est vide.
songs-removed = @{ $who } -> « { $title } » a été retiré de la file d’attente.
songs-none-yours = @{ $who } -> vous n’avez aucun morceau en attente dans la file.

# Modération
permit = @{ $user } -> vous pouvez poster un lien dans les 60 prochaines secondes.
permit-usage = @{ $who } -> utilisation : !permit <pseudo>
regular-added = @{ $who } -> { $user } fait maintenant partie des habitués.
regular-removed = @{ $who } -> { $user } ne fait plus partie des habitués.
regulars-usage = @{ $who } -> utilisation : !regulars add|remove <pseudo>

# Commandes !
command-added = @{ $who } -> La commande « { $name } » a bien été ajoutée.
command-edited = @{ $who } -> La commande « { $name } » a bien été modifiée.
command-deleted = @{ $who } -> La commande « { $name } » a bien été supprimée.
command-refused = @{ $who } -> { $reason }

# Avertissements des filtres anti-spam (textes par défaut ; une configuration peut définir les siens)
filter-links = $(user) -> merci de demander avant de poster des liens.
filter-caps = $(user) -> doucement sur les majuscules.
filter-symbols = $(user) -> trop de symboles.
filter-repetitions = $(user) -> merci de ne pas vous répéter.
filter-emotes = $(user) -> trop d’emotes.
filter-blacklist = $(user) -> cette expression n’est pas autorisée ici.

# Gestion des commandes personnalisées (!commands add|edit|delete, !addcom, !editcom,
# !delcom). La syntaxe (add, edit, delete, -ul=, -cd=, -a=, les noms des niveaux
# d’utilisateur) est la même dans toutes les langues : elle reste telle quelle.
manage-added = La commande « { $name } » a bien été ajoutée.
manage-edited = La commande « { $name } » a bien été modifiée.
manage-deleted = La commande « { $name } » a bien été supprimée.
manage-mods-only = seuls les modérateurs peuvent gérer les commandes
manage-exists = { $name } existe déjà ; utilisez !commands edit
manage-missing = { $name } n’existe pas
manage-alias-loop = { $chain } reviendrait en boucle à { $name }
manage-alias-depth = les chaînes d’alias s’arrêtent à { $max }
manage-not-a-name = « { $name } » n’est pas un nom de commande
manage-unknown-action = action inconnue « { $action } » : utilisez add, edit ou delete
manage-usage = utilisation : !commands add|edit|delete !name [-ul=niveau] [-cd=secondes] [-a=!autre] réponse
manage-which = quelle commande ? Par exemple : !commands add !discord Rejoignez-nous sur …
manage-unknown-level = niveau d’utilisateur inconnu « { $level } » : utilisez owner, moderator, vip, regular, subscriber ou everyone
manage-cooldown-not-a-number = le temps de recharge « { $value } » n’est pas un nombre de secondes
manage-cooldown-range = le temps de recharge doit être compris entre { $min } et { $max } secondes
manage-unknown-flag = option inconnue « { $flag } » : utilisez -ul=, -cd= ou -a=
manage-too-long = la réponse dépasse { $max } caractères
manage-self-alias = { $name } ne peut pas être son propre alias
manage-needs-response = { $name } a besoin d’une réponse
manage-nothing-to-change = rien à modifier dans { $name }
manage-delete-extra = delete ne prend que le nom de la commande

# Les commandes slash et les réponses du bot Discord en français. Discord les
# affiche dans la langue du client du membre (localisation des noms et des
# descriptions, et langue de l’interaction pour les réponses). Le Markdown
# (**gras**, `code`) et les mentions Discord (<#salon>, <@&rôle>) restent tels quels.
# Vouvoiement, comme dans le catalogue web. « Salon » pour un salon Discord, « chaîne » pour une chaîne AeThex.

# Noms des commandes slash (en minuscules, sans espaces : règle de Discord) et descriptions.
cmd-notify-name = notifier
cmd-notify = Annonces de passage en direct d’une chaîne AeThex
cmd-notify-add = Annoncer une chaîne AeThex ici
cmd-notify-remove = Arrêter les annonces
cmd-notify-list = Annonces sur ce serveur
cmd-stream-name = stream
cmd-stream = Le stream est-il en direct ? Titre, spectateurs, durée
cmd-link-name = lier
cmd-link = Lier votre compte AeThex (pour les rôles d’abonné)
cmd-roles-name = rôles
cmd-roles = Rôles d’abonné pour les membres liés
cmd-bridge-name = pont
cmd-bridge = Synchroniser le chat d’une chaîne AeThex et un salon Discord
cmd-bridge-set = Relier un salon
cmd-bridge-off = Supprimer le pont de ce serveur
opt-login = Nom d’utilisateur de la chaîne AeThex
opt-where = Où faire l’annonce
opt-role = Rôle à mentionner
opt-announcement-channel = Le salon d’annonces
opt-discord-channel = Le salon Discord
opt-subscriber = Tous les abonnés
opt-tier = Rôle supplémentaire pour le niveau { $tier }
opt-language = Langue des annonces (par défaut : la langue de ce serveur)

# Réponses
unknown-command = Je ne connais pas /{ $name }.
pick-channel = Choisissez un salon Discord.
not-a-login = « { $login } » n’est pas un nom de chaîne AeThex.
admins-only = Seuls les membres ayant la permission « Gérer le serveur » peuvent faire cela, et uniquement dans un serveur.
went-wrong = Un problème est survenu de mon côté ; veuillez réessayer.
no-such-channel = Il n’existe aucune chaîne AeThex « { $login } ».
aethex-down = AeThex ne répond pas pour le moment ({ $error }).
aethex-down-retry = AeThex ne répond pas pour le moment ({ $error }) ; veuillez réessayer.
notify-added = J’annoncerai la chaîne **{ $login }** dans <#{ $channel }> dès son passage en direct.
notify-removed = La chaîne **{ $login }** n’est plus annoncée dans <#{ $channel }>.
notify-missing = La chaîne **{ $login }** n’était pas annoncée dans <#{ $channel }>.
notify-none = Aucune annonce pour l’instant : { $command }.
notify-pings = (mentionne <@&{ $role }>)
notify-updated = L’annonce de la chaîne **{ $login }** dans <#{ $channel }> a été mise à jour.
no-such-language = Je ne parle pas « { $language } » ; choisissez-en une dans la liste.

# Annonces de passage en direct, dans la langue choisie avec /notify add (sinon la
# langue préférée du serveur), et le message à l’administrateur quand l’une d’elles échoue.
announce-live = **{ $name }** est en direct !
announce-was-live = **{ $name }** était en direct.
embed-untitled = { $name } est en direct
embed-streaming = { $name } est en direct sur AeThex LIVE.
embed-category = Catégorie
embed-tags = Tags
embed-ended = Le stream s’est terminé après { $duration }.
embed-ran-for = Durée
role-deleted = Un rôle d’abonné que je gère (ID { $role }) a été supprimé du serveur ; choisissez à nouveau les rôles avec { $command }.
role-problem = Je n’ai pu ni attribuer ni retirer le rôle d’abonné <@&{ $role }>. J’ai besoin de la permission « Gérer les rôles », et mon propre rôle doit se trouver au-dessus de celui-ci dans « Paramètres du serveur → Rôles ».
announce-no-permission = Je n’ai pas pu publier l’annonce de passage en direct de la chaîne **{ $login }** dans <#{ $channel }> : d’après Discord, il me manque une permission à cet endroit. Accordez-moi « Voir le salon », « Envoyer des messages » et « Intégrer des liens » dans ce salon (et « Mentionner @everyone, @here et tous les rôles » si l’annonce mentionne un rôle).
bridge-set = <#{ $channel }> et le chat de **{ $login }** se reflètent désormais l’un l’autre.
bridge-off = Le pont de chat est désactivé.
bridge-none = Il n’y avait aucun pont.
roles-off = Les rôles d’abonné sont désactivés.
roles-set = Les abonnés liés de **{ $login }** reçoivent désormais leurs rôles.
link-down = AeThex ne répond pas pour le moment ; réessayez { $command } dans une minute.
link-open = { $minutes ->
    [one] Pour lier votre compte AeThex, ouvrez { $url } et saisissez le code **{ $code }** (valable { $minutes } minute).
   *[other] Pour lier votre compte AeThex, ouvrez { $url } et saisissez le code **{ $code }** (valable { $minutes } minutes).
}
link-done = Lié au compte AeThex **{ $login }**.
link-failed-here = La liaison a échoué de mon côté ; réessayez { $command }.
link-declined = Vous avez refusé la liaison ; rien n’a changé.
link-expired = Le code a expiré ; relancez { $command }.
link-failed = La liaison a échoué : { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** est en direct : { $title } — { $viewers } spectateur, durée { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** est en direct : { $title } — { $viewers } spectateurs, durée { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** est hors ligne. Dernier titre : { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Publier aussi ici le résumé de chaque stream une fois terminé (votre propre chaîne uniquement)
notify-summary-on = Après chaque stream, je publierai aussi son résumé ici.
notify-summary-owner = Seuls les résumés de la chaîne **{ $owner }**, le compte AeThex avec lequel ce bot fonctionne, peuvent être publiés : le résumé d’un stream fait partie des statistiques propres à son créateur.
notify-list-summary = (avec résumé)
summary-content = Résumé du stream de **{ $name }**
summary-title = Résumé du stream : { $title }
summary-description = { $name } a streamé pendant { $duration }.
summary-average = Spectateurs en moyenne
summary-peak = Pic de spectateurs
summary-unique = Spectateurs uniques
summary-chatters = Participants au chat
summary-messages = Messages dans le chat
summary-followers = Nouveaux followers
summary-busiest = Moment le plus animé du chat
summary-moment = { $messages ->
    [one] À { $at } : { $messages } message en une minute
   *[other] À { $at } : { $messages } messages en une minute
}
summary-no-access = Je n’ai pas pu publier le résumé du stream de la chaîne **{ $login }** : le jeton AeThex du bot ne peut pas lire les statistiques de cette chaîne. Reconnectez le bot avec l’autorisation `analytics:read`.

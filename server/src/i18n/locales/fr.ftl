# Les textes français de l’application web. Chaque texte affiché par une page vient d’ici.
# Les termes suivent les grandes plateformes de streaming (Twitch) : suivre, s’abonner, raid, clip, chat.
# Vouvoiement, comme Twitch en français.

site-name = AeThex LIVE
site-description = Regardez des streams en direct, discutez avec des communautés et suivez les créateurs que vous aimez.
skip-to-content = Aller au contenu
nav-account = Compte
nav-log-in = Se connecter
nav-log-out = Se déconnecter
footer-api = Référence de l’API
footer-activate = Connecter un appareil
footer-licences = Licences
back-home = Retour à l’accueil

live = EN DIRECT
untitled = Diffusion sans titre
viewers = { $count ->
    [one] { $count } spectateur
   *[other] { $count } spectateurs
}

home-title = En direct maintenant
home-live-now = En direct maintenant
home-nobody-live = Personne n’est en direct pour le moment. Revenez bientôt.
home-categories = Catégories
home-recommended = Recommandé pour vous

channel-description = { $name } streame sur AeThex LIVE.
channel-offline = { $name } est hors ligne.
channel-last-broadcast = Dernière diffusion :

player-label = Vidéo en direct de { $name }
player-offline = Le stream est terminé.
player-error = Impossible de lire la vidéo. Rechargez la page pour réessayer.
player-quality = Qualité
player-auto = Auto

chat-title = Chat
chat-connecting = Connexion au chat…
chat-reconnecting = Chat déconnecté. Reconnexion…
chat-deleted = (message supprimé par un modérateur)
chat-cleared = Le chat a été effacé par un modérateur.
chat-log-in = Connectez-vous pour discuter
chat-mod-delete = Supprimer le message
chat-mod-timeout = Exclure pendant 10 minutes
chat-mod-ban = Bannir du chat
chat-raiding = Cette chaîne fait un raid sur { $name }. Redirection en cours…
chat-raid-stay = Rester ici
chat-report = Signaler le message
chat-reported = Signalement envoyé. Merci.
chat-report-failed = Impossible de signaler ce message.
chat-held = AutoMod a retenu un message de { $name } :
chat-allow = Autoriser
chat-deny = Refuser
chat-held-approved = Autorisé.
chat-held-denied = Refusé.
chat-held-expired = Expiré.
mod-link = File de modération
mod-title = Modération : { $name }
mod-held = Messages retenus par AutoMod
mod-held-none = Aucun message n’attend de vérification.
mod-reports = Messages signalés
mod-reports-none = Aucun signalement à examiner.
mod-reports-count = { $count ->
    [one] { $count } signalement
   *[other] { $count } signalements
}
mod-hidden = masqué jusqu’à examen
mod-remove = Supprimer
mod-dismiss = Ignorer les signalements
mod-settings = AutoMod et signalements
mod-level = Niveau d’AutoMod (0 le désactive, 4 est le plus strict)
mod-threshold = Nombre de signalements qui masquent un message jusqu’à l’examen d’un modérateur (0 : jamais)
mod-save = Enregistrer
mod-saved = Enregistré.
mod-bad-settings = Choisissez un niveau de 0 à 4 et un nombre de signalements de 0 à 100.
mod-already-resolved = Un autre modérateur a déjà traité ce message, ou il a expiré.
mod-not-moderator = Seuls les modérateurs de cette chaîne peuvent voir sa file de modération.

not-found-title = Page introuvable
not-found-page = Il n’y a rien à cette adresse.
not-found-channel = Aucune chaîne ne porte ce nom.
error-internal-title = Un problème est survenu
error-internal = Un problème est survenu de notre côté. Il a été enregistré ; veuillez réessayer.

nav-sign-up = S’inscrire
form-cross-site = Ce formulaire a été envoyé depuis un autre site ; il a donc été refusé.
form-expired = Le formulaire a expiré ou ne provient pas de ce site. Veuillez réessayer.
signup-title = Créez votre compte
signup-closed = Les inscriptions sont fermées sur ce serveur. Demandez un compte à son administrateur.
signup-login = Nom d’utilisateur
signup-login-hint = 3 à 25 caractères : lettres minuscules, chiffres et _. C’est aussi l’adresse de votre chaîne.
signup-login-rules = Les noms d’utilisateur comptent 3 à 25 caractères : lettres minuscules, chiffres et _.
signup-login-reserved = Ce nom est réservé. Veuillez en choisir un autre.
signup-login-taken = Ce nom d’utilisateur est déjà pris. Veuillez en choisir un autre.
signup-password = Mot de passe
signup-password-hint = Au moins 8 caractères.
signup-password-again = Confirmez le mot de passe
signup-password-length = Les mots de passe comptent 8 à 256 caractères.
signup-password-is-login = Votre mot de passe ne peut pas être votre nom d’utilisateur.
signup-password-mismatch = Les deux mots de passe ne correspondent pas.
signup-invite = Code d’invitation
signup-invite-missing = Ce serveur est accessible sur invitation uniquement : saisissez votre code d’invitation.
signup-invite-invalid = Ce code d’invitation est inconnu, expiré ou déjà utilisé.
signup-submit = S’inscrire
signup-pow-working = Vérification du navigateur… (un instant)
signup-pow-failed = La vérification du navigateur a échoué. Veuillez renvoyer le formulaire.
signup-too-many = Trop de comptes ont été créés depuis cette connexion récemment. Veuillez réessayer plus tard.
signup-needs-script = Ce formulaire nécessite JavaScript : il vérifie le navigateur à la place d’un CAPTCHA.
signup-have-account = Vous avez déjà un compte ?
error-title = Quelque chose ne va pas
follow = Suivre
unfollow = Ne plus suivre
following = Suivis
follow-own-channel = Vous ne pouvez pas suivre votre propre chaîne.
home-following = Suivis
home-following-offline = Hors ligne
chat-placeholder = Envoyer un message
chat-send = Chat
chat-label = Message du chat
offline-title = Vous êtes hors ligne
offline-text = AeThex LIVE a besoin d’une connexion pour lire les streams et le chat. Les chaînes que vous suivez sont ci-dessous ; elles s’ouvriront dès que vous serez de nouveau en ligne.
offline-no-follows = Vous ne suivez encore aucune chaîne sur cet appareil.
app-description = Des streams en direct, le chat et les créateurs que vous suivez.
push-live-title = { $name } est en direct
notify-on = Notifications activées
notify-off = M’avertir
notify-denied = Les notifications sont bloquées pour ce site dans les paramètres de votre navigateur.
notify-unavailable = Ce navigateur ne peut pas recevoir de notifications push. Sur iPhone et iPad, ajoutez d’abord AeThex LIVE à l’écran d’accueil.
player-play = Lire le stream
clip-live = Clipper les 30 dernières secondes
clip-from-here = Clipper à partir d’ici
clip-length = Durée du clip
clip-length-rule = Un clip dure de 5 à 60 secondes.
clip-of = Un clip de { $name }
clip-seconds = { $seconds } secondes
clip-download = Télécharger
clip-not-live = Cette chaîne n’est pas en direct : il n’y a rien à clipper.
clip-not-recorded = Ce serveur n’enregistre pas les diffusions : elles ne peuvent donc pas être clippées.
clip-too-early = Rien n’est encore enregistré. Réessayez dans quelques secondes.
not-found-clip = Il n’y a aucun clip à cette adresse.
not-found-video = Il n’y a aucune diffusion enregistrée à cette adresse.
channel-videos = Anciennes diffusions
channel-clips = Clips
channel-similar = Chaînes similaires en direct maintenant
video-ended = Fin de la diffusion.
dashboard-title = Tableau de bord du créateur
dashboard-offline = Hors ligne
dashboard-view-channel = Voir votre chaîne
dashboard-saved = Enregistré.
dashboard-key-reset = Votre clé de stream a été réinitialisée. Saisissez la nouvelle dans OBS.
dashboard-stream-info = Infos du stream
dashboard-field-title = Titre
dashboard-field-category = Catégorie
dashboard-field-tags = Tags
dashboard-tags-hint = Séparez les tags par des virgules.
dashboard-field-language = Langue (ISO 639-1, par exemple fr)
dashboard-save = Enregistrer
dashboard-stream-key = Clé de stream
dashboard-show-key = Afficher la clé de stream
dashboard-key-warning = Toute personne qui a cette clé peut streamer sur votre chaîne. Ne la montrez jamais en stream.
dashboard-reset-key = Réinitialiser la clé de stream
dashboard-go-live = Passer en direct depuis OBS
dashboard-obs-custom = Avec n’importe quel OBS (service personnalisé)
dashboard-obs-step-1 = Dans OBS, ouvrez Paramètres, puis Stream (flux), et choisissez le service « Personnalisé… ».
dashboard-obs-step-2 = Serveur :
dashboard-obs-step-3 = Clé de stream : la clé ci-dessus.
dashboard-obs-step-4 = Cliquez sur « Commencer le streaming ».
dashboard-obs-plugin = Avec le plugin OBS AeThex
dashboard-obs-plugin-text = Installez le plugin, choisissez Outils → AeThex: Log in, puis approuvez le code affiché sur la page
dashboard-recent-followers = Followers récents
dashboard-no-followers = Aucun follower pour l’instant.
dashboard-alerts = Alertes récentes
dashboard-no-alerts = Aucune alerte pour l’instant. Les follows, abonnements, dons et raids s’affichent ici.
alert-follow = { $name } vous suit
alert-subscription = { $name } a pris un abonnement de niveau { $tier }
alert-donation = { $name } a fait un don de { $amount }
alert-raid = { $count ->
    [one] { $name } a lancé un raid sur votre chaîne avec { $count } spectateur
   *[other] { $name } a lancé un raid sur votre chaîne avec { $count } spectateurs
}
dashboard-moderators = Modérateurs
dashboard-moderators-hint = Les modérateurs peuvent supprimer des messages, exclure temporairement et bannir dans votre chat.
dashboard-no-moderators = Aucun modérateur pour l’instant.
dashboard-mod-login = Nom d’utilisateur
dashboard-mod-add = Ajouter un modérateur
dashboard-mod-remove = Retirer { $name }
dashboard-no-such-user = Aucun utilisateur ne porte ce nom.
dashboard-mod-self = Vous modérez toujours votre propre chat.
dashboard-blocked-terms = Termes bloqués
dashboard-blocked-hint = Les messages contenant un terme bloqué, en majuscules comme en minuscules, ne s’affichent pas dans votre chat (sauf ceux des modérateurs).
dashboard-no-blocked = Aucun terme bloqué.
dashboard-term = Terme
dashboard-term-add = Bloquer le terme
dashboard-term-remove = Débloquer { $name }
dashboard-webhooks = Webhooks
dashboard-webhooks-hint = Les événements de votre chaîne, envoyés à votre propre serveur sous forme de notifications EventSub signées avec votre secret (en-tête Twitch-Eventsub-Message-Signature). Un nouveau webhook doit d’abord répondre au challenge que nous lui envoyons.
dashboard-no-webhooks = Aucun webhook pour l’instant.
dashboard-webhook-type = Événement
dashboard-webhook-callback = URL de callback (HTTPS, publique)
dashboard-webhook-secret = Secret (10 à 100 lettres, chiffres ou symboles, sans espace)
dashboard-webhook-add = Ajouter un webhook
dashboard-webhook-delete = Supprimer le webhook { $name }
dashboard-webhook-added = Webhook ajouté. Il démarre dès que son URL de callback répond au challenge.
dashboard-webhook-deleted = Webhook supprimé.
dashboard-raid = Lancer un raid
dashboard-raid-hint = Envoyez vos spectateurs sur une autre chaîne : ils y sont redirigés, et son chat annonce votre raid.
dashboard-raid-to = Chaîne à raider
dashboard-raid-start = Lancer le raid
dashboard-raided = Raid lancé. Vos spectateurs sont en route.
embed-watch-on = Regarder { $name } sur AeThex LIVE
nav-dashboard = Tableau de bord
nav-main = Navigation principale
nav-browse = Parcourir
nav-search = Rechercher
search-title = Recherche
search-label = Rechercher des chaînes
search-submit = Rechercher
search-none = Aucune chaîne ne correspond à « { $query } ».
directory-title = Parcourir
directory-all = Toutes les catégories
settings-title = Paramètres
settings-profile = Profil
settings-display-name = Nom d’affichage
settings-name-hint = Votre nom d’utilisateur, avec les majuscules de votre choix.
settings-name-rule = Un nom d’affichage reprend les lettres de votre nom d’utilisateur, en majuscules ou en minuscules.
settings-about = À propos de votre chaîne
settings-about-rule = Le texte de présentation fait au plus 300 caractères, sans caractères de contrôle.
settings-notifications = Notifications de passage en direct
settings-no-notifications = Vous ne recevez aucune notification de passage en direct. Activez-les avec « M’avertir » sur une chaîne que vous suivez.
settings-notify-off = Désactiver
settings-privacy = Confidentialité
settings-personalised = Recommandations personnalisées
settings-personalised-hint = Recommande des chaînes d’après ce que vous regardez. Si vous désactivez cette option, votre historique de visionnage quittera le système de recommandation lors de son prochain entraînement, et les chaînes populaires dans votre langue vous seront proposées.
nav-settings = Paramètres
subscribe = S’abonner
resubscribe = Renouveler l’abonnement
subscribe-tier = Niveau d’abonnement
tier-1 = Niveau 1
tier-2 = Niveau 2
tier-3 = Niveau 3
subscribed-until = Abonnement actif jusqu’au { $date }. Merci !
donate = Faire un don
donate-amount = Montant
donate-currency = Devise
donate-message = Message (affiché en stream)
donate-send = Envoyer le don
donate-thanks = Merci ! Votre don a été envoyé.
donate-amount-rule = Saisissez un montant comme 5 ou 4,99.
donate-currency-rule = Choisissez une devise dans la liste.

# Sélecteur de langue, temps, durées, montants (les nombres et les dates sont mis en forme par le code, selon la langue).
language = Langue
language-change = Changer de langue
language-unknown = Cette langue n’est pas disponible.
time-just-now = à l’instant
time-minutes-ago = { $count ->
    [one] il y a { $count } minute
   *[other] il y a { $count } minutes
}
time-hours-ago = { $count ->
    [one] il y a { $count } heure
   *[other] il y a { $count } heures
}
time-days-ago = { $count ->
    [one] il y a { $count } jour
   *[other] il y a { $count } jours
}
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Commencé { $time }
broadcast-length = Durée : { $duration }
directory-language = Langue du stream
directory-all-languages = Toutes les langues
directory-filter = Afficher

# Pages de connexion, de déconnexion, d’activation d’appareil et de consentement OAuth.
auth-error-title = Quelque chose ne va pas
auth-internal = Erreur interne ; elle a été enregistrée.
auth-cross-site = Ce formulaire a été envoyé depuis un autre site ; il a donc été refusé.
auth-bad-form = Impossible de lire ce formulaire ; envoyez-le depuis sa page.
login-title = Connexion à AeThex
login-field-login = Nom d’utilisateur
login-field-password = Mot de passe
login-submit = Se connecter
login-expired = Le formulaire a expiré ou ne provient pas de ce site ; veuillez vous reconnecter.
login-throttled = { $count ->
    [one] Trop de tentatives échouées. Réessayez dans { $count } seconde.
   *[other] Trop de tentatives échouées. Réessayez dans { $count } secondes.
}
login-wrong = Nom d’utilisateur ou mot de passe incorrect.
logout-title = Déconnexion
logout-done = Votre session est fermée.
logout-refused = Aucune session ouverte, ou le formulaire a expiré.
signed-in-as = Compte connecté : { $login }.
scopes-none = L’application ne demande aucune autorisation supplémentaire.
scopes-intro = L’application pourra :
scope-channel-read = Voir les paramètres de votre chaîne
scope-channel-manage = Modifier votre chaîne : titre, catégorie, modérateurs, raids
scope-stream-key = Voir et réinitialiser votre clé de stream
scope-chat-read = Lire le chat
scope-chat-edit = Envoyer des messages dans le chat en votre nom
scope-moderator-manage = Modérer les chats que vous modérez : supprimer, exclure temporairement, bannir, modes
scope-moderator-read-followers = Voir qui suit les chaînes que vous modérez
scope-user-read = Voir les informations de votre compte
scope-user-edit-follows = Suivre et ne plus suivre des chaînes en votre nom
scope-user-edit-subscriptions = S’abonner à des chaînes en votre nom
scope-channel-read-subscriptions = Voir vos abonnés
scope-donations-read = Voir les dons que vous avez reçus
scope-donations-write = Faire des dons en votre nom
scope-webhooks-manage = Envoyer les événements de votre chaîne à d’autres serveurs
scope-analytics-read = Voir les statistiques de votre chaîne
device-title = Connecter un appareil
device-wants = { $app } souhaite utiliser votre compte.
device-unknown-code = Ce code est inconnu ou a expiré. Vérifiez votre appareil.
device-code-label = Code affiché sur votre appareil
device-allow = Autoriser
device-deny = Refuser
device-expired = Le formulaire a expiré ; rechargez la page et réessayez.
device-connected-title = Appareil connecté
device-connected = Vous pouvez maintenant revenir à votre appareil.
device-denied-title = Demande refusée
device-denied = L’appareil n’a pas reçu l’accès.
device-code-used = Ce code est inconnu, a expiré ou a déjà été utilisé. Vérifiez votre appareil.
oauth-bad-redirect-url = L’URI de redirection de l’application n’est pas une URL.
oauth-unknown-client = client_id inconnu : cette application n’est pas enregistrée.
oauth-redirect-mismatch = Le redirect_uri ne correspond exactement à aucun de ceux enregistrés pour cette application.
consent-title = Autoriser l’application
consent-wants = { $app } souhaite utiliser votre compte AeThex.
consent-approve = Autoriser
consent-cancel = Annuler
consent-redirect = Nous vous redirigerons vers { $url }.
consent-log-in-first = Connectez-vous d’abord.
consent-expired = Le formulaire a expiré ; recommencez depuis l’application.

# Pages d’overlay pour les sources navigateur d’OBS (alertes en stream).
overlay-follow = { $name } vient de suivre la chaîne !
overlay-subscribe = { $name } vient de s’abonner au niveau { $tier } !
overlay-donation = { $name } a fait un don de { $amount } !
overlay-raid = { $count ->
    [one] { $name } lance un raid avec { $count } spectateur !
   *[other] { $name } lance un raid avec { $count } spectateurs !
}
overlay-token-missing = Ajoutez #token=<votre jeton AeThex> à l’adresse de cette page (le fragment n’est jamais envoyé au serveur).

# Les recettes, dans le tableau de bord du créateur.
dashboard-revenue = Dons des 30 derniers jours
dashboard-revenue-none = Aucun don ces 30 derniers jours.
dashboard-revenue-count = { $count ->
    [one] { $count } don
   *[other] { $count } dons
}
dashboard-revenue-total = Total : environ { $amount }
dashboard-revenue-unconverted = Hors total (pas de taux de change) : { $currencies }
dashboard-revenue-rates = Converti avec les taux de référence de la Banque centrale européenne (date : { $date }).
dashboard-revenue-no-rates = Aucun taux de change n’est chargé sur ce serveur, chaque devise est donc affichée séparément.
dashboard-display-currency = Afficher le total en

# Le résumé du stream du créateur (/dashboard/analytics).
analytics-title = Résumé du stream
analytics-link = Résumé du stream
analytics-none = Aucun stream pour l’instant. Les chiffres de votre première diffusion s’afficheront ici quelques secondes après sa fin.
analytics-live-note = En direct : ces chiffres sont provisoires et deviennent définitifs quelques secondes après la fin du stream.
analytics-final = Définitif
analytics-started = Commencé le { $date }
analytics-length = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
analytics-average = Spectateurs en moyenne
analytics-peak = Pic de spectateurs
analytics-unique = Spectateurs uniques
analytics-watched = Minutes regardées
analytics-chatters = Participants au chat
analytics-messages = Messages dans le chat
analytics-followers = Nouveaux followers
analytics-subscriptions = Abonnements
analytics-engagement = Engagement (sur 100)
analytics-viewers-chart = Spectateurs par minute
analytics-chat-chart = Messages dans le chat par minute
analytics-minute-viewers = Minute { $minute } : { $count ->
    [one] { $count } spectateur
   *[other] { $count } spectateurs
}
analytics-minute-messages = Minute { $minute } : { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
analytics-top-moments = Moments les plus animés du chat
analytics-retention = Rétention de l’audience
analytics-retention-row = Après { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
} : { $percent }
analytics-funnel = Du spectateur à l’abonné
analytics-funnel-viewers = Spectateurs
analytics-funnel-chatters = Ont participé au chat
analytics-funnel-followers = Ont suivi la chaîne
analytics-funnel-subscribers = Se sont abonnés
analytics-donations = Dons
analytics-no-donations = Aucun don pendant ce stream.
analytics-raids = { $count ->
    [one] { $count } raid a amené { $viewers } spectateurs
   *[other] { $count } raids ont amené { $viewers } spectateurs
}
analytics-clips = { $count ->
    [one] { $count } clip
   *[other] { $count } clips
}
analytics-sources = Sources de trafic
analytics-devices = Appareils
analytics-countries = Pays
analytics-hidden = { $count ->
    [one] { $count } spectateur dans des groupes de moins de 5, non affiché
   *[other] { $count } spectateurs dans des groupes de moins de 5, non affichés
}
analytics-empty-breakdown = Aucun groupe n’atteint encore 5 spectateurs.
analytics-privacy = Comptage sans cookies ; les spectateurs qui demandent à ne pas être pistés (Do Not Track, Global Privacy Control) ne sont pas comptés.
source-following = Suivis
source-directory = Parcourir
source-search = Recherche
source-recommendations = Recommandations
source-raid = Raids
source-push = Notifications
source-discord = Discord
source-embed = Lecteur intégré
source-external = Autres sites
source-direct = Accès direct
device-phone = Téléphone
device-tablet = Tablette
device-desktop = Ordinateur
device-tv = Téléviseur
device-app = Application ou lecteur
country-unknown = Inconnu
analytics-percent = { $value } %
platform-title = Statistiques de la plateforme
platform-link = Statistiques de la plateforme
platform-date = Jusqu’au { $date } (UTC)
platform-dau = Actifs aujourd’hui
platform-wau = Actifs cette semaine
platform-mau = Actifs sur 30 jours
platform-stickiness = Taux de fidélité (aujourd’hui ÷ 30 jours)
platform-new = Nouveaux spectateurs sur 30 jours
platform-churn = Attrition (actifs les 30 jours d’avant, plus depuis)
platform-dau-chart = Spectateurs actifs par jour, 30 jours
platform-day-viewers = { $date } : { $count ->
    [one] { $count } spectateur
   *[other] { $count } spectateurs
}
platform-cohorts = Cohortes de rétention hebdomadaires
platform-cohort-week = Première visite, semaine du
platform-cohort-size = Spectateurs
platform-cohort-after = Semaine { $week }
platform-revenue = Recettes (dons)
platform-currency = Devise
platform-revenue-day = Aujourd’hui
platform-revenue-week = 7 jours
platform-revenue-month = 30 jours
platform-arpu = Par spectateur actif
platform-no-revenue = Aucun don sur 30 jours.
platform-by-region = Recettes par région, 30 jours
platform-by-tier = Recettes par taille de créateur, 30 jours
tier-small = Petit (moins de 100 followers)
tier-growing = En croissance (moins de 1 000)
tier-established = Établi (moins de 10 000)
tier-top = Top (10 000 ou plus)
platform-creators = Créateurs
platform-creators-active = Ont streamé sur 30 jours
platform-creators-new = Premier stream sur 30 jours
platform-creators-live = En direct maintenant
platform-categories = Catégories par minutes regardées, 30 jours
platform-no-category = Sans catégorie
platform-category-row = { $category } : { $minutes } minutes regardées, { $growth }
platform-growth-new = nouveau
platform-no-categories = Aucun stream terminé sur 30 jours.
platform-countries = Spectateurs par pays, 30 jours
platform-live = En direct, croissance la plus forte d’abord
platform-live-row = { $viewers } en ce moment, { $recent } sur les 10 dernières minutes ({ $growth })
platform-no-live = Personne n’est en direct.
platform-health = État du système
platform-uptime = En service depuis { $duration }
platform-requests = Requêtes
platform-errors = Erreurs serveur
platform-latency = Latence p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Route
platform-live-streams = Streams reçus
platform-chat-rate = Messages du chat dans la dernière minute
platform-webhook-backlog = Envois en attente
platform-dropped = Lignes de statistiques abandonnées
platform-recs = Recommandations, 7 jours
platform-recs-model = Modèle { $version }, entraîné le { $date } sur { $viewers } spectateurs et { $channels } chaînes en { $ms } ms
platform-recs-no-model = Aucun modèle entraîné pour l’instant.
platform-recs-none = Aucune recommandation affichée pour l’instant.
platform-recs-variant = Variante
platform-recs-impressions = Affichées
platform-recs-clicks = Cliquées
platform-recs-ctr = Taux de clics
platform-recs-watch = Minutes regardées par clic
platform-privacy = Les spectateurs sont comptés par pseudonyme (un compte connecté ou un navigateur) ; les pays de moins de 5 spectateurs ne sont pas affichés.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Statistiques de la chaîne
channel-analytics-link = Statistiques de la chaîne
channel-analytics-from = Du
channel-analytics-to = Au
channel-analytics-show = Afficher
channel-analytics-range = Du { $from } au { $to }
channel-analytics-last-days = { $count ->
    [one] Aujourd’hui
   *[other] { $count } derniers jours
}
channel-analytics-growth = { $percent } par rapport à la période précédente
channel-analytics-live-minutes = Minutes en direct
channel-analytics-unique-chart = Spectateurs uniques par jour
channel-analytics-watched-chart = Minutes regardées par jour
channel-analytics-chat-chart = Messages dans le chat par jour
channel-analytics-day-value = { $date } : { $value }
channel-analytics-days = Jour par jour
channel-analytics-day = Jour
channel-analytics-no-donations = Aucun don sur ces jours.
channel-analytics-bad-date = Les dates sont des jours écrits sous la forme 2026-11-30. Affichage des 28 derniers jours à la place.
channel-analytics-future = La période ne peut pas se terminer après aujourd’hui. Affichage des 28 derniers jours à la place.
channel-analytics-bad-range = Le début doit tomber le même jour que la fin ou avant, avec au plus { $days } jours d’écart. Affichage des 28 derniers jours à la place.

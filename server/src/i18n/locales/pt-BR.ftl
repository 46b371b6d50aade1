# Mensagens do app web em português do Brasil (pt-BR). Todo texto que uma página mostra vem daqui.
# Os termos seguem as grandes plataformas de streaming (Twitch em português): seguir, inscrever-se, raid, clipe, chat.
# Tratamento informal (você), como na Twitch.

site-name = AeThex LIVE
site-description = Assista a transmissões ao vivo, converse no chat com comunidades e siga os criadores de que você gosta.
skip-to-content = Pular para o conteúdo
nav-account = Conta
nav-log-in = Entrar
nav-log-out = Sair
footer-api = Referência da API
footer-activate = Conectar um dispositivo
footer-licences = Licenças
back-home = Voltar à página inicial

live = AO VIVO
untitled = Transmissão sem título
viewers = { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}

home-title = Ao vivo
home-live-now = Ao vivo agora
home-nobody-live = Ninguém está ao vivo agora. Volte daqui a pouco.
home-categories = Categorias
home-recommended = Recomendados para você

channel-description = { $name } transmite na AeThex LIVE.
channel-offline = { $name } está offline.
channel-last-broadcast = Última transmissão:

player-label = Vídeo ao vivo de { $name }
player-offline = A transmissão terminou.
player-error = Não foi possível reproduzir o vídeo. Recarregue a página para tentar de novo.
player-quality = Qualidade
player-auto = Automática

chat-title = Chat
chat-connecting = Conectando ao chat…
chat-reconnecting = Chat desconectado. Reconectando…
chat-deleted = (mensagem excluída por um moderador)
chat-cleared = O chat foi limpo por um moderador.
chat-log-in = Entre para usar o chat
chat-mod-delete = Excluir mensagem
chat-mod-timeout = Suspender por 10 minutos
chat-mod-ban = Banir do chat
chat-raiding = Este canal está fazendo uma raid em { $name }. Levando você até lá…
chat-raid-stay = Ficar aqui
chat-report = Denunciar mensagem
chat-reported = Denúncia enviada. Obrigado.
chat-report-failed = Não foi possível denunciar esta mensagem.
chat-held = O AutoMod reteve uma mensagem de { $name }:
chat-allow = Permitir
chat-deny = Negar
chat-held-approved = Permitida.
chat-held-denied = Negada.
chat-held-expired = Expirada.
mod-link = Fila de moderação
mod-title = Moderação: { $name }
mod-held = Mensagens retidas pelo AutoMod
mod-held-none = Nenhuma mensagem aguardando revisão.
mod-reports = Mensagens denunciadas
mod-reports-none = Nenhuma denúncia para revisar.
mod-reports-count = { $count ->
    [one] { $count } denúncia
   *[other] { $count } denúncias
}
mod-hidden = oculta até a revisão
mod-remove = Remover
mod-dismiss = Descartar denúncias
mod-settings = AutoMod e denúncias
mod-level = Nível do AutoMod (0 desativa, 4 é o mais rigoroso)
mod-threshold = Denúncias que ocultam uma mensagem até um moderador revisá-la (0: nunca)
mod-save = Salvar
mod-saved = Salvo.
mod-bad-settings = Escolha um nível de 0 a 4 e um número de denúncias de 0 a 100.
mod-already-resolved = Outro moderador já resolveu essa mensagem, ou ela expirou.
mod-not-moderator = Só os moderadores deste canal podem ver a fila de moderação dele.

not-found-title = Página não encontrada
not-found-page = Não há nada neste endereço.
not-found-channel = Não existe nenhum canal com este nome.
error-internal-title = Algo deu errado
error-internal = Algo deu errado do nosso lado. O erro foi registrado; tente de novo.

nav-sign-up = Cadastrar-se
form-cross-site = Este formulário foi enviado de outro site, por isso foi recusado.
form-expired = O formulário expirou ou não veio deste site. Tente de novo.
signup-title = Crie sua conta
signup-closed = Os cadastros estão fechados neste servidor. Peça uma conta a quem o administra.
signup-login = Nome de usuário
signup-login-hint = De 3 a 25 caracteres: letras minúsculas, números e _. Também é o endereço do seu canal.
signup-login-rules = Os nomes de usuário têm de 3 a 25 caracteres: letras minúsculas, números e _.
signup-login-reserved = Este nome está reservado. Escolha outro.
signup-login-taken = Este nome de usuário já está em uso. Escolha outro.
signup-password = Senha
signup-password-hint = Pelo menos 8 caracteres.
signup-password-again = Repita a senha
signup-password-length = As senhas têm de 8 a 256 caracteres.
signup-password-is-login = Sua senha não pode ser igual ao seu nome de usuário.
signup-password-mismatch = As duas senhas não coincidem.
signup-invite = Código de convite
signup-invite-missing = Este servidor só aceita cadastros por convite: digite seu código de convite.
signup-invite-invalid = Este código de convite é desconhecido, expirou ou já foi usado.
signup-submit = Cadastrar-se
signup-pow-working = Verificando este navegador… (só um instante)
signup-pow-failed = O navegador não passou na verificação. Envie o formulário de novo.
signup-too-many = Muitas contas foram criadas daqui recentemente. Tente de novo mais tarde.
signup-needs-script = Este formulário precisa de JavaScript: ele verifica o navegador no lugar de um CAPTCHA.
signup-have-account = Já tem uma conta?
error-title = Algo está errado
follow = Seguir
unfollow = Deixar de seguir
following = Seguindo
follow-own-channel = Você não pode seguir seu próprio canal.
home-following = Seguindo
home-following-offline = Offline
chat-placeholder = Enviar uma mensagem
chat-send = Chat
chat-label = Mensagem do chat
offline-title = Você está offline
offline-text = A AeThex LIVE precisa de conexão para reproduzir transmissões e usar o chat. Os canais que você segue estão abaixo; eles abrem assim que você voltar a ficar online.
offline-no-follows = Você ainda não segue nenhum canal neste dispositivo.
app-description = Transmissões ao vivo, chat e os criadores que você segue.
push-live-title = { $name } está ao vivo
notify-on = Notificações ativadas
notify-off = Avise-me
notify-denied = As notificações deste site estão bloqueadas nas configurações do seu navegador.
notify-unavailable = Este navegador não pode receber notificações push. No iPhone e no iPad, adicione primeiro a AeThex LIVE à Tela de Início.
player-play = Reproduzir a transmissão
clip-live = Criar clipe dos últimos 30 s
clip-from-here = Criar clipe a partir daqui
clip-length = Duração do clipe
clip-length-rule = Um clipe tem de 5 a 60 segundos.
clip-of = Um clipe de { $name }
clip-seconds = { $seconds } segundos
clip-download = Baixar
clip-not-live = Este canal não está ao vivo, então não há o que clipar.
clip-not-recorded = Este servidor não grava as transmissões, então não é possível criar clipes delas.
clip-too-early = Ainda não há nada gravado. Tente de novo em alguns segundos.
not-found-clip = Não há nenhum clipe neste endereço.
not-found-video = Não há nenhuma transmissão gravada neste endereço.
channel-videos = Transmissões anteriores
channel-clips = Clipes
channel-similar = Canais parecidos ao vivo agora
video-ended = Fim da transmissão.
dashboard-title = Painel do criador
dashboard-offline = Offline
dashboard-view-channel = Ver seu canal
dashboard-saved = Salvo.
dashboard-key-reset = Sua chave de transmissão foi redefinida. Coloque a nova no OBS.
dashboard-stream-info = Informações da transmissão
dashboard-field-title = Título
dashboard-field-category = Categoria
dashboard-field-tags = Tags
dashboard-tags-hint = Separe as tags com vírgulas.
dashboard-field-language = Idioma (ISO 639-1, como pt)
dashboard-save = Salvar
dashboard-stream-key = Chave de transmissão
dashboard-show-key = Mostrar chave de transmissão
dashboard-key-warning = Qualquer pessoa com esta chave pode transmitir no seu canal. Nunca a mostre ao vivo.
dashboard-reset-key = Redefinir chave de transmissão
dashboard-go-live = Entre ao vivo pelo OBS
dashboard-obs-custom = Com qualquer OBS (serviço Personalizado)
dashboard-obs-step-1 = No OBS, abra Configurações, depois Transmissão, e escolha o serviço “Personalizado…”.
dashboard-obs-step-2 = Servidor:
dashboard-obs-step-3 = Chave de transmissão: a chave acima.
dashboard-obs-step-4 = Clique em Iniciar transmissão.
dashboard-obs-plugin = Com o plugin AeThex para OBS
dashboard-obs-plugin-text = Instale o plugin, escolha Ferramentas, AeThex LIVE, Entrar, e aprove o código que ele mostra em
dashboard-recent-followers = Seguidores recentes
dashboard-no-followers = Ainda não há seguidores.
dashboard-alerts = Alertas recentes
dashboard-no-alerts = Ainda não há alertas. Novos seguidores, inscrições, doações e raids aparecem aqui.
alert-follow = { $name } seguiu você
alert-subscription = { $name } se inscreveu no Nível { $tier }
alert-donation = { $name } doou { $amount }
alert-raid = { $count ->
    [one] { $name } fez uma raid em você com { $count } espectador
   *[other] { $name } fez uma raid em você com { $count } espectadores
}
dashboard-moderators = Moderadores
dashboard-moderators-hint = Os moderadores podem excluir mensagens, suspender e banir pessoas no seu chat.
dashboard-no-moderators = Ainda não há moderadores.
dashboard-mod-login = Nome de usuário
dashboard-mod-add = Adicionar moderador
dashboard-mod-remove = Remover { $name }
dashboard-no-such-user = Não existe nenhum usuário com esse nome.
dashboard-mod-self = Você sempre modera seu próprio chat.
dashboard-blocked-terms = Termos bloqueados
dashboard-blocked-hint = Mensagens que contêm um termo bloqueado, em maiúsculas ou minúsculas, não aparecem no seu chat (exceto as dos moderadores).
dashboard-no-blocked = Nenhum termo bloqueado.
dashboard-term = Termo
dashboard-term-add = Bloquear termo
dashboard-term-remove = Desbloquear { $name }
dashboard-webhooks = Webhooks
dashboard-webhooks-hint = Os eventos do seu canal, enviados ao seu próprio servidor como notificações EventSub assinadas com o seu segredo (o cabeçalho Twitch-Eventsub-Message-Signature). Um webhook novo precisa primeiro responder ao desafio que enviamos a ele.
dashboard-no-webhooks = Ainda não há webhooks.
dashboard-webhook-type = Evento
dashboard-webhook-callback = URL de callback (pública, HTTPS)
dashboard-webhook-secret = Segredo (de 10 a 100 letras, números ou símbolos, sem espaços)
dashboard-webhook-add = Adicionar webhook
dashboard-webhook-delete = Excluir o webhook { $name }
dashboard-webhook-added = Webhook adicionado. Ele começa a funcionar assim que o callback responder ao desafio.
dashboard-webhook-deleted = Webhook excluído.
dashboard-raid = Fazer raid em um canal
dashboard-raid-hint = Envie seus espectadores para outro canal: eles serão levados até lá, e o chat desse canal anunciará a sua raid.
dashboard-raid-to = Canal que vai receber a raid
dashboard-raid-start = Iniciar raid
dashboard-raided = Raid enviada. Seus espectadores estão a caminho.
embed-watch-on = Assista a { $name } na AeThex LIVE
nav-dashboard = Painel
nav-main = Principal
nav-browse = Navegar
nav-search = Buscar
search-title = Buscar
search-label = Buscar canais
search-submit = Buscar
search-none = Nenhum canal corresponde a “{ $query }”.
directory-title = Navegar
directory-all = Todas as categorias
settings-title = Configurações
settings-profile = Perfil
settings-display-name = Nome de exibição
settings-name-hint = Seu nome de usuário, com as letras maiúsculas que você preferir.
settings-name-rule = O nome de exibição deve ter as mesmas letras do seu nome de usuário, em maiúsculas ou minúsculas.
settings-about = Sobre o seu canal
settings-about-rule = O texto “Sobre” tem no máximo 300 caracteres, sem caracteres de controle.
settings-notifications = Notificações de transmissões ao vivo
settings-no-notifications = Você não recebe notificações quando um canal entra ao vivo. Ative-as com “Avise-me” em um canal que você segue.
settings-notify-off = Desativar
settings-privacy = Privacidade
settings-personalised = Recomendações personalizadas
settings-personalised-hint = Recomenda canais com base no que você assiste. Se você desativar, seu histórico de exibição sairá do sistema de recomendações no próximo treinamento, e você verá os canais populares no seu idioma.
nav-settings = Configurações
subscribe = Inscrever-se
resubscribe = Renovar inscrição
subscribe-tier = Nível da inscrição
tier-1 = Nível 1
tier-2 = Nível 2
tier-3 = Nível 3
subscribed-until = Inscrição ativa até { $date }. Obrigado!
donate = Doar
donate-amount = Valor
donate-currency = Moeda
donate-message = Mensagem (exibida na transmissão)
donate-send = Enviar doação
donate-thanks = Obrigado! Sua doação foi enviada.
donate-amount-rule = Digite um valor como 5 ou 4,99.
donate-currency-rule = Escolha uma moeda da lista.

# Seletor de idioma, tempos, durações, valores (números e datas são formatados pelo código, conforme o idioma).
language = Idioma
language-change = Mudar idioma
language-unknown = Esse idioma não está disponível.
time-just-now = agora mesmo
time-minutes-ago = { $count ->
    [one] há { $count } minuto
   *[other] há { $count } minutos
}
time-hours-ago = { $count ->
    [one] há { $count } hora
   *[other] há { $count } horas
}
time-days-ago = { $count ->
    [one] há { $count } dia
   *[other] há { $count } dias
}
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
duration-seconds = { $seconds } s
money = { $amount } { $currency }
channel-started = Começou { $time }
broadcast-length = Duração: { $duration }
directory-language = Idioma da transmissão
directory-all-languages = Todos os idiomas
directory-filter = Mostrar

# Páginas de login, logout, ativação de dispositivo e consentimento OAuth.
auth-error-title = Algo está errado
auth-internal = Erro interno; ele foi registrado.
auth-cross-site = Este formulário foi enviado de outro site, por isso foi recusado.
auth-bad-form = Não foi possível ler este formulário; envie-o pela página dele.
login-title = Entrar no AeThex
login-field-login = Nome de usuário
login-field-password = Senha
login-submit = Entrar
login-expired = O formulário expirou ou não veio deste site; entre novamente.
login-throttled = { $count ->
    [one] Muitas tentativas sem sucesso. Tente de novo em { $count } segundo.
   *[other] Muitas tentativas sem sucesso. Tente de novo em { $count } segundos.
}
login-wrong = Nome de usuário ou senha incorretos.
logout-title = Você saiu
logout-done = Você saiu da sua conta.
logout-refused = Nenhuma sessão ativa, ou o formulário expirou.
signed-in-as = Você entrou como { $login }.
scopes-none = O app não pede nenhuma permissão extra.
scopes-intro = O app poderá:
scope-channel-read = Ver as configurações do seu canal
scope-channel-manage = Alterar seu canal: título, categoria, moderadores, raids
scope-stream-key = Ver e redefinir sua chave de transmissão
scope-chat-read = Ler o chat
scope-chat-edit = Enviar mensagens no chat em seu nome
scope-moderator-manage = Moderar os chats que você modera: excluir, suspender, banir, modos
scope-moderator-read-followers = Ver quem segue os canais que você modera
scope-user-read = Ver os detalhes da sua conta
scope-user-edit-follows = Seguir e deixar de seguir canais em seu nome
scope-user-edit-subscriptions = Inscrever-se em canais em seu nome
scope-channel-read-subscriptions = Ver seus inscritos
scope-donations-read = Ver as doações que você recebeu
scope-donations-write = Doar em seu nome
scope-webhooks-manage = Enviar os eventos do seu canal para outros servidores
scope-analytics-read = Ver as estatísticas do seu canal
device-title = Conectar um dispositivo
device-wants = { $app } quer usar sua conta.
device-unknown-code = Esse código é desconhecido ou expirou. Verifique seu dispositivo.
device-code-label = Código exibido no seu dispositivo
device-allow = Permitir
device-deny = Negar
device-expired = O formulário expirou; recarregue a página e tente de novo.
device-connected-title = Dispositivo conectado
device-connected = Agora você pode voltar para o seu dispositivo.
device-denied-title = Solicitação negada
device-denied = O dispositivo não recebeu acesso.
device-code-used = Esse código é desconhecido, expirou ou já foi usado. Verifique seu dispositivo.
oauth-bad-redirect-url = O URI de redirecionamento do app não é uma URL.
oauth-unknown-client = client_id desconhecido: este app não está registrado.
oauth-redirect-mismatch = O redirect_uri não corresponde exatamente a nenhum dos registrados para este app.
consent-title = Autorizar app
consent-wants = { $app } quer usar sua conta do AeThex.
consent-approve = Autorizar
consent-cancel = Cancelar
consent-redirect = Depois, vamos levar você para { $url }.
consent-log-in-first = Entre primeiro.
consent-expired = O formulário expirou; comece de novo pelo app.

# Páginas de overlay para fontes de navegador do OBS (alertas na transmissão).
overlay-follow = { $name } acabou de seguir o canal!
overlay-subscribe = { $name } se inscreveu no Nível { $tier }!
overlay-donation = { $name } doou { $amount }!
overlay-raid = { $count ->
    [one] { $name } está fazendo uma raid com { $count } espectador!
   *[other] { $name } está fazendo uma raid com { $count } espectadores!
}
overlay-token-missing = Adicione #token=<seu token do AeThex> ao endereço desta página (o fragmento nunca chega ao servidor).

# Ganhos no painel do criador.
dashboard-revenue = Doações nos últimos 30 dias
dashboard-revenue-none = Nenhuma doação nos últimos 30 dias.
dashboard-revenue-count = { $count ->
    [one] { $count } doação
   *[other] { $count } doações
}
dashboard-revenue-total = Total: cerca de { $amount }
dashboard-revenue-unconverted = Fora do total (sem taxa de câmbio): { $currencies }
dashboard-revenue-rates = Convertido com as taxas de referência do Banco Central Europeu (data: { $date }).
dashboard-revenue-no-rates = Não há taxas de câmbio carregadas neste servidor, então cada moeda é mostrada separadamente.
dashboard-display-currency = Mostrar o total em

# O resumo da transmissão do criador (/dashboard/analytics).
analytics-title = Resumo da transmissão
analytics-link = Resumo da transmissão
analytics-none = Você ainda não fez nenhuma transmissão. Os números da sua primeira transmissão aparecem aqui alguns segundos depois que ela terminar.
analytics-live-note = Ao vivo: estes números são provisórios e ficam definitivos alguns segundos depois que a transmissão termina.
analytics-final = Definitivo
analytics-started = Começou em { $date }
analytics-length = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
analytics-average = Média de espectadores
analytics-peak = Pico de espectadores
analytics-unique = Espectadores únicos
analytics-watched = Minutos assistidos
analytics-chatters = Participantes do chat
analytics-messages = Mensagens no chat
analytics-followers = Novos seguidores
analytics-subscriptions = Inscrições
analytics-engagement = Engajamento (de 100)
analytics-viewers-chart = Espectadores por minuto
analytics-chat-chart = Mensagens no chat por minuto
analytics-minute-viewers = Minuto { $minute }: { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}
analytics-minute-messages = Minuto { $minute }: { $count ->
    [one] { $count } mensagem
   *[other] { $count } mensagens
}
analytics-top-moments = Momentos mais agitados do chat
analytics-retention = Retenção do público
analytics-retention-row = Após { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}: { $percent }
analytics-funnel = De espectador a inscrito
analytics-funnel-viewers = Espectadores
analytics-funnel-chatters = Participaram do chat
analytics-funnel-followers = Seguiram
analytics-funnel-subscribers = Se inscreveram
analytics-donations = Doações
analytics-no-donations = Nenhuma doação durante esta transmissão.
analytics-raids = { $count ->
    [one] { $count } raid trouxe { $viewers } espectadores
   *[other] { $count } raids trouxeram { $viewers } espectadores
}
analytics-clips = { $count ->
    [one] { $count } clipe
   *[other] { $count } clipes
}
analytics-sources = Origens de tráfego
analytics-devices = Dispositivos
analytics-countries = Países
analytics-hidden = { $count ->
    [one] { $count } espectador em grupos com menos de 5, que não são exibidos
   *[other] { $count } espectadores em grupos com menos de 5, que não são exibidos
}
analytics-empty-breakdown = Nenhum grupo chegou a 5 espectadores ainda.
analytics-privacy = Contagem sem cookies; espectadores que pedem para não ser rastreados (Do Not Track, Global Privacy Control) não são contados.
source-following = Seguindo
source-directory = Navegar
source-search = Busca
source-recommendations = Recomendações
source-raid = Raids
source-push = Notificações
source-discord = Discord
source-embed = Player incorporado
source-external = Outros sites
source-direct = Acesso direto
device-phone = Celular
device-tablet = Tablet
device-desktop = Computador
device-tv = TV
device-app = App ou player
country-unknown = Desconhecido
analytics-percent = { $value }%
platform-title = Análises da plataforma
platform-link = Análises da plataforma
platform-date = Até { $date } (UTC)
platform-dau = Ativos hoje
platform-wau = Ativos nesta semana
platform-mau = Ativos em 30 dias
platform-stickiness = Fidelidade (hoje ÷ 30 dias)
platform-new = Novos espectadores em 30 dias
platform-churn = Churn (ativos nos 30 dias anteriores, mas não desde então)
platform-dau-chart = Espectadores ativos por dia, 30 dias
platform-day-viewers = { $date }: { $count ->
    [one] { $count } espectador
   *[other] { $count } espectadores
}
platform-cohorts = Coortes de retenção semanais
platform-cohort-week = Primeira visita, semana de
platform-cohort-size = Espectadores
platform-cohort-after = Semana { $week }
platform-revenue = Receita (doações)
platform-currency = Moeda
platform-revenue-day = Hoje
platform-revenue-week = 7 dias
platform-revenue-month = 30 dias
platform-arpu = Por espectador ativo
platform-no-revenue = Nenhuma doação em 30 dias.
platform-by-region = Receita por região, 30 dias
platform-by-tier = Receita por porte do criador, 30 dias
tier-small = Pequeno (menos de 100 seguidores)
tier-growing = Em crescimento (menos de 1.000)
tier-established = Consolidado (menos de 10.000)
tier-top = Top (10.000 ou mais)
platform-creators = Criadores
platform-creators-active = Transmitiram em 30 dias
platform-creators-new = Primeira transmissão em 30 dias
platform-creators-live = Ao vivo agora
platform-categories = Categorias por minutos assistidos, 30 dias
platform-no-category = Sem categoria
platform-category-row = { $category }: { $minutes } minutos assistidos, { $growth }
platform-growth-new = novo
platform-no-categories = Nenhuma transmissão terminou em 30 dias.
platform-countries = Espectadores por país, 30 dias
platform-live = Ao vivo agora, maior crescimento primeiro
platform-live-row = { $viewers } assistindo, { $recent } nos últimos 10 minutos ({ $growth })
platform-no-live = Ninguém está ao vivo.
platform-health = Saúde do sistema
platform-uptime = No ar há { $duration }
platform-requests = Requisições
platform-errors = Erros do servidor
platform-latency = Latência p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = Rota
platform-live-streams = Transmissões recebidas
platform-chat-rate = Mensagens no chat no último minuto
platform-webhook-backlog = Entregas pendentes
platform-dropped = Linhas de análise descartadas
platform-recs = Recomendações, 7 dias
platform-recs-model = Modelo { $version }, treinado em { $date } com { $viewers } espectadores e { $channels } canais em { $ms } ms
platform-recs-no-model = Nenhum modelo treinado ainda.
platform-recs-none = Nenhuma recomendação exibida ainda.
platform-recs-variant = Variante
platform-recs-impressions = Exibidas
platform-recs-clicks = Cliques
platform-recs-ctr = Taxa de cliques
platform-recs-watch = Minutos assistidos por clique
platform-privacy = Os espectadores são contados por pseudônimo (uma conta conectada ou um navegador); países com menos de 5 espectadores não são exibidos.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = Análises do canal
channel-analytics-link = Análises do canal
channel-analytics-from = De
channel-analytics-to = Até
channel-analytics-show = Mostrar
channel-analytics-range = De { $from } a { $to }
channel-analytics-last-days = { $count ->
    [one] Hoje
   *[other] Últimos { $count } dias
}
channel-analytics-growth = { $percent } em relação ao período anterior
channel-analytics-live-minutes = Minutos ao vivo
channel-analytics-unique-chart = Espectadores únicos por dia
channel-analytics-watched-chart = Minutos assistidos por dia
channel-analytics-chat-chart = Mensagens no chat por dia
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = Dia a dia
channel-analytics-day = Dia
channel-analytics-no-donations = Nenhuma doação nestes dias.
channel-analytics-bad-date = As datas são dias escritos como 2026-11-30. Em vez disso, mostramos os últimos 28 dias.
channel-analytics-future = O período não pode terminar depois de hoje. Em vez disso, mostramos os últimos 28 dias.
channel-analytics-bad-range = O início deve ser no mesmo dia do fim ou antes, com no máximo { $days } dias de diferença. Em vez disso, mostramos os últimos 28 dias.

# Os comandos de barra e as respostas do bot do Discord em português do Brasil.
# O Discord os mostra no idioma do cliente do membro (localização de nomes e
# descrições, e o idioma da interação para as respostas). O Markdown
# (**negrito**, `código`) e as menções do Discord (<#canal>, <@&cargo>) ficam como estão.
# Tratamento informal (você), como no catálogo web. “Cargo” é o termo do Discord para role.

# Nomes dos comandos de barra (minúsculos, sem espaços: regra do Discord) e descrições.
cmd-notify-name = avisos
cmd-notify = Avisos quando um canal da AeThex entra ao vivo
cmd-notify-add = Anunciar um canal da AeThex aqui
cmd-notify-remove = Parar de anunciar
cmd-notify-list = Avisos neste servidor
cmd-stream-name = live
cmd-stream = A transmissão está ao vivo? Título, espectadores, tempo no ar
cmd-link-name = vincular
cmd-link = Vincular sua conta da AeThex (para cargos de inscrito)
cmd-roles-name = cargos
cmd-roles = Cargos de inscrito para membros vinculados
cmd-bridge-name = ponte
cmd-bridge = Espelhar uma sala de chat da AeThex e um canal do Discord
cmd-bridge-set = Criar uma ponte com um canal
cmd-bridge-off = Remover a ponte deste servidor
opt-login = Nome de usuário do canal da AeThex
opt-where = Onde anunciar
opt-role = Cargo a mencionar
opt-announcement-channel = O canal de avisos
opt-discord-channel = O canal do Discord
opt-subscriber = Todos os inscritos
opt-tier = Cargo extra de Nível { $tier }
opt-language = Idioma dos avisos (padrão: o idioma deste servidor)

# Respostas
unknown-command = Não conheço /{ $name }.
pick-channel = Escolha um canal do Discord.
not-a-login = “{ $login }” não é um nome de canal da AeThex.
admins-only = Só quem tem a permissão “Gerenciar servidor” pode fazer isso, e dentro de um servidor.
went-wrong = Algo deu errado do meu lado; tente de novo.
no-such-channel = Não existe nenhum canal da AeThex “{ $login }”.
aethex-down = A AeThex não está respondendo agora ({ $error }).
aethex-down-retry = A AeThex não está respondendo agora ({ $error }); tente de novo.
notify-added = Vou anunciar o canal **{ $login }** em <#{ $channel }> quando ele entrar ao vivo.
notify-removed = Parei de anunciar o canal **{ $login }** em <#{ $channel }>.
notify-missing = O canal **{ $login }** não era anunciado em <#{ $channel }>.
notify-none = Nenhum aviso ainda: { $command }.
notify-pings = (menciona <@&{ $role }>)
notify-updated = Atualizei o aviso do canal **{ $login }** em <#{ $channel }>.
no-such-language = Não falo “{ $language }”; escolha um da lista.

# Avisos de transmissão ao vivo, no idioma escolhido com /notify add (senão, no
# idioma preferido do servidor), e o recado ao administrador quando um deles falha.
announce-live = **{ $name }** está ao vivo!
announce-was-live = **{ $name }** esteve ao vivo.
embed-untitled = { $name } está ao vivo
embed-streaming = { $name } está transmitindo ao vivo na AeThex LIVE.
embed-category = Categoria
embed-tags = Tags
embed-ended = A transmissão terminou depois de { $duration }.
embed-ran-for = Duração
role-deleted = Um cargo de inscrito que eu gerencio (ID { $role }) foi excluído do servidor; escolha os cargos de novo com { $command }.
role-problem = Não consegui dar nem tirar o cargo de inscrito <@&{ $role }>. Preciso da permissão “Gerenciar cargos”, e o meu próprio cargo precisa estar acima dele em “Configurações do servidor → Cargos”.
announce-no-permission = Não consegui publicar o aviso de transmissão ao vivo do canal **{ $login }** em <#{ $channel }>: o Discord diz que me falta uma permissão lá. Me dê “Ver canal”, “Enviar mensagens” e “Inserir links” nesse canal (e “Mencionar @everyone, @here e todos os cargos” se o aviso mencionar um cargo).
bridge-set = <#{ $channel }> e o chat de **{ $login }** agora espelham um ao outro.
bridge-off = A ponte de chat está desativada.
bridge-none = Não havia nenhuma ponte.
roles-off = Os cargos de inscrito estão desativados.
roles-set = Os inscritos vinculados de **{ $login }** agora recebem seus cargos.
link-down = A AeThex não está respondendo agora; tente { $command } de novo daqui a um minuto.
link-open = { $minutes ->
    [one] Para vincular sua conta da AeThex, abra { $url } e digite o código **{ $code }** (válido por { $minutes } minuto).
   *[other] Para vincular sua conta da AeThex, abra { $url } e digite o código **{ $code }** (válido por { $minutes } minutos).
}
link-done = Vinculado à conta da AeThex **{ $login }**.
link-failed-here = A vinculação falhou do meu lado; tente { $command } de novo.
link-declined = Você recusou a vinculação; nada mudou.
link-expired = O código expirou; use { $command } de novo.
link-failed = A vinculação falhou: { $error }
status-live = { $viewers ->
    [one] 🔴 **{ $name }** está ao vivo: { $title } — { $viewers } espectador, no ar há { $uptime } ({ $category })
   *[other] 🔴 **{ $name }** está ao vivo: { $title } — { $viewers } espectadores, no ar há { $uptime } ({ $category })
}
status-offline = ⚫ **{ $name }** está offline. Último título: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = Publicar aqui também o resumo de cada transmissão quando ela terminar (só o seu canal)
notify-summary-on = Depois de cada transmissão, também vou publicar o resumo dela aqui.
notify-summary-owner = Só posso publicar os resumos do canal **{ $owner }**, a conta da AeThex em que este bot roda: o resumo de uma transmissão faz parte das estatísticas do próprio criador.
notify-list-summary = (com resumo)
summary-content = Resumo da transmissão de **{ $name }**
summary-title = Resumo da transmissão: { $title }
summary-description = { $name } transmitiu ao vivo por { $duration }.
summary-average = Média de espectadores
summary-peak = Pico de espectadores
summary-unique = Espectadores únicos
summary-chatters = Participantes do chat
summary-messages = Mensagens no chat
summary-followers = Novos seguidores
summary-busiest = Momento mais agitado do chat
summary-moment = { $messages ->
    [one] Em { $at }: { $messages } mensagem em um minuto
   *[other] Em { $at }: { $messages } mensagens em um minuto
}
summary-no-access = Não consegui publicar o resumo da transmissão do canal **{ $login }**: o token da AeThex do bot não consegue ler as estatísticas desse canal. Conecte o bot de novo com a permissão `analytics:read`.

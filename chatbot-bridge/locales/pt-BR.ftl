# As respostas embutidas do bot de chat em português do Brasil. $(user) é a variável
# do próprio bot (o nome de quem escreve no chat), mantida igual em todos os idiomas.

# Pontos
points-balance = { $user } tem { $points } { $name } e já assistiu por { $watched }.
points-gave = @{ $who } deu { $amount } { $name } para { $to }.
points-too-few = @{ $who } -> você não tem { $amount } { $name }.
points-give-usage = @{ $who } -> uso: !give <usuário> <quantidade> (um número positivo, para outra pessoa)
points-nobody = Ninguém tem { $name } ainda.
points-top = Top { $name }: { $list }
# O nome dos pontos quando a configuração não define nenhum, na forma para { $count }.
points-unit = { $count ->
    [one] ponto
   *[other] pontos
}

# Intervalos de tempo (“2 dias 3 horas”), separados por espaços
span-days = { $count ->
    [one] { $count } dia
   *[other] { $count } dias
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

# Sorteios
giveaway-started-keyword = Começou um sorteio! Digite { $keyword } ou !giveaway enter para participar.
giveaway-started = Começou um sorteio! Digite !giveaway enter para participar.
giveaway-winner = Quem ganhou foi @{ $winner } (participantes: { $count })! Parabéns!
giveaway-nobody = Ninguém entrou no sorteio.
giveaway-entered = @{ $who } -> você está participando!
giveaway-already = @{ $who } -> você já está participando.
giveaway-closed = @{ $who } -> não tem nenhum sorteio rolando agora.
giveaway-full = @{ $who } -> o sorteio está lotado.
giveaway-usage-mod = @{ $who } -> uso: !giveaway start [palavra-chave] | enter | draw
giveaway-usage = @{ $who } -> uso: !giveaway enter

# Citações
quote-added = Citação #{ $number } adicionada.
quote-deleted = Citação #{ $number } excluída.
quote-missing = Não existe a citação #{ $number }.
quote-mods-only = @{ $who } -> só moderadores podem alterar as citações.
quote-none = Ainda não há citações; os moderadores as adicionam com !quote add <texto>.
quote-usage = @{ $who } -> uso: !quote [número] | add <texto> | delete <número>
quote-add-usage = @{ $who } -> uso: !quote add <texto, até 300 caracteres>
quote-delete-usage = @{ $who } -> uso: !quote delete <número>

# Pedidos de música
songs-level = @{ $who } -> pedidos de música são só para { $level ->
    [subscriber] inscritos
    [regular] regulares
    [vip] VIPs
    [moderator] moderadores
    [owner] o criador
   *[other] { $level }
} ou acima.
songs-usage = @{ $who } -> uso: !sr <link do YouTube ou do SoundCloud, ou termos de busca>
songs-bad-youtube-id = @{ $who } -> esse link do YouTube não tem um ID de vídeo válido.
songs-no-youtube-video = @{ $who } -> esse link do YouTube não tem nenhum vídeo.
songs-not-soundcloud-track = @{ $who } -> esse link do SoundCloud não é de uma faixa.
songs-only-youtube-soundcloud = @{ $who } -> só dá para pedir links do YouTube e do SoundCloud.
songs-full = @{ $who } -> a fila está cheia (máximo: { $count }).
songs-yours-full = @{ $who } -> você já tem o máximo de músicas na fila ({ $count }).
songs-duplicate = @{ $who } -> essa música já está na fila.
songs-added = @{ $who } -> “{ $title }” foi adicionada à fila na posição #{ $position }.
songs-empty = A fila de músicas está vazia.
songs-list = { $count ->
    [one] { $count } música: { $list }
   *[other] { $count } músicas: { $list }
}
songs-now = Tocando agora: { $title } (pedido de { $user })
songs-nothing = Nada tocando no momento.
songs-skipped = Pulada. Tocando agora: { $title }
songs-skipped-empty = Pulada. A fila está vazia.
songs-removed = @{ $who } -> “{ $title }” foi removida da fila.
songs-none-yours = @{ $who } -> você não tem músicas esperando na fila.

# Moderação
permit = @{ $user } -> você pode postar um link nos próximos 60 segundos.
permit-usage = @{ $who } -> uso: !permit <usuário>
regular-added = @{ $who } -> { $user } agora está na lista de regulares.
regular-removed = @{ $who } -> { $user } não está mais na lista de regulares.
regulars-usage = @{ $who } -> uso: !regulars add|remove <usuário>

# !comandos
command-added = @{ $who } -> O comando “{ $name }” foi adicionado com sucesso.
command-edited = @{ $who } -> O comando “{ $name }” foi editado com sucesso.
command-deleted = @{ $who } -> O comando “{ $name }” foi excluído com sucesso.
command-refused = @{ $who } -> { $reason }

# Avisos dos filtros de spam (padrão; uma configuração pode definir os seus)
filter-links = $(user) -> peça antes de postar links.
filter-caps = $(user) -> pega leve no caps lock.
filter-symbols = $(user) -> símbolos demais.
filter-repetitions = $(user) -> por favor, não se repita.
filter-emotes = $(user) -> emotes demais.
filter-blacklist = $(user) -> essa frase não é permitida aqui.

# Gerenciamento de comandos personalizados (!commands add|edit|delete, !addcom, !editcom,
# !delcom). A sintaxe (add, edit, delete, -ul=, -cd=, -a=, os nomes dos níveis de
# usuário) é a mesma em todos os idiomas: mantenha como está.
manage-added = O comando “{ $name }” foi adicionado com sucesso.
manage-edited = O comando “{ $name }” foi editado com sucesso.
manage-deleted = O comando “{ $name }” foi excluído com sucesso.
manage-mods-only = só moderadores podem gerenciar comandos
manage-exists = { $name } já existe; use !commands edit
manage-missing = { $name } não existe
manage-alias-loop = { $chain } voltaria em loop para { $name }
manage-alias-depth = as cadeias de alias têm limite de { $max }
manage-not-a-name = “{ $name }” não é um nome de comando
manage-unknown-action = ação desconhecida “{ $action }”: use add, edit ou delete
manage-usage = uso: !commands add|edit|delete !name [-ul=nível] [-cd=segundos] [-a=!outro] resposta
manage-which = qual comando? Ex.: !commands add !discord Junte-se a nós em …
manage-unknown-level = nível de usuário desconhecido “{ $level }”: use owner, moderator, vip, regular, subscriber ou everyone
manage-cooldown-not-a-number = o tempo de espera “{ $value }” não é um número de segundos
manage-cooldown-range = o tempo de espera deve ser de { $min } a { $max } segundos
manage-unknown-flag = opção desconhecida “{ $flag }”: use -ul=, -cd= ou -a=
manage-too-long = a resposta passa de { $max } caracteres
manage-self-alias = { $name } não pode ser alias de si mesmo
manage-needs-response = { $name } precisa de uma resposta
manage-nothing-to-change = nada para mudar em { $name }
manage-delete-extra = delete aceita só o nome do comando

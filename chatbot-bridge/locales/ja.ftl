# チャットボットの組み込み返信（日本語）。$(user) はボット自身の変数（チャットに書き込んだ人の名前）で、
# どの言語でもそのまま残します。

# ポイント
points-balance = { $user }さんは{ $points } { $name }を持っています。視聴時間：{ $watched }
points-gave = @{ $who }さんが{ $to }さんに{ $amount } { $name }を贈りました。
points-too-few = @{ $who } -> { $amount } { $name }を持っていません。
points-give-usage = @{ $who } -> 使い方：!give <ユーザー> <数量>（自分以外の相手に、正の数で）
points-nobody = まだ誰も{ $name }を持っていません。
points-top = { $name }ランキング：{ $list }
# 設定でポイント名が指定されていないときの名前（{ $count } に応じた形）。
points-unit = { $count ->
   *[other] ポイント
}

# 時間（「2日 3時間」）。スペースで区切ります
span-days = { $count }日
span-hours = { $count }時間
span-minutes = { $count }分
span-seconds = { $count }秒

# 抽選
giveaway-started-keyword = 抽選が始まりました！{ $keyword } または !giveaway enter と入力して参加してください。
giveaway-started = 抽選が始まりました！!giveaway enter と入力して参加してください。
giveaway-winner = 当選者は@{ $winner }さんです（参加者{ $count }人）！おめでとうございます！
giveaway-nobody = 抽選の参加者はいませんでした。
giveaway-entered = @{ $who } -> 参加しました！
giveaway-already = @{ $who } -> すでに参加しています。
giveaway-closed = @{ $who } -> 現在、抽選は行われていません。
giveaway-full = @{ $who } -> 抽選は定員に達しました。
giveaway-usage-mod = @{ $who } -> 使い方：!giveaway start [キーワード] | enter | draw
giveaway-usage = @{ $who } -> 使い方：!giveaway enter

# 名言
quote-added = 名言 #{ $number } を追加しました。
quote-deleted = 名言 #{ $number } を削除しました。
quote-missing = 名言 #{ $number } はありません。
quote-mods-only = @{ $who } -> 名言を変更できるのはモデレーターだけです。
quote-none = まだ名言はありません。モデレーターが !quote add <テキスト> で追加できます。
quote-usage = @{ $who } -> 使い方：!quote [番号] | add <テキスト> | delete <番号>
quote-add-usage = @{ $who } -> 使い方：!quote add <テキスト（300文字まで）>
quote-delete-usage = @{ $who } -> 使い方：!quote delete <番号>

# 曲リクエスト
songs-level = @{ $who } -> 曲リクエストは{ $level ->
    [subscriber] サブスクライバー
    [regular] 常連
    [vip] VIP
    [moderator] モデレーター
    [owner] 配信者
   *[other] { $level }
}以上のみ利用できます。
songs-usage = @{ $who } -> 使い方：!sr <YouTube か SoundCloud のリンク、または検索ワード>
songs-bad-youtube-id = @{ $who } -> その YouTube リンクには有効な動画 ID がありません。
songs-no-youtube-video = @{ $who } -> その YouTube リンクには動画が含まれていません。
songs-not-soundcloud-track = @{ $who } -> その SoundCloud リンクはトラックではありません。
songs-only-youtube-soundcloud = @{ $who } -> リクエストできるのは YouTube と SoundCloud のリンクだけです。
songs-full = @{ $who } -> キューがいっぱいです（上限{ $count }曲）。
songs-yours-full = @{ $who } -> すでに上限の{ $count }曲をキューに入れています。
songs-duplicate = @{ $who } -> その曲はすでにキューに入っています。
songs-added = @{ $who } -> 「{ $title }」をキューの#{ $position }に追加しました。
songs-empty = 曲のキューは空です。
songs-list = { $count }曲：{ $list }
songs-now = 再生中：{ $title }（リクエスト：{ $user }さん）
songs-nothing = 何も再生されていません。
songs-skipped = スキップしました。再生中：{ $title }
songs-skipped-empty = スキップしました。キューは空です。
songs-removed = @{ $who } -> 「{ $title }」をキューから削除しました。
songs-none-yours = @{ $who } -> キューで待機中のあなたの曲はありません。

# モデレーション
permit = @{ $user } -> 今から60秒間、リンクを1つ投稿できます。
permit-usage = @{ $who } -> 使い方：!permit <ユーザー>
regular-added = @{ $who } -> { $user }さんを常連に追加しました。
regular-removed = @{ $who } -> { $user }さんを常連から外しました。
regulars-usage = @{ $who } -> 使い方：!regulars add|remove <ユーザー>

# !コマンド
command-added = @{ $who } -> コマンド「{ $name }」を追加しました。
command-edited = @{ $who } -> コマンド「{ $name }」を編集しました。
command-deleted = @{ $who } -> コマンド「{ $name }」を削除しました。
command-refused = @{ $who } -> { $reason }

# スパムフィルターの警告（デフォルト。設定で独自の文言にできます）
filter-links = $(user) -> リンクを貼る前に許可をもらってください。
filter-caps = $(user) -> 大文字は控えめにお願いします。
filter-symbols = $(user) -> 記号が多すぎます。
filter-repetitions = $(user) -> 同じ内容を繰り返さないでください。
filter-emotes = $(user) -> エモートが多すぎます。
filter-blacklist = $(user) -> その言葉はここでは禁止されています。

# カスタムコマンドの管理（!commands add|edit|delete、!addcom、!editcom、
# !delcom）。構文（add、edit、delete、-ul=、-cd=、-a=、ユーザーレベル名）は
# どの言語でも同じなので、そのまま残します。
manage-added = コマンド「{ $name }」を追加しました。
manage-edited = コマンド「{ $name }」を編集しました。
manage-deleted = コマンド「{ $name }」を削除しました。
manage-mods-only = コマンドを管理できるのはモデレーターだけです
manage-exists = { $name } はすでにあります。!commands edit を使ってください
manage-missing = { $name } はありません
manage-alias-loop = { $chain } は { $name } に戻ってループします
manage-alias-depth = エイリアスの連鎖は{ $max }段までです
manage-not-a-name = 「{ $name }」はコマンド名ではありません
manage-unknown-action = 不明な操作「{ $action }」：add、edit、delete のいずれかを使ってください
manage-usage = 使い方：!commands add|edit|delete !name [-ul=レベル] [-cd=秒数] [-a=!別のコマンド] 返信
manage-which = どのコマンドですか？ 例：!commands add !discord 参加はこちらから：…
manage-unknown-level = 不明なユーザーレベル「{ $level }」：owner、moderator、vip、regular、subscriber、everyone のいずれかを使ってください
manage-cooldown-not-a-number = クールダウン「{ $value }」は秒数ではありません
manage-cooldown-range = クールダウンは{ $min }～{ $max }秒にしてください
manage-unknown-flag = 不明なオプション「{ $flag }」：-ul=、-cd=、-a= のいずれかを使ってください
manage-too-long = 返信が{ $max }文字を超えています
manage-self-alias = { $name } を自分自身のエイリアスにはできません
manage-needs-response = { $name } には返信の内容が必要です
manage-nothing-to-change = { $name } に変更する内容がありません
manage-delete-extra = delete にはコマンド名だけを指定してください

# Discordボットのスラッシュコマンドと返信の日本語版です。Discordはメンバーの
# クライアントの言語で表示します（名前と説明のローカライズ、返信にはインタラクションの言語）。
# Markdown（**太字**、`コード`）とDiscordのメンション（<#チャンネル>、<@&ロール>）はそのまま残します。
# URLの直後に日本語が続くとリンクに含まれてしまうため、URLの前後には半角スペースを入れます。

# スラッシュコマンドの名前（小文字、スペースなし：Discordのルール）と説明。
cmd-notify-name = 通知
cmd-notify = AeThexチャンネルの配信開始通知
cmd-notify-add = AeThexチャンネルの配信開始をここで告知
cmd-notify-remove = 告知を停止
cmd-notify-list = このサーバーの告知一覧
cmd-stream-name = 配信
cmd-stream = 配信中か確認（タイトル、視聴者数、配信時間）
cmd-link-name = 連携
cmd-link = AeThexアカウントを連携（サブスクライバーロール用）
cmd-roles-name = ロール
cmd-roles = 連携済みメンバーのサブスクライバーロール
cmd-bridge-name = ブリッジ
cmd-bridge = AeThexのチャットルームとDiscordチャンネルを相互にミラー
cmd-bridge-set = チャンネルをブリッジ
cmd-bridge-off = このサーバーのブリッジを解除
opt-login = AeThexチャンネルのユーザー名
opt-where = 告知する場所
opt-role = メンションするロール
opt-announcement-channel = 告知チャンネル
opt-discord-channel = Discordチャンネル
opt-subscriber = すべてのサブスクライバー
opt-tier = Tier { $tier }の追加ロール
opt-language = 告知の言語（デフォルト：このサーバーの言語）

# 返信
unknown-command = /{ $name }というコマンドは知りません。
pick-channel = Discordチャンネルを選んでください。
not-a-login = 「{ $login }」はAeThexのチャンネル名ではありません。
admins-only = この操作は、サーバー内で「サーバー管理」権限を持つメンバーだけが行えます。
went-wrong = こちら側で問題が発生しました。もう一度お試しください。
no-such-channel = AeThexチャンネル「{ $login }」は存在しません。
aethex-down = AeThexが現在応答していません（{ $error }）。
aethex-down-retry = AeThexが現在応答していません（{ $error }）。もう一度お試しください。
notify-added = **{ $login }**の配信が始まったら、<#{ $channel }>で告知します。
notify-removed = <#{ $channel }>での**{ $login }**の告知を停止しました。
notify-missing = **{ $login }**は<#{ $channel }>で告知されていませんでした。
notify-none = まだ告知はありません：{ $command }
notify-pings = （<@&{ $role }>にメンション）
notify-updated = <#{ $channel }>での**{ $login }**の告知を更新しました。
no-such-language = 「{ $language }」は話せません。リストから選んでください。

# 配信開始の告知。/notify addで選んだ言語（なければサーバーの優先言語）で送ります。
# 告知の投稿に失敗したときの管理者向けのお知らせも含みます。
announce-live = **{ $name }**がライブ配信中です！
announce-was-live = **{ $name }**のライブ配信は終了しました。
embed-untitled = { $name }がライブ配信中
embed-streaming = { $name }がAeThex LIVEで配信中です。
embed-category = カテゴリー
embed-tags = タグ
embed-ended = 配信は{ $duration }で終了しました。
embed-ran-for = 配信時間
role-deleted = 私が管理しているサブスクライバーロール（ID { $role }）がサーバーから削除されました。{ $command }でロールを選び直してください。
role-problem = サブスクライバーロール<@&{ $role }>を付与または解除できませんでした。「ロールの管理」権限が必要です。また、「サーバー設定 → ロール」で私のロールがそのロールより上にある必要があります。
announce-no-permission = <#{ $channel }>に**{ $login }**の配信開始の告知を投稿できませんでした。Discordによると、そのチャンネルで権限が不足しています。そのチャンネルで「チャンネルを見る」「メッセージを送信」「埋め込みリンク」の権限を付与してください（告知でロールにメンションする場合は「@everyone、@here、全てのロールにメンション」も必要です）。
bridge-set = <#{ $channel }>と**{ $login }**のチャットが相互にミラーされるようになりました。
bridge-off = チャットブリッジをオフにしました。
bridge-none = ブリッジはありませんでした。
roles-off = サブスクライバーロールをオフにしました。
roles-set = **{ $login }**の連携済みサブスクライバーにロールが付与されるようになりました。
link-down = AeThexが現在応答していません。1分後にもう一度{ $command }をお試しください。
link-open = AeThexアカウントを連携するには、 { $url } を開いてコード **{ $code }** を入力してください（有効期間：{ $minutes }分）。
link-done = AeThexアカウント**{ $login }**と連携しました。
link-failed-here = こちら側で連携に失敗しました。もう一度{ $command }をお試しください。
link-declined = 連携を拒否しました。変更はありません。
link-expired = コードの有効期限が切れました。もう一度{ $command }を実行してください。
link-failed = 連携に失敗しました：{ $error }
status-live = 🔴 **{ $name }**がライブ配信中：{ $title } — { $viewers }人が視聴中、配信時間 { $uptime }（{ $category }）
status-offline = ⚫ **{ $name }**はオフラインです。前回のタイトル：{ $title }

# Stream summaries (/notify add … summary: True)
opt-summary = 配信が終わるたびに配信サマリーもここに投稿（自分のチャンネルのみ）
notify-summary-on = 配信が終わるたびに、配信サマリーもここに投稿します。
notify-summary-owner = 投稿できるのは、このボットが使用しているAeThexアカウント**{ $owner }**の配信サマリーだけです。配信サマリーは配信者本人のアナリティクスだからです。
notify-list-summary = （サマリー付き）
summary-content = **{ $name }**の配信サマリー
summary-title = 配信サマリー：{ $title }
summary-description = { $name }の配信時間は{ $duration }でした。
summary-average = 平均視聴者数
summary-peak = 最大視聴者数
summary-unique = ユニーク視聴者数
summary-chatters = チャット参加者数
summary-messages = チャットメッセージ数
summary-followers = 新規フォロワー
summary-busiest = チャットが最も盛り上がった瞬間
summary-moment = { $at }の時点：1分間にメッセージ{ $messages }件
summary-no-access = **{ $login }**の配信サマリーを投稿できませんでした。ボットのAeThexトークンでは、そのチャンネルのアナリティクスを読み取れません。`analytics:read`の権限を付けて、ボットをもう一度サインインさせてください。

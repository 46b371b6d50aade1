# Discord 机器人的斜杠命令和回复（简体中文）。Discord 会按成员客户端的语言显示
# （名称和描述的本地化，回复则按交互的语言）。Markdown（**粗体**、`代码`）
# 和 Discord 提及（<#频道>、<@&身份组>）保持原样。
# 网址前后留空格，以免中文字符被并入链接。

# 斜杠命令名称（小写、无空格：Discord 的规则）和描述。
cmd-notify-name = 开播通知
cmd-notify = AeThex 频道的开播通知
cmd-notify-add = 在这里发布某个 AeThex 频道的开播通知
cmd-notify-remove = 停止发布通知
cmd-notify-list = 本服务器的开播通知
cmd-stream-name = 直播
cmd-stream = 正在直播吗？标题、观众、已播时长
cmd-link-name = 绑定
cmd-link = 绑定你的 AeThex 账号（用于订阅者身份组）
cmd-roles-name = 身份组
cmd-roles = 已绑定成员的订阅者身份组
cmd-bridge-name = 桥接
cmd-bridge = 让 AeThex 聊天室与 Discord 频道互通消息
cmd-bridge-set = 桥接一个频道
cmd-bridge-off = 移除本服务器的桥接
opt-login = AeThex 频道用户名
opt-where = 在哪里发布通知
opt-role = 要提及的身份组
opt-announcement-channel = 发布通知的频道
opt-discord-channel = Discord 频道
opt-subscriber = 所有订阅者
opt-tier = { $tier } 级订阅者的额外身份组
opt-language = 开播通知使用的语言（默认：本服务器的语言）

# 回复
unknown-command = 我不认识 /{ $name } 这个命令。
pick-channel = 请选择一个 Discord 频道。
not-a-login = “{ $login }”不是有效的 AeThex 频道名。
admins-only = 只有拥有“管理服务器”权限的成员才能执行此操作，且只能在服务器内执行。
went-wrong = 我这边出了点问题，请重试。
no-such-channel = 不存在名为“{ $login }”的 AeThex 频道。
aethex-down = AeThex 暂时没有响应（{ $error }）。
aethex-down-retry = AeThex 暂时没有响应（{ $error }），请重试。
notify-added = **{ $login }** 开播时，我会在 <#{ $channel }> 发布通知。
notify-removed = 已停止在 <#{ $channel }> 发布 **{ $login }** 的开播通知。
notify-missing = <#{ $channel }> 之前没有发布 **{ $login }** 的开播通知。
notify-none = 还没有开播通知：{ $command }
notify-pings = （提及 <@&{ $role }>）
notify-updated = 已更新 **{ $login }** 在 <#{ $channel }> 的开播通知。
no-such-language = 我不会说“{ $language }”，请从列表中选择一种语言。

# 开播通知，使用 /notify add 时选择的语言（否则使用服务器的首选语言），
# 以及开播通知发送失败时给管理员的提示。
announce-live = **{ $name }** 开播了！
announce-was-live = **{ $name }** 的直播已结束。
embed-untitled = { $name } 开播了
embed-streaming = { $name } 正在 AeThex LIVE 直播。
embed-category = 分类
embed-tags = 标签
embed-ended = 直播已结束，时长 { $duration }。
embed-ran-for = 直播时长
role-deleted = 我管理的一个订阅者身份组（ID { $role }）已从服务器中删除，请使用 { $command } 重新选择身份组。
role-problem = 我无法授予或移除订阅者身份组 <@&{ $role }>。我需要“管理身份组”权限，并且在“服务器设置 → 身份组”中，我自己的身份组必须位于它之上。
announce-no-permission = 我无法在 <#{ $channel }> 发布 **{ $login }** 的开播通知：Discord 提示我在该频道缺少权限。请在该频道授予我“查看频道”、“发送消息”和“嵌入链接”权限（如果通知会提及身份组，还需要“提及 @everyone、@here 和所有身份组”权限）。
bridge-set = <#{ $channel }> 与 **{ $login }** 的聊天室现已互通。
bridge-off = 聊天桥接已关闭。
bridge-none = 本来就没有桥接。
roles-off = 订阅者身份组已关闭。
roles-set = **{ $login }** 的已绑定订阅者现在会获得相应身份组。
link-down = AeThex 暂时没有响应，请一分钟后再试 { $command }。
link-open = 要绑定你的 AeThex 账号，请打开 { $url } 并输入代码 **{ $code }**（{ $minutes } 分钟内有效）。
link-done = 已绑定 AeThex 账号 **{ $login }**。
link-failed-here = 我这边绑定失败了，请再试一次 { $command }。
link-declined = 你拒绝了绑定，没有任何更改。
link-expired = 代码已过期，请重新运行 { $command }。
link-failed = 绑定失败：{ $error }
status-live = 🔴 **{ $name }** 正在直播：{ $title } — { $viewers } 位观众，已播 { $uptime }（{ $category }）
status-offline = ⚫ **{ $name }** 当前离线。上次标题：{ $title }

# Stream summaries (/notify add … summary: True)
opt-summary = 每次直播结束后，也在这里发布直播摘要（仅限你自己的频道）
notify-summary-on = 每次直播结束后，我还会在这里发布直播摘要。
notify-summary-owner = 只能发布 **{ $owner }** 的直播摘要，因为本机器人使用的是该 AeThex 账号：直播摘要属于主播本人的数据分析。
notify-list-summary = （附直播摘要）
summary-content = **{ $name }** 的直播摘要
summary-title = 直播摘要：{ $title }
summary-description = { $name } 本次直播时长 { $duration }。
summary-average = 平均观众数
summary-peak = 观众峰值
summary-unique = 独立观众数
summary-chatters = 聊天人数
summary-messages = 聊天消息数
summary-followers = 新增关注者
summary-busiest = 聊天最热闹的时刻
summary-moment = { $at } 时：一分钟内有 { $messages } 条消息
summary-no-access = 我无法发布 **{ $login }** 的直播摘要：机器人的 AeThex 令牌无法读取该频道的数据分析。请使用 `analytics:read` 权限重新登录机器人。

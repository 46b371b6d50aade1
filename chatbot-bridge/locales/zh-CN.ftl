# 聊天机器人的内置回复（简体中文）。$(user) 是机器人自己的变量（发言者的名字），
# 在所有语言中都原样保留。

# 积分
points-balance = { $user } 有 { $points } { $name }，已观看 { $watched }。
points-gave = @{ $who } 送给 { $to } { $amount } { $name }。
points-too-few = @{ $who } -> 你没有 { $amount } { $name }。
points-give-usage = @{ $who } -> 用法：!give <用户> <数量>（正数，给其他人）
points-nobody = 还没有人有 { $name }。
points-top = { $name } 排行榜：{ $list }
# 配置中没有设置积分名称时使用的名称（与 { $count } 对应的形式）。
points-unit = { $count ->
   *[other] 积分
}

# 时长（“2 天 3 小时”），以空格分隔
span-days = { $count } 天
span-hours = { $count } 小时
span-minutes = { $count } 分钟
span-seconds = { $count } 秒

# 抽奖
giveaway-started-keyword = 抽奖开始了！发送 { $keyword } 或 !giveaway enter 即可参与。
giveaway-started = 抽奖开始了！发送 !giveaway enter 即可参与。
giveaway-winner = 中奖者是 @{ $winner }（共 { $count } 人参与）！恭喜！
giveaway-nobody = 没有人参加抽奖。
giveaway-entered = @{ $who } -> 你已成功参与！
giveaway-already = @{ $who } -> 你已经参与过了。
giveaway-closed = @{ $who } -> 当前没有进行中的抽奖。
giveaway-full = @{ $who } -> 抽奖人数已满。
giveaway-usage-mod = @{ $who } -> 用法：!giveaway start [关键词] | enter | draw
giveaway-usage = @{ $who } -> 用法：!giveaway enter

# 语录
quote-added = 已添加语录 #{ $number }。
quote-deleted = 已删除语录 #{ $number }。
quote-missing = 没有语录 #{ $number }。
quote-mods-only = @{ $who } -> 只有房管可以修改语录。
quote-none = 还没有语录；房管可以用 !quote add <内容> 添加。
quote-usage = @{ $who } -> 用法：!quote [编号] | add <内容> | delete <编号>
quote-add-usage = @{ $who } -> 用法：!quote add <内容，最多 300 个字符>
quote-delete-usage = @{ $who } -> 用法：!quote delete <编号>

# 点歌
songs-level = @{ $who } -> 点歌仅限{ $level ->
    [subscriber] 订阅者
    [regular] 常客
    [vip] VIP
    [moderator] 房管
    [owner] 主播
   *[other] { $level }
}及以上。
songs-usage = @{ $who } -> 用法：!sr <YouTube 或 SoundCloud 链接，或搜索关键词>
songs-bad-youtube-id = @{ $who } -> 这个 YouTube 链接没有有效的视频 ID。
songs-no-youtube-video = @{ $who } -> 这个 YouTube 链接里没有视频。
songs-not-soundcloud-track = @{ $who } -> 这个 SoundCloud 链接不是单曲链接。
songs-only-youtube-soundcloud = @{ $who } -> 只能点 YouTube 和 SoundCloud 的链接。
songs-full = @{ $who } -> 队列已满（上限 { $count } 首）。
songs-yours-full = @{ $who } -> 你在队列中已有 { $count } 首歌，已达上限。
songs-duplicate = @{ $who } -> 这首歌已经在队列中了。
songs-added = @{ $who } -> 《{ $title }》已加入队列，位置 #{ $position }。
songs-empty = 点歌队列是空的。
songs-list = { $count } 首歌：{ $list }
songs-now = 正在播放：{ $title }（点歌人：{ $user }）
songs-nothing = 当前没有在播放的歌曲。
songs-skipped = 已切歌。正在播放：{ $title }
songs-skipped-empty = 已切歌。队列已空。
songs-removed = @{ $who } -> 已将《{ $title }》从队列中移除。
songs-none-yours = @{ $who } -> 你在队列中没有待播的歌曲。

# 管理
permit = @{ $user } -> 你可以在接下来的 60 秒内发送一条链接。
permit-usage = @{ $who } -> 用法：!permit <用户>
regular-added = @{ $who } -> { $user } 现在是常客了。
regular-removed = @{ $who } -> { $user } 已不再是常客。
regulars-usage = @{ $who } -> 用法：!regulars add|remove <用户>

# !命令
command-added = @{ $who } -> 命令“{ $name }”已成功添加。
command-edited = @{ $who } -> 命令“{ $name }”已成功修改。
command-deleted = @{ $who } -> 命令“{ $name }”已成功删除。
command-refused = @{ $who } -> { $reason }

# 刷屏过滤器的警告（默认文本；配置中可以自定义）
filter-links = $(user) -> 发链接前请先询问。
filter-caps = $(user) -> 请少用大写字母。
filter-symbols = $(user) -> 符号太多了。
filter-repetitions = $(user) -> 请不要重复刷屏。
filter-emotes = $(user) -> 表情太多了。
filter-blacklist = $(user) -> 这里不允许使用该词语。

# 管理自定义命令（!commands add|edit|delete、!addcom、!editcom、
# !delcom）。语法（add、edit、delete、-ul=、-cd=、-a=、用户等级名称）
# 在所有语言中都相同：请原样保留。
manage-added = 命令“{ $name }”已成功添加。
manage-edited = 命令“{ $name }”已成功修改。
manage-deleted = 命令“{ $name }”已成功删除。
manage-mods-only = 只有房管可以管理命令
manage-exists = { $name } 已存在；请使用 !commands edit
manage-missing = { $name } 不存在
manage-alias-loop = { $chain } 会循环回到 { $name }
manage-alias-depth = 别名链最多 { $max } 层
manage-not-a-name = “{ $name }”不是有效的命令名
manage-unknown-action = 未知操作“{ $action }”：请使用 add、edit 或 delete
manage-usage = 用法：!commands add|edit|delete !name [-ul=等级] [-cd=秒数] [-a=!其他命令] 回复内容
manage-which = 哪个命令？例如 !commands add !discord 欢迎加入我们：……
manage-unknown-level = 未知的用户等级“{ $level }”：请使用 owner、moderator、vip、regular、subscriber 或 everyone
manage-cooldown-not-a-number = 冷却时间“{ $value }”不是秒数
manage-cooldown-range = 冷却时间必须在 { $min } 到 { $max } 秒之间
manage-unknown-flag = 未知选项“{ $flag }”：请使用 -ul=、-cd= 或 -a=
manage-too-long = 回复内容超过了 { $max } 个字符
manage-self-alias = { $name } 不能是自身的别名
manage-needs-response = { $name } 需要回复内容
manage-nothing-to-change = { $name } 没有需要修改的内容
manage-delete-extra = delete 只需要命令名

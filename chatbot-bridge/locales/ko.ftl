# 챗봇의 기본 응답(한국어)입니다. $(user)는 봇 자체 변수(채팅한 사람의 이름)로,
# 모든 언어에서 그대로 둡니다.

# 포인트
points-balance = { $user }님은 { $points } { $name } 보유 중이며, 시청 시간은 { $watched }입니다.
points-gave = @{ $who }님이 { $to }님에게 { $amount } { $name } 선물했습니다.
points-too-few = @{ $who } -> { $amount } { $name }만큼 가지고 있지 않습니다.
points-give-usage = @{ $who } -> 사용법: !give <사용자> <수량> (양수, 다른 사람에게)
points-nobody = 아직 { $name } 보유자가 없습니다.
points-top = { $name } 순위: { $list }
# 설정에서 포인트 이름을 정하지 않았을 때 쓰는 이름({ $count }에 맞는 형태).
points-unit = { $count ->
   *[other] 포인트
}

# 시간("2일 3시간"), 공백으로 구분
span-days = { $count }일
span-hours = { $count }시간
span-minutes = { $count }분
span-seconds = { $count }초

# 추첨
giveaway-started-keyword = 추첨이 시작되었습니다! { $keyword } 또는 !giveaway enter를 입력해 참여하세요.
giveaway-started = 추첨이 시작되었습니다! !giveaway enter를 입력해 참여하세요.
giveaway-winner = 당첨자는 @{ $winner }님입니다(참여자 { $count }명)! 축하합니다!
giveaway-nobody = 추첨에 참여한 사람이 없습니다.
giveaway-entered = @{ $who } -> 참여 완료!
giveaway-already = @{ $who } -> 이미 참여했습니다.
giveaway-closed = @{ $who } -> 진행 중인 추첨이 없습니다.
giveaway-full = @{ $who } -> 추첨 인원이 가득 찼습니다.
giveaway-usage-mod = @{ $who } -> 사용법: !giveaway start [키워드] | enter | draw
giveaway-usage = @{ $who } -> 사용법: !giveaway enter

# 명언
quote-added = 명언 #{ $number } 추가 완료.
quote-deleted = 명언 #{ $number } 삭제 완료.
quote-missing = 명언 #{ $number }번은 없습니다.
quote-mods-only = @{ $who } -> 명언은 매니저만 수정할 수 있습니다.
quote-none = 아직 명언이 없습니다. 매니저가 !quote add <내용>으로 추가할 수 있습니다.
quote-usage = @{ $who } -> 사용법: !quote [번호] | add <내용> | delete <번호>
quote-add-usage = @{ $who } -> 사용법: !quote add <내용, 최대 300자>
quote-delete-usage = @{ $who } -> 사용법: !quote delete <번호>

# 신청곡
songs-level = @{ $who } -> 신청곡은 { $level ->
    [subscriber] 구독자
    [regular] 단골 시청자
    [vip] VIP
    [moderator] 매니저
    [owner] 스트리머
   *[other] { $level }
} 이상만 가능합니다.
songs-usage = @{ $who } -> 사용법: !sr <YouTube 또는 SoundCloud 링크, 또는 검색어>
songs-bad-youtube-id = @{ $who } -> 이 YouTube 링크에는 올바른 동영상 ID가 없습니다.
songs-no-youtube-video = @{ $who } -> 이 YouTube 링크에는 동영상이 없습니다.
songs-not-soundcloud-track = @{ $who } -> 이 SoundCloud 링크는 트랙이 아닙니다.
songs-only-youtube-soundcloud = @{ $who } -> YouTube와 SoundCloud 링크만 신청할 수 있습니다.
songs-full = @{ $who } -> 대기열이 가득 찼습니다(최대 { $count }곡).
songs-yours-full = @{ $who } -> 이미 대기열에 최대 곡 수({ $count }곡)만큼 신청했습니다.
songs-duplicate = @{ $who } -> 이미 대기열에 있는 곡입니다.
songs-added = @{ $who } -> “{ $title }” 곡이 대기열 #{ $position }에 추가되었습니다.
songs-empty = 신청곡 대기열이 비어 있습니다.
songs-list = { $count }곡: { $list }
songs-now = 지금 재생 중: { $title } (신청: { $user }님)
songs-nothing = 재생 중인 곡이 없습니다.
songs-skipped = 건너뛰었습니다. 지금 재생 중: { $title }
songs-skipped-empty = 건너뛰었습니다. 대기열이 비어 있습니다.
songs-removed = @{ $who } -> “{ $title }” 곡을 대기열에서 삭제했습니다.
songs-none-yours = @{ $who } -> 대기열에서 기다리는 신청곡이 없습니다.

# 관리
permit = @{ $user } -> 앞으로 60초 동안 링크를 하나 올릴 수 있습니다.
permit-usage = @{ $who } -> 사용법: !permit <사용자>
regular-added = @{ $who } -> 이제 { $user }님은 단골 시청자입니다.
regular-removed = @{ $who } -> { $user }님은 더 이상 단골 시청자가 아닙니다.
regulars-usage = @{ $who } -> 사용법: !regulars add|remove <사용자>

# !명령어
command-added = @{ $who } -> “{ $name }” 명령어가 추가되었습니다.
command-edited = @{ $who } -> “{ $name }” 명령어가 수정되었습니다.
command-deleted = @{ $who } -> “{ $name }” 명령어가 삭제되었습니다.
command-refused = @{ $who } -> { $reason }

# 스팸 필터 경고(기본값이며, 설정에서 따로 정할 수 있습니다)
filter-links = $(user) -> 링크는 먼저 허락을 받고 올려 주세요.
filter-caps = $(user) -> 대문자는 적당히 써 주세요.
filter-symbols = $(user) -> 기호가 너무 많습니다.
filter-repetitions = $(user) -> 같은 말을 반복하지 말아 주세요.
filter-emotes = $(user) -> 이모티콘이 너무 많습니다.
filter-blacklist = $(user) -> 여기서는 허용되지 않는 표현입니다.

# 사용자 지정 명령어 관리(!commands add|edit|delete, !addcom, !editcom,
# !delcom). 문법(add, edit, delete, -ul=, -cd=, -a=, 사용자 등급 이름)은
# 모든 언어에서 같으므로 그대로 둡니다.
manage-added = “{ $name }” 명령어가 추가되었습니다.
manage-edited = “{ $name }” 명령어가 수정되었습니다.
manage-deleted = “{ $name }” 명령어가 삭제되었습니다.
manage-mods-only = 명령어는 매니저만 관리할 수 있습니다
manage-exists = { $name } 명령어가 이미 있습니다. !commands edit 명령어를 사용하세요
manage-missing = { $name } 명령어가 없습니다
manage-alias-loop = { $chain }: { $name } 명령어로 되돌아가는 순환이 생깁니다
manage-alias-depth = 별칭은 최대 { $max }단계까지만 연결할 수 있습니다
manage-not-a-name = 올바른 명령어 이름이 아닙니다: “{ $name }”
manage-unknown-action = 알 수 없는 동작 “{ $action }”: add, edit, delete 중 하나를 사용하세요
manage-usage = 사용법: !commands add|edit|delete !name [-ul=등급] [-cd=초] [-a=!다른명령어] 응답
manage-which = 어떤 명령어인가요? 예: !commands add !discord 여기서 함께해요: …
manage-unknown-level = 알 수 없는 사용자 등급 “{ $level }”: owner, moderator, vip, regular, subscriber, everyone 중 하나를 사용하세요
manage-cooldown-not-a-number = 쿨다운 값이 초 단위 숫자가 아닙니다: “{ $value }”
manage-cooldown-range = 쿨다운은 { $min }~{ $max }초 사이여야 합니다
manage-unknown-flag = 알 수 없는 옵션 “{ $flag }”: -ul=, -cd=, -a= 중 하나를 사용하세요
manage-too-long = 응답이 { $max }자를 넘습니다
manage-self-alias = { $name } 명령어는 자기 자신의 별칭이 될 수 없습니다
manage-needs-response = { $name } 명령어에는 응답이 필요합니다
manage-nothing-to-change = { $name } 명령어에서 바꿀 내용이 없습니다
manage-delete-extra = delete에는 명령어 이름만 입력하세요

# Discord 봇의 슬래시 명령어와 답변의 한국어판입니다. Discord는 멤버의 클라이언트
# 언어로 표시합니다(이름과 설명의 현지화, 답변에는 상호작용의 언어).
# 마크다운(**굵게**, `코드`)과 Discord 멘션(<#채널>, <@&역할>)은 그대로 둡니다.
# 사용자 이름 뒤에는 '님'을 붙여 조사 문제를 피합니다(용어집 참고).

# 슬래시 명령어 이름(소문자, 공백 없음: Discord 규칙)과 설명.
cmd-notify-name = 알림
cmd-notify = AeThex 채널의 방송 시작 알림
cmd-notify-add = 여기에서 AeThex 채널의 방송 시작 알리기
cmd-notify-remove = 알림 중지
cmd-notify-list = 이 서버의 알림 목록
cmd-stream-name = 방송
cmd-stream = 방송 중인지 확인: 제목, 시청자, 방송 시간
cmd-link-name = 연동
cmd-link = AeThex 계정 연동(구독자 역할용)
cmd-roles-name = 역할
cmd-roles = 연동된 멤버의 구독자 역할
cmd-bridge-name = 브리지
cmd-bridge = AeThex 채팅방과 Discord 채널을 서로 미러링
cmd-bridge-set = 채널 브리지 설정
cmd-bridge-off = 이 서버의 브리지 제거
opt-login = AeThex 채널 사용자 이름
opt-where = 알림을 보낼 곳
opt-role = 멘션할 역할
opt-announcement-channel = 알림 채널
opt-discord-channel = Discord 채널
opt-subscriber = 모든 구독자
opt-tier = 티어 { $tier } 추가 역할
opt-language = 알림에 사용할 언어(기본값: 이 서버의 언어)

# 답변
unknown-command = 알 수 없는 명령어입니다: /{ $name }
pick-channel = Discord 채널을 선택하세요.
not-a-login = '{ $login }'은(는) AeThex 채널 이름이 아닙니다.
admins-only = 서버 안에서 '서버 관리하기' 권한이 있는 멤버만 할 수 있습니다.
went-wrong = 제 쪽에서 문제가 발생했습니다. 다시 시도해 주세요.
no-such-channel = AeThex에 '{ $login }' 채널이 없습니다.
aethex-down = AeThex가 지금 응답하지 않습니다({ $error }).
aethex-down-retry = AeThex가 지금 응답하지 않습니다({ $error }). 다시 시도해 주세요.
notify-added = **{ $login }**님이 방송을 시작하면 <#{ $channel }> 채널에 알리겠습니다.
notify-removed = <#{ $channel }> 채널에서 **{ $login }**님의 방송 알림을 중지했습니다.
notify-missing = <#{ $channel }> 채널에는 **{ $login }**님의 방송 알림이 없었습니다.
notify-none = 아직 알림이 없습니다: { $command }
notify-pings = (<@&{ $role }> 멘션)
notify-updated = <#{ $channel }> 채널의 **{ $login }**님 방송 알림을 업데이트했습니다.
no-such-language = '{ $language }'은(는) 제가 모르는 언어입니다. 목록에서 하나를 선택해 주세요.

# 방송 시작 알림. /notify add에서 고른 언어(없으면 서버의 기본 언어)로 보내며,
# 알림 게시에 실패했을 때 관리자에게 보내는 안내도 여기에 있습니다.
announce-live = **{ $name }**님이 생방송 중입니다!
announce-was-live = **{ $name }**님의 방송이 끝났습니다.
embed-untitled = { $name }님이 생방송 중입니다
embed-streaming = { $name }님이 AeThex LIVE에서 방송 중입니다.
embed-category = 카테고리
embed-tags = 태그
embed-ended = { $duration } 동안 진행된 방송이 종료되었습니다.
embed-ran-for = 방송 시간
role-deleted = 제가 관리하는 구독자 역할(ID { $role })이 서버에서 삭제되었습니다. { $command } 명령어로 역할을 다시 선택해 주세요.
role-problem = 구독자 역할 <@&{ $role }>을(를) 부여하거나 회수하지 못했습니다. '역할 관리하기' 권한이 필요하며, '서버 설정 → 역할'에서 제 역할이 그 역할보다 위에 있어야 합니다.
announce-no-permission = <#{ $channel }> 채널에 **{ $login }**님의 방송 시작 알림을 올리지 못했습니다. Discord에 따르면 그 채널에서 권한이 부족합니다. 해당 채널에서 '채널 보기', '메시지 보내기', '링크 첨부' 권한을 주세요(알림에서 역할을 멘션한다면 '@everyone, @here, 모든 역할 멘션하기' 권한도 필요합니다).
bridge-set = 이제 <#{ $channel }> 채널과 **{ $login }**님의 채팅이 서로 미러링됩니다.
bridge-off = 채팅 브리지가 꺼졌습니다.
bridge-none = 브리지가 없었습니다.
roles-off = 구독자 역할이 꺼졌습니다.
roles-set = 이제 **{ $login }**님의 연동된 구독자가 역할을 받습니다.
link-down = AeThex가 지금 응답하지 않습니다. 1분 후에 { $command }를 다시 시도해 주세요.
link-open = AeThex 계정을 연동하려면 { $url } 페이지를 열고 **{ $code }** 코드를 입력하세요({ $minutes }분 동안 유효).
link-done = AeThex 계정 **{ $login }**에 연동되었습니다.
link-failed-here = 제 쪽에서 연동에 실패했습니다. { $command }를 다시 시도해 주세요.
link-declined = 연동을 거부하셨습니다. 변경된 사항은 없습니다.
link-expired = 코드가 만료되었습니다. { $command }를 다시 실행해 주세요.
link-failed = 연동 실패: { $error }
status-live = 🔴 **{ $name }**님 생방송 중: { $title } — 시청자 { $viewers }명, 방송 시간 { $uptime } ({ $category })
status-offline = ⚫ **{ $name }**님은 오프라인입니다. 마지막 제목: { $title }

# Stream summaries (/notify add … summary: True)
opt-summary = 방송이 끝날 때마다 방송 요약도 여기에 게시(본인 채널만 가능)
notify-summary-on = 방송이 끝날 때마다 여기에 방송 요약도 게시하겠습니다.
notify-summary-owner = 이 봇이 사용하는 AeThex 계정인 **{ $owner }**님의 방송 요약만 게시할 수 있습니다. 방송 요약은 방송한 본인만 볼 수 있는 분석 데이터이기 때문입니다.
notify-list-summary = (방송 요약 포함)
summary-content = **{ $name }**님의 방송 요약
summary-title = 방송 요약: { $title }
summary-description = { $name }님이 { $duration } 동안 방송했습니다.
summary-average = 평균 시청자 수
summary-peak = 최고 시청자 수
summary-unique = 순 시청자 수
summary-chatters = 채팅 참여자 수
summary-messages = 채팅 메시지 수
summary-followers = 새 팔로워
summary-busiest = 채팅이 가장 활발했던 순간
summary-moment = { $at } 시점: 1분 동안 메시지 { $messages }개
summary-no-access = **{ $login }**님의 방송 요약을 게시하지 못했습니다. 봇의 AeThex 토큰으로는 그 채널의 분석 데이터를 읽을 수 없습니다. `analytics:read` 권한을 포함해 봇을 다시 로그인해 주세요.

# رسائل تطبيق الويب باللغة العربية (الفصحى). كل نص تعرضه الصفحات مصدره هذا الملف.
# تُعرض الصفحة من اليمين إلى اليسار (dir="rtl").
# المصطلحات تتبع منصات البث الكبرى: متابعة، اشتراك، غارة، مقطع، دردشة.

site-name = AeThex LIVE
site-description = شاهد البث المباشر، وتحدّث مع المجتمعات، وتابع صنّاع المحتوى الذين تحبهم.
skip-to-content = الانتقال إلى المحتوى
nav-account = الحساب
nav-log-in = تسجيل الدخول
nav-log-out = تسجيل الخروج
footer-api = مرجع API
footer-activate = ربط جهاز
footer-licences = التراخيص
back-home = العودة إلى الصفحة الرئيسية

live = مباشر
untitled = بث بلا عنوان
viewers = { $count ->
    [zero] لا مشاهدين
    [one] مشاهد واحد
    [two] مشاهدان
    [few] { $count } مشاهدين
    [many] { $count } مشاهدًا
   *[other] { $count } مشاهد
}

home-title = مباشر الآن
home-live-now = مباشر الآن
home-nobody-live = لا أحد يبث مباشرةً الآن. عُد بعد قليل.
home-categories = الفئات
home-recommended = مقترحات لك

channel-description = البث المباشر لـ { $name } على AeThex LIVE.
channel-offline = قناة { $name } غير متصلة حاليًا.
channel-last-broadcast = آخر بث:

player-label = البث المباشر لـ { $name }
player-offline = انتهى البث.
player-error = تعذّر تشغيل الفيديو. أعد تحميل الصفحة للمحاولة مرة أخرى.
player-quality = الجودة
player-auto = تلقائي

chat-title = الدردشة
chat-connecting = جارٍ الاتصال بالدردشة…
chat-reconnecting = انقطع الاتصال بالدردشة. جارٍ إعادة الاتصال…
chat-deleted = (حذف أحد المشرفين هذه الرسالة)
chat-cleared = مسح أحد المشرفين الدردشة.
chat-log-in = سجّل الدخول للمشاركة في الدردشة
chat-mod-delete = حذف الرسالة
chat-mod-timeout = إيقاف مؤقت لمدة 10 دقائق
chat-mod-ban = حظر من الدردشة
chat-raiding = تشنّ هذه القناة غارة على { $name }. جارٍ نقلك إلى هناك…
chat-raid-stay = البقاء هنا
chat-report = الإبلاغ عن الرسالة
chat-reported = تم الإبلاغ. شكرًا لك.
chat-report-failed = تعذّر الإبلاغ عن هذه الرسالة.
chat-held = احتجز AutoMod رسالة من { $name }:
chat-allow = سماح
chat-deny = رفض
chat-held-approved = تم السماح.
chat-held-denied = تم الرفض.
chat-held-expired = انتهت المهلة.
mod-link = قائمة انتظار الإشراف
mod-title = الإشراف: { $name }
mod-held = رسائل احتجزها AutoMod
mod-held-none = لا توجد رسائل بانتظار المراجعة.
mod-reports = الرسائل المُبلَّغ عنها
mod-reports-none = لا توجد بلاغات للمراجعة.
mod-reports-count = { $count ->
    [zero] لا بلاغات
    [one] بلاغ واحد
    [two] بلاغان
    [few] { $count } بلاغات
    [many] { $count } بلاغًا
   *[other] { $count } بلاغ
}
mod-hidden = مخفية حتى المراجعة
mod-remove = إزالة
mod-dismiss = تجاهل البلاغات
mod-settings = AutoMod والبلاغات
mod-level = مستوى AutoMod (0 للإيقاف، و4 هو الأشد صرامة)
mod-threshold = عدد البلاغات الذي يُخفي الرسالة إلى أن يراجعها مشرف (0: عدم الإخفاء أبدًا)
mod-save = حفظ
mod-saved = تم الحفظ.
mod-bad-settings = يُرجى اختيار مستوى من 0 إلى 4 وعدد بلاغات من 0 إلى 100.
mod-already-resolved = تمت معالجة هذه الرسالة من قِبل مشرف آخر، أو انتهت مهلتها.
mod-not-moderator = قائمة انتظار الإشراف في هذه القناة متاحة لمشرفيها فقط.

not-found-title = الصفحة غير موجودة
not-found-page = لا يوجد شيء على هذا العنوان.
not-found-channel = لا توجد قناة بهذا الاسم.
error-internal-title = حدث خطأ ما
error-internal = حدث خطأ ما من جانبنا، وقد سُجِّل. يُرجى المحاولة مرة أخرى.

nav-sign-up = التسجيل
form-cross-site = أُرسل هذا النموذج من موقع آخر، لذا رُفض.
form-expired = انتهت صلاحية النموذج أو لم يُرسَل من هذا الموقع. يُرجى المحاولة مرة أخرى.
signup-title = أنشئ حسابك
signup-closed = التسجيل مغلق على هذا الخادم. اطلب حسابًا من مشغّله.
signup-login = اسم المستخدم
signup-login-hint = من 3 إلى 25 حرفًا: أحرف لاتينية صغيرة وأرقام و_. وهو أيضًا عنوان قناتك.
signup-login-rules = يتكوّن اسم المستخدم من 3 إلى 25 حرفًا: أحرف لاتينية صغيرة وأرقام و_.
signup-login-reserved = هذا الاسم محجوز. يُرجى اختيار اسم آخر.
signup-login-taken = اسم المستخدم هذا مأخوذ بالفعل. يُرجى اختيار اسم آخر.
signup-password = كلمة المرور
signup-password-hint = 8 أحرف على الأقل.
signup-password-again = تأكيد كلمة المرور
signup-password-length = يجب أن يتراوح طول كلمة المرور بين 8 و256 حرفًا.
signup-password-is-login = لا يمكن أن تكون كلمة المرور هي اسم المستخدم نفسه.
signup-password-mismatch = كلمتا المرور غير متطابقتين.
signup-invite = رمز الدعوة
signup-invite-missing = التسجيل في هذا الخادم بالدعوة فقط: أدخل رمز الدعوة.
signup-invite-invalid = رمز الدعوة هذا غير معروف أو منتهي الصلاحية أو مُستخدَم من قبل.
signup-submit = التسجيل
signup-pow-working = جارٍ التحقق من هذا المتصفح… (لحظة واحدة)
signup-pow-failed = لم يجتز المتصفح التحقق. يُرجى إرسال النموذج مرة أخرى.
signup-too-many = أُنشئ عدد كبير جدًا من الحسابات من هنا مؤخرًا. يُرجى المحاولة لاحقًا.
signup-needs-script = يتطلب هذا النموذج JavaScript، فهو يتحقق من المتصفح بدلًا من اختبار CAPTCHA.
signup-have-account = هل لديك حساب بالفعل؟
error-title = هناك مشكلة
follow = متابعة
unfollow = إلغاء المتابعة
following = تتم المتابعة
follow-own-channel = لا يمكنك متابعة قناتك.
home-following = القنوات التي تتابعها
home-following-offline = غير متصلة
chat-placeholder = أرسل رسالة
chat-send = دردشة
chat-label = رسالة الدردشة
offline-title = أنت غير متصل بالإنترنت
offline-text = يحتاج AeThex LIVE إلى اتصال بالإنترنت لتشغيل البث المباشر والدردشة. القنوات التي تتابعها موجودة أدناه، وستُفتح بمجرد عودة الاتصال.
offline-no-follows = لا تتابع أي قناة على هذا الجهاز بعد.
app-description = بث مباشر ودردشة وصنّاع المحتوى الذين تتابعهم.
push-live-title = { $name } في بث مباشر الآن
notify-on = الإشعارات مفعّلة
notify-off = تفعيل الإشعارات
notify-denied = الإشعارات محظورة لهذا الموقع في إعدادات المتصفح.
notify-unavailable = لا يمكن لهذا المتصفح تلقّي الإشعارات الفورية. على iPhone وiPad، أضف AeThex LIVE إلى الشاشة الرئيسية أولًا.
player-play = تشغيل البث
clip-live = إنشاء مقطع من آخر 30 ثانية
clip-from-here = إنشاء مقطع من هنا
clip-length = مدة المقطع
clip-length-rule = تتراوح مدة المقطع بين 5 و60 ثانية.
clip-of = مقطع من بث { $name }
clip-seconds = { $seconds } ث
clip-download = تنزيل
clip-not-live = هذه القناة لا تبث مباشرةً الآن، لذا لا يوجد ما يمكن إنشاء مقطع منه.
clip-not-recorded = هذا الخادم لا يسجّل البث، لذا لا يمكن إنشاء مقاطع منه.
clip-too-early = لم يُسجَّل شيء بعد. حاول مرة أخرى بعد بضع ثوانٍ.
not-found-clip = لا يوجد مقطع بهذا العنوان.
not-found-video = لا يوجد بث مسجّل بهذا العنوان.
channel-videos = البثوث السابقة
channel-clips = المقاطع
channel-similar = قنوات مشابهة تبث مباشرةً الآن
video-ended = انتهى البث.
dashboard-title = لوحة تحكم صانع المحتوى
dashboard-offline = غير متصل
dashboard-view-channel = عرض قناتك
dashboard-saved = تم الحفظ.
dashboard-key-reset = تمت إعادة تعيين مفتاح البث. أدخل المفتاح الجديد في OBS.
dashboard-stream-info = معلومات البث
dashboard-field-title = العنوان
dashboard-field-category = الفئة
dashboard-field-tags = العلامات
dashboard-tags-hint = افصل بين العلامات بالفاصلة اللاتينية (,).
dashboard-field-language = اللغة (ISO 639-1، مثل ar)
dashboard-save = حفظ
dashboard-stream-key = مفتاح البث
dashboard-show-key = إظهار مفتاح البث
dashboard-key-warning = يستطيع أي شخص لديه هذا المفتاح البث على قناتك. لا تعرضه أبدًا أثناء البث.
dashboard-reset-key = إعادة تعيين مفتاح البث
dashboard-go-live = البث المباشر من OBS
dashboard-obs-custom = باستخدام أي إصدار من OBS (خدمة مخصصة)
dashboard-obs-step-1 = في OBS، افتح «إعدادات»، ثم «بث»، واختر الخدمة «مخصص…».
dashboard-obs-step-2 = الخادم:
dashboard-obs-step-3 = مفتاح البث: المفتاح المعروض أعلاه.
dashboard-obs-step-4 = اضغط «بدء البث».
dashboard-obs-plugin = باستخدام إضافة AeThex لبرنامج OBS
dashboard-obs-plugin-text = ثبّت الإضافة، واختر «أدوات» ثم AeThex LIVE ثم Log in، ثم وافق على الرمز الذي تعرضه في الصفحة
dashboard-recent-followers = أحدث المتابعين
dashboard-no-followers = لا يوجد متابعون بعد.
dashboard-alerts = أحدث التنبيهات
dashboard-no-alerts = لا توجد تنبيهات بعد. تظهر هنا المتابعات والاشتراكات والتبرعات والغارات.
alert-follow = متابعة جديدة من { $name }
alert-subscription = اشتراك جديد من { $name } في المستوى { $tier }
alert-donation = تبرّع بقيمة { $amount } من { $name }
alert-raid = { $count ->
    [zero] غارة من { $name } بلا مشاهدين
    [one] غارة من { $name } مع مشاهد واحد
    [two] غارة من { $name } مع مشاهدَين
    [few] غارة من { $name } مع { $count } مشاهدين
    [many] غارة من { $name } مع { $count } مشاهدًا
   *[other] غارة من { $name } مع { $count } مشاهد
}
dashboard-moderators = المشرفون
dashboard-moderators-hint = يستطيع المشرفون حذف الرسائل والإيقاف المؤقت والحظر في دردشتك.
dashboard-no-moderators = لا يوجد مشرفون بعد.
dashboard-mod-login = اسم المستخدم
dashboard-mod-add = إضافة مشرف
dashboard-mod-remove = إزالة { $name } من المشرفين
dashboard-no-such-user = لا يوجد مستخدم بهذا الاسم.
dashboard-mod-self = أنت دائمًا مشرف على دردشتك.
dashboard-blocked-terms = الكلمات المحظورة
dashboard-blocked-hint = لا تظهر في دردشتك الرسائل التي تحتوي على كلمة محظورة، بصرف النظر عن حالة الأحرف (باستثناء رسائل المشرفين).
dashboard-no-blocked = لا توجد كلمات محظورة.
dashboard-term = الكلمة أو العبارة
dashboard-term-add = حظر الكلمة
dashboard-term-remove = إلغاء حظر «{ $name }»
dashboard-webhooks = خطافات الويب (Webhooks)
dashboard-webhooks-hint = تُرسَل أحداث قناتك إلى خادمك الخاص كإشعارات EventSub موقّعة بسرّك (الترويسة Twitch-Eventsub-Message-Signature). يجب على خطاف الويب الجديد أن يجيب أولًا على طلب التحقق (challenge) الذي نرسله إليه.
dashboard-no-webhooks = لا توجد خطافات ويب بعد.
dashboard-webhook-type = الحدث
dashboard-webhook-callback = عنوان URL لرد الاتصال (HTTPS عام)
dashboard-webhook-secret = السرّ (من 10 إلى 100 حرف أو رقم أو رمز، بلا مسافات)
dashboard-webhook-add = إضافة خطاف ويب
dashboard-webhook-delete = حذف خطاف الويب { $name }
dashboard-webhook-added = تمت إضافة خطاف الويب. يبدأ العمل بمجرد أن يجيب عنوان رد الاتصال على طلب التحقق.
dashboard-webhook-deleted = تم حذف خطاف الويب.
dashboard-raid = شنّ غارة على قناة
dashboard-raid-hint = أرسل مشاهديك إلى قناة أخرى: سينتقلون إليها، وستُعلن دردشتها عن غارتك.
dashboard-raid-to = القناة المستهدفة بالغارة
dashboard-raid-start = بدء الغارة
dashboard-raided = أُرسلت الغارة. مشاهدوك في طريقهم.
embed-watch-on = شاهد { $name } على AeThex LIVE
nav-dashboard = لوحة التحكم
nav-main = التنقل الرئيسي
nav-browse = تصفّح
nav-search = بحث
search-title = بحث
search-label = البحث عن القنوات
search-submit = بحث
search-none = لا توجد قناة تطابق «{ $query }».
directory-title = تصفّح
directory-all = كل الفئات
settings-title = الإعدادات
settings-profile = الملف الشخصي
settings-display-name = الاسم المعروض
settings-name-hint = اسم المستخدم الخاص بك بالأحرف الكبيرة التي تريدها.
settings-name-rule = الاسم المعروض هو أحرف اسم المستخدم نفسها، بأي حالة أحرف (كبيرة أو صغيرة).
settings-about = نبذة عن قناتك
settings-about-rule = لا يتجاوز نص النبذة 300 حرف، ولا يحتوي على أحرف تحكم.
settings-notifications = إشعارات بدء البث
settings-no-notifications = لا تصلك أي إشعارات ببدء البث. فعّلها بزر «تفعيل الإشعارات» في قناة تتابعها.
settings-notify-off = إيقاف
settings-privacy = الخصوصية
settings-personalised = مقترحات مخصّصة
settings-personalised-hint = اقتراح قنوات بناءً على ما تشاهده. عند إيقاف هذا الخيار، يُحذف سجل المشاهدة الخاص بك من نظام المقترحات في عملية التدريب التالية، وتُعرض عليك القنوات الرائجة بلغتك.
nav-settings = الإعدادات
subscribe = اشتراك
resubscribe = تجديد الاشتراك
subscribe-tier = مستوى الاشتراك
tier-1 = المستوى 1
tier-2 = المستوى 2
tier-3 = المستوى 3
subscribed-until = أنت مشترك حتى { $date }. شكرًا لك!
donate = تبرّع
donate-amount = المبلغ
donate-currency = العملة
donate-message = الرسالة (تظهر أثناء البث)
donate-send = إرسال التبرع
donate-thanks = شكرًا لك! تم إرسال تبرعك.
donate-amount-rule = أدخل مبلغًا مثل 5 أو 4.99.
donate-currency-rule = اختر عملة من القائمة.

# منتقي اللغة، الأوقات، المُدد، المبالغ (تُنسَّق الأرقام والتواريخ برمجيًا حسب اللغة).
language = اللغة
language-change = تغيير اللغة
language-unknown = هذه اللغة غير متاحة.
time-just-now = الآن
time-minutes-ago = { $count ->
    [zero] قبل أقل من دقيقة
    [one] قبل دقيقة واحدة
    [two] قبل دقيقتين
    [few] قبل { $count } دقائق
    [many] قبل { $count } دقيقة
   *[other] قبل { $count } دقيقة
}
time-hours-ago = { $count ->
    [zero] قبل أقل من ساعة
    [one] قبل ساعة واحدة
    [two] قبل ساعتين
    [few] قبل { $count } ساعات
    [many] قبل { $count } ساعة
   *[other] قبل { $count } ساعة
}
time-days-ago = { $count ->
    [zero] قبل أقل من يوم
    [one] قبل يوم واحد
    [two] قبل يومين
    [few] قبل { $count } أيام
    [many] قبل { $count } يومًا
   *[other] قبل { $count } يوم
}
duration-hours-minutes = { $hours } س { $minutes } د
duration-minutes = { $minutes } د
duration-seconds = { $seconds } ث
money = { $amount } { $currency }
channel-started = بدأ البث { $time }
broadcast-length = المدة: { $duration }
directory-language = لغة البث
directory-all-languages = كل اللغات
directory-filter = عرض

# صفحات تسجيل الدخول والخروج وربط الأجهزة والموافقة عبر OAuth.
auth-error-title = هناك مشكلة
auth-internal = خطأ داخلي، وقد سُجِّل.
auth-cross-site = أُرسل هذا النموذج من موقع آخر، لذا رُفض.
auth-bad-form = تعذّرت قراءة هذا النموذج؛ أرسله من صفحته.
login-title = تسجيل الدخول إلى AeThex
login-field-login = اسم المستخدم
login-field-password = كلمة المرور
login-submit = تسجيل الدخول
login-expired = انتهت صلاحية النموذج أو لم يُرسَل من هذا الموقع؛ يُرجى تسجيل الدخول مرة أخرى.
login-throttled = { $count ->
    [zero] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى الآن.
    [one] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى بعد ثانية واحدة.
    [two] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى بعد ثانيتين.
    [few] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى بعد { $count } ثوانٍ.
    [many] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى بعد { $count } ثانية.
   *[other] عدد كبير جدًا من المحاولات الفاشلة. حاول مرة أخرى بعد { $count } ثانية.
}
login-wrong = اسم المستخدم أو كلمة المرور غير صحيحة.
logout-title = تم تسجيل الخروج
logout-done = تم تسجيل خروجك.
logout-refused = لم يتم تسجيل الدخول، أو انتهت صلاحية النموذج.
signed-in-as = تم تسجيل الدخول باسم { $login }.
scopes-none = لا يطلب التطبيق أي أذونات إضافية.
scopes-intro = سيتمكّن التطبيق من:
scope-channel-read = عرض إعدادات قناتك
scope-channel-manage = تعديل قناتك: العنوان والفئة والمشرفون والغارات
scope-stream-key = عرض مفتاح البث وإعادة تعيينه
scope-chat-read = قراءة الدردشة
scope-chat-edit = إرسال رسائل في الدردشة باسمك
scope-moderator-manage = الإشراف على الدردشات التي تشرف عليها: الحذف والإيقاف المؤقت والحظر والأوضاع
scope-moderator-read-followers = معرفة من يتابع القنوات التي تشرف عليها
scope-user-read = عرض تفاصيل حسابك
scope-user-edit-follows = متابعة القنوات وإلغاء متابعتها باسمك
scope-user-edit-subscriptions = الاشتراك في القنوات باسمك
scope-channel-read-subscriptions = عرض مشتركيك
scope-donations-read = عرض التبرعات التي تلقّيتها
scope-donations-write = التبرّع باسمك
scope-webhooks-manage = إرسال أحداث قناتك إلى خوادم أخرى
scope-analytics-read = عرض إحصاءات قناتك
device-title = ربط جهاز
device-wants = يطلب { $app } استخدام حسابك.
device-unknown-code = هذا الرمز غير معروف أو منتهي الصلاحية. تحقّق من جهازك.
device-code-label = الرمز المعروض على جهازك
device-allow = سماح
device-deny = رفض
device-expired = انتهت صلاحية النموذج؛ أعد تحميل الصفحة وحاول مرة أخرى.
device-connected-title = تم ربط الجهاز
device-connected = يمكنك العودة إلى جهازك الآن.
device-denied-title = تم رفض الطلب
device-denied = لم يُمنح الجهاز حق الوصول.
device-code-used = هذا الرمز غير معروف أو منتهي الصلاحية أو مُستخدَم من قبل. تحقّق من جهازك.
oauth-bad-redirect-url = عنوان إعادة التوجيه (redirect URI) الخاص بالتطبيق ليس عنوان URL.
oauth-unknown-client = المعرّف client_id غير معروف: هذا التطبيق غير مسجَّل.
oauth-redirect-mismatch = لا يطابق redirect_uri تمامًا أيًّا من العناوين المسجّلة لهذا التطبيق.
consent-title = تفويض التطبيق
consent-wants = يطلب { $app } استخدام حسابك على AeThex.
consent-approve = تفويض
consent-cancel = إلغاء
consent-redirect = سيتم توجيهك إلى { $url }.
consent-log-in-first = سجّل الدخول أولًا.
consent-expired = انتهت صلاحية النموذج؛ ابدأ من جديد من التطبيق.

# صفحات التراكب لمصادر المتصفح في OBS (التنبيهات أثناء البث).
overlay-follow = متابعة جديدة من { $name }!
overlay-subscribe = اشتراك جديد من { $name } في المستوى { $tier }!
overlay-donation = تبرّع بقيمة { $amount } من { $name }!
overlay-raid = { $count ->
    [zero] غارة من { $name } بلا مشاهدين!
    [one] غارة من { $name } مع مشاهد واحد!
    [two] غارة من { $name } مع مشاهدَين!
    [few] غارة من { $name } مع { $count } مشاهدين!
    [many] غارة من { $name } مع { $count } مشاهدًا!
   *[other] غارة من { $name } مع { $count } مشاهد!
}
overlay-token-missing = أضف #token=<رمز AeThex الخاص بك> إلى عنوان هذه الصفحة (هذا الجزء من العنوان لا يصل إلى الخادم أبدًا).

# إيرادات لوحة تحكم صانع المحتوى.
dashboard-revenue = التبرعات في آخر 30 يومًا
dashboard-revenue-none = لا توجد تبرعات في آخر 30 يومًا.
dashboard-revenue-count = { $count ->
    [zero] لا تبرعات
    [one] تبرّع واحد
    [two] تبرّعان
    [few] { $count } تبرعات
    [many] { $count } تبرّعًا
   *[other] { $count } تبرّع
}
dashboard-revenue-total = المجموع: { $amount } تقريبًا
dashboard-revenue-unconverted = غير مشمولة في المجموع (لا يوجد سعر صرف): { $currencies }
dashboard-revenue-rates = تم التحويل بأسعار الصرف المرجعية للبنك المركزي الأوروبي (التاريخ: { $date }).
dashboard-revenue-no-rates = لا توجد أسعار صرف محمّلة على هذا الخادم، لذا تُعرض كل عملة على حدة.
dashboard-display-currency = عرض المجموع بعملة

# ملخص البث في لوحة تحكم صانع المحتوى (/dashboard/analytics).
analytics-title = ملخص البث
analytics-link = ملخص البث
analytics-none = لا يوجد بث بعد. تظهر أرقام بثك الأول هنا بعد ثوانٍ من انتهائه.
analytics-live-note = مباشر: هذه الأرقام أولية، وتصبح نهائية بعد ثوانٍ قليلة من انتهاء البث.
analytics-final = نهائي
analytics-started = بدأ البث في { $date }
analytics-length = { $count ->
    [zero] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
analytics-average = متوسط المشاهدين
analytics-peak = ذروة المشاهدين
analytics-unique = المشاهدون الفريدون
analytics-watched = دقائق المشاهدة
analytics-chatters = المشاركون في الدردشة
analytics-messages = رسائل الدردشة
analytics-followers = متابعون جدد
analytics-subscriptions = الاشتراكات
analytics-engagement = التفاعل (من 100)
analytics-viewers-chart = المشاهدون في كل دقيقة
analytics-chat-chart = رسائل الدردشة في كل دقيقة
analytics-minute-viewers = الدقيقة { $minute }: { $count ->
    [zero] لا مشاهدين
    [one] مشاهد واحد
    [two] مشاهدان
    [few] { $count } مشاهدين
    [many] { $count } مشاهدًا
   *[other] { $count } مشاهد
}
analytics-minute-messages = الدقيقة { $minute }: { $count ->
    [zero] لا رسائل
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $count } رسائل
    [many] { $count } رسالة
   *[other] { $count } رسالة
}
analytics-top-moments = أنشط لحظات الدردشة
analytics-retention = الاحتفاظ بالجمهور
analytics-retention-row = { $count ->
    [zero] في البداية
    [one] بعد دقيقة واحدة
    [two] بعد دقيقتين
    [few] بعد { $count } دقائق
    [many] بعد { $count } دقيقة
   *[other] بعد { $count } دقيقة
}: { $percent }
analytics-funnel = من مشاهد إلى مشترك
analytics-funnel-viewers = المشاهدون
analytics-funnel-chatters = شاركوا في الدردشة
analytics-funnel-followers = تابعوا القناة
analytics-funnel-subscribers = اشتركوا
analytics-donations = التبرعات
analytics-no-donations = لم تصل أي تبرعات خلال هذا البث.
analytics-raids = { $count ->
    [zero] لا غارات (المشاهدون الوافدون: { $viewers })
    [one] غارة واحدة جلبت { $viewers } من المشاهدين
    [two] غارتان جلبتا { $viewers } من المشاهدين
    [few] { $count } غارات جلبت { $viewers } من المشاهدين
    [many] { $count } غارة جلبت { $viewers } من المشاهدين
   *[other] { $count } غارة جلبت { $viewers } من المشاهدين
}
analytics-clips = { $count ->
    [zero] لا مقاطع
    [one] مقطع واحد
    [two] مقطعان
    [few] { $count } مقاطع
    [many] { $count } مقطعًا
   *[other] { $count } مقطع
}
analytics-sources = مصادر الزيارات
analytics-devices = الأجهزة
analytics-countries = البلدان
analytics-hidden = { $count ->
    [zero] لا مشاهدين ضمن مجموعات تضم أقل من 5
    [one] مشاهد واحد ضمن مجموعات تضم أقل من 5، لا تُعرض
    [two] مشاهدان ضمن مجموعات تضم أقل من 5، لا تُعرض
    [few] { $count } مشاهدين ضمن مجموعات تضم أقل من 5، لا تُعرض
    [many] { $count } مشاهدًا ضمن مجموعات تضم أقل من 5، لا تُعرض
   *[other] { $count } مشاهد ضمن مجموعات تضم أقل من 5، لا تُعرض
}
analytics-empty-breakdown = لا توجد بعد مجموعة تضم 5 مشاهدين.
analytics-privacy = يتم العدّ دون ملفات تعريف الارتباط؛ ولا يُحتسب المشاهدون الذين يطلبون عدم تتبّعهم (Do Not Track، Global Privacy Control).
source-following = القنوات المتابَعة
source-directory = التصفّح
source-search = البحث
source-recommendations = المقترحات
source-raid = الغارات
source-push = الإشعارات
source-discord = Discord
source-embed = المشغّل المضمَّن
source-external = مواقع أخرى
source-direct = الوصول المباشر
device-phone = الهاتف
device-tablet = الجهاز اللوحي
device-desktop = الكمبيوتر
device-tv = التلفزيون
device-app = تطبيق أو مشغّل
country-unknown = غير معروف
analytics-percent = { $value }٪
platform-title = إحصاءات المنصة
platform-link = إحصاءات المنصة
platform-date = حتى { $date } (UTC)
platform-dau = نشطون اليوم
platform-wau = نشطون هذا الأسبوع
platform-mau = نشطون خلال 30 يومًا
platform-stickiness = معدل الولاء (اليوم ÷ 30 يومًا)
platform-new = مشاهدون جدد خلال 30 يومًا
platform-churn = معدل التسرّب (نشطون في الـ30 يومًا السابقة فقط)
platform-dau-chart = المشاهدون النشطون يوميًا، 30 يومًا
platform-day-viewers = { $date }: { $count ->
    [zero] لا مشاهدين
    [one] مشاهد واحد
    [two] مشاهدان
    [few] { $count } مشاهدين
    [many] { $count } مشاهدًا
   *[other] { $count } مشاهد
}
platform-cohorts = مجموعات الاحتفاظ الأسبوعية
platform-cohort-week = أول زيارة، أسبوع
platform-cohort-size = المشاهدون
platform-cohort-after = الأسبوع { $week }
platform-revenue = الإيرادات (التبرعات)
platform-currency = العملة
platform-revenue-day = اليوم
platform-revenue-week = 7 أيام
platform-revenue-month = 30 يومًا
platform-arpu = لكل مشاهد نشط
platform-no-revenue = لا توجد تبرعات خلال 30 يومًا.
platform-by-region = الإيرادات حسب المنطقة، 30 يومًا
platform-by-tier = الإيرادات حسب فئة صانع المحتوى، 30 يومًا
tier-small = صغير (أقل من 100 متابع)
tier-growing = صاعد (أقل من 1,000)
tier-established = راسخ (أقل من 10,000)
tier-top = الأعلى (10,000 فأكثر)
platform-creators = صنّاع المحتوى
platform-creators-active = بثّوا خلال 30 يومًا
platform-creators-new = أول بث خلال 30 يومًا
platform-creators-live = مباشر الآن
platform-categories = الفئات حسب دقائق المشاهدة، 30 يومًا
platform-no-category = بلا فئة
platform-category-row = { $category }: { $minutes } من دقائق المشاهدة، { $growth }
platform-growth-new = جديد
platform-no-categories = لم ينتهِ أي بث خلال 30 يومًا.
platform-countries = المشاهدون حسب البلد، 30 يومًا
platform-live = مباشر الآن، الأسرع نموًا أولًا
platform-live-row = { $viewers } من المشاهدين الآن، { $recent } في آخر 10 دقائق ({ $growth })
platform-no-live = لا أحد يبث مباشرةً.
platform-health = حالة النظام
platform-uptime = يعمل منذ { $duration }
platform-requests = الطلبات
platform-errors = أخطاء الخادم
platform-latency = زمن الاستجابة p50 / p99
platform-latency-value = { $p50 } ms / { $p99 } ms
platform-route = المسار
platform-live-streams = البثوث المستقبَلة
platform-chat-rate = رسائل الدردشة في آخر دقيقة
platform-webhook-backlog = عمليات تسليم في الانتظار
platform-dropped = صفوف إحصاءات مُهمَلة
platform-recs = المقترحات، 7 أيام
platform-recs-model = النموذج { $version }، تم تدريبه في { $date } على { $viewers } من المشاهدين و{ $channels } من القنوات خلال { $ms } ms
platform-recs-no-model = لم يُدرَّب أي نموذج بعد.
platform-recs-none = لم تُعرض أي مقترحات بعد.
platform-recs-variant = الصيغة
platform-recs-impressions = مرات الظهور
platform-recs-clicks = النقرات
platform-recs-ctr = نسبة النقر إلى الظهور
platform-recs-watch = دقائق المشاهدة لكل نقرة
platform-privacy = يُحتسب المشاهدون باسم مستعار (حساب مسجَّل الدخول أو متصفح واحد)؛ ولا تُعرض البلدان التي تضم أقل من 5 مشاهدين.

# Channel analytics over a range of days (/dashboard/analytics/channel)
channel-analytics-title = إحصاءات القناة
channel-analytics-link = إحصاءات القناة
channel-analytics-from = من
channel-analytics-to = إلى
channel-analytics-show = عرض
channel-analytics-range = من { $from } إلى { $to }
channel-analytics-last-days = { $count ->
    [zero] آخر { $count } يوم
    [one] اليوم
    [two] آخر يومين
    [few] آخر { $count } أيام
    [many] آخر { $count } يومًا
   *[other] آخر { $count } يوم
}
channel-analytics-growth = { $percent } مقارنةً بالفترة السابقة
channel-analytics-live-minutes = دقائق البث المباشر
channel-analytics-unique-chart = المشاهدون الفريدون يوميًا
channel-analytics-watched-chart = دقائق المشاهدة يوميًا
channel-analytics-chat-chart = رسائل الدردشة يوميًا
channel-analytics-day-value = { $date }: { $value }
channel-analytics-days = يومًا بيوم
channel-analytics-day = اليوم
channel-analytics-no-donations = لا توجد تبرعات خلال هذه الأيام.
channel-analytics-bad-date = تُكتب التواريخ أيامًا بالشكل 2026-11-30. تُعرض بدلًا من ذلك آخر 28 يومًا.
channel-analytics-future = لا يمكن أن تنتهي الفترة بعد اليوم. تُعرض بدلًا من ذلك آخر 28 يومًا.
channel-analytics-bad-range = يجب أن تكون البداية في يوم النهاية أو قبله، وألا يزيد الفارق بينهما على { $days } يومًا. تُعرض بدلًا من ذلك آخر 28 يومًا.

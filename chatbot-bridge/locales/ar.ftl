# الردود المدمجة لروبوت الدردشة بالعربية. $(user) متغيّر خاص بالروبوت (اسم كاتب الرسالة في الدردشة)،
# ويبقى كما هو في كل اللغات.

# النقاط
points-balance = لدى { $user } { $points } { $name }، ومدة المشاهدة: { $watched }.
points-gave = تم تحويل { $amount } { $name } من @{ $who } إلى { $to }.
points-too-few = @{ $who } -> ليس لديك { $amount } { $name }.
points-give-usage = @{ $who } -> الاستخدام: !give <المستخدم> <الكمية> (عدد موجب، لشخص آخر)
points-nobody = لا أحد يملك أي { $name } حتى الآن.
points-top = الأعلى رصيدًا من { $name }: { $list }
# اسم النقاط عندما لا تحدد الإعدادات اسمًا، بالصيغة المناسبة لـ{ $count }.
points-unit = { $count ->
    [zero] نقطة
    [one] نقطة
    [two] نقطتان
    [few] نقاط
    [many] نقطة
   *[other] نقطة
}

# المدد الزمنية («يومان 3 ساعات»)، تفصل بينها مسافات
span-days = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
span-hours = { $count ->
    [zero] { $count } ساعة
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $count } ساعات
    [many] { $count } ساعة
   *[other] { $count } ساعة
}
span-minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
span-seconds = { $count ->
    [zero] { $count } ثانية
    [one] ثانية واحدة
    [two] ثانيتان
    [few] { $count } ثوانٍ
    [many] { $count } ثانية
   *[other] { $count } ثانية
}

# السحوبات
giveaway-started-keyword = بدأ السحب! للمشاركة اكتب { $keyword } أو !giveaway enter.
giveaway-started = بدأ السحب! للمشاركة اكتب !giveaway enter.
giveaway-winner = الفوز من نصيب @{ $winner } (عدد المشاركين: { $count })! تهانينا!
giveaway-nobody = لم يشارك أحد في السحب.
giveaway-entered = @{ $who } -> تم تسجيل مشاركتك!
giveaway-already = @{ $who } -> مشاركتك مسجّلة بالفعل.
giveaway-closed = @{ $who } -> لا يوجد سحب جارٍ الآن.
giveaway-full = @{ $who } -> اكتمل عدد المشاركين في السحب.
giveaway-usage-mod = @{ $who } -> الاستخدام: !giveaway start [كلمة مفتاحية] | enter | draw
giveaway-usage = @{ $who } -> الاستخدام: !giveaway enter

# الاقتباسات
quote-added = تمت إضافة الاقتباس #{ $number }.
quote-deleted = تم حذف الاقتباس #{ $number }.
quote-missing = لا يوجد اقتباس #{ $number }.
quote-mods-only = @{ $who } -> تعديل الاقتباسات للمشرفين فقط.
quote-none = لا توجد اقتباسات بعد؛ يضيفها المشرفون بالأمر !quote add <النص>.
quote-usage = @{ $who } -> الاستخدام: !quote [الرقم] | add <النص> | delete <الرقم>
quote-add-usage = @{ $who } -> الاستخدام: !quote add <النص، حتى 300 حرف>
quote-delete-usage = @{ $who } -> الاستخدام: !quote delete <الرقم>

# طلبات الأغاني
songs-level = @{ $who } -> طلب الأغاني متاح لفئة { $level ->
    [subscriber] المشتركين
    [regular] المشاهدين الدائمين
    [vip] VIP
    [moderator] المشرفين
    [owner] صانع المحتوى
   *[other] { $level }
} فما فوق.
songs-usage = @{ $who } -> الاستخدام: !sr <رابط YouTube أو SoundCloud، أو كلمات البحث>
songs-bad-youtube-id = @{ $who } -> رابط YouTube هذا لا يحتوي على معرّف فيديو صالح.
songs-no-youtube-video = @{ $who } -> لا يوجد فيديو في رابط YouTube هذا.
songs-not-soundcloud-track = @{ $who } -> رابط SoundCloud هذا ليس لمقطوعة.
songs-only-youtube-soundcloud = @{ $who } -> يمكن طلب روابط YouTube وSoundCloud فقط.
songs-full = @{ $who } -> قائمة الانتظار ممتلئة (الحد الأقصى: { $count }).
songs-yours-full = @{ $who } -> لديك بالفعل الحد الأقصى من الأغاني في قائمة الانتظار ({ $count }).
songs-duplicate = @{ $who } -> هذه الأغنية موجودة بالفعل في قائمة الانتظار.
songs-added = @{ $who } -> تمت إضافة «{ $title }» إلى قائمة الانتظار في المركز #{ $position }.
songs-empty = قائمة انتظار الأغاني فارغة.
songs-list = { $count ->
    [zero] { $count } أغنية: { $list }
    [one] أغنية واحدة: { $list }
    [two] أغنيتان: { $list }
    [few] { $count } أغانٍ: { $list }
    [many] { $count } أغنية: { $list }
   *[other] { $count } أغنية: { $list }
}
songs-now = قيد التشغيل الآن: { $title } (بطلب من { $user })
songs-nothing = لا شيء قيد التشغيل.
songs-skipped = تم التخطي. قيد التشغيل الآن: { $title }
songs-skipped-empty = تم التخطي. قائمة الانتظار فارغة.
songs-removed = @{ $who } -> تمت إزالة «{ $title }» من قائمة الانتظار.
songs-none-yours = @{ $who } -> ليست لديك أغانٍ في قائمة الانتظار.

# الإشراف
permit = @{ $user } -> يمكنك نشر رابط واحد خلال الـ60 ثانية القادمة.
permit-usage = @{ $who } -> الاستخدام: !permit <المستخدم>
regular-added = @{ $who } -> تمت إضافة { $user } إلى قائمة المشاهدين الدائمين.
regular-removed = @{ $who } -> تمت إزالة { $user } من قائمة المشاهدين الدائمين.
regulars-usage = @{ $who } -> الاستخدام: !regulars add|remove <المستخدم>

# أوامر !
command-added = @{ $who } -> تمت إضافة الأمر «{ $name }» بنجاح.
command-edited = @{ $who } -> تم تعديل الأمر «{ $name }» بنجاح.
command-deleted = @{ $who } -> تم حذف الأمر «{ $name }» بنجاح.
command-refused = @{ $who } -> { $reason }

# تحذيرات فلاتر الرسائل المزعجة (نصوص افتراضية؛ يمكن للإعدادات تحديد نصوصها الخاصة)
filter-links = $(user) -> يُرجى الاستئذان قبل نشر الروابط.
filter-caps = $(user) -> يُرجى التقليل من الأحرف الكبيرة.
filter-symbols = $(user) -> رموز كثيرة جدًا.
filter-repetitions = $(user) -> يُرجى عدم تكرار الرسائل.
filter-emotes = $(user) -> رموز تعبيرية كثيرة جدًا.
filter-blacklist = $(user) -> هذه العبارة غير مسموح بها هنا.

# إدارة الأوامر المخصّصة (!commands add|edit|delete، !addcom، !editcom، !delcom).
# الصيغة (add، edit، delete، -ul=، -cd=، -a=، أسماء مستويات المستخدمين) واحدة
# في كل اللغات: تبقى كما هي.
manage-added = تمت إضافة الأمر «{ $name }» بنجاح.
manage-edited = تم تعديل الأمر «{ $name }» بنجاح.
manage-deleted = تم حذف الأمر «{ $name }» بنجاح.
manage-mods-only = إدارة الأوامر للمشرفين فقط
manage-exists = الأمر { $name } موجود بالفعل؛ يُرجى استخدام !commands edit
manage-missing = الأمر { $name } غير موجود
manage-alias-loop = السلسلة { $chain } ستعود في حلقة إلى { $name }
manage-alias-depth = الحد الأقصى لسلاسل الأسماء المستعارة هو { $max }
manage-not-a-name = «{ $name }» ليس اسم أمر
manage-unknown-action = إجراء غير معروف «{ $action }»: يُرجى استخدام add أو edit أو delete
manage-usage = الاستخدام: !commands add|edit|delete !name [-ul=المستوى] [-cd=الثواني] [-a=!أمر_آخر] الرد
manage-which = أي أمر؟ مثال: !commands add !discord انضموا إلينا على …
manage-unknown-level = مستوى مستخدم غير معروف «{ $level }»: يُرجى استخدام owner أو moderator أو vip أو regular أو subscriber أو everyone
manage-cooldown-not-a-number = فترة الانتظار «{ $value }» ليست عددًا من الثواني
manage-cooldown-range = يجب أن تكون فترة الانتظار بين { $min } و{ $max ->
    [few] { $max } ثوانٍ
   *[other] { $max } ثانية
}
manage-unknown-flag = خيار غير معروف «{ $flag }»: يُرجى استخدام -ul= أو -cd= أو -a=
manage-too-long = الرد أطول من { $max } حرف
manage-self-alias = لا يمكن أن يكون الأمر { $name } اسمًا مستعارًا لنفسه
manage-needs-response = الأمر { $name } يحتاج إلى رد
manage-nothing-to-change = لا شيء لتغييره في الأمر { $name }
manage-delete-extra = يقبل delete اسم الأمر فقط

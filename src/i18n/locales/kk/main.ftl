# Ahual: қазақша хабарламалар. Кілттер kk, ru және en тілдеріне ортақ; тест олардың сәйкестігін тексереді.

## Layout
skip-to-content = Негізгі мазмұнға өту
nav-main = Басты мәзір
nav-language = Тіл
nav-admin-home = Шолу
nav-schools = Мектептер
nav-users = Пайдаланушылар
nav-settings = Баптаулар
nav-centre-home = Орталық
nav-school-home = Менің мектебім
nav-classes = Сыныптар
nav-password = Құпиясөз
signed-in-as = Сіз { $name } ретінде кірдіңіз
sign-out = Шығу
privacy-link = Жауаптар қалай қорғалады

## Start and sign-in
start-title = Ahual: мектептегі ахуал туралы сауалнама
start-intro = Ahual мектептерге оқушылардың мектепте өздерін қалай сезінетінін анонимді түрде білуге, ал өңірлік психологиялық қолдау орталығына қолдау қажет сыныпқа дер кезінде көмектесуге мүмкіндік береді.
start-staff-sign-in = Мамандар үшін кіру
sign-in-title = Мамандар үшін кіру
sign-in-intro = Мектеп психологтары, орталық қызметкерлері және әкімшілер үшін. Оқушыларға есептік жазба қажет емес.
sign-in = Кіру
sign-in-wrong = Логин немесе құпиясөз қате.
sign-in-locked = Сәтсіз әрекеттер тым көп болды. Бұл логинмен кіру 15 минутқа бұғатталды.
field-login = Логин
field-password = Құпиясөз

## Errors
error-title-not-found = Бет табылмады
error-title-forbidden = Кіруге рұқсат жоқ
error-title-bad-request = Сұрауды өңдеу мүмкін болмады
error-title-conflict = Мұны қазір орындау мүмкін емес
error-title-too-large = Деректер тым көп
error-title-internal = Бірдеңе дұрыс болмады
error-not-found = Мұндай бет жоқ немесе оған кіруге рұқсатыңыз жоқ.
error-forbidden = Сіздің рөліңіз бұл бетке кіруге рұқсат бермейді.
error-sign-in-required = Жүйеге кіріңіз.
error-form-expired = Форманың мерзімі өтіп кетті. Артқа оралып, бетті жаңартыңыз да, қайталап көріңіз.
error-bad-request = Жіберілген деректерді түсіну мүмкін болмады.
error-too-large = Жіберілген деректер тым көп.
error-internal = Біздің жақта қате шықты. Кейінірек қайталап көріңіз.
error-back-home = Басты бетке оралу

## Forms
form-has-problems = Төменде белгіленген өрістерді түзетіңіз.
action-create = Құру
action-save = Сақтау
action-set-password = Құпиясөз орнату
action-change-password = Құпиясөзді ауыстыру
choose-region = Өңірді таңдаңыз
choose-school = Мектепті таңдаңыз
invalid-school-code = 2-ден 32-ге дейін таңба: латынның бас әріптері, цифрлар және сызықша.
invalid-class-label = 1-ден 8-ге дейін әріп пен цифр, мысалы 7Ә.
invalid-grade = Сынып деңгейі 5-тен 11-ге дейін болуы керек.
invalid-roll = Оқушылар саны 1-ден 60-қа дейін болуы керек.
invalid-login = 3-тен 40-қа дейін таңба: латын әріптері, цифрлар, нүкте, астыңғы сызық, сызықша.
invalid-email = Бұл электрондық пошта мекенжайы емес.
invalid-name = Бұл өрісті толтырыңыз (200 таңбадан аспауы керек).
invalid-region = Өңірді таңдаңыз.
invalid-school = Мектепті таңдаңыз.
invalid-role = Рөлді таңдаңыз.
password-too-short = Құпиясөз кемінде 10 таңбадан тұруы керек.
password-mismatch = Құпиясөздер сәйкес келмейді.
password-current-wrong = Қазіргі құпиясөз қате.
school-code-taken = Бұл кодпен мектеп бұрыннан тіркелген.
class-label-taken = Бұл мектепте мұндай сынып бұрыннан бар.
login-taken = Бұл логин бұрыннан қолданылып жүр.
cannot-demote-self = Өз рөліңізді өзгертуге немесе өз есептік жазбаңызды тоқтатуға болмайды.
flash-saved = Сақталды.
flash-school-created = Мектеп құрылды.
flash-class-created = Сынып қосылды.
flash-user-created = Есептік жазба құрылды.
flash-password-set = Құпиясөз орнатылды. Осы есептік жазбаның барлық сеанстары аяқталды.
flash-password-changed = Құпиясөзіңіз ауыстырылды.

## Fields and columns
field-school-code = Мектеп коды
field-school-name = Мектептің атауы
field-region = Өңір
field-name-kk = Қазақша атауы
field-name-ru = Орысша атауы
field-name-en = Ағылшынша атауы
field-school = Мектеп
field-role = Рөл
field-display-name = Аты-жөні
field-email = Электрондық пошта
field-initial-password = Бастапқы құпиясөз
field-new-password = Жаңа құпиясөз
field-current-password = Қазіргі құпиясөз
field-repeat-password = Жаңа құпиясөзді қайталаңыз
field-active = Есептік жазба жүйеге кіре алады
field-class-label = Сынып
field-grade = Сынып деңгейі
field-roll = Оқушылар саны
col-classes = Сыныптар
col-pupils = Оқушылар саны
col-scope = Қолжетімділік аясы
col-status = Күйі
col-centre = Орталық
status-active = белсенді
status-disabled = тоқтатылған
role-admin = Әкімші
role-centre-staff = Орталық қызметкері
role-psychologist = Мектеп психологы
scope-deployment = Бүкіл жүйе
user-scope-hint = Орталық қызметкеріне өңір, мектеп психологына мектеп көрсетілуі керек.

## Administration
admin-home-title = Әкімшілік
admin-count-schools = Мектептер
admin-count-classes = Сыныптар
admin-count-users = Есептік жазбалар
schools-title = Мектептер
schools-none = Әзірге мектеп жоқ.
schools-add = Мектеп қосу
users-title = Есептік жазбалар
users-add = Есептік жазба қосу
users-set-password = Жаңа құпиясөз орнату
settings-title = Баптаулар
settings-intro = Бұл мәндер конфигурация файлы мен орта айнымалыларынан алынады; оларды сол жерде өзгертіп, серверді қайта іске қосыңыз.
settings-backend = Дерекқор
settings-k = Топтың ең аз көлемі (k)
settings-public-url = Жария мекенжай
settings-session-hours = Сеанс ұзақтығы, сағат
settings-surveys-dir = Сауалнамалар бумасы
settings-centres = Психологиялық қолдау орталықтары

## Centre and school
centre-region = Өңір: { $region }
centre-schools = Өңірдің мектептері
school-centre = Бұл мектептің жолдамаларын { $centre } қабылдайды.
school-manage-classes = Сыныптарды басқару
classes-title = Сыныптар
classes-none = Әзірге сынып жоқ.
classes-add = Сынып қосу
back-to-classes = Сыныптарға оралу
password-title = Құпиясөзді ауыстыру

## Pupils
pupil-start-title = Мектептегі ахуал туралы сауалнама
pupil-start-intro = Тілді таңда да, мұғалім сыныбыңа берген құпиясөзді енгіз.
pupil-start-anonymous = Сауалнама анонимді: қай жауаптың сенікі екенін ешкім білмейді.
pupil-password = Сыныптың құпиясөзі
pupil-start-button = Бастау
pupil-wrong-password = Бұл құпиясөз жарамайды. Тексеріп, қайта енгізіп көр.
pupil-too-many-attempts = Бұл компьютерден қате құпиясөз тым көп енгізілді. Бір минут күтіп, қайталап көр.
pupil-leave-now = Қазір шығу
pupil-skip = Жауап бергім келмейді
pupil-submit = Жауаптарды жіберу
pupil-thanks-title = Рақмет!
pupil-thanks = Жауаптарың жіберілді. Қатысқаның үшін рақмет.
pupil-next-pupil = Келесі оқушы үшін басына оралу
pupil-back-to-start = Басына оралу
pupil-error-title = Бірдеңе дұрыс болмады
pupil-not-open-title = Сауалнама әлі басталған жоқ
pupil-not-open = Бұл сауалнама әлі басталған жоқ. Қашан басталатынын мұғалімнен сұра.
pupil-closed-title = Сауалнама аяқталды
pupil-closed = Бұл сауалнама аяқталды, сондықтан жауаптар енді қабылданбайды. Бәрібір рақмет!
pupil-full-title = Барлығы жауап берді
pupil-full = Сыныбыңның барлық оқушысы бұл сауалнамаға жауап беріп қойды.
pupil-code-used-title = Бұл код пайдаланылған
pupil-code-used = Бұл код бұрын пайдаланылған. Мұғалімнен жаңасын сұра.
pupil-already-sent-title = Жіберіліп қойған
pupil-already-sent = Бұл жауаптар жіберіліп қойған. Келесі оқушы басынан бастай алады.
pupil-expired-title = Уақыт бітті
pupil-expired = Сауалнама тым ұзақ ашық тұрып, бастапқы күйіне қайтарылды. Басынан қайта баста.
pupil-forged-title = Бұл форма жарамсыз
pupil-forged = Бұл форманы қабылдау мүмкін болмады. Басынан қайта баста.
pupil-bad-answers-title = Жауаптарды оқу мүмкін болмады
pupil-bad-answers = Кейбір жауаптар сұрақтарға сәйкес келмеді, сондықтан ештеңе сақталмады. Басынан қайта баста.

## Help contacts
help-title = Егер көмек керек болса
help-111 = балаларға арналған сенім телефоны, тегін әрі тәулік бойы
help-150 = балалар мен жастарға арналған сенім телефоны, тегін әрі анонимді
help-psychologist = Мектеп психологы: оған кез келген уақытта бара аласың
help-112 = егер саған немесе басқа біреуге дәл қазір қауіп төніп тұрса

## Privacy
privacy-title = Жауаптар қалай қорғалады
privacy-intro = Бұл сауалнама мектепке және өңірлік психологиялық қолдау орталығына оқушылардың мектепте өздерін қалай сезінетінін білуге және қажет жерде көмектесуге мүмкіндік береді. Ол сенің не жауап бергеніңді ешкім біле алмайтындай етіп жасалған.
privacy-stored-title = Не сақталады
privacy-stored-answers = Сұрақтарға берген жауаптарың (кез келген сұрақты өткізіп жіберуге болады).
privacy-stored-class = Жауаптар қай сыныпқа және қай сауалнамаға қатысты екені.
privacy-stored-date = Жауаптар жіберілген күн және сауалнаманың тілі.
privacy-never-title = Ешқашан не сақталмайды
privacy-never-name = Сенің атың және сенің кім екеніңді көрсететін басқа ештеңе. Есептік жазба ашылмайды.
privacy-never-device = Компьютер, оның интернет мекенжайы және браузері. Сұрау туралы ештеңе журналға жазылмайды.
privacy-never-time = Жауап берген нақты уақытың және оқушылардың қандай ретпен жауап бергені.
privacy-never-skip = Сұрақты әрқашан өткізіп жіберуге болады, бұл ештеңеге әсер етпейді.
privacy-who-title = Кім нені көреді
privacy-who-school = Мектеп психологы кемінде { $k } оқушыдан тұратын топтардың жалпы қорытындысын ғана, тек сауалнама аяқталғаннан кейін көреді: мысалы, сыныптың қанша бөлігі өзін қорлағанын айтатынын.
privacy-who-centre = Өңірлік психологиялық қолдау орталығы өңір мектептері бойынша осындай қорытындыларды көреді, сонда қолдау қажет сыныпқа көмектесе алады.
privacy-who-nobody = Бір оқушының жауаптарын ешкім — мұғалім де, ата-ана да, психолог та, әкімші де — көре алмайды. Оларды көрсететін бет те, файл да жоқ.
privacy-why-title = Неліктен жауапты сенімен байланыстыру мүмкін емес
privacy-why-k = { $k } оқушыдан аз топ туралы ешқандай сан көрсетілмейді.
privacy-why-subtraction = Шағын топты азайту арқылы есептеп шығаруға мүмкіндік беретін сандар да жасырылады.
privacy-why-rounding = Пайыздар дөңгелектенеді, ал «ешкім» немесе «барлығы» ешқашан дәл көрсетілмейді, сондықтан бір сан бір оқушының не жауап бергенін айтпайды.
privacy-why-open = Сауалнама жүріп жатқанда қызметкерлер жауап бергендердің шамамен санын ғана көреді.
privacy-why-audit = Қызметкерлердің сандарды әр қарауы тіркеледі.

## Waves
nav-waves = Сауалнамалар
waves-title = Сауалнама толқындары
waves-open-new = Сауалнама толқынын ашу
waves-none = Әзірге сауалнама толқыны жоқ.
waves-open-intro = Сауалнаманы, сыныптарды және күндерді таңдаңыз. Әр сынып өз құпиясөзін, не әр оқушы бір реттік кодын алады. Олар ашылған бойда бір-ақ рет көрсетіледі: оларды басып шығарыңыз.
waves-open-button = Толқынды ашып, құпиясөздерді көрсету
col-instrument = Сауалнама
col-dates = Күндері
col-participation = Жауаптар
field-instrument = Сауалнама
field-classes = Сыныптар
class-roll = { $roll } оқушы
field-opens-on = Бірінші күні
field-closes-on = Соңғы күні
field-access-mode = Кіру тәсілі
mode-password = Әр сыныпқа бір құпиясөз
mode-codes = Әр оқушыға бір реттік код
invalid-date = Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз.
wave-closes-before-opens = Соңғы күн бірінші күннен бұрын болмауы керек.
wave-closes-in-past = Соңғы күн өтіп кетті.
wave-too-long = Толқын 92 күннен аспауы керек.
wave-choose-classes = Мектебіңіздің кемінде бір сыныбын таңдаңыз.
wave-choose-mode = Оқушылардың кіру тәсілін таңдаңыз.
wave-choose-instrument = Сауалнаманы таңдаңыз.
wave-already-opened = Бұл толқын ашылып қойған; оның құпиясөздері бір рет көрсетілді. Күйін көру үшін толқынның бетін ашыңыз.
wave-already-closed = Бұл толқын жабылып қойған.
flash-wave-closed = Толқын жабылды. Оқушылар енді жауап бере алмайды.
wave-dates = { $from } – { $to }
wave-status-scheduled = әлі басталмаған
wave-status-open = жүріп жатыр
wave-status-closed = жабылған
wave-school-participation = Мектеп бойынша жауаптар
wave-closed-figures = Бұл толқын жабылған. Оның сандары кемінде k оқушыдан тұратын топтар үшін көрсеткіштер тақтасында шығады.
wave-open-bands = Толқын жүріп жатқанда жауаптардың саны ғана, аралықпен көрсетіледі, сонда жауаптардың түсуін ешкім бақылай алмайды.
wave-close-button = Толқынды қазір жабу
secrets-title = Сыныптардың құпиясөздері
secrets-shown-once = Бұл құпиясөздер тек қазір көрсетіледі. Беттен кетпес бұрын оны басып шығарыңыз.
secrets-to-wave = Толқын бетіне өту
secrets-how = Оқушылар мектеп компьютерінде { $address } мекенжайын ашып, тілді таңдайды да, мынаны енгізеді:
secrets-class-password = Сыныптың құпиясөзі:
secrets-codes-intro = Парақты жолақтарға қиып, әр оқушыға біреуден беріңіз. Әр код бір рет жарайды.

## Figures
figures-title = Көрсеткіштер
figures-rules = Кемінде { $k } жауап берушісі бар топтар ғана көрсетіледі; шағын топты азайту арқылы есептеп шығаруға болмас үшін қалғандары жасырылады. Пайыздар дөңгелектенген, жақша ішінде — 95% сенім аралығы.
figures-school = Бүкіл мектеп
figures-indicators-caption = Әр көрсеткіш бойынша жауап бергендердің үлесі
figures-indicator = Көрсеткіш
figures-respondents = Жауап бергендер
figures-acute = «Дәл қазір» жауабы (жедел қауіп)
figures-acute-none = жоқ
figures-nothing-released = Бұл толқынның бірде-бір тобы сандарды көрсету үшін жеткілікті үлкен емес.
figures-withheld = Көрсетілмеген: { $classes } (жауап бергендер тым аз немесе шағын сыныпты қорғау үшін жасырылған).
figures-distributions = Мектеп бойынша жауаптар
figures-export = Көрсеткіштерді жүктеп алу (CSV)
figures-preparing = Толқын жабылды, көрсеткіштер дайындалып жатыр. Бір минуттан кейін бетті жаңартыңыз.
figures-not-yet = Көрсеткіштер толқын жабылғаннан кейін ғана шығады.
figures-chart-desc = Көрсетілген әр сынып үлесімен және 95% аралығымен; сызық — бүкіл мектеп.
figures-funnel-title = Шұңқыр тәрізді график
figures-funnel-desc = Әр сыныптың үлесі жауап бергендер санына қарай, тірек мәннің айналасында кездейсоқ күтілетін шекаралармен.
figures-funnel-baseline = тірек мән
figures-funnel-95 = 95% шекаралары
figures-funnel-998 = 99,8% шекаралары
figures-funnel-above = 99,8% шекарасынан жоғары
figures-bars-desc = Мектеп бойынша әр жауапты таңдағандардың үлесі.
figures-distributions-table = Сол жауаптар кесте түрінде
centre-waves-title = Өңірдегі сауалнама толқындары

## API token
nav-api-token = API
api-token-title = API токені
api-token-intro = Скрипттер мен кестелер дәл сол жарияланған көрсеткіштерді жеке токен арқылы JSON API-ден оқи алады (Authorization: Bearer …). API сипаттамасы —
api-token-shown-once = Токенді қазір көшіріп алыңыз: ол бір-ақ рет көрсетіледі. Оны иеленген кез келген адам сіз көретінді көреді.
api-token-exists = Сізде токен бар. Жаңасын жасасаңыз, ол ескісін ауыстырады.
api-token-none = Сізде әлі токен жоқ.
api-token-create = Жаңа токен жасау
api-token-revoke = Токенді кері қайтарып алу
figures-trends = Толқындар бойынша өзгеріс
figures-trend-desc = Мектеп көрсеткіштері жарияланған сол сауалнаманың әр толқынындағы бүкіл мектеп бойынша үлес.
nav-region = Өңір
region-whole = Бүкіл өңір
region-intro = Әр мектептегі осы сауалнаманың соңғы жабылған толқыны, мектеп бетіндегідей ережелермен бірге көрсетілген.
region-withheld = Көрсетілмеген мектептер: { $schools } (жауап бергендер тым аз немесе шағын мектепті қорғау үшін жасырылған).
figures-funnel-choose = Шұңқыр тәрізді график көрсеткіші

## Referrals
referral-transition-not-allowed = Жолдаманың қазіргі күйінен бұл қадам мүмкін емес.
referral-outcome-required = Жолдаманы жабу үшін нәтижесін көрсетіңіз.
referral-reason-required = «Шара қажет емес» нәтижесі үшін себебін көрсетіңіз.
notice-subject = Ahual жүйесінде жаңа жолдама
notice-body = Орталықтың кіріс жәшігінде { $school } бойынша жаңа жолдама күтіп тұр. Ашу үшін жүйеге кіріңіз: { $link }

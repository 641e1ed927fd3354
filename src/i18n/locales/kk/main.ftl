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
privacy-link = Жауаптарыңыз қалай қорғалады

## Start and sign-in
start-title = Ahual: мектептегі ахуал туралы сауалнама
start-intro = Ahual мектептерге оқушылардың мектепте өздерін қалай сезінетінін анонимді түрде білуге, ал өңірлік психологиялық қолдау орталығына қолдау қажет сыныпқа дер кезінде көмектесуге мүмкіндік береді.
start-staff-sign-in = Мамандарға арналған кіру
sign-in-title = Мамандарға арналған кіру
sign-in-intro = Мектеп психологтары, орталық қызметкерлері және әкімшілер үшін. Оқушыларға есептік жазба қажет емес.
sign-in = Кіру
sign-in-wrong = Логин немесе құпиясөз қате.
sign-in-locked = Сәтсіз әрекеттер тым көп болды. Бұл логинмен кіру 15 минутқа бұғатталды.
field-login = Логин
field-password = Құпиясөз

## Errors
error-title-not-found = Бет табылмады
error-title-forbidden = Қолжетімділік жоқ
error-title-bad-request = Сұрауды өңдеу мүмкін болмады
error-title-conflict = Мұны қазір орындау мүмкін емес
error-title-too-large = Деректер тым көп
error-title-internal = Бірдеңе дұрыс болмады
error-not-found = Мұндай бет жоқ немесе сізде оған қолжетімділік жоқ.
error-forbidden = Сіздің рөліңіз бұл бетке кіруге рұқсат бермейді.
error-sign-in-required = Жүйеге кіріңіз.
error-form-expired = Форманың мерзімі өтіп кетті. Артқа оралып, бетті жаңартыңыз да, қайталап көріңіз.
error-bad-request = Жіберілген деректерді түсіну мүмкін болмады.
error-too-large = Жіберілген деректер тым көп.
error-internal = Біз тарапта қате орын алды. Кейінірек қайталап көріңіз.
error-back-home = Басты бетке оралу

## Forms
form-has-problems = Төменде белгіленген өрістерді түзетіңіз.
action-create = Құру
action-save = Сақтау
action-set-password = Құпиясөз орнату
action-change-password = Құпиясөзді ауыстыру
choose-region = Өңірді таңдаңыз
choose-school = Мектепті таңдаңыз
invalid-school-code = 2-ден 32-ге дейін таңба: бас латын әріптері, сандар және сызықша.
invalid-class-label = 1-ден 8-ге дейін әріп пен сан, мысалы 7Ә.
invalid-grade = Сынып 5-тен 11-ге дейін болуы керек.
invalid-roll = Оқушылар саны 1-ден 60-қа дейін болуы керек.
invalid-login = 3-тен 40-қа дейін таңба: латын әріптері, сандар, нүкте, астыңғы сызық, сызықша.
invalid-email = Бұл электрондық пошта мекенжайы емес.
invalid-name = Бұл өрісті толтырыңыз (200 таңбадан аспауы керек).
invalid-region = Өңірді таңдаңыз.
invalid-school = Мектепті таңдаңыз.
invalid-role = Рөлді таңдаңыз.
password-too-short = Құпиясөз кемінде 10 таңбадан тұруы керек.
password-mismatch = Құпиясөздер сәйкес келмейді.
password-current-wrong = Қазіргі құпиясөз қате.
school-code-taken = Бұл кодпен мектеп бұрыннан бар.
class-label-taken = Бұл мектепте осындай атаулы сынып бұрыннан бар.
login-taken = Бұл логин бос емес.
cannot-demote-self = Өз рөліңізді өзгертуге немесе өз есептік жазбаңызды өшіруге болмайды.
flash-saved = Сақталды.
flash-school-created = Мектеп құрылды.
flash-class-created = Сынып қосылды.
flash-user-created = Есептік жазба құрылды.
flash-password-set = Құпиясөз орнатылды. Осы есептік жазбаның барлық сеанстары аяқталды.
flash-password-changed = Құпиясөзіңіз өзгертілді.

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
field-roll = Оқушылар
col-classes = Сыныптар
col-pupils = Оқушылар
col-scope = Қолжетімділік аясы
col-status = Күйі
col-centre = Орталық
status-active = белсенді
status-disabled = өшірілген
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
school-centre = Бұл мектептің жолданымдары мына орталыққа түседі: { $centre }.
school-manage-classes = Сыныптарды басқару
classes-title = Сыныптар
classes-none = Әзірге сынып жоқ.
classes-add = Сынып қосу
back-to-classes = Сыныптарға оралу
password-title = Құпиясөзді ауыстыру

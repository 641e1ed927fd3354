# Ahual: сообщения на русском. Ключи общие для kk, ru и en; тест следит, чтобы они совпадали.

## Layout
skip-to-content = Перейти к содержанию
nav-main = Главное меню
nav-language = Язык
nav-admin-home = Обзор
nav-schools = Школы
nav-users = Пользователи
nav-settings = Настройки
nav-centre-home = Центр
nav-school-home = Моя школа
nav-classes = Классы
nav-password = Пароль
signed-in-as = Вы вошли как { $name }
sign-out = Выйти
privacy-link = Как защищены ответы

## Start and sign-in
start-title = Ahual: опрос о школьном климате
start-intro = Ahual помогает школам анонимно узнать, как ученики чувствуют себя в школе, а региональному центру психологической поддержки — вовремя помочь классу, которому нужна поддержка.
start-staff-sign-in = Вход для специалистов
sign-in-title = Вход для специалистов
sign-in-intro = Для школьных психологов, сотрудников центра и администраторов. Ученикам учётная запись не нужна.
sign-in = Войти
sign-in-wrong = Неверный логин или пароль.
sign-in-locked = Слишком много неудачных попыток. Вход с этим логином заблокирован на 15 минут.
field-login = Логин
field-password = Пароль

## Errors
error-title-not-found = Страница не найдена
error-title-forbidden = Доступ запрещён
error-title-bad-request = Запрос не удалось обработать
error-title-conflict = Сейчас это сделать нельзя
error-title-too-large = Слишком много данных
error-title-internal = Что-то пошло не так
error-not-found = Такой страницы нет или у вас нет к ней доступа.
error-forbidden = Ваша роль не даёт доступа к этой странице.
error-sign-in-required = Пожалуйста, войдите в систему.
error-form-expired = Срок действия формы истёк. Вернитесь назад, обновите страницу и попробуйте ещё раз.
error-bad-request = Не удалось разобрать отправленные данные.
error-too-large = Отправлено слишком много данных.
error-internal = На нашей стороне произошла ошибка. Попробуйте позже.
error-back-home = На главную страницу

## Forms
form-has-problems = Исправьте, пожалуйста, отмеченные ниже поля.
action-create = Создать
action-save = Сохранить
action-set-password = Задать пароль
action-change-password = Сменить пароль
choose-region = Выберите регион
choose-school = Выберите школу
invalid-school-code = От 2 до 32 символов: заглавные латинские буквы, цифры и дефис.
invalid-class-label = От 1 до 8 букв и цифр, например 7А.
invalid-grade = Параллель — от 5 до 11.
invalid-roll = Число учеников должно быть от 1 до 60.
invalid-login = От 3 до 40 символов: латинские буквы, цифры, точка, подчёркивание, дефис.
invalid-email = Это не адрес электронной почты.
invalid-name = Заполните это поле (не более 200 символов).
invalid-region = Выберите регион.
invalid-school = Выберите школу.
invalid-role = Выберите роль.
password-too-short = Пароль должен содержать не меньше 10 символов.
password-mismatch = Пароли не совпадают.
password-current-wrong = Текущий пароль указан неверно.
school-code-taken = Школа с таким кодом уже есть.
class-label-taken = В этой школе уже есть класс с таким названием.
login-taken = Этот логин уже занят.
cannot-demote-self = Нельзя изменить собственную роль или отключить собственную учётную запись.
flash-saved = Сохранено.
flash-school-created = Школа создана.
flash-class-created = Класс добавлен.
flash-user-created = Учётная запись создана.
flash-password-set = Пароль задан. Все сеансы этой учётной записи завершены.
flash-password-changed = Ваш пароль изменён.

## Fields and columns
field-school-code = Код школы
field-school-name = Название школы
field-region = Регион
field-name-kk = Название на казахском
field-name-ru = Название на русском
field-name-en = Название на английском
field-school = Школа
field-role = Роль
field-display-name = Имя
field-email = Электронная почта
field-initial-password = Начальный пароль
field-new-password = Новый пароль
field-current-password = Текущий пароль
field-repeat-password = Новый пароль ещё раз
field-active = Учётная запись может входить в систему
field-class-label = Класс
field-grade = Параллель
field-roll = Число учеников
col-classes = Число классов
col-pupils = Число учеников
col-scope = Область доступа
col-status = Состояние
col-centre = Центр
status-active = активна
status-disabled = отключена
role-admin = Администратор
role-centre-staff = Сотрудник центра
role-psychologist = Школьный психолог
scope-deployment = Вся система
user-scope-hint = Сотруднику центра нужен регион, школьному психологу — школа.

## Administration
admin-home-title = Администрирование
admin-count-schools = Число школ
admin-count-classes = Число классов
admin-count-users = Число учётных записей
schools-title = Школы
schools-none = Школ пока нет.
schools-add = Добавить школу
users-title = Учётные записи
users-add = Добавить учётную запись
users-set-password = Задать новый пароль
settings-title = Настройки
settings-intro = Эти значения берутся из файла конфигурации и переменных окружения; измените их там и перезапустите сервер.
settings-backend = База данных
settings-k = Минимальный размер группы (k)
settings-public-url = Публичный адрес
settings-session-hours = Длительность сеанса (в часах)
settings-surveys-dir = Папка с анкетами
settings-centres = Центры психологической поддержки

## Centre and school
centre-region = Регион: { $region }
centre-schools = Школы региона
school-centre = Направления из этой школы получает { $centre }.
school-manage-classes = Управление классами
classes-title = Классы
classes-none = Классов пока нет.
classes-add = Добавить класс
back-to-classes = Назад к классам
password-title = Смена пароля

## Pupils
pupil-start-title = Опрос о школьном климате
pupil-start-intro = Выбери язык и введи пароль, который учитель дал вашему классу.
pupil-start-anonymous = Опрос анонимный: никто не узнает, какие ответы твои.
pupil-password = Пароль класса
pupil-start-button = Начать
pupil-wrong-password = Этот пароль не подходит. Проверь его и попробуй ещё раз.
pupil-too-many-attempts = С этого компьютера введено слишком много неверных паролей. Подожди минуту и попробуй снова.
pupil-leave-now = Выйти сейчас
pupil-skip = Не хочу отвечать
pupil-submit = Отправить ответы
pupil-thanks-title = Спасибо!
pupil-thanks = Твои ответы отправлены. Спасибо за участие.
pupil-next-pupil = На начало — для следующего ученика
pupil-back-to-start = На начало
pupil-error-title = Что-то пошло не так
pupil-not-open-title = Опрос ещё не начался
pupil-not-open = Этот опрос ещё не начался. Спроси у учителя, когда он начнётся.
pupil-closed-title = Опрос завершён
pupil-closed = Этот опрос уже закончился, поэтому ответы больше не принимаются. Всё равно спасибо!
pupil-full-title = Все уже ответили
pupil-full = Весь твой класс уже прошёл этот опрос.
pupil-code-used-title = Этот код уже использован
pupil-code-used = Этот код уже использован. Попроси у учителя новый.
pupil-already-sent-title = Уже отправлено
pupil-already-sent = Эти ответы уже отправлены. Следующий ученик может начать сначала.
pupil-expired-title = Время вышло
pupil-expired = Опрос был открыт слишком долго и сброшен. Начни, пожалуйста, заново.
pupil-forged-title = Форма недействительна
pupil-forged = Эту форму не удалось принять. Начни, пожалуйста, сначала.
pupil-bad-answers-title = Ответы не удалось прочитать
pupil-bad-answers = Некоторые ответы не совпали с вопросами, поэтому ничего не сохранено. Начни, пожалуйста, заново.

## Help contacts
help-title = Если нужна помощь
help-111 = телефон доверия для детей, бесплатно и круглосуточно
help-150 = телефон доверия для детей и молодёжи, бесплатно и анонимно
help-psychologist = Школьный психолог: к нему можно прийти в любое время
help-112 = если тебе или кому-то другому прямо сейчас угрожает опасность

## Privacy
privacy-title = Как защищены ответы
privacy-intro = Этот опрос помогает школе и региональному центру психологической поддержки понять, как ученики чувствуют себя в школе, и помочь там, где это нужно. Он устроен так, что никто не может узнать, что ответил именно ты.
privacy-stored-title = Что сохраняется
privacy-stored-answers = Твои ответы на вопросы (любой вопрос можно пропустить).
privacy-stored-class = К какому классу и какому опросу относятся ответы.
privacy-stored-date = День, когда ответы отправлены, и язык опроса.
privacy-never-title = Что не сохраняется никогда
privacy-never-name = Твоё имя и вообще всё, что говорит о том, кто ты. Учётная запись не создаётся.
privacy-never-device = Компьютер, его интернет-адрес и браузер. В журналы ничего о запросе не записывается.
privacy-never-time = Точное время ответа и то, в каком порядке отвечали ученики.
privacy-never-skip = Пропустить вопрос можно всегда, и это ни на что не влияет.
privacy-who-title = Кто что видит
privacy-who-school = Школьный психолог видит только итоги по группам не меньше чем из { $k } учеников и только после окончания опроса: например, какая доля класса говорит, что её травили.
privacy-who-centre = Региональный центр психологической поддержки видит такие же итоги по школам региона, чтобы помочь классу, которому нужна поддержка.
privacy-who-nobody = Никто — ни учитель, ни родители, ни психолог, ни администратор — не может увидеть ответы одного ученика. Нет ни экрана, ни файла, где они показаны.
privacy-why-title = Почему ответ нельзя связать с тобой
privacy-why-k = Никакие цифры не показываются о группе меньше чем из { $k } учеников.
privacy-why-subtraction = Цифры, по которым маленькую группу можно вычислить вычитанием, тоже скрываются.
privacy-why-rounding = Проценты округляются, а «никто» и «все» никогда не показываются точно, поэтому цифра не говорит, что ответил один ученик.
privacy-why-open = Пока опрос идёт, сотрудники видят только примерное число ответивших.
privacy-why-audit = Каждый просмотр цифр сотрудниками записывается.

## Waves
nav-waves = Опросы
waves-title = Волны опроса
waves-open-new = Открыть волну опроса
waves-none = Волн опроса пока нет.
waves-open-intro = Выберите анкету, классы и даты. Каждый класс получает свой пароль, или каждый ученик — одноразовый код. Они показываются только один раз, сразу после открытия: распечатайте их.
waves-open-button = Открыть волну и показать пароли
col-instrument = Анкета
col-dates = Даты
col-participation = Ответов
field-instrument = Анкета
field-classes = Классы
class-roll = учеников: { $roll }
field-opens-on = Первый день
field-closes-on = Последний день
field-access-mode = Доступ
mode-password = Один пароль на класс
mode-codes = Одноразовый код для каждого ученика
invalid-date = Введите дату в виде ГГГГ-ММ-ДД.
wave-closes-before-opens = Последний день не может быть раньше первого.
wave-closes-in-past = Последний день уже прошёл.
wave-too-long = Волна может длиться не больше 92 дней.
wave-choose-classes = Выберите хотя бы один класс своей школы.
wave-choose-mode = Выберите способ входа для учеников.
wave-choose-instrument = Выберите анкету.
wave-already-opened = Эта волна уже открыта; её пароли были показаны один раз. Откройте страницу волны, чтобы увидеть её состояние.
wave-already-closed = Эта волна уже закрыта.
flash-wave-closed = Волна закрыта. Ученики больше не могут отвечать.
wave-dates = с { $from } по { $to }
wave-status-scheduled = ещё не началась
wave-status-open = идёт
wave-status-closed = закрыта
wave-school-participation = Ответов по школе
wave-closed-figures = Эта волна закрыта. Её цифры появляются на панели показателей для групп не меньше чем из k учеников.
wave-open-bands = Пока волна идёт, показывается только число ответов, диапазонами, чтобы никто не мог следить за поступлением ответов.
wave-close-button = Закрыть волну сейчас
secrets-title = Пароли для классов
secrets-shown-once = Эти пароли показываются только сейчас. Распечатайте страницу, прежде чем уйти с неё.
secrets-to-wave = Перейти на страницу волны
secrets-how = Ученики открывают { $address } на школьном компьютере, выбирают язык и вводят:
secrets-class-password = Пароль класса:
secrets-codes-intro = Разрежьте листок на полоски и дайте каждому ученику по одной. Каждый код действует один раз.

## Figures
figures-title = Показатели
figures-rules = Показываются только группы не меньше чем из { $k } ответивших; остальные скрыты, чтобы маленькую группу нельзя было вычислить вычитанием. Проценты округлены, в скобках — 95% доверительный интервал.
figures-school = Вся школа
figures-indicators-caption = Доля ответивших по каждому показателю
figures-indicator = Показатель
figures-respondents = Ответивших
figures-acute = Ответ «прямо сейчас» (острый риск)
figures-acute-none = нет
figures-nothing-released = Ни одна группа этой волны не достаточно велика, чтобы показать цифры.
figures-withheld = Не показаны: { $classes } (слишком мало ответивших или скрыты, чтобы защитить маленький класс).
figures-distributions = Ответы по школе
figures-export = Скачать показатели (CSV)
figures-preparing = Волна закрыта, показатели готовятся. Обновите страницу через минуту.
figures-not-yet = Показатели появляются только после закрытия волны.
figures-chart-desc = Каждый показанный класс с долей и 95% интервалом; линия — вся школа.
figures-funnel-title = Воронкообразный график
figures-funnel-desc = Доля каждого класса в зависимости от числа ответивших, с границами, ожидаемыми случайно вокруг опорного значения.
figures-funnel-baseline = опорное значение
figures-funnel-95 = границы 95%
figures-funnel-998 = границы 99,8%
figures-funnel-above = выше границы 99,8%
figures-bars-desc = Доля ответивших по школе, выбравших каждый ответ.
figures-distributions-table = Те же ответы в виде таблицы
centre-waves-title = Волны опроса в регионе

## API token
nav-api-token = API
api-token-title = Токен API
api-token-intro = Скрипты и таблицы могут читать те же опубликованные показатели через JSON API с личным токеном (Authorization: Bearer …). Описание API —
api-token-shown-once = Скопируйте токен сейчас: он показывается только один раз. Любой, у кого он есть, видит то же, что и вы.
api-token-exists = У вас есть токен. Новый токен заменит его.
api-token-none = У вас пока нет токена.
api-token-create = Создать новый токен
api-token-revoke = Отозвать токен
figures-trends = Динамика по волнам
figures-trend-desc = Доля по всей школе в каждой волне той же анкеты, в которой показатели школы были опубликованы.
nav-region = Регион
region-whole = Весь регион
region-intro = Последняя закрытая волна этой анкеты в каждой школе, показанные вместе по тем же правилам, что и на странице школы.
region-withheld = Школы, которые не показаны: { $schools } (слишком мало ответивших или скрыты, чтобы защитить маленькую школу).
figures-funnel-choose = Воронкообразный график для

## Referrals
referral-transition-not-allowed = Этот шаг невозможен из текущего состояния направления.
referral-outcome-required = Чтобы закрыть направление, укажите итог.
referral-reason-required = Для итога «без мер» нужна причина.
notice-subject = Новое направление в Ahual
notice-body = Во входящих центра ждёт новое направление по школе { $school }. Войдите, чтобы открыть его: { $link }

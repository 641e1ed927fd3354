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
privacy-link = Как защищены ваши ответы

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
invalid-grade = Класс должен быть от 5 до 11.
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
field-roll = Учеников
col-classes = Классов
col-pupils = Учеников
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
admin-count-schools = Школ
admin-count-classes = Классов
admin-count-users = Учётных записей
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
settings-session-hours = Длительность сеанса, часов
settings-surveys-dir = Папка с анкетами
settings-centres = Центры психологической поддержки

## Centre and school
centre-region = Регион: { $region }
centre-schools = Школы региона
school-centre = Обращения этой школы поступают в: { $centre }.
school-manage-classes = Управление классами
classes-title = Классы
classes-none = Классов пока нет.
classes-add = Добавить класс
back-to-classes = Назад к классам
password-title = Смена пароля

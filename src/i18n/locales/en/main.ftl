# Ahual: English messages. Keys are shared by kk, ru and en; a test keeps the three in step.

## Layout
skip-to-content = Skip to content
nav-main = Main menu
nav-language = Language
nav-admin-home = Overview
nav-schools = Schools
nav-users = Users
nav-settings = Settings
nav-centre-home = Centre
nav-school-home = My school
nav-classes = Classes
nav-password = Password
signed-in-as = Signed in as { $name }
sign-out = Sign out
privacy-link = How your answers are protected

## Start and sign-in
start-title = Ahual: school climate survey
start-intro = Ahual helps schools hear how pupils feel at school, anonymously, and helps the regional Psychological Support Centre act when a class needs support.
start-staff-sign-in = Staff sign-in
sign-in-title = Staff sign-in
sign-in-intro = For school psychologists, centre staff and administrators. Pupils do not need an account.
sign-in = Sign in
sign-in-wrong = The login or password is wrong.
sign-in-locked = Too many failed attempts. This login is locked for 15 minutes.
field-login = Login
field-password = Password

## Errors
error-title-not-found = Page not found
error-title-forbidden = Access denied
error-title-bad-request = The request could not be processed
error-title-conflict = This cannot be done now
error-title-too-large = Too much data
error-title-internal = Something went wrong
error-not-found = There is no such page, or you do not have access to it.
error-forbidden = Your role does not give access to this page.
error-sign-in-required = Please sign in.
error-form-expired = The form has expired. Go back, reload the page and try again.
error-bad-request = The data sent could not be understood.
error-too-large = The data sent is too large.
error-internal = An error occurred on our side. Please try again later.
error-back-home = Back to the home page

## Forms
form-has-problems = Please correct the fields marked below.
action-create = Create
action-save = Save
action-set-password = Set password
action-change-password = Change password
choose-region = Choose a region
choose-school = Choose a school
invalid-school-code = Use 2 to 32 characters: Latin capital letters, digits and dashes.
invalid-class-label = Use 1 to 8 letters and digits, for example 7A.
invalid-grade = The grade must be from 5 to 11.
invalid-roll = The number of pupils must be from 1 to 60.
invalid-login = Use 3 to 40 characters: Latin letters, digits, dot, underscore, dash.
invalid-email = This is not an e-mail address.
invalid-name = Fill in this field (at most 200 characters).
invalid-region = Choose a region.
invalid-school = Choose a school.
invalid-role = Choose a role.
password-too-short = The password must have at least 10 characters.
password-mismatch = The passwords do not match.
password-current-wrong = The current password is wrong.
school-code-taken = A school with this code already exists.
class-label-taken = This school already has a class with this label.
login-taken = This login is already taken.
cannot-demote-self = You cannot change your own role or disable your own account.
flash-saved = Saved.
flash-school-created = The school has been created.
flash-class-created = The class has been added.
flash-user-created = The account has been created.
flash-password-set = The password has been set. The account's sessions have ended.
flash-password-changed = Your password has been changed.

## Fields and columns
field-school-code = School code
field-school-name = School name
field-region = Region
field-name-kk = Name in Kazakh
field-name-ru = Name in Russian
field-name-en = Name in English
field-school = School
field-role = Role
field-display-name = Name
field-email = E-mail
field-initial-password = Initial password
field-new-password = New password
field-current-password = Current password
field-repeat-password = New password again
field-active = The account may sign in
field-class-label = Class
field-grade = Grade
field-roll = Pupils
col-classes = Classes
col-pupils = Pupils
col-scope = Scope
col-status = Status
col-centre = Centre
status-active = active
status-disabled = disabled
role-admin = Administrator
role-centre-staff = Centre staff
role-psychologist = School psychologist
scope-deployment = Whole system
user-scope-hint = Centre staff need a region; a school psychologist needs a school.

## Administration
admin-home-title = Administration
admin-count-schools = Schools
admin-count-classes = Classes
admin-count-users = Accounts
schools-title = Schools
schools-none = No schools yet.
schools-add = Add a school
users-title = Accounts
users-add = Add an account
users-set-password = Set a new password
settings-title = Settings
settings-intro = These values come from the configuration file and environment; change them there and restart.
settings-backend = Database
settings-k = Minimum group size (k)
settings-public-url = Public address
settings-session-hours = Session length, hours
settings-surveys-dir = Questionnaire folder
settings-centres = Psychological Support Centres

## Centre and school
centre-region = Region: { $region }
centre-schools = Schools of the region
school-centre = Referrals from this school go to: { $centre }.
school-manage-classes = Manage classes
classes-title = Classes
classes-none = No classes yet.
classes-add = Add a class
back-to-classes = Back to the classes
password-title = Change password

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
privacy-link = How answers are protected

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
field-roll = Number of pupils
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
school-centre = Referrals from this school go to { $centre }.
school-manage-classes = Manage classes
classes-title = Classes
classes-none = No classes yet.
classes-add = Add a class
back-to-classes = Back to the classes
password-title = Change password

## Pupils
pupil-start-title = School climate survey
pupil-start-intro = Choose your language, then type your class password or your personal code: your teacher gave you one of them.
pupil-start-anonymous = The survey is anonymous: nobody will know which answers are yours.
pupil-password = Password or code
pupil-start-button = Start
pupil-wrong-password = This password or code does not work. Check it and try again. A code works only once: if you have already answered with it, your answers are in.
pupil-too-many-attempts = Too many wrong passwords or codes from this computer. Wait a minute and try again.
pupil-leave-now = Leave now
pupil-skip = Prefer not to say
pupil-submit = Send my answers
pupil-thanks-title = Thank you!
pupil-thanks = Your answers have been sent. Thank you for taking part. Your answers are anonymous, so nobody will contact you because of them. If things are hard for you, ask for help yourself: call 150 or go and talk to the school psychologist.
pupil-next-pupil = Back to the start for the next pupil
pupil-back-to-start = Back to the start
pupil-error-title = Something went wrong
pupil-not-open-title = The survey has not started yet
pupil-not-open = This survey has not started yet. Ask your teacher when it begins.
pupil-closed-title = The survey is over
pupil-closed = This survey has finished, so answers can no longer be sent. Thank you anyway!
pupil-full-title = Everyone has answered
pupil-full = Your whole class has already answered this survey.
pupil-code-used-title = This code has been used
pupil-code-used = This code has already been used. Ask your teacher for a new one.
pupil-already-sent-title = Already sent
pupil-already-sent = These answers have already been sent. The next pupil can start again from the beginning.
pupil-expired-title = Time ran out
pupil-expired = The survey was open too long and has been reset. Please start again.
pupil-forged-title = This form is not valid
pupil-forged = This form could not be accepted. Please start again from the beginning.
pupil-other-site-title = This page cannot start the survey
pupil-other-site = The survey can only be started from its own start page. Open the start page and type your class password there.
pupil-bad-answers-title = The answers could not be read
pupil-bad-answers = Some answers did not match the questions, so nothing was saved. Please start again.

## Trust box (pupils)
trust-start-link = Write to the trust box: ask for help or tell about bullying without giving your name
trust-help-link = Write to the trust box without giving your name (opens in a new tab)
trust-write-title = Trust box
trust-write-intro = Here you can write to your school psychologist, or only to the regional Psychological Support Centre, without giving your name. You get a receipt: with it you can come back later and read the answer.
trust-no-names = Do not write your name or other people's names unless you want to be found. Nobody else will see what you write.
trust-school-code = School code
trust-school-code-hint = It is on the posters at school and on the sheet with your class password.
trust-topic = What is it about?
trust-topic-bullying = Bullying at school or online
trust-topic-harm-at-home = Violence or harm at home
trust-topic-self-harm = Thoughts of hurting myself
trust-topic-other = Something else
trust-to = Who should read it?
trust-to-school = The school psychologist
trust-to-centre = Only the regional centre: I don't want the school to know
trust-in-danger = I am in danger right now
trust-danger-call = If you are in danger right now, call 112 at once. You can also call these numbers for free:
trust-text = Your message
trust-pin = PIN (if you want one)
trust-pin-hint = { $fewest } to { $most } digits that only you know. You will need it together with the receipt.
trust-send = Send
trust-come-back-link = I already have a receipt: read the answer
trust-sent-title = Your message has been sent
trust-receipt-is = Your receipt:
trust-receipt-keep = Write it down on paper or remember it. Only with it can you read the answer: nobody knows who you are, so nobody can give it to you in any other way. Do not show it to anyone.
trust-receipt-with-pin = You also chose a PIN: you will need both.
trust-answer-within-hours = Because you may be in danger, a specialist will answer within a few hours.
trust-answer-within-days = A specialist will answer within three working days.
trust-come-back-how = To read the answer, open this site, choose "Trust box" and then "I already have a receipt".
trust-written-down = I have written it down
trust-back-title = Read the answer
trust-back-intro = Type the receipt you got when you wrote, and your PIN if you chose one.
trust-receipt = Receipt
trust-pin-again = PIN (leave it empty if you did not choose one)
trust-open = Open
trust-write-link = Write a new message
trust-not-found = Nothing was found for this receipt and PIN. Check the digits and try again.
trust-thread-title = Your conversation
trust-status-waiting = Your message is waiting for an answer.
trust-status-answered = You have an answer.
trust-status-closed = This conversation is closed.
trust-you-wrote = You wrote
trust-reply = Answer
trust-deleted = The words of this message were deleted after the conversation was closed.
trust-closed-note = You can still read it, but not write in it.
trust-write-again = Write again
trust-done-title = Done
trust-done = Nothing of your message stays on this computer.
trust-error-topic = Choose what it is about.
trust-error-to = Choose who should read it.
trust-error-text-empty = Write your message.
trust-error-text-long = The message is too long: shorten it to 4,000 characters.
trust-error-text-control = The message has characters that cannot be sent. Type it again.
trust-error-pin = A PIN is 4 to 8 digits. Leave it empty if you do not want one.
trust-error-school = No school has this code. Check it on the poster or the password sheet.
trust-error-too-many-letters = Too many messages have been sent from this computer in the last hour, so yours has not been sent. Try again in an hour, or write from another phone. If you are in danger right now, call 112 at once.
trust-error-too-many-again = Too many messages have been sent from this computer in the last hour, so yours has not been sent. In an hour, come back with your receipt and write again. If you are in danger right now, call 112 at once.

## Help contacts
help-title = If you need help
help-111 = unified contact centre for the protection of the rights of children, women and family, free, around the clock
help-150 = children's trust line, free and anonymous
help-psychologist = Your school psychologist: you can go to them at any time
help-112 = if you or someone else is in danger right now

## Privacy
privacy-title = How your answers are protected
privacy-intro = This survey helps your school and the regional Psychological Support Centre see how pupils feel at school, so they can help where it is needed. It is built so that nobody can find out what you answered.
privacy-stored-title = What is saved
privacy-stored-answers = Your answers to the questions (any question can be skipped).
privacy-stored-class = Which class and which survey the answers belong to.
privacy-stored-date = The day the answers were sent and the language of the survey.
privacy-never-title = What is never saved
privacy-never-name = Your name, or anything else about who you are. You do not create an account.
privacy-never-device = The computer, its internet address or its browser. The server keeps no record of your visit.
privacy-never-time = The exact time you answered, or in which order pupils answered.
privacy-never-skip = Whether you skipped a question is not held against you; skipping is always fine.
privacy-who-title = Who sees what
privacy-who-school = Your school psychologist sees only totals for groups of at least { $k } { $k ->
    [one] pupil
   *[other] pupils
}, and only after the survey has closed: for example, the share of a class's pupils who say they were bullied.
privacy-who-centre = The regional Psychological Support Centre sees the same kind of totals for the schools of the region, so it can support a class that needs help.
privacy-who-nobody = Nobody (no teacher, parent, psychologist or administrator) can see the answers of one pupil. There is no screen or file that shows them.
privacy-why-title = Why nobody can trace an answer back
privacy-why-k = No figure is shown about a group smaller than { $k } { $k ->
    [one] pupil
   *[other] pupils
}.
privacy-why-subtraction = Figures that would let someone work out a small group by subtraction are hidden too.
privacy-why-rounding = Percentages are rounded, and "nobody" or "everybody" is never shown exactly, so a figure never tells what one pupil answered.
privacy-why-open = While the survey is open, staff only see roughly how many pupils have answered.
privacy-why-audit = Every time staff look at figures, it is recorded.
privacy-why-same = Everyone who may see a class or a school sees the same figures about it, so putting two pages side by side tells nothing new.
privacy-why-noise = Each class's figures are changed on purpose by a small random amount, usually by one pupil or not at all, and the same way every time. So even someone who filled in the survey many times for a class cannot be sure how a real pupil answered.
privacy-why-period = Figures for a whole region are published once for each half of the school year, after it has ended, and never change after that.
privacy-why-signal = If a pupil answers that they are thinking about suicide right now, staff only learn that at least one pupil in a class or in the school said so: never how many, and never who.

## Waves
nav-waves = Surveys
waves-title = Survey waves
waves-open-new = Open a survey wave
waves-none = No survey waves yet.
waves-open-intro = Choose the questionnaire, the classes and the dates. Each class gets its own password, or each pupil a single-use code. They are shown only once, right after opening: print them.
waves-open-button = Open the wave and show the passwords
col-instrument = Questionnaire
col-dates = Dates
col-participation = Responses
field-instrument = Questionnaire
field-classes = Classes
class-roll = { $roll } { $roll ->
    [one] pupil
   *[other] pupils
}
field-opens-on = First day
field-closes-on = Last day
field-access-mode = Access
mode-password = One password per class
mode-codes = One single-use code per pupil
invalid-date = Enter a date as YYYY-MM-DD.
wave-closes-before-opens = The last day must not be before the first day.
wave-closes-in-past = The last day has already passed.
wave-too-long = A wave can last at most 92 days.
wave-choose-classes = Choose at least one class of your school.
wave-choose-mode = Choose how pupils get in.
wave-choose-instrument = Choose a questionnaire.
wave-period-taken = Your school already has a survey wave in this half of the school year. One wave per half-year keeps the same pupils from being counted twice; choose dates in the next half-year.
wave-already-opened = This wave has already been opened; its passwords were shown once. Open the wave's page to see its state.
wave-already-closed = This wave is already closed.
flash-wave-closed = The wave has been closed. Pupils can no longer answer.
wave-dates = { $from } to { $to }
wave-status-scheduled = not started
wave-status-open = open
wave-status-closed = closed
wave-school-participation = Responses in the school
wave-closed-figures = This wave is closed. Its figures appear on the dashboard for groups of at least k pupils.
wave-open-bands = While the wave is open, only the number of responses is shown, in ranges, so nobody can watch answers come in.
wave-close-button = Close the wave now
secrets-title = Passwords for the classes
secrets-shown-once = These passwords are shown only now. Print this page before leaving it.
secrets-to-wave = Go to the wave's page
secrets-how = Pupils open { $address } on a school computer, choose their language and type:
secrets-class-password = Class password:
secrets-codes-intro = Cut out the slips and give one to each pupil. Each code works once.

## Figures
figures-title = Figures
figures-rules = Only groups of at least { $k } { $k ->
    [one] respondent
   *[other] respondents
} are shown; other groups are hidden so that no small group can be worked out by subtraction. Percentages are rounded, with the 95% interval in brackets. Each class's counts carry a small deliberate random offset (none in half the classes, one pupil in most of the others), the same on every page, so that answers planted in a class reveal nothing sure about its pupils.
figures-school = Whole school
figures-indicators-caption = Share of respondents for each indicator
figures-indicator = Indicator
figures-respondents = Respondents
figures-acute = Answer "right now" (acute risk)
figures-acute-none = none
figures-nothing-released = No group of this wave is large enough to show figures.
figures-withheld = Not shown: { $classes } (too few respondents, or hidden to protect a small class).
figures-distributions = Answers across the school
figures-export = Download the figures (CSV)
figures-preparing = The wave is closed; its figures are being prepared. Reload the page in a minute.
figures-not-yet = Figures appear only after the wave has closed.
figures-chart-desc = Each released class with its share and 95% interval; the line marks the whole school.
figures-funnel-title = Funnel plot
figures-funnel-desc = Each class's share against its number of respondents, with the limits expected by chance around the reference value.
figures-funnel-baseline = reference value
figures-funnel-reference = Reference value
figures-funnel-95 = 95% limits
figures-funnel-998 = 99.8% limits
figures-funnel-above = above the 99.8% limit
figures-bars-desc = Share of the school's respondents choosing each answer.
figures-distributions-table = The same answers as a table
centre-waves-title = Survey waves of the region

## API token
nav-api-token = API
api-token-title = API token
api-token-intro = Scripts and spreadsheets can read the same released figures through the JSON API with a personal token (Authorization: Bearer …). The API is described at
api-token-shown-once = Copy this token now: it is shown only once. Anyone holding it reads what you may read.
api-token-exists = You have a token. Creating a new one replaces it.
api-token-none = You have no token yet.
api-token-create = Create a new token
api-token-revoke = Revoke the token
figures-trends = Trends across waves
figures-trend-desc = The whole school's share in each wave of the same questionnaire and version where the school's figures were released.
figures-trend-version = The questionnaire changed to version { $version } after the wave that ended on { $date } (version { $earlier }). Its questions are worded differently, so the trend starts again with version { $version }: earlier waves are not compared with this one.
figures-version-nav = Questionnaire version
nav-region = Region
region-whole = Whole region
region-intro = Each school's latest closed wave of this questionnaire in the period, shown exactly as on the school's own page. A school too small to show is left out; when it is the only one, it is not counted in the region either.
region-withheld = Schools not shown: { $schools }.
figures-funnel-choose = Funnel plot for

## Referrals
referral-transition-not-allowed = This step is not possible from the referral's current state.
referral-outcome-required = Closing a referral needs an outcome.
referral-reason-required = "No action" needs a reason.
notice-subject = New referral in Ahual
notice-body = A new referral for { $school } is waiting in the centre's inbox. Sign in to open it: { $link }
notice-body-region = A new referral for the whole region is waiting in the centre's inbox. Sign in to open it: { $link }
trust-notice-subject-waiting = New message in the trust box
trust-notice-subject-overdue = Trust box: an answer is overdue
trust-notice-waiting-school = A new message has arrived in the trust box. School: { $school }. Sign in to read it: { $link }
trust-notice-waiting-centre = A new message has arrived in the regional centre's trust box. Sign in to read it: { $link }
trust-notice-overdue-school = The answer to a conversation in the trust box is overdue. School: { $school }. Sign in to open it: { $link }
trust-notice-overdue-centre = The answer to a conversation in the regional centre's trust box is overdue. Sign in to open it: { $link }
trust-notice-overdue-in-school = The answer to a conversation written to a school psychologist is overdue. School: { $school }. Sign in to see the list: { $link }
nav-referrals = Referrals
col-acknowledge-by = Acknowledge by
col-class = Class
col-severity = Severity
col-signals = Signals
filter-any = Any
filter-apply = Show
filter-overdue = Overdue only
flash-note-added = The note was added.
flash-referral-moved = The referral was updated.
flash-referral-raised = The referral was sent to the regional centre.
severity-urgent = Urgent
severity-elevated = Elevated
severity-watch = Watch
referrals-title = Referrals
referrals-none = No referrals.
referrals-centre-intro = Classes whose survey signals stand out, and cases schools raised, sent to your centre. Urgent ones first, then by deadline: urgent referrals must be acknowledged within 24 hours, others within 5 working days.
referrals-school-intro = Referrals of your school to the regional centre and where each stands. You can add notes and raise a referral for a class yourself.
referral-status-new = New
referral-status-acknowledged = Acknowledged
referral-status-in-progress = In progress
referral-status-closed = Closed
referral-outcome = Outcome
referral-outcome-intervention-held = Class intervention held
referral-outcome-referred-on = Referred on to another service
referral-outcome-no-action = No action needed
referral-reason = Reason (required for “no action”)
referral-acknowledge = Acknowledge
referral-start = Start work
referral-close = Close the referral
referral-is-closed = This referral is closed.
referral-next-step = Next step
referral-note-optional = Note for the school (optional)
referral-created = Created
referral-overdue = overdue
referral-manual = Raised by the school
referral-whole-school = Whole school
referral-whole-region = Whole region
referral-no-school = No school named
referral-flagged = flagged
referral-evidence = Evidence
referral-evidence-rules = Only figures released under the same rules as the dashboards: groups of at least k respondents, rounded, with 95% intervals.
referral-flag-rule = How this flag is raised: the class's share is compared with the reference rate or, once the region has enough answers, with the region's other classes (leaving out those that stand out themselves). It is flagged when the difference is unlikely to be chance among all the region's classes and the share is at least twice that rate. About 8 in 10 classes at five times the usual rate get this flag; no flag does not prove that all is well.
referral-references = Reference rates: what a class is compared with until the region has enough answers of its own
referral-reference-published = published figure
referral-reference-derived = derived from published figures
referral-reference-assumption = assumption: no published figure fits
referral-evidence-chart = The class's indicators in this wave
referral-small-class = The signal comes from the school as a whole: it names no class, to keep pupils' answers anonymous. Talk with the school psychologist about what the whole school can do.
referral-region-signal = The signal concerns the region as a whole: no school or class is named, to keep pupils' answers anonymous. Plan support that reaches every school in the region.
referral-no-evidence = No figures can be released for this class.
referral-notes = Notes
referral-notes-none = No notes yet.
referral-note-add = Add a note
referral-note-hint = Do not write pupils' names or anything that identifies a pupil.
referral-note-send = Add the note
referral-note-empty = Write the note first.
referral-note-too-long = The note is too long (at most 4,000 characters).
referral-side-centre = centre
referral-side-school = school
referral-raise = Raise a referral
referral-raise-intro = Send a class to the regional centre as a complex case. The centre will contact you; describe the situation without naming pupils.
referral-raise-note = What the centre should know
referral-raise-send = Send to the centre
referral-urgent-check = Urgent: needs a response within 24 hours
referral-class-required = Choose a class of your school.

## Trust box (staff)
nav-trust = Trust box
trust-desk-title = Trust box
trust-desk-intro-school = The conversations pupils wrote to the school psychologist, the soonest due first. A pupil writes without giving a name and reads your reply by coming back with their receipt code. You can pass a conversation to the regional centre: it stays on this list, and you can still read it and leave notes.
trust-desk-intro-centre = The conversations pupils wrote to the regional centre directly and the ones schools passed on to it, the soonest due first. A pupil writes without giving a name and reads your reply by coming back with their receipt code.
trust-desk-deadlines = Urgent conversations (the pupil marked that they are in danger right now, or writes about thoughts of hurting themselves) must be answered within 2 school hours and never more than 24 hours after they arrived; the others within 3 working days after the day they arrived. School hours are Monday to Friday, 08:00-18:00 Kazakhstan time.
trust-desk-none = No conversations yet.
trust-desk-col-topic = Topic
trust-desk-col-urgency = Urgency
trust-desk-col-status = Status
trust-desk-col-holder = Held by
trust-desk-col-arrived = Arrived
trust-desk-col-due = Answer due
trust-desk-urgent = Urgent
trust-desk-ordinary = Ordinary
trust-desk-overdue = Overdue
trust-desk-no-deadline = None: no answer owed
trust-desk-topic-bullying = Bullying
trust-desk-topic-harm-at-home = Violence or harm at home
trust-desk-topic-self-harm = Thoughts of self-harm
trust-desk-topic-other = Something else
trust-desk-status-new = New
trust-desk-status-read = Read
trust-desk-status-answered = Answered
trust-desk-status-closed = Closed
trust-desk-outcome-help-given = Help given
trust-desk-outcome-referred-on = Referred on
trust-desk-outcome-misuse = Misuse of the box
trust-desk-outcome-no-reply-possible = No reply possible
trust-desk-holder-you = You
trust-desk-holder-centre = With the centre
trust-desk-holder-written-to-centre = Written to the centre only
trust-desk-holder-passed-on = Passed on by the school
trust-desk-in-danger = The pupil marked "I am in danger right now"
trust-desk-came-back = The pupil came back with the receipt
trust-desk-yes = Yes
trust-desk-messages = Messages
trust-desk-by-pupil = Pupil
trust-desk-by-reply = Reply to the pupil
trust-desk-by-note = Note for staff (the pupil never sees it)
trust-desk-deleted = The words were deleted after the conversation was closed.
trust-desk-work = Work on this conversation
trust-desk-is-closed = This conversation is closed. You can still leave a note.
trust-desk-followed = The regional centre is working on this conversation. You can read it and leave notes for the centre.
trust-desk-reply-label = Reply to the pupil
trust-desk-reply-hint = The pupil reads your reply by coming back with their receipt code. Write plainly, and do not name other pupils.
trust-desk-reply-send = Send the reply
trust-desk-escalate = Pass on to the regional centre
trust-desk-escalate-hint = The centre works on it from then on, and the deadline stays the same. You can still read it and leave notes, but the centre answers the pupil.
trust-desk-outcome = Outcome
trust-desk-outcome-choose = Choose an outcome
trust-desk-close = Close the conversation
trust-desk-note-heading = Note for staff
trust-desk-note-label = Note
trust-desk-note-hint = The pupil never sees a note: only staff who may read this conversation do.
trust-desk-note-send = Add the note
trust-desk-text-empty = Please type some text.
trust-desk-text-too-long = The text is too long: at most 4,000 characters.
trust-desk-text-control = The text holds special characters that no keyboard types. Remove them and send it again.
trust-desk-outcome-required = Choose an outcome to close the conversation.
trust-desk-not-holder = The regional centre is working on this conversation now: you can only leave a note.
trust-desk-already-closed = This conversation is already closed: it cannot be answered or changed.
trust-desk-not-schools = Only the school can pass a conversation on to the centre, and only once.
trust-desk-moved = Someone else has just changed this conversation. Look at where it stands now and try again.
trust-desk-flash-replied = Reply sent. The pupil sees it when they come back with their receipt code.
trust-desk-flash-noted = Note added.
trust-desk-flash-escalated = The conversation was passed on to the regional centre.
trust-desk-flash-closed = The conversation was closed.
trust-desk-schools-overdue = Overdue conversations in schools
trust-desk-schools-overdue-hint = These were written to a school psychologist and are still waiting for an answer. You cannot read their words; get in touch with the school.
trust-desk-schools-overdue-none = No overdue conversations.
trust-desk-owing = { $count } { $count ->
    [one] conversation awaits
   *[other] conversations await
} an answer
trust-desk-owing-none = no conversation awaits an answer

## The national overview
nav-national = National overview
national-title = National overview
national-intro = Each region's figures for the period, the same as on the region's own page. No school or class is shown here.
national-withheld = Regions without released figures: { $regions }.
role-national = National analyst
scope-country = Whole country

# Reporting periods (region and national figures)
period-name = { $from }–{ $to } school year, { $half ->
    [1] first half
   *[2] second half
}
period-shown = Reporting period: { $period }. Region figures are released for each half of the school year once it has ended, and never change after that.
period-nav = Reporting periods
period-earlier = Earlier period
period-later = Later period

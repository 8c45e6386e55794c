# Register, sign in, the account page, API tokens, password reset.
account-title = Your account
account-member-since = member since
account-api-tokens = API tokens
account-profile = Profile
account-save-profile = Save profile
account-password = Password
account-password-help = 10 to 72 bytes, not your username
account-change-password = Change password
account-password-note = Changing the password signs out your other sessions.
account-language = Language
account-language-label = Language of the shop and the back office
account-language-shop = The shop's language
account-language-help = The language chooser at the foot of the shop's pages still changes it for one visit.
account-language-save = Save language
account-language-saved = Your language is saved.

field-username = Username
field-email = E-mail
field-current-password = Current password
field-new-password = New password
field-new-password-again = New password again
field-password = Password
field-username-or-email = Username or e-mail
account-username-help = 3 to 32 letters, digits, '.', '_' or '-'
login-forgot = Forgot your password?
login-new-here = New here?
register-title = Create your account
register-have-account = Already have an account?
reset-title = Reset your password
reset-intro = Give the e-mail address of your account and we will send it a link to choose a new password.
reset-send = Send the link
reset-choose = Choose a new password
reset-set = Set the password
reset-note = Setting it signs you out everywhere; then sign in with the new password.

tokens-intro = A token lets a script use the JSON API as you, with your role. Send it as a header:
tokens-back = Back to your account
tokens-new-named = Your new token “{ $name }”
tokens-copy-now = Copy it now: it is not stored and will not be shown again.
tokens-new = New token
tokens-name = Name
tokens-name-help = What the token is for, e.g. “stock sync”
tokens-create = Create token
tokens-yours = Your tokens
tokens-none = You have no tokens.
tokens-created = Created
tokens-last-used = Last used
tokens-never = never
tokens-revoke = Revoke

welcome-new = Welcome, { $name }! Your account is ready.
welcome-back = Welcome back, { $name }.
welcome-guest-order = Welcome, { $name }! Your account is ready and order { $number } is in it.
welcome-guest-orders = Welcome, { $name }! Your account is ready with your { $count } orders in it.

# The first-run page that makes the shop's first admin.
setup-title = Create the admin account
setup-intro = This is the shop's first account. It can manage everything, including other accounts.
setup-welcome = Welcome, { $name }. Your admin account is ready.

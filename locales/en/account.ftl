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

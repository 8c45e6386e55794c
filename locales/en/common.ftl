# Words every page shares: the layout, the pager, forms.
layout-skip-link = Skip to main content
layout-account-nav = Account
layout-my-orders = My orders
layout-back-office = Back office
layout-signed-in-as = Signed in as
layout-sign-out = Sign out
layout-sign-in = Sign in
layout-register = Register
layout-view-cart = View cart
layout-powered-by = Powered by Tienda
layout-language = Language
language-changed = The shop now speaks English.

role-customer = customer
role-staff = staff
role-admin = admin

settings-language = Language
settings-language-en = English
settings-language-es = Spanish (español)
settings-language-auto = Each visitor's browser chooses (English or Spanish)

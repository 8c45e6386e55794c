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

breadcrumb = Breadcrumb
pager-pages = Pages
pager-previous = Previous
pager-next = Next
pager-page-of = Page { $page } of { $pages }
form-check-fields = Please check the marked fields.

address-full-name = Full name
address-line1 = Address
address-line2 = Address, second line
address-line2-help = Optional: flat, floor, company
address-postal-code = Postal code
address-city = City
address-country = Country

shipping-standard = Standard delivery
shipping-pickup = Pickup at the shop
payment-bank-transfer = Bank transfer
payment-cash-on-delivery = Cash on delivery
pager-in-all = { $count } in all

status-pending_payment = awaiting payment
status-paid = paid
status-shipped = shipped
status-ready_for_pickup = ready for pickup
status-delivered = delivered
status-cancelled = cancelled
status-refunded = refunded

error-not-found-page = We could not find this page. The link may be mistyped, or what it showed is no longer in the shop.
error-forbidden-user = This page is not open to your account. It is for the shop's staff.
error-forbidden-visitor = This page is not open to visitors. Sign in with an account that may see it.
error-back-to-shop = Back to the shop

error-title-401 = Please sign in
error-title-403 = Not allowed
error-title-404 = Not found
error-title-413 = Too large
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-other = That did not work

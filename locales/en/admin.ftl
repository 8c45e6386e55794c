## The back office: pages for staff and admins (templates/admin, web/admin).

## Navigation and words used on many pages

admin-nav-label = Back office
admin-nav-dashboard = Dashboard
admin-nav-orders = Orders
admin-nav-reports = Reports
admin-nav-products = Products
admin-nav-categories = Categories
admin-nav-suppliers = Suppliers
admin-nav-coupons = Coupons
admin-nav-users = Users
admin-nav-reviews = Reviews
admin-nav-import = Import and export
admin-nav-settings = Settings
admin-nav-backups = Backups

admin-edit = Edit
# The <title> of an edit form: "Edit Blue mug".
admin-edit-title = Edit { $name }
admin-delete = Delete
admin-cancel = Cancel
admin-search = Search
admin-filter = Filter
admin-show-all = Show all
admin-download = Download
admin-download-csv = Download CSV
admin-note = Note
admin-optional = Optional
admin-none = none
admin-never = never
admin-active = active
admin-or = or
admin-guest = guest
admin-badge-inactive = inactive
admin-cannot-be-undone = This cannot be undone.

## Table headings (also the labels of a row's cells on a phone)

admin-col-actions = Actions
admin-col-action = Action
admin-col-access = Access
admin-col-active = Active
admin-col-average-order = Average order
admin-col-by = By
admin-col-category = Category
admin-col-change = Change
admin-col-code = Code
admin-col-comment = Comment
admin-col-contact = Contact
admin-col-customer = Customer
admin-col-date = Date
admin-col-day = Day
admin-col-discount = Discount
admin-col-email = E-mail
admin-col-file = File
admin-col-from = From
admin-col-in-stock = In stock
admin-col-last-order = Last order
admin-col-limit = Limit
admin-col-minimum-order = Minimum order
admin-col-month = Month
admin-col-name = Name
admin-col-order = Order
admin-col-orders = Orders
admin-col-paid = Paid
admin-col-paid-orders = Paid orders
admin-col-payment = Payment
admin-col-phone = Phone
admin-col-placed = Placed
admin-col-price = Price
admin-col-product = Product
admin-col-products = Products
admin-col-rating = Rating
admin-col-reason = Reason
admin-col-refunded = Refunded
admin-col-revenue = Revenue
admin-col-role = Role
admin-col-shown = Shown
admin-col-size = Size
admin-col-sku = SKU
admin-col-sold = Sold
admin-col-status = Status
admin-col-stock = Stock
admin-col-stock-after = Stock after
admin-col-supplier = Supplier
admin-col-taken = Taken
admin-col-total = Total
admin-col-until = Until
admin-col-username = Username
admin-col-week-of = Week of
admin-col-when = When
admin-col-who = Who
admin-col-written = Written

## Names of things the database keeps as codes

# An order's status, as staff read it in lists and sentences.
admin-status-name = { $status ->
    [pending_payment] pending payment
    [paid] paid
    [shipped] shipped
    [ready_for_pickup] ready for pickup
    [delivered] delivered
    [cancelled] cancelled
    [refunded] refunded
   *[other] { $status }
}
admin-role-name = { $role ->
    [admin] admin
    [staff] staff
    [customer] customer
   *[other] { $role }
}
# Why a product's stock changed.
admin-reason-name = { $reason ->
    [initial] initial
    [restock] restock
    [adjustment] adjustment
    [return] return
    [damaged] damaged
    [import] import
    [sale] sale
    [cancel] cancel
    [refund] refund
   *[other] { $reason }
}

## Dashboard

admin-dashboard-title = Back office
admin-dashboard-sales = Sales
admin-dashboard-today = Today, against yesterday
admin-dashboard-week = Last 7 days, against the 7 before
admin-dashboard-month = Last 30 days, against the 30 before
admin-dashboard-revenue-30 = Revenue, last 30 days
admin-dashboard-sales-report = Sales report
admin-dashboard-as-table = The figures as a table
admin-dashboard-to-do = To do
# After the number of orders, in a large figure.
admin-dashboard-awaiting-payment = { $count ->
    [one] order awaiting payment
   *[other] orders awaiting payment
}
admin-dashboard-to-ship = { $count ->
    [one] paid order to ship or hand over
   *[other] paid orders to ship or hand over
}
# After the number of products with little stock.
admin-dashboard-low-stock-count = with { $threshold } or fewer in stock
admin-dashboard-newest-orders = Newest orders
admin-dashboard-low-stock-all = All { $count }
admin-dashboard-low-stock-none = Every active product has more than { $threshold } in stock.
admin-dashboard-left = { $count } left
admin-dashboard-catalog = Catalog
admin-dashboard-products = { $count ->
    [one] product
   *[other] products
}
admin-dashboard-inactive = { $count ->
    [one] inactive product
   *[other] inactive products
}
admin-dashboard-categories = { $count ->
    [one] category
   *[other] categories
}
admin-dashboard-suppliers = { $count ->
    [one] supplier
   *[other] suppliers
}
admin-dashboard-add = Add to the catalog
# The revenue chart: its title, and what hovering a bar shows.
admin-chart-revenue-30 = Revenue of the last 30 days

# A dashboard figure, beside the period before.
admin-trade-paid-orders = { $count ->
    [one] paid order
   *[other] paid orders
}
admin-trend-up = up { $change }%
admin-trend-down = down { $change }%
admin-trend-same = no change
admin-trend-before = before:
admin-trend-nothing-before = nothing the period before

## Orders

admin-orders-title = Orders
admin-orders-all = All orders
admin-orders-any-status = Any status
admin-orders-search-placeholder = Order number, customer name or e-mail
admin-orders-placed-from = Placed from
admin-orders-placed-to = Placed to
admin-orders-none-yet = No orders yet.
admin-orders-none-match = No orders match.

admin-order-title = Order { $number }
admin-order-heading = Order
admin-order-invoice = Invoice { $number }
admin-order-summary = Order summary
admin-order-credit-note = Credit note { $number }
admin-order-items = Items
admin-order-account = account
admin-order-guest = guest, no account
admin-order-delivery = Delivery
# After the payment method: "Bank transfer, reference …".
admin-order-reference = , reference
admin-order-invoice-label = Invoice
admin-order-credit-note-label = , credit note
admin-order-refund-note = Refund note:
admin-order-nothing-to-do = This order is { $status }; there is nothing more to do with it.
admin-order-next-steps = Next steps
admin-order-mark-paid = Mark paid
admin-order-cash-collected-before = The cash was collected before the hand-over: the order stays { $status }.
admin-order-payment-reference = Payment reference
admin-order-reference-help-transfer = Optional: the bank's reference of the transfer
admin-order-reference-help-cash = Optional: a receipt number for the cash
admin-order-ship = Ship
admin-order-carrier = Carrier
admin-order-tracking-number = Tracking number
admin-order-tracking-help = Shown to the customer and sent in the shipping notice
admin-order-mark-shipped = Mark shipped
admin-order-ready = Ready for pickup
admin-order-ready-help = When the order is packed and waiting at the shop. The customer gets an e-mail.
admin-order-ready-help-unpaid = When the order is packed and waiting at the shop. The customer gets an e-mail; they pay { $total } in cash when they collect it.
admin-order-mark-ready = Mark ready for pickup
admin-order-collected-cash = Collected, cash received
admin-order-delivered-cash = Delivered, cash received
# Around the amount, in bold: "… only once you have the €12.90 in cash. …"
admin-order-cash-due-before = Not paid yet: confirm only once you have the
admin-order-cash-due-after = in cash. This records the payment and gives the order its invoice number.
admin-order-receipt = Receipt or note
admin-order-receipt-help = Optional: the courier's receipt, or who took the cash
admin-order-cash-mark-collected = Cash received, mark collected
admin-order-cash-mark-delivered = Cash received, mark delivered
admin-order-deliver = Deliver
admin-order-deliver-help-pickup = When the customer has collected the order.
admin-order-deliver-help = When the customer has the parcel.
admin-order-mark-collected = Mark collected
admin-order-mark-delivered = Mark delivered
admin-order-refund = Refund
admin-order-refund-help = Pay { $total } back. You confirm on the next page.
admin-order-refund-help-invoice = Pay { $total } back, with a credit note for invoice { $invoice }. You confirm on the next page.
admin-order-refund-button = Refund…
admin-order-cancel = Cancel
admin-order-cancel-help = The items go back in stock. You confirm on the next page.
admin-order-cancel-help-paid = The items go back in stock and the payment is recorded as refunded. You confirm on the next page.
admin-order-cancel-help-returned = The items go back in stock (a parcel that came back or was not collected). You confirm on the next page.
admin-order-cancel-button = Cancel order…

## Cancelling or refunding an order: the confirmation page

admin-confirm-cancel-title = Cancel order { $number }
admin-confirm-refund-title = Refund order { $number }
admin-confirm-cancel-heading = Cancel order
admin-confirm-refund-heading = Refund order
admin-confirm-not-paid = , not paid
admin-confirm-what-happens = What happens
admin-confirm-restock = Put the items back in stock
admin-confirm-restock-help = Tick when the goods are back on the shelf
admin-confirm-note-help = Optional: why, how the money went back (at most 1000 characters)
admin-confirm-cancel-yes = Yes, cancel order { $number }
admin-confirm-refund-yes = Yes, refund { $total }
admin-confirm-no = No, back to the order
admin-confirm-cancel-restock = The items go back in stock, once: { $items }.
admin-confirm-cancel-paid = The payment of { $total } is recorded as refunded: pay it back to the customer.
admin-confirm-cancel-unpaid = Nothing was paid, so nothing is refunded.
admin-confirm-cancel-returned = Nothing was paid (a cash-on-delivery parcel that came back or was not collected), so nothing is refunded; the { $total } is no longer owed.
admin-confirm-credit-note = Invoice { $invoice } is cancelled by a credit note with the next credit note number.
admin-confirm-coupon = The coupon's use is given back.
admin-confirm-cancel-mail = The customer gets an e-mail that the order is cancelled.
admin-confirm-refund-paid = { $total } is recorded as paid back to the customer: pay it back before or right after.
admin-confirm-refund-restock = The items go back in stock only if you tick the box below (when the goods are back on the shelf).
admin-confirm-no-invoice = The order has no invoice, so no credit note is made.
admin-confirm-refund-mail = The customer gets an e-mail that the order is refunded.
# A step that the order's status no longer allows (someone else was quicker);
# shown as a sentence, with a capital and a full stop.
admin-confirm-not-now = { $step ->
    [cancel] order { $number } is { $status }; it cannot be cancelled
   *[refund] order { $number } is { $status }; it cannot be refunded
}

## Products

admin-products-title = Products
admin-products-new = New product
admin-products-search-placeholder = Name or description
admin-products-all-categories = All categories
admin-products-sort = Order
admin-products-sort-name = By name
admin-products-sort-stock = Fewest in stock first
admin-products-active-only = Active only
admin-products-low-only = Low stock only ({ $threshold } or fewer)
admin-products-none-match = No products match.

admin-product-sku-help = Optional; unique, without spaces
admin-product-description = Description
admin-product-price-help = In { $currency }, like 12.34 or 12,34 (a dot or a comma before the cents; no thousands separators)
admin-product-opening-stock = Opening stock
admin-product-opening-stock-help = A whole number; later it changes by stock adjustments
admin-product-no-category = No category
admin-product-no-supplier = No supplier
admin-product-active = Active (shown in the shop)
admin-product-save = Save product
admin-product-create = Create product
admin-product-inactive-hidden = inactive (hidden from the shop)
admin-product-created = Created
admin-product-updated = Updated
admin-product-images = Images
admin-product-no-images = No images yet.
admin-product-image-alt = Image { $index } of { $name }
admin-product-move-up = Move up
admin-product-up = Up
admin-product-move-down = Move down
admin-product-down = Down
admin-product-image-file = Image file
admin-product-image-file-help = PNG, JPEG, WebP or GIF
admin-product-upload-image = Upload image
admin-product-adjust-stock = Adjust stock
admin-product-delta-help = Added to the stock: 10 to add ten, -2 to take two away
admin-product-stock-history = Stock history
admin-product-no-movements = No stock movements yet.
admin-product-by-order = order { $id }

admin-product-saved = The product “{ $name }” is saved.
admin-product-deleted = The product is deleted.
admin-product-archived = The product appears in orders, so it is archived (inactive) instead.
admin-product-delete-note = Its images and stock history are deleted with it.
admin-product-stock-now = The stock is now { $stock }.
admin-product-image-added = The image is added.
admin-product-images-reordered = The images are reordered.
admin-product-image-deleted = The image is deleted.

## Deleting a product, category, supplier or coupon

admin-delete-title = { $kind ->
    [product] Delete product
    [category] Delete category
    [supplier] Delete supplier
    [coupon] Delete coupon
   *[other] Delete { $kind }
}
admin-delete-heading = { $kind ->
    [product] Delete this product?
    [category] Delete this category?
    [supplier] Delete this supplier?
    [coupon] Delete this coupon?
   *[other] Delete this { $kind }?
}
# Before the name, in bold.
admin-delete-about = { $kind ->
    [product] You are about to delete the product
    [category] You are about to delete the category
    [supplier] You are about to delete the supplier
    [coupon] You are about to delete the coupon
   *[other] You are about to delete the { $kind }
}

## Categories

admin-categories-title = Categories
admin-categories-new = New category
admin-categories-none = There are no categories yet.
admin-category-parent = Parent
admin-category-no-parent = None (a top-level category)
admin-category-save = Save category
admin-category-create = Create category
admin-category-saved = The category “{ $name }” is saved.
admin-category-deleted = The category is deleted.

## Suppliers

admin-suppliers-title = Suppliers
admin-suppliers-new = New supplier
admin-suppliers-search-placeholder = Part of the name
admin-suppliers-none = No suppliers.
admin-suppliers-none-match = No suppliers match.
admin-supplier-contact-person = Contact person
admin-supplier-save = Save supplier
admin-supplier-create = Create supplier
admin-supplier-saved = The supplier “{ $name }” is saved.
admin-supplier-deleted = The supplier is deleted.
admin-supplier-delete-note = Its { $count } products stay in the catalog, without a supplier.

## Coupons

admin-coupons-title = Coupons
admin-coupons-new = New coupon
admin-coupons-none = No coupons yet.
admin-coupons-once-per-customer = once per customer
admin-coupons-percent = { $value }%
admin-coupon-code-help = 3 to 32 letters, digits, '-' or '_'; customers type it in any case
admin-coupon-kind = Kind
admin-coupon-percent = Percent off
admin-coupon-fixed = Fixed amount off
admin-coupon-value = Value
admin-coupon-value-help = Percent: 1 to 100. Fixed: an amount like 5.00 or 5,00 (no thousands separators)
admin-coupon-minimum-help = The subtotal an order needs, like 30.00 or 30,00
admin-coupon-starts = Works from
admin-coupon-starts-help = Optional; from 00:00 UTC
admin-coupon-ends = Works until
admin-coupon-ends-help = Optional; stops at 00:00 UTC of that day
admin-coupon-usage-limit = Uses in all
admin-coupon-once-per-customer = Once per customer
admin-coupon-save = Save coupon
admin-coupon-create = Create coupon
admin-coupon-saved = The coupon { $code } is saved.
admin-coupon-deleted = The coupon is deleted.

## Users

admin-users-title = Users
admin-users-all = All users
admin-users-search-placeholder = Username or e-mail
admin-users-any-role = Any role
admin-users-none-yet = No users yet.
admin-users-none-match = No users match.
admin-user-details = Details
admin-user-deactivated = deactivated: cannot sign in
admin-user-joined = Joined
admin-user-revenue-note = Revenue counts the paid orders that were not refunded or cancelled.
admin-user-addresses = Addresses
admin-user-no-addresses = No order of theirs was sent anywhere yet.
admin-user-change-role = Change role
admin-user-own-account = This is your own account: another admin can deactivate it.
admin-user-deactivate-help = Deactivating signs { $name } out everywhere at once, ends their API tokens and keeps them from signing in. Their orders stay.
admin-user-deactivate = Deactivate
admin-user-reactivate-help = { $name } cannot sign in. Reactivating lets them sign in again with their password.
admin-user-reactivate = Reactivate
admin-user-role-changed = { $name } is now { $role }.
admin-user-reactivated = { $name } is active again and may sign in.
admin-user-deactivated-done = { $name } is deactivated: they are signed out everywhere and cannot sign in.

## Reviews

admin-reviews-title = Reviews
admin-reviews-show = Show
admin-reviews-all = All reviews
admin-reviews-hidden-only = Hidden only
admin-reviews-visible-only = Visible only
admin-reviews-none = No reviews.
admin-reviews-none-hidden = No hidden reviews.
admin-reviews-none-visible = No visible reviews.
admin-reviews-no-comment = no comment
admin-reviews-hidden = hidden
admin-reviews-visible = visible
admin-reviews-hide = Hide
admin-reviews-unhide = Unhide

## Import and export of products

admin-import-heading = Import and export products
admin-import-csv = Import a CSV file
admin-import-columns = Columns:
# The examples follow each part: "Prices are decimals (12.34), categories are paths (Home > Kitchen); …"
admin-import-prices = Prices are decimals
admin-import-categories = categories are paths
admin-import-category-example = Home > Kitchen
admin-import-rules = missing categories and suppliers are created. A row with a known SKU updates that product, the others create one. If any line is wrong, nothing is imported.
admin-import-semicolons = A file separated by semicolons, as a spreadsheet in Spanish saves it, takes decimal commas
admin-import-nothing-imported = Nothing was imported. Fix these lines and upload the file again:
admin-import-line = line { $line }
admin-import-file = CSV file (at most { $mib } MB)
admin-import-button = Import
admin-import-too-big = choose a CSV file of at most { $mib } MB
admin-import-done = Imported: { $created } created, { $updated } updated.
admin-export-heading = Export
admin-export-every-product = Every product, inactive ones included, in the same columns: edit it in a spreadsheet and import it again.
# Around the characters =, +, - and @, then around the quote '.
admin-export-formulas-before = Text that a spreadsheet would take for a formula (starting with
admin-export-formulas-middle = ) is written with a
admin-export-formulas-after = in front, which the import takes away.
admin-export-download = Download products.csv

## Shop settings

admin-settings-title = Shop settings
admin-settings-shop-name = Shop name
admin-settings-currency = Currency
admin-settings-currency-help = A three-letter code: EUR, USD, GBP, CHF…
admin-settings-tax-rate = Tax rate (%)
admin-settings-tax-rate-help = For example 21 or 10.5
admin-settings-prices-include-tax = Catalog prices include the tax
admin-settings-shipping-fee = Shipping fee
admin-settings-shipping-fee-help = A flat fee per order, like 4.95 or 4,95 (no thousands separators)
admin-settings-free-shipping = Free shipping from
admin-settings-free-shipping-help = An order subtotal, like 50.00 or 50,00; leave empty for never
admin-settings-bank-details = Bank details for transfers
admin-settings-bank-details-short = Bank details
admin-settings-unpaid-hold = Hold unpaid bank-transfer orders for (hours)
admin-settings-max-unpaid = Unpaid orders one buyer may hold
admin-settings-max-unpaid-help = Per e-mail address; among guests also per client address
admin-settings-timezone = Time zone
admin-settings-timezone-help = A name such as Europe/Madrid, America/Mexico_City or UTC: the days of reports and every time shown
admin-settings-low-stock = Low stock at
admin-settings-low-stock-help = Products with this many or fewer in stock show on the dashboard
admin-settings-seller = The seller, as invoices show it
admin-settings-legal-name = Legal name
admin-settings-address = Address
admin-settings-tax-id = Tax number (VAT ID)
admin-settings-contact-email = Contact e-mail
admin-settings-notify = Send new-order mails to
admin-settings-notify-help = Leave empty for no mails
admin-settings-backups = Automatic backups
admin-settings-backup-every = Back up every (hours)
admin-settings-backup-every-help = 0 turns automatic backups off
admin-settings-backup-keep = Backups to keep
admin-settings-backup-keep-help = When the schedule takes one, older backups beyond this number are deleted
admin-settings-save = Save settings
admin-settings-saved = The settings are saved.

## Backups

admin-backups-now = Back up now
admin-backups-schedule = A backup is taken automatically every { $hours } hours, and the newest { $keep } are kept.
admin-backups-off = Automatic backups are off.
admin-backups-change = Change this in the settings.
admin-backups-none = No backups yet.
admin-backups-restoring = Restoring a backup
# Around the directory's name.
admin-backups-kept-in = Backups are kept in
admin-backups-kept-in-after = , each a complete copy of the shop's database. Keep copies somewhere else too: a backup on the same disk does not survive the disk.
admin-backups-to-restore = To put one back, stop the shop, then run
# Stands for the backup's file name in the command.
admin-backups-file-var = FILE
admin-backups-restore-checks = It checks the file first, keeps the database it replaces beside it, and says what it restored. Then start the shop again.
admin-backups-done = Backed up to { $name }.

## Reports

admin-reports-sales = Sales
admin-reports-sales-title = Sales report
admin-reports-sales-about = Orders and revenue by day, week or month, refunds subtracted
admin-reports-top-products = Top products
admin-reports-top-products-about = What sold best, by revenue
admin-reports-customers = Customers
admin-reports-customers-title = Customers report
admin-reports-customers-about = Who bought the most
admin-low-stock-title = Low stock
admin-reports-low-stock-about = Products about to run out
admin-reports-days-note = Days are those of the shop's time zone ({ $timezone }). An order counts on the day it is paid; a refund subtracts it on the day of the refund.
admin-reports-all = All reports
admin-reports-to = To
admin-reports-group = Group
admin-reports-group-by = { $group ->
    [week] By week
    [month] By month
   *[day] By day
}
admin-reports-rows = Rows
admin-reports-show = Show
admin-reports-sales-heading = { $group ->
    [week] Revenue by week, { $from } to { $to }
    [month] Revenue by month, { $from } to { $to }
   *[day] Revenue by day, { $from } to { $to }
}
admin-reports-sales-caption = { $group ->
    [week] Orders paid and revenue by week ({ $timezone }); refunds are subtracted when they are made
    [month] Orders paid and revenue by month ({ $timezone }); refunds are subtracted when they are made
   *[day] Orders paid and revenue by day ({ $timezone }); refunds are subtracted when they are made
}
admin-reports-top-products-heading = Best sellers, { $from } to { $to }
admin-reports-nothing-sold = Nothing was sold in these days.
admin-reports-top-products-caption = Products by revenue (after discounts, less refunds)
admin-reports-customers-heading = Best customers, { $from } to { $to }
admin-reports-nobody-paid = Nobody paid for an order in these days.
admin-reports-customers-caption = Customers by revenue (orders paid, less refunds)
admin-reports-at-most = At most in stock
admin-reports-low-stock-heading = { $count ->
    [one] { $count } active product with { $threshold } or fewer in stock
   *[other] { $count } active products with { $threshold } or fewer in stock
}
admin-reports-low-stock-none = None: every active product has more.
admin-reports-low-stock-caption = Active products, fewest in stock first
# The charts: their titles, and what hovering a bar shows.
admin-chart-sales = { $group ->
    [week] Revenue by week from { $from } to { $to }
    [month] Revenue by month from { $from } to { $to }
   *[day] Revenue by day from { $from } to { $to }
}
admin-chart-top-products = Revenue of the top products from { $from } to { $to }
admin-chart-customers = Revenue of the top customers from { $from } to { $to }
admin-chart-low-stock = Stock of products with { $threshold } or fewer
admin-chart-revenue-orders = { $label }: { $revenue } revenue, { $count } orders
admin-chart-revenue-sold = { $label }: { $revenue } revenue, { $count } sold
admin-chart-in-stock = { $label }: { $count } in stock

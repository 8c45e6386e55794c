# The storefront: catalog, product, cart, checkout.
cart-title = Cart
cart-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}

search-label = Search the shop
search-placeholder = Search products
search-button = Search
search-did-you-mean = Did you mean
search-browse-categories = Browse the categories
search-best-sellers = Best sellers

catalog-sort-by = Sort by
catalog-sort = Sort
catalog-filters = Filters
catalog-categories = Categories
catalog-all-products = All products
seo-home-description = { $shop } online: { $count ->
    [one] one product
   *[other] { $count } products
} in { $sections }.
seo-category-description = { $category } at { $shop }: { $count } { $count ->
    [one] product
   *[other] products
}.
catalog-price = Price
catalog-min = Min
catalog-max = Max
catalog-price-label = { $which } price
catalog-in-stock-only = In stock only
catalog-apply-filters = Apply filters
catalog-clear-all = Clear all
catalog-filters-invalid = These filters cannot be used as they are; please correct them.
catalog-products = { $count ->
    [one] { $count } product
   *[other] { $count } products
}
catalog-range-of = { $from }–{ $to } of { $total } products
catalog-no-such-page = { $count ->
    [one] There is no page { $page }: these products fill { $count } page.
   *[other] There is no page { $page }: these products fill { $count } pages.
}
catalog-first-page = Go to the first page
catalog-no-match-search = No products match “{ $search }”.
catalog-no-match-search-in = No products match “{ $search }” in { $category }.
catalog-no-match-filters = No products match these filters.
catalog-no-match-filters-in = No products match these filters in { $category }.
catalog-no-match-hint = Check the spelling, use fewer words, or
catalog-clear-the-filters = clear the filters
catalog-empty-category = There are no products in { $category } yet.
catalog-see-all = See all products
catalog-empty-shop = This shop has no products on sale yet.
catalog-come-back = Please come back soon.

stock-in = In stock
stock-out = Out of stock
stock-low = Only { $count } left

product-no-image = No image
product-inactive = Inactive
product-inactive-title = Inactive.
product-inactive-note = This product is archived: customers cannot see or find it. You see it because you are staff.
product-picture = picture { $number }
product-available = { $count } available
product-add-to-cart = Add to cart
product-category = Category
product-sku = SKU

rating-rated = Rated { $average } of 5,
rating-reviews = { $count ->
    [one] { $count } review
   *[other] { $count } reviews
}
rating-of-five = { $rating } of 5
rating-label = Rating
rating-choose = Choose…
rating-word-5 = excellent
rating-word-4 = good
rating-word-3 = fair
rating-word-2 = poor
rating-word-1 = bad
rating-comment = Comment
rating-comment-help = (optional, up to 2000 characters)

reviews-title = Reviews
reviews-none = No reviews yet.
reviews-none-on-page = There are no reviews on this page.
reviews-write = Review this product
reviews-publish = Publish review
reviews-own = You reviewed this product: { $rating } of 5
reviews-hidden-by-shop = (hidden by the shop)
reviews-later = You can review this product once you have received it.
reviews-all-of = All reviews of { $name }
reviews-of = Reviews of { $name }
reviews-newer = Newer
reviews-older = Older
reviews-hidden = hidden
reviews-hide = Hide
reviews-unhide = Unhide

rate-title = Rate order { $number }
rate-stopped = This order is { $status }: only delivered orders can be rated.
rate-not-yet = This order is { $status }. You can rate it, and review what was in it, once it is delivered.
rate-yours = Your rating of this order
rate-how-was-it = How was this order?
rate-how-was-it-help = Delivery, packaging, how the shop kept you informed.
rate-button = Rate this order
rate-products = The products
rate-reviewed = You reviewed this: { $rating } of 5.
rate-no-longer-sold = The shop no longer sells this product, so it cannot be reviewed.

cart-your-cart = Your cart
cart-empty = Your cart is empty.
cart-browse = Browse the shop
cart-or-move-saved = , or move something you saved back into the cart
cart-product = Product
cart-price = Price
cart-quantity = Quantity
cart-total = Total
cart-actions = Actions
cart-quantity-of = Quantity of { $name }
cart-update = Update
cart-save-for-later = Save for later
cart-remove = Remove
cart-subtotal = { $count ->
    [one] Subtotal ({ $count } item):
   *[other] Subtotal ({ $count } items):
}
cart-free-shipping-left = { $amount } more for free shipping
cart-checkout = Checkout
cart-blocked = Change or remove the lines marked above to check out.
cart-have-account = Have an account?
cart-comes-with-you = and this cart comes with you.
cart-saved-for-later = Saved for later
cart-move-to-cart = Move to cart
cart-line-unavailable = No longer available
cart-line-out-of-stock = Out of stock — you have { $quantity }
cart-line-only-available = Only { $available } available — you have { $quantity }

checkout-title = Checkout
checkout-guest-note = No account needed — or
checkout-guest-sign-in = sign in
checkout-guest-note-end = to see the order with your others.
checkout-shipping = Shipping
checkout-shipping-method = Shipping method
checkout-free = free
checkout-free-from = free from { $amount }
checkout-pickup-note = free; no address needed, we e-mail you when it is ready.
checkout-update-summary = Update the summary
checkout-your-details = Your details
checkout-email-help = Your confirmation and the private link to your order go here.
checkout-billing-name = Name on the invoice
checkout-billing-name-help = For pickup, the name you collect the order under. With delivery, the address's name is used when this is empty.
checkout-delivery-address = Delivery address
checkout-pickup-address-note = Not needed for pickup at the shop: leave it empty, or fill it in to have it on the invoice.
checkout-address-needed = Standard delivery needs an address. Fill it in, or choose pickup at the shop to collect the order without one.
checkout-coupon = Coupon
checkout-coupon-code = Coupon code
checkout-apply = Apply
checkout-coupon-applied-before = Coupon
checkout-coupon-applied-after = applied.
checkout-payment = Payment
checkout-payment-method = Payment method
checkout-bank-transfer-note = pay to the shop's account; we ship once the money arrives.
checkout-cash-note = pay when the parcel arrives, or when you collect it at the shop.
checkout-your-order = Your order
checkout-prices-include-tax = Prices include { $rate } tax.
checkout-tax-added = { $rate } tax is added to the prices.
checkout-place-order = Place order
checkout-back-to-cart = Back to the cart

lines-item = Item
lines-unit-price = Unit price
lines-tax-rate = Tax rate
lines-tax = Tax
lines-amount = Amount
totals-subtotal = Subtotal
totals-discount = Discount
totals-shipping = Shipping
totals-tax-included = Tax (included in the prices)
totals-incl = incl.
totals-total = Total

timeline-placed = Placed
timeline-paid = Paid
timeline-shipped = Shipped
timeline-with = with
timeline-tracking-number = tracking number
timeline-ready = Ready for pickup
timeline-collected = Collected
timeline-delivered = Delivered
timeline-cancelled = Cancelled
timeline-refunded = Refunded

paid-paid = Paid
paid-not-paid = Not paid
paid-cash-when-collected = Not paid yet: { $amount } in cash when collected
paid-cash-on-delivery = Not paid yet: { $amount } in cash on delivery
paid-awaiting-transfer = Awaiting the bank transfer

orders-none = No orders yet.
orders-order = Order
orders-items = Items
orders-status = Status

order-title = Order { $number }
order-private-link = Your order's private link
order-private-link-note = Anyone with this link can see and cancel the order: keep it to yourself. We have e-mailed it to
order-pay-by-transfer = Please pay by bank transfer
order-transfer = Transfer
order-transfer-to = to:
order-transfer-to-shop = to the shop's account.
order-use-reference = Use
order-as-reference = as reference. We ship your order once the payment arrives; an order not paid within { $hours } hours is cancelled.
order-waiting-at = Your order is waiting for you at:
order-waiting-at-shop = Your order is waiting for you at the shop.
order-paid-waiting-at = Your order is paid and waiting for you at:
order-paid-waiting-at-shop = Your order is paid and waiting for you at the shop.
order-bring = Please bring { $amount } to pay in cash when you collect it.
order-pay-when-collected = Pay when you collect it
order-pay-cash-at-shop = You pay { $amount } in cash at the shop. We e-mail you when the order is ready for pickup.
order-pay-cash-on-arrival = You pay { $amount } in cash when the parcel arrives.
order-pay-cash-on-way = You pay { $amount } in cash when the parcel arrives; it is on its way.
order-rate-link = Rate this order and review its products
order-delivery = Delivery
order-invoiced-to = Invoiced to
order-summary = Order summary
order-cancel = Cancel this order
order-cancel-note = The order is cancelled and its items go back on sale. This cannot be undone.
order-cancel-confirm = Yes, cancel order { $number }
order-create-account = Create an account
order-create-account-note = Choose a username and a password to follow this order, and your others from this browser, under
order-create-account-no-need = No need to: the link above keeps working.
order-account-email-help = The order's address; it becomes your account's.
order-create-my-account = Create my account

invoice-title = Invoice { $number }
credit-note-title = Credit note { $number }
invoice-invoice = Invoice
invoice-credit-note = Credit note
invoice-print = Print
invoice-tax-id = Tax ID
invoice-date = Invoice date
invoice-plain-date = Date
invoice-cancels = Cancels invoice
invoice-order-date = Order date
invoice-not-an-invoice = Not an invoice.
invoice-cancelled-unpaid = This order was cancelled unpaid; it has no invoice.
invoice-issued-when-paid = The invoice, with its number, is issued when the order is paid.
invoice-credited-to = Credited to
invoice-billed-to = Billed to
invoice-ship-to = to { $name }
invoice-credited = Credited: { $amount }
invoice-paid-back = , paid back to the buyer.
invoice-prices-include = The prices include { $rate } tax; the tax included is shown per line and in all.
invoice-amounts-in = Amounts in { $currency }.
invoice-cancelled-by = Cancelled by credit note { $number }.

catalog-results-for = Results for “{ $search }”
sort-best-match = Best match
sort-name = Name, A to Z
sort-price = Price, low to high
sort-price-desc = Price, high to low
sort-newest = Newest first
filter-page = The page number
filter-category = The category
filter-sort = The sort order
filter-in-stock = “In stock only”
filter-other = A filter

# The message over the page an order lands on once placed.
checkout-placed = Thank you — order { $number } is placed.
checkout-placed-guest = Thank you — order { $number } is placed. This page is your order's private link: keep it (we have e-mailed it to { $email } too).
checkout-placed-already = Order { $number } is already placed; its private link is in the e-mail we sent to { $email }.

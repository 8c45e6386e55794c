# The storefront: catalog, product, cart, checkout.
cart-title = Cart
cart-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}

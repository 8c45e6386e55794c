# La tienda: catálogo, producto, carrito, pago.
cart-title = Carrito
cart-items = { $count ->
    [one] { $count } artículo
   *[other] { $count } artículos
}

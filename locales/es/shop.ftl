# La tienda: catálogo, producto, carrito, pago.
cart-title = Carrito
cart-items = { $count ->
    [one] { $count } artículo
   *[other] { $count } artículos
}

search-label = Buscar en la tienda
search-placeholder = Buscar productos
search-button = Buscar
search-did-you-mean = ¿Quisiste decir
search-browse-categories = Explora las categorías
search-best-sellers = Los más vendidos

catalog-sort-by = Ordenar por
catalog-sort = Ordenar
catalog-filters = Filtros
catalog-categories = Categorías
catalog-all-products = Todos los productos
seo-home-description = { $shop } en línea: { $count ->
    [one] un producto
   *[other] { $count } productos
} de { $sections }.
seo-category-description = { $category } en { $shop }: { $count } { $count ->
    [one] producto
   *[other] productos
}.
catalog-price = Precio
catalog-min = Mín.
catalog-max = Máx.
catalog-price-label = Precio { $which }
catalog-in-stock-only = Solo con existencias
catalog-apply-filters = Aplicar filtros
catalog-clear-all = Quitar todos
catalog-filters-invalid = Estos filtros no se pueden usar tal como están; corrígelos.
catalog-products = { $count ->
    [one] { $count } producto
   *[other] { $count } productos
}
catalog-range-of = { $from }–{ $to } de { $total } productos
catalog-no-such-page = { $count ->
    [one] No hay página { $page }: estos productos ocupan { $count } página.
   *[other] No hay página { $page }: estos productos ocupan { $count } páginas.
}
catalog-first-page = Ir a la primera página
catalog-no-match-search = Ningún producto coincide con «{ $search }».
catalog-no-match-search-in = Ningún producto coincide con «{ $search }» en { $category }.
catalog-no-match-filters = Ningún producto coincide con estos filtros.
catalog-no-match-filters-in = Ningún producto coincide con estos filtros en { $category }.
catalog-no-match-hint = Revisa la ortografía, usa menos palabras o
catalog-clear-the-filters = quita los filtros
catalog-empty-category = Todavía no hay productos en { $category }.
catalog-see-all = Ver todos los productos
catalog-empty-shop = Esta tienda todavía no tiene productos a la venta.
catalog-come-back = Vuelve pronto.

stock-in = Disponible
stock-out = Agotado
stock-low = { $count ->
    [one] Solo queda { $count }
   *[other] Solo quedan { $count }
}

product-no-image = Sin imagen
product-inactive = Inactivo
product-inactive-title = Inactivo.
product-inactive-note = Este producto está archivado: los clientes no lo ven ni lo encuentran. Tú lo ves porque eres del personal.
product-picture = imagen { $number }
product-available = { $count ->
    [one] { $count } disponible
   *[other] { $count } disponibles
}
product-add-to-cart = Añadir al carrito
product-category = Categoría
product-sku = Referencia

rating-rated = Valorado con { $average } de 5,
rating-reviews = { $count ->
    [one] { $count } opinión
   *[other] { $count } opiniones
}
rating-of-five = { $rating } de 5
rating-label = Valoración
rating-choose = Elige…
rating-word-5 = excelente
rating-word-4 = bueno
rating-word-3 = regular
rating-word-2 = malo
rating-word-1 = muy malo
rating-comment = Comentario
rating-comment-help = (opcional, hasta 2000 caracteres)

reviews-title = Opiniones
reviews-none = Todavía no hay opiniones.
reviews-none-on-page = No hay opiniones en esta página.
reviews-write = Opina sobre este producto
reviews-publish = Publicar opinión
reviews-own = Opinaste sobre este producto: { $rating } de 5
reviews-hidden-by-shop = (ocultada por la tienda)
reviews-later = Podrás opinar sobre este producto cuando lo hayas recibido.
reviews-all-of = Todas las opiniones sobre { $name }
reviews-of = Opiniones sobre { $name }
reviews-newer = Más recientes
reviews-older = Más antiguas
reviews-hidden = oculta
reviews-hide = Ocultar
reviews-unhide = Mostrar

rate-title = Valorar el pedido { $number }
rate-stopped = Este pedido está { $status }: solo se pueden valorar los pedidos entregados.
rate-not-yet = Este pedido está { $status }. Podrás valorarlo, y opinar sobre lo que contenía, cuando se haya entregado.
rate-yours = Tu valoración de este pedido
rate-how-was-it = ¿Qué tal fue este pedido?
rate-how-was-it-help = La entrega, el embalaje, cómo te mantuvo informado la tienda.
rate-button = Valorar este pedido
rate-products = Los productos
rate-reviewed = Opinaste sobre esto: { $rating } de 5.
rate-no-longer-sold = La tienda ya no vende este producto, así que no se puede opinar sobre él.

cart-your-cart = Tu carrito
cart-empty = Tu carrito está vacío.
cart-browse = Explora la tienda
cart-or-move-saved = , o vuelve a poner en el carrito algo que guardaste
cart-product = Producto
cart-price = Precio
cart-quantity = Cantidad
cart-total = Importe
cart-actions = Acciones
cart-quantity-of = Cantidad de { $name }
cart-update = Actualizar
cart-save-for-later = Guardar para después
cart-remove = Quitar
cart-subtotal = { $count ->
    [one] Subtotal ({ $count } artículo):
   *[other] Subtotal ({ $count } artículos):
}
cart-free-shipping-left = Te faltan { $amount } para el envío gratis
cart-checkout = Tramitar pedido
cart-blocked = Cambia o quita las líneas marcadas arriba para tramitar el pedido.
cart-have-account = ¿Tienes cuenta?
cart-comes-with-you = y este carrito te acompaña.
cart-saved-for-later = Guardado para después
cart-move-to-cart = Pasar al carrito
cart-line-unavailable = Ya no está disponible
cart-line-out-of-stock = Agotado: tienes { $quantity }
cart-line-only-available = Solo hay { $available } disponibles: tienes { $quantity }

checkout-title = Tramitar pedido
checkout-guest-note = No hace falta cuenta; o
checkout-guest-sign-in = inicia sesión
checkout-guest-note-end = para ver el pedido junto a los demás.
checkout-shipping = Envío
checkout-shipping-method = Forma de envío
checkout-free = gratis
checkout-free-from = gratis a partir de { $amount }
checkout-pickup-note = gratis; sin dirección, te escribimos cuando esté listo.
checkout-update-summary = Actualizar el resumen
checkout-your-details = Tus datos
checkout-email-help = Aquí te llegan la confirmación y el enlace privado a tu pedido.
checkout-billing-name = Nombre en la factura
checkout-billing-name-help = Para recoger, el nombre con el que recoges el pedido. Con envío, si lo dejas vacío se usa el nombre de la dirección.
checkout-delivery-address = Dirección de entrega
checkout-pickup-address-note = No hace falta para recoger en la tienda: déjala vacía, o rellénala para que salga en la factura.
checkout-address-needed = El envío estándar necesita una dirección. Rellénala, o elige recoger en la tienda para llevarte el pedido sin ella.
checkout-coupon = Cupón
checkout-coupon-code = Código del cupón
checkout-apply = Aplicar
checkout-coupon-applied-before = Cupón
checkout-coupon-applied-after = aplicado.
checkout-payment = Pago
checkout-payment-method = Forma de pago
checkout-bank-transfer-note = paga en la cuenta de la tienda; enviamos cuando llega el dinero.
checkout-cash-note = paga cuando llegue el paquete, o cuando lo recojas en la tienda.
checkout-your-order = Tu pedido
checkout-prices-include-tax = Los precios incluyen un { $rate } de impuestos.
checkout-tax-added = A los precios se les suma un { $rate } de impuestos.
checkout-place-order = Realizar pedido
checkout-back-to-cart = Volver al carrito

lines-item = Artículo
lines-unit-price = Precio unitario
lines-tax-rate = Tipo de IVA
lines-tax = Impuestos
lines-amount = Importe
totals-subtotal = Subtotal
totals-discount = Descuento
totals-shipping = Envío
totals-tax-included = Impuestos (incluidos en los precios)
totals-incl = incl.
totals-total = Importe total

timeline-placed = Realizado
timeline-paid = Pagado
timeline-shipped = Enviado
timeline-with = con
timeline-tracking-number = número de seguimiento
timeline-ready = Listo para recoger
timeline-collected = Recogido
timeline-delivered = Entregado
timeline-cancelled = Cancelado
timeline-refunded = Reembolsado

paid-paid = Pagado
paid-not-paid = Sin pagar
paid-cash-when-collected = Pendiente de pago: { $amount } en efectivo al recogerlo
paid-cash-on-delivery = Pendiente de pago: { $amount } en efectivo a la entrega
paid-awaiting-transfer = A la espera de la transferencia

orders-none = Todavía no tienes pedidos.
orders-order = Pedido
orders-items = Artículos
orders-status = Estado

order-title = Pedido { $number }
order-private-link = El enlace privado de tu pedido
order-private-link-note = Cualquiera con este enlace puede ver y cancelar el pedido: no lo compartas. Te lo hemos enviado a
order-pay-by-transfer = Paga por transferencia bancaria
order-transfer = Transfiere
order-transfer-to = a:
order-transfer-to-shop = a la cuenta de la tienda.
order-use-reference = Indica
order-as-reference = como concepto. Enviamos tu pedido cuando llega el pago; un pedido sin pagar en { $hours } horas se cancela.
order-waiting-at = Tu pedido te espera en:
order-waiting-at-shop = Tu pedido te espera en la tienda.
order-paid-waiting-at = Tu pedido está pagado y te espera en:
order-paid-waiting-at-shop = Tu pedido está pagado y te espera en la tienda.
order-bring = Trae { $amount } para pagar en efectivo al recogerlo.
order-pay-when-collected = Paga al recogerlo
order-pay-cash-at-shop = Pagas { $amount } en efectivo en la tienda. Te escribimos cuando el pedido esté listo para recoger.
order-pay-cash-on-arrival = Pagas { $amount } en efectivo cuando llegue el paquete.
order-pay-cash-on-way = Pagas { $amount } en efectivo cuando llegue el paquete; ya está en camino.
order-rate-link = Valora este pedido y opina sobre sus productos
order-delivery = Entrega
order-invoiced-to = Facturado a
order-summary = Resumen del pedido
order-cancel = Cancelar este pedido
order-cancel-note = El pedido se cancela y sus artículos vuelven a la venta. No se puede deshacer.
order-cancel-confirm = Sí, cancelar el pedido { $number }
order-create-account = Crea una cuenta
order-create-account-note = Elige un nombre de usuario y una contraseña para seguir este pedido, y los demás de este navegador, en
order-create-account-no-need = No hace falta: el enlace de arriba sigue funcionando.
order-account-email-help = La dirección del pedido; pasa a ser la de tu cuenta.
order-create-my-account = Crear mi cuenta

invoice-title = Factura { $number }
credit-note-title = Factura rectificativa { $number }
invoice-invoice = Factura
invoice-credit-note = Factura rectificativa
invoice-print = Imprimir
invoice-tax-id = NIF
invoice-date = Fecha de factura
invoice-plain-date = Fecha
invoice-cancels = Anula la factura
invoice-order-date = Fecha del pedido
invoice-not-an-invoice = No es una factura.
invoice-cancelled-unpaid = Este pedido se canceló sin pagar; no tiene factura.
invoice-issued-when-paid = La factura, con su número, se emite cuando se paga el pedido.
invoice-credited-to = Abonado a
invoice-billed-to = Facturado a
invoice-ship-to = a { $name }
invoice-credited = Abonado: { $amount }
invoice-paid-back = , devuelto al comprador.
invoice-prices-include = Los precios incluyen un { $rate } de impuestos; el impuesto incluido se muestra por línea y en total.
invoice-amounts-in = Importes en { $currency }.
invoice-cancelled-by = Anulada por la factura rectificativa { $number }.

catalog-results-for = Resultados de «{ $search }»
sort-best-match = Más relevantes
sort-name = Nombre, de la A a la Z
sort-price = Precio, de menor a mayor
sort-price-desc = Precio, de mayor a menor
sort-newest = Novedades primero
filter-page = El número de página
filter-category = La categoría
filter-sort = El orden
filter-in-stock = «Solo con existencias»
filter-other = Un filtro

# El mensaje sobre la página a la que lleva un pedido realizado.
checkout-placed = Gracias: el pedido { $number } está realizado.
checkout-placed-guest = Gracias: el pedido { $number } está realizado. Esta página es el enlace privado de tu pedido: guárdalo (también te lo hemos enviado a { $email }).
checkout-placed-already = El pedido { $number } ya está realizado; su enlace privado está en el correo que te enviamos a { $email }.

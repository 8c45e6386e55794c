## La administración de la tienda: las páginas del personal y de los administradores (templates/admin, web/admin).

## Navegación y palabras de muchas páginas

admin-nav-label = Administración
admin-nav-dashboard = Panel
admin-nav-orders = Pedidos
admin-nav-reports = Informes
admin-nav-products = Productos
admin-nav-categories = Categorías
admin-nav-suppliers = Proveedores
admin-nav-coupons = Cupones
admin-nav-users = Usuarios
admin-nav-reviews = Opiniones
admin-nav-import = Importar y exportar
admin-nav-settings = Ajustes
admin-nav-backups = Copias de seguridad

admin-edit = Editar
admin-edit-title = Editar { $name }
admin-delete = Eliminar
admin-cancel = Cancelar
admin-search = Buscar
admin-filter = Filtrar
admin-show-all = Ver todo
admin-download = Descargar
admin-download-csv = Descargar CSV
admin-note = Nota
admin-optional = Opcional
admin-none = ninguno
admin-never = nunca
admin-active = activo
admin-or = o
admin-guest = invitado
admin-badge-inactive = inactivo
admin-cannot-be-undone = No se puede deshacer.

## Encabezados de tabla (también las etiquetas de cada celda en el móvil)

admin-col-actions = Acciones
admin-col-action = Acción
admin-col-access = Acceso
admin-col-active = Activos
admin-col-average-order = Pedido medio
admin-col-by = De
admin-col-category = Categoría
admin-col-change = Cambio
admin-col-code = Código
admin-col-comment = Comentario
admin-col-contact = Contacto
admin-col-customer = Cliente
admin-col-date = Fecha
admin-col-day = Día
admin-col-discount = Descuento
admin-col-email = Correo electrónico
admin-col-file = Archivo
admin-col-from = Desde
admin-col-in-stock = En stock
admin-col-last-order = Último pedido
admin-col-limit = Límite
admin-col-minimum-order = Pedido mínimo
admin-col-month = Mes
admin-col-name = Nombre
admin-col-order = Pedido
admin-col-orders = Pedidos
admin-col-paid = Cobrado
admin-col-paid-orders = Pedidos pagados
admin-col-payment = Pago
admin-col-phone = Teléfono
admin-col-placed = Fecha del pedido
admin-col-price = Precio
admin-col-product = Producto
admin-col-products = Productos
admin-col-rating = Valoración
admin-col-reason = Motivo
admin-col-refunded = Reembolsado
admin-col-revenue = Ingresos
admin-col-role = Rol
admin-col-shown = Visible
admin-col-size = Tamaño
admin-col-sku = Referencia (SKU)
admin-col-sold = Vendidos
admin-col-status = Estado
admin-col-stock = Stock
admin-col-stock-after = Stock después
admin-col-supplier = Proveedor
admin-col-taken = Hecha
admin-col-total = Total
admin-col-until = Hasta
admin-col-username = Usuario
admin-col-week-of = Semana del
admin-col-when = Cuándo
admin-col-who = Quién
admin-col-written = Escrita

## Nombres de lo que la base de datos guarda como códigos

admin-status-name = { $status ->
    [pending_payment] pendiente de pago
    [paid] pagado
    [shipped] enviado
    [ready_for_pickup] listo para recoger
    [delivered] entregado
    [cancelled] cancelado
    [refunded] reembolsado
   *[other] { $status }
}
admin-role-name = { $role ->
    [admin] administrador
    [staff] empleado
    [customer] cliente
   *[other] { $role }
}
admin-reason-name = { $reason ->
    [initial] inicial
    [restock] reposición
    [adjustment] ajuste
    [return] devolución
    [damaged] dañado
    [import] importación
    [sale] venta
    [cancel] cancelación
    [refund] reembolso
   *[other] { $reason }
}

## Panel

admin-dashboard-title = Administración
admin-dashboard-sales = Ventas
admin-dashboard-today = Hoy, frente a ayer
admin-dashboard-week = Últimos 7 días, frente a los 7 anteriores
admin-dashboard-month = Últimos 30 días, frente a los 30 anteriores
admin-dashboard-revenue-30 = Ingresos de los últimos 30 días
admin-dashboard-sales-report = Informe de ventas
admin-dashboard-as-table = Las cifras en una tabla
admin-dashboard-to-do = Pendiente
admin-dashboard-awaiting-payment = { $count ->
    [one] pedido pendiente de pago
   *[other] pedidos pendientes de pago
}
admin-dashboard-to-ship = { $count ->
    [one] pedido pagado por enviar o entregar
   *[other] pedidos pagados por enviar o entregar
}
admin-dashboard-low-stock-count = con { $threshold } o menos en stock
admin-dashboard-newest-orders = Últimos pedidos
admin-dashboard-low-stock-all = Los { $count }
admin-dashboard-low-stock-none = Todos los productos activos tienen más de { $threshold } en stock.
admin-dashboard-left = { $count ->
    [one] queda { $count }
   *[other] quedan { $count }
}
admin-dashboard-catalog = Catálogo
admin-dashboard-products = { $count ->
    [one] producto
   *[other] productos
}
admin-dashboard-inactive = { $count ->
    [one] producto inactivo
   *[other] productos inactivos
}
admin-dashboard-categories = { $count ->
    [one] categoría
   *[other] categorías
}
admin-dashboard-suppliers = { $count ->
    [one] proveedor
   *[other] proveedores
}
admin-dashboard-add = Añadir al catálogo
admin-chart-revenue-30 = Ingresos de los últimos 30 días

admin-trade-paid-orders = { $count ->
    [one] pedido pagado
   *[other] pedidos pagados
}
admin-trend-up = sube un { $change } %
admin-trend-down = baja un { $change } %
admin-trend-same = sin cambios
admin-trend-before = antes:
admin-trend-nothing-before = nada en el periodo anterior

## Pedidos

admin-orders-title = Pedidos
admin-orders-all = Todos los pedidos
admin-orders-any-status = Cualquier estado
admin-orders-search-placeholder = Número de pedido, nombre o correo del cliente
admin-orders-placed-from = Pedidos desde
admin-orders-placed-to = Pedidos hasta
admin-orders-none-yet = Aún no hay pedidos.
admin-orders-none-match = Ningún pedido coincide.

admin-order-title = Pedido { $number }
admin-order-heading = Pedido
admin-order-invoice = Factura { $number }
admin-order-summary = Resumen del pedido
admin-order-credit-note = Factura rectificativa { $number }
admin-order-items = Artículos
admin-order-account = cuenta
admin-order-guest = invitado, sin cuenta
admin-order-delivery = Entrega
admin-order-reference = , referencia
admin-order-invoice-label = Factura
admin-order-credit-note-label = , factura rectificativa
admin-order-refund-note = Nota del reembolso:
admin-order-nothing-to-do = Este pedido está { $status }; no queda nada por hacer con él.
admin-order-next-steps = Siguientes pasos
admin-order-mark-paid = Marcar como pagado
admin-order-cash-collected-before = El efectivo se cobró antes de la entrega: el pedido sigue { $status }.
admin-order-payment-reference = Referencia del pago
admin-order-reference-help-transfer = Opcional: la referencia bancaria de la transferencia
admin-order-reference-help-cash = Opcional: un número de recibo del efectivo
admin-order-ship = Enviar
admin-order-carrier = Transportista
admin-order-tracking-number = Número de seguimiento
admin-order-tracking-help = Lo ve el cliente y va en el aviso de envío
admin-order-mark-shipped = Marcar como enviado
admin-order-ready = Listo para recoger
admin-order-ready-help = Cuando el pedido está preparado y espera en la tienda. El cliente recibe un correo.
admin-order-ready-help-unpaid = Cuando el pedido está preparado y espera en la tienda. El cliente recibe un correo; paga { $total } en efectivo al recogerlo.
admin-order-mark-ready = Marcar como listo para recoger
admin-order-collected-cash = Recogido, efectivo cobrado
admin-order-delivered-cash = Entregado, efectivo cobrado
admin-order-cash-due-before = Aún sin pagar: confírmalo solo cuando tengas los
admin-order-cash-due-after = en efectivo. Así se registra el pago y el pedido recibe su número de factura.
admin-order-receipt = Recibo o nota
admin-order-receipt-help = Opcional: el recibo del mensajero, o quién cobró el efectivo
admin-order-cash-mark-collected = Efectivo cobrado, marcar como recogido
admin-order-cash-mark-delivered = Efectivo cobrado, marcar como entregado
admin-order-deliver = Entregar
admin-order-deliver-help-pickup = Cuando el cliente ha recogido el pedido.
admin-order-deliver-help = Cuando el cliente tiene el paquete.
admin-order-mark-collected = Marcar como recogido
admin-order-mark-delivered = Marcar como entregado
admin-order-refund = Reembolsar
admin-order-refund-help = Devolver { $total }. Lo confirmas en la página siguiente.
admin-order-refund-help-invoice = Devolver { $total }, con una factura rectificativa de la factura { $invoice }. Lo confirmas en la página siguiente.
admin-order-refund-button = Reembolsar…
admin-order-cancel = Cancelar
admin-order-cancel-help = Los artículos vuelven al stock. Lo confirmas en la página siguiente.
admin-order-cancel-help-paid = Los artículos vuelven al stock y el pago se registra como reembolsado. Lo confirmas en la página siguiente.
admin-order-cancel-help-returned = Los artículos vuelven al stock (un paquete devuelto o que no se recogió). Lo confirmas en la página siguiente.
admin-order-cancel-button = Cancelar el pedido…

## Cancelar o reembolsar un pedido: la página de confirmación

admin-confirm-cancel-title = Cancelar el pedido { $number }
admin-confirm-refund-title = Reembolsar el pedido { $number }
admin-confirm-cancel-heading = ¿Cancelar el pedido
admin-confirm-refund-heading = ¿Reembolsar el pedido
admin-confirm-not-paid = , sin pagar
admin-confirm-what-happens = Qué ocurre
admin-confirm-restock = Devolver los artículos al stock
admin-confirm-restock-help = Márcalo cuando la mercancía vuelva a estar en la estantería
admin-confirm-note-help = Opcional: por qué, cómo se devolvió el dinero (como mucho 1000 caracteres)
admin-confirm-cancel-yes = Sí, cancelar el pedido { $number }
admin-confirm-refund-yes = Sí, reembolsar { $total }
admin-confirm-no = No, volver al pedido
admin-confirm-cancel-restock = Los artículos vuelven al stock, una sola vez: { $items }.
admin-confirm-cancel-paid = El pago de { $total } se registra como reembolsado: devuélveselo al cliente.
admin-confirm-cancel-unpaid = No se pagó nada, así que no se reembolsa nada.
admin-confirm-cancel-returned = No se pagó nada (un paquete contra reembolso devuelto o que no se recogió), así que no se reembolsa nada; ya no se deben los { $total }.
admin-confirm-credit-note = La factura { $invoice } se anula con una factura rectificativa con el siguiente número.
admin-confirm-coupon = Se devuelve el uso del cupón.
admin-confirm-cancel-mail = El cliente recibe un correo de que el pedido está cancelado.
admin-confirm-refund-paid = { $total } se registra como devuelto al cliente: devuélveselo antes o justo después.
admin-confirm-refund-restock = Los artículos vuelven al stock solo si marcas la casilla de abajo (cuando la mercancía vuelva a estar en la estantería).
admin-confirm-no-invoice = El pedido no tiene factura, así que no se emite factura rectificativa.
admin-confirm-refund-mail = El cliente recibe un correo de que el pedido está reembolsado.
admin-confirm-not-now = { $step ->
    [cancel] el pedido { $number } está { $status }; no se puede cancelar
   *[refund] el pedido { $number } está { $status }; no se puede reembolsar
}

## Productos

admin-products-title = Productos
admin-products-new = Nuevo producto
admin-products-search-placeholder = Nombre o descripción
admin-products-all-categories = Todas las categorías
admin-products-sort = Orden
admin-products-sort-name = Por nombre
admin-products-sort-stock = Menos stock primero
admin-products-active-only = Solo activos
admin-products-low-only = Solo con poco stock ({ $threshold } o menos)
admin-products-none-match = Ningún producto coincide.

admin-product-sku-help = Opcional; única, sin espacios
admin-product-description = Descripción
admin-product-price-help = En { $currency }, como 12,34 o 12.34 (una coma o un punto antes de los céntimos; sin separador de miles)
admin-product-opening-stock = Stock inicial
admin-product-opening-stock-help = Un número entero; después cambia con los ajustes de stock
admin-product-no-category = Sin categoría
admin-product-no-supplier = Sin proveedor
admin-product-active = Activo (se muestra en la tienda)
admin-product-save = Guardar el producto
admin-product-create = Crear el producto
admin-product-inactive-hidden = inactivo (oculto en la tienda)
admin-product-created = Creado
admin-product-updated = Modificado
admin-product-images = Imágenes
admin-product-no-images = Aún no hay imágenes.
admin-product-image-alt = Imagen { $index } de { $name }
admin-product-move-up = Subir
admin-product-up = Subir
admin-product-move-down = Bajar
admin-product-down = Bajar
admin-product-image-file = Archivo de imagen
admin-product-image-file-help = PNG, JPEG, WebP o GIF
admin-product-upload-image = Subir la imagen
admin-product-adjust-stock = Ajustar el stock
admin-product-delta-help = Se suma al stock: 10 para añadir diez, -2 para quitar dos
admin-product-stock-history = Historial de stock
admin-product-no-movements = Aún no hay movimientos de stock.
admin-product-by-order = pedido { $id }

admin-product-saved = El producto «{ $name }» está guardado.
admin-product-deleted = El producto está eliminado.
admin-product-archived = El producto aparece en pedidos, así que se archiva (inactivo) en lugar de eliminarse.
admin-product-delete-note = Sus imágenes y su historial de stock se eliminan con él.
admin-product-stock-now = El stock es ahora { $stock }.
admin-product-image-added = La imagen está añadida.
admin-product-images-reordered = Las imágenes están reordenadas.
admin-product-image-deleted = La imagen está eliminada.

## Eliminar un producto, una categoría, un proveedor o un cupón

admin-delete-title = { $kind ->
    [product] Eliminar el producto
    [category] Eliminar la categoría
    [supplier] Eliminar el proveedor
    [coupon] Eliminar el cupón
   *[other] Eliminar
}
admin-delete-heading = { $kind ->
    [product] ¿Eliminar este producto?
    [category] ¿Eliminar esta categoría?
    [supplier] ¿Eliminar este proveedor?
    [coupon] ¿Eliminar este cupón?
   *[other] ¿Eliminar?
}
admin-delete-about = { $kind ->
    [product] Vas a eliminar el producto
    [category] Vas a eliminar la categoría
    [supplier] Vas a eliminar el proveedor
    [coupon] Vas a eliminar el cupón
   *[other] Vas a eliminar
}

## Categorías

admin-categories-title = Categorías
admin-categories-new = Nueva categoría
admin-categories-none = Aún no hay categorías.
admin-category-parent = Categoría superior
admin-category-no-parent = Ninguna (una categoría principal)
admin-category-save = Guardar la categoría
admin-category-create = Crear la categoría
admin-category-saved = La categoría «{ $name }» está guardada.
admin-category-deleted = La categoría está eliminada.

## Proveedores

admin-suppliers-title = Proveedores
admin-suppliers-new = Nuevo proveedor
admin-suppliers-search-placeholder = Parte del nombre
admin-suppliers-none = No hay proveedores.
admin-suppliers-none-match = Ningún proveedor coincide.
admin-supplier-contact-person = Persona de contacto
admin-supplier-save = Guardar el proveedor
admin-supplier-create = Crear el proveedor
admin-supplier-saved = El proveedor «{ $name }» está guardado.
admin-supplier-deleted = El proveedor está eliminado.
admin-supplier-delete-note = { $count ->
    [one] Su producto sigue en el catálogo, sin proveedor.
   *[other] Sus { $count } productos siguen en el catálogo, sin proveedor.
}

## Cupones

admin-coupons-title = Cupones
admin-coupons-new = Nuevo cupón
admin-coupons-none = Aún no hay cupones.
admin-coupons-once-per-customer = una vez por cliente
admin-coupons-percent = { $value } %
admin-coupon-code-help = De 3 a 32 letras, cifras, «-» o «_»; los clientes lo escriben en mayúsculas o minúsculas
admin-coupon-kind = Tipo
admin-coupon-percent = Porcentaje de descuento
admin-coupon-fixed = Importe fijo de descuento
admin-coupon-value = Valor
admin-coupon-value-help = Porcentaje: de 1 a 100. Fijo: un importe como 5,00 o 5.00 (sin separador de miles)
admin-coupon-minimum-help = El subtotal que necesita un pedido, como 30,00 o 30.00
admin-coupon-starts = Válido desde
admin-coupon-starts-help = Opcional; desde las 00:00 UTC
admin-coupon-ends = Válido hasta
admin-coupon-ends-help = Opcional; deja de valer a las 00:00 UTC de ese día
admin-coupon-usage-limit = Usos en total
admin-coupon-once-per-customer = Una vez por cliente
admin-coupon-save = Guardar el cupón
admin-coupon-create = Crear el cupón
admin-coupon-saved = El cupón { $code } está guardado.
admin-coupon-deleted = El cupón está eliminado.

## Usuarios

admin-users-title = Usuarios
admin-users-all = Todos los usuarios
admin-users-search-placeholder = Usuario o correo electrónico
admin-users-any-role = Cualquier rol
admin-users-none-yet = Aún no hay usuarios.
admin-users-none-match = Ningún usuario coincide.
admin-user-details = Datos
admin-user-deactivated = desactivado: no puede iniciar sesión
admin-user-joined = Alta
admin-user-revenue-note = Los ingresos cuentan los pedidos pagados que no se reembolsaron ni cancelaron.
admin-user-addresses = Direcciones
admin-user-no-addresses = Aún no se ha enviado ningún pedido suyo.
admin-user-change-role = Cambiar el rol
admin-user-own-account = Es tu propia cuenta: otro administrador puede desactivarla.
admin-user-deactivate-help = Al desactivar a { $name } se cierran todas sus sesiones a la vez, dejan de valer sus tokens de la API y ya no puede iniciar sesión. Sus pedidos se conservan.
admin-user-deactivate = Desactivar
admin-user-reactivate-help = { $name } no puede iniciar sesión. Al reactivarlo puede volver a entrar con su contraseña.
admin-user-reactivate = Reactivar
admin-user-role-changed = { $name } es ahora { $role }.
admin-user-reactivated = { $name } vuelve a estar activo y puede iniciar sesión.
admin-user-deactivated-done = { $name } está desactivado: se han cerrado todas sus sesiones y no puede iniciar sesión.

## Opiniones

admin-reviews-title = Opiniones
admin-reviews-show = Mostrar
admin-reviews-all = Todas las opiniones
admin-reviews-hidden-only = Solo las ocultas
admin-reviews-visible-only = Solo las visibles
admin-reviews-none = No hay opiniones.
admin-reviews-none-hidden = No hay opiniones ocultas.
admin-reviews-none-visible = No hay opiniones visibles.
admin-reviews-no-comment = sin comentario
admin-reviews-hidden = oculta
admin-reviews-visible = visible
admin-reviews-hide = Ocultar
admin-reviews-unhide = Mostrar

## Importar y exportar productos

admin-import-heading = Importar y exportar productos
admin-import-csv = Importar un archivo CSV
admin-import-columns = Columnas:
admin-import-prices = Los precios son decimales
admin-import-categories = las categorías son rutas
admin-import-category-example = Hogar > Cocina
admin-import-rules = las categorías y los proveedores que falten se crean. Una fila con una referencia (SKU) conocida actualiza ese producto; las demás crean uno. Si alguna línea está mal, no se importa nada.
admin-import-semicolons = Un archivo separado por punto y coma, como lo guarda una hoja de cálculo en español, lleva comas decimales
admin-import-nothing-imported = No se ha importado nada. Corrige estas líneas y vuelve a subir el archivo:
admin-import-line = línea { $line }
admin-import-file = Archivo CSV (como mucho { $mib } MB)
admin-import-button = Importar
admin-import-too-big = elige un archivo CSV de como mucho { $mib } MB
admin-import-done = Importado: { $created } creados, { $updated } actualizados.
admin-export-heading = Exportar
admin-export-every-product = Todos los productos, también los inactivos, en las mismas columnas: edítalo en una hoja de cálculo y vuelve a importarlo.
admin-export-formulas-before = El texto que una hoja de cálculo tomaría por una fórmula (el que empieza por
admin-export-formulas-middle = ) se escribe con un
admin-export-formulas-after = delante, que la importación quita.
admin-export-download = Descargar products.csv

## Ajustes de la tienda

admin-settings-title = Ajustes de la tienda
admin-settings-shop-name = Nombre de la tienda
admin-settings-currency = Moneda
admin-settings-currency-help = Un código de tres letras: EUR, USD, GBP, CHF…
admin-settings-tax-rate = Tipo de IVA (%)
admin-settings-tax-rate-help = Por ejemplo 21 o 10,5
admin-settings-prices-include-tax = Los precios del catálogo incluyen el IVA
admin-settings-shipping-fee = Gastos de envío
admin-settings-shipping-fee-help = Una tarifa fija por pedido, como 4,95 o 4.95 (sin separador de miles)
admin-settings-free-shipping = Envío gratis desde
admin-settings-free-shipping-help = Un subtotal de pedido, como 50,00 o 50.00; déjalo vacío para nunca
admin-settings-bank-details = Datos bancarios para transferencias
admin-settings-bank-details-short = Los datos bancarios
admin-settings-unpaid-hold = Reservar los pedidos por transferencia sin pagar durante (horas)
admin-settings-max-unpaid = Pedidos sin pagar que puede tener un comprador
admin-settings-max-unpaid-help = Por dirección de correo; entre invitados, también por dirección IP
admin-settings-timezone = Zona horaria
admin-settings-timezone-help = Un nombre como Europe/Madrid, America/Mexico_City o UTC: los días de los informes y todas las horas que se muestran
admin-settings-low-stock = Poco stock a partir de
admin-settings-low-stock-help = Los productos con este stock o menos aparecen en el panel
admin-settings-seller = El vendedor, como aparece en las facturas
admin-settings-legal-name = Razón social
admin-settings-address = Dirección
admin-settings-tax-id = NIF / CIF
admin-settings-contact-email = Correo de contacto
admin-settings-notify = Enviar los avisos de pedido nuevo a
admin-settings-notify-help = Déjalo vacío para no enviar correos
admin-settings-backups = Copias de seguridad automáticas
admin-settings-backup-every = Hacer una copia cada (horas)
admin-settings-backup-every-help = 0 desactiva las copias automáticas
admin-settings-backup-keep = Copias que se conservan
admin-settings-backup-keep-help = Cuando el programa hace una, se eliminan las copias más antiguas que pasen de este número
admin-settings-save = Guardar los ajustes
admin-settings-saved = Los ajustes están guardados.

## Copias de seguridad

admin-backups-now = Hacer una copia ahora
admin-backups-schedule = Se hace una copia automáticamente cada { $hours } horas y se conservan las { $keep } más recientes.
admin-backups-off = Las copias automáticas están desactivadas.
admin-backups-change = Cámbialo en los ajustes.
admin-backups-none = Aún no hay copias.
admin-backups-restoring = Restaurar una copia
admin-backups-kept-in = Las copias se guardan en
admin-backups-kept-in-after = , cada una una copia completa de la base de datos de la tienda. Guarda copias también en otro sitio: una copia en el mismo disco no sobrevive al disco.
admin-backups-to-restore = Para recuperar una, detén la tienda y ejecuta
admin-backups-file-var = ARCHIVO
admin-backups-restore-checks = Primero comprueba el archivo, guarda al lado la base de datos que sustituye y dice qué ha restaurado. Después vuelve a arrancar la tienda.
admin-backups-done = Copia hecha en { $name }.

## Informes

admin-reports-sales = Ventas
admin-reports-sales-title = Informe de ventas
admin-reports-sales-about = Pedidos e ingresos por día, semana o mes, descontados los reembolsos
admin-reports-top-products = Productos más vendidos
admin-reports-top-products-about = Lo que más se vendió, por ingresos
admin-reports-customers = Clientes
admin-reports-customers-title = Informe de clientes
admin-reports-customers-about = Quién compró más
admin-low-stock-title = Poco stock
admin-reports-low-stock-about = Productos a punto de agotarse
admin-reports-days-note = Los días son los de la zona horaria de la tienda ({ $timezone }). Un pedido cuenta el día en que se paga; un reembolso lo resta el día del reembolso.
admin-reports-all = Todos los informes
admin-reports-to = Hasta
admin-reports-group = Agrupar
admin-reports-group-by = { $group ->
    [week] Por semana
    [month] Por mes
   *[day] Por día
}
admin-reports-rows = Filas
admin-reports-show = Mostrar
admin-reports-sales-heading = { $group ->
    [week] Ingresos por semana, del { $from } al { $to }
    [month] Ingresos por mes, del { $from } al { $to }
   *[day] Ingresos por día, del { $from } al { $to }
}
admin-reports-sales-caption = { $group ->
    [week] Pedidos pagados e ingresos por semana ({ $timezone }); los reembolsos se restan cuando se hacen
    [month] Pedidos pagados e ingresos por mes ({ $timezone }); los reembolsos se restan cuando se hacen
   *[day] Pedidos pagados e ingresos por día ({ $timezone }); los reembolsos se restan cuando se hacen
}
admin-reports-top-products-heading = Los más vendidos, del { $from } al { $to }
admin-reports-nothing-sold = No se vendió nada en estos días.
admin-reports-top-products-caption = Productos por ingresos (después de descuentos, menos reembolsos)
admin-reports-customers-heading = Mejores clientes, del { $from } al { $to }
admin-reports-nobody-paid = Nadie pagó un pedido en estos días.
admin-reports-customers-caption = Clientes por ingresos (pedidos pagados, menos reembolsos)
admin-reports-at-most = Como mucho en stock
admin-reports-low-stock-heading = { $count ->
    [one] { $count } producto activo con { $threshold } o menos en stock
   *[other] { $count } productos activos con { $threshold } o menos en stock
}
admin-reports-low-stock-none = Ninguno: todos los productos activos tienen más.
admin-reports-low-stock-caption = Productos activos, los de menos stock primero
admin-chart-sales = { $group ->
    [week] Ingresos por semana del { $from } al { $to }
    [month] Ingresos por mes del { $from } al { $to }
   *[day] Ingresos por día del { $from } al { $to }
}
admin-chart-top-products = Ingresos de los productos más vendidos del { $from } al { $to }
admin-chart-customers = Ingresos de los mejores clientes del { $from } al { $to }
admin-chart-low-stock = Stock de los productos con { $threshold } o menos
admin-chart-revenue-orders = { $label }: { $revenue } de ingresos, { $count } pedidos
admin-chart-revenue-sold = { $label }: { $revenue } de ingresos, { $count } vendidos
admin-chart-in-stock = { $label }: { $count } en stock

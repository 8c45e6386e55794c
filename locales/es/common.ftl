# Palabras que comparten todas las páginas: la plantilla, el paginador, los formularios.
layout-skip-link = Saltar al contenido principal
layout-account-nav = Cuenta
layout-my-orders = Mis pedidos
layout-back-office = Administración
layout-signed-in-as = Sesión iniciada como
layout-sign-out = Cerrar sesión
layout-sign-in = Iniciar sesión
layout-register = Crear cuenta
layout-view-cart = Ver carrito
layout-powered-by = Funciona con Tienda
layout-language = Idioma
language-changed = La tienda ahora habla español.

role-customer = cliente
role-staff = personal
role-admin = administrador

settings-language = Idioma
settings-language-en = Inglés (English)
settings-language-es = Español
settings-language-auto = Lo elige el navegador de cada visitante (español o inglés)

breadcrumb = Ruta de navegación
pager-pages = Páginas
pager-previous = Anterior
pager-next = Siguiente
pager-page-of = Página { $page } de { $pages }
form-check-fields = Revisa los campos marcados.

address-full-name = Nombre completo
address-line1 = Dirección
address-line2 = Dirección, segunda línea
address-line2-help = Opcional: piso, puerta, empresa
address-postal-code = Código postal
address-city = Ciudad
address-country = País

shipping-standard = Envío estándar
shipping-pickup = Recogida en la tienda
payment-bank-transfer = Transferencia bancaria
payment-cash-on-delivery = Contra reembolso
pager-in-all = { $count } en total

status-pending_payment = pendiente de pago
status-paid = pagado
status-shipped = enviado
status-ready_for_pickup = listo para recoger
status-delivered = entregado
status-cancelled = cancelado
status-refunded = reembolsado

error-not-found-page = No encontramos esta página. Puede que el enlace esté mal escrito, o que lo que mostraba ya no esté en la tienda.
error-forbidden-user = Esta página no está abierta a tu cuenta. Es para el personal de la tienda.
error-forbidden-visitor = Esta página no está abierta a los visitantes. Inicia sesión con una cuenta que pueda verla.
error-back-to-shop = Volver a la tienda

error-title-401 = Inicia sesión
error-title-403 = No permitido
error-title-404 = No encontrado
error-title-413 = Demasiado grande
error-title-429 = Demasiados intentos
error-title-500 = Algo ha fallado
error-title-other = No ha funcionado

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

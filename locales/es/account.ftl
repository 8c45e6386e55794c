# Registro, inicio de sesión, la página de la cuenta, tokens de la API, contraseña olvidada.
account-title = Tu cuenta
account-member-since = cliente desde
account-api-tokens = Tokens de la API
account-profile = Perfil
account-save-profile = Guardar perfil
account-password = Contraseña
account-password-help = De 10 a 72 bytes, distinta de tu nombre de usuario
account-change-password = Cambiar la contraseña
account-password-note = Al cambiar la contraseña se cierran tus otras sesiones.
account-language = Idioma
account-language-label = Idioma de la tienda y de la administración
account-language-shop = El idioma de la tienda
account-language-help = El selector de idioma al pie de las páginas de la tienda lo sigue cambiando para una visita.
account-language-save = Guardar el idioma
account-language-saved = Tu idioma está guardado.

field-username = Nombre de usuario
field-email = Correo electrónico
field-current-password = Contraseña actual
field-new-password = Contraseña nueva
field-new-password-again = Repite la contraseña nueva
field-password = Contraseña
field-username-or-email = Nombre de usuario o correo electrónico
account-username-help = De 3 a 32 letras, cifras, «.», «_» o «-»
login-forgot = ¿Olvidaste tu contraseña?
login-new-here = ¿Eres nuevo?
register-title = Crea tu cuenta
register-have-account = ¿Ya tienes cuenta?
reset-title = Restablecer la contraseña
reset-intro = Indica el correo electrónico de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva.
reset-send = Enviar el enlace
reset-choose = Elige una contraseña nueva
reset-set = Guardar la contraseña
reset-note = Al guardarla se cierran todas tus sesiones; después inicia sesión con la contraseña nueva.

tokens-intro = Un token permite a un programa usar la API JSON en tu nombre, con tu rol. Envíalo como cabecera:
tokens-back = Volver a tu cuenta
tokens-new-named = Tu nuevo token «{ $name }»
tokens-copy-now = Cópialo ahora: no se guarda y no se volverá a mostrar.
tokens-new = Nuevo token
tokens-name = Nombre
tokens-name-help = Para qué es el token, p. ej. «sincronizar existencias»
tokens-create = Crear token
tokens-yours = Tus tokens
tokens-none = No tienes tokens.
tokens-created = Creado
tokens-last-used = Último uso
tokens-never = nunca
tokens-revoke = Revocar

welcome-new = ¡Hola, { $name }! Tu cuenta está lista.
welcome-back = Hola de nuevo, { $name }.
welcome-guest-order = ¡Hola, { $name }! Tu cuenta está lista y el pedido { $number } está en ella.
welcome-guest-orders = ¡Hola, { $name }! Tu cuenta está lista con tus { $count } pedidos.

# La página del primer arranque, que crea la primera cuenta de administración.
setup-title = Crear la cuenta de administración
setup-intro = Es la primera cuenta de la tienda. Puede gestionarlo todo, también las demás cuentas.
setup-welcome = Hola, { $name }. Tu cuenta de administración está lista.

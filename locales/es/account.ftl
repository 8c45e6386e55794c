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

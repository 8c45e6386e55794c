## Los mensajes de la línea de órdenes para quien lleva la tienda (src/cli).
## Los errores se escriben tras "tienda: ", así que empiezan en minúscula.

cli-cannot-create = no se puede crear { $path }: { $error }
cli-cannot-read = no se puede leer { $path }: { $error }
cli-cannot-write = no se puede escribir { $path }: { $error }
cli-server-stopped = el servidor se ha detenido: { $error }
cli-open-files = tienda: no se puede subir el límite de archivos abiertos: { $error }
cli-from-to-orders-only = --from y --to son para exportar pedidos
cli-no-database = no hay ninguna base de datos en { $path }

## tienda user

cli-user-unknown-role = rol desconocido "{ $role }": usa admin, staff o customer
cli-user-created = Creado { $role } { $username } <{ $email }>.
cli-user-role-set = { $username } es ahora { $role }.
cli-user-last-admin = { $username } es el último administrador activo; nombra antes a otro administrador
cli-user-not-found = no existe ese usuario
cli-password-prompt = Contraseña:{" "}
cli-password-again = Repite la contraseña:{" "}
cli-password-unreadable = no se puede leer la contraseña ({ $error }); usa TIENDA_PASSWORD
cli-password-differ = las dos contraseñas no coinciden

## tienda backup y tienda check

cli-backup-exists = { $path } ya existe; elige un archivo nuevo
cli-backup-failed = la copia de seguridad ha fallado: { $error }
cli-backup-done = Copia de seguridad de { $from } hecha en { $to }.
cli-check-missing-row = la fila { $row } de { $table } apunta a un registro de { $parent } que no existe
cli-check-ok = { $path }: correcta (versión del esquema { $version })
cli-check-problems = la base de datos tiene problemas:

## tienda restore

cli-restore-no-file = no existe el archivo { $path }
cli-restore-cannot-copy = no se puede copiar { $path }: { $error }
cli-restore-refused = { $path } no se puede restaurar: { $problem }. No se ha cambiado nada.
cli-restore-cannot-keep = no se puede guardar una copia de la base de datos actual, así que no se ha cambiado nada: { $error }
cli-restore-cannot-remove = no se puede eliminar { $path }: { $error }
cli-restore-cannot-place = no se puede poner la copia en su sitio: { $error }
cli-restore-done = Restaurada { $file } en { $db }: { $orders ->
    [one] { $orders } pedido
   *[other] { $orders } pedidos
} (el más reciente, { $newest }), { $products ->
    [one] { $products } producto
   *[other] { $products } productos
}, versión del esquema { $version }.
cli-restore-done-upgrade = Restaurada { $file } en { $db }: { $orders ->
    [one] { $orders } pedido
   *[other] { $orders } pedidos
} (el más reciente, { $newest }), { $products ->
    [one] { $products } producto
   *[other] { $products } productos
}, versión del esquema { $version }; la tienda la actualiza al arrancar.
cli-restore-no-orders = ninguno
cli-restore-kept = La base de datos sustituida se guarda en { $path }.
cli-restore-unreadable = no es una base de datos SQLite legible ({ $error })
cli-restore-damaged = está dañada: { $problems }
cli-restore-not-tienda = no es una base de datos de Tienda
cli-restore-too-new = tiene la versión del esquema { $version }, más nueva de la que conoce este programa ({ $latest }); restáurala con un Tienda más reciente

## tienda import y tienda export

cli-progress-lines = líneas
cli-progress-orders = pedidos
cli-progress-products = productos
cli-import-line = línea { $line }: { $message }
cli-import-nothing = no se ha importado nada; corrige estas líneas y vuelve a ejecutarlo:
cli-import-done = Importado { $path }: { $created } creados, { $updated } actualizados.
cli-export-products-done = { $count ->
    [one] Exportado 1 producto a { $path }.
   *[other] Exportados { $count } productos a { $path }.
}
cli-export-orders-done = Exportados { $orders } pedidos ({ $lines } líneas) a { $path }; horas en { $timezone }.

## tienda demo

cli-demo-products = Añadidos { $count } productos generados en { $seconds } s.
cli-demo-orders = Añadidos { $count } pedidos generados de { $customers } clientes a lo largo de { $days } días en { $seconds } s.

## tienda serve

cli-serving = Tienda { $version } está sirviendo en { $url }
cli-litestream = Los puntos de control del registro de escritura (WAL) se dejan a Litestream (litestream = true).
cli-setup-link = Crea la primera cuenta de administrador (este enlace sirve una sola vez): { $link }
cli-demo-loaded = Cargada la tienda de demostración. Sus cuentas (las contraseñas solo se muestran ahora):
cli-demo-password = contraseña
cli-demo-kept = Esta carpeta de datos ya tiene una tienda, así que --demo la deja como está: sus productos y su idioma no cambian. Para la tienda de demostración en español, empieza con una carpeta de datos vacía: TIENDA_DATA_DIR=./tienda-{ $code } tienda --demo --language { $code }
cli-writes = Tienda ha confirmado { $writes } escrituras en { $batches } lotes con fsync.

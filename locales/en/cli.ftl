## The command line's messages to shop owners (src/cli). Errors are
## printed after "tienda: ", so they start in lower case.

cli-cannot-create = cannot create { $path }: { $error }
cli-cannot-read = cannot read { $path }: { $error }
cli-cannot-write = cannot write { $path }: { $error }
cli-server-stopped = the server stopped: { $error }
cli-open-files = tienda: cannot raise the open files limit: { $error }
cli-from-to-orders-only = --from and --to are for exporting orders
cli-no-database = there is no database at { $path }

## tienda user

cli-user-unknown-role = unknown role "{ $role }": use admin, staff or customer
cli-user-created = Created { $role } { $username } <{ $email }>.
cli-user-role-set = { $username } is now { $role }.
cli-user-last-admin = { $username } is the last active admin; make another admin first
cli-user-not-found = no such user
cli-password-prompt = Password:{" "}
cli-password-again = Password again:{" "}
cli-password-unreadable = cannot read the password ({ $error }); set TIENDA_PASSWORD instead
cli-password-differ = the two passwords differ

## tienda backup and tienda check

cli-backup-exists = { $path } exists already; choose a new file
cli-backup-failed = the backup failed: { $error }
cli-backup-done = Backed up { $from } to { $to }.
cli-check-missing-row = { $table } row { $row } points to a missing { $parent }
cli-check-ok = { $path }: ok (schema version { $version })
cli-check-problems = the database has problems:

## tienda restore

cli-restore-no-file = there is no file { $path }
cli-restore-cannot-copy = cannot copy { $path }: { $error }
cli-restore-refused = { $path } cannot be restored: { $problem }. Nothing was changed.
cli-restore-cannot-keep = cannot keep a copy of the current database, so nothing was changed: { $error }
cli-restore-cannot-remove = cannot remove { $path }: { $error }
cli-restore-cannot-place = cannot put the backup in place: { $error }
# { $newest } is the time of the newest order, or cli-restore-no-orders.
cli-restore-done = Restored { $file } into { $db }: { $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
} (newest { $newest }), { $products ->
    [one] { $products } product
   *[other] { $products } products
}, schema version { $version }.
cli-restore-done-upgrade = Restored { $file } into { $db }: { $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
} (newest { $newest }), { $products ->
    [one] { $products } product
   *[other] { $products } products
}, schema version { $version }; the shop upgrades it when it starts.
cli-restore-no-orders = none
cli-restore-kept = The database it replaced is kept at { $path }.
cli-restore-unreadable = it is not a readable SQLite database ({ $error })
cli-restore-damaged = it is damaged: { $problems }
cli-restore-not-tienda = it is not a Tienda database
cli-restore-too-new = it has schema version { $version }, newer than this binary knows ({ $latest }); restore it with a newer Tienda

## tienda import and tienda export

# The words after the progress bar's counts: "120/1000 lines 3s".
cli-progress-lines = lines
cli-progress-orders = orders
cli-progress-products = products
cli-import-line = line { $line }: { $message }
cli-import-nothing = nothing was imported; fix these lines and run it again:
cli-import-done = Imported { $path }: { $created } created, { $updated } updated.
cli-export-products-done = { $count ->
    [one] Exported 1 product to { $path }.
   *[other] Exported { $count } products to { $path }.
}
cli-export-orders-done = Exported { $orders } orders ({ $lines } lines) to { $path }; times in { $timezone }.

## tienda demo

cli-demo-products = Added { $count } generated products in { $seconds } s.
cli-demo-orders = Added { $count } generated orders from { $customers } customers over { $days } days in { $seconds } s.

## tienda serve

cli-serving = Tienda { $version } is serving at { $url }
cli-litestream = Checkpoints of the write-ahead log are left to Litestream (litestream = true).
cli-setup-link = Create the first admin account (this link works once): { $link }
cli-demo-loaded = Loaded the demo shop. Its accounts (passwords shown only now):
cli-demo-password = password
cli-demo-kept = This data directory already holds a shop, so --demo leaves it as it is: its products and its language stay. For the demo shop in English, start with an empty data directory: TIENDA_DATA_DIR=./tienda-{ $code } tienda --demo --language { $code }
cli-writes = Tienda committed { $writes } writes in { $batches } fsynced batches.

#!/usr/bin/env bash
# Benchmarks of the catalog, as in DESIGN.md: a release build, a database of
# 100,000 generated products, the server on 127.0.0.1, wrk with 32
# connections for a bounded time per scenario. Prints one table.
#
#   bench/run.sh                 # 10 s per scenario
#   DURATION=30s bench/run.sh    # longer runs
#   PRODUCTS=20000 bench/run.sh  # a smaller catalog
#   ONLY=reports bench/run.sh    # only the reports over a year of 100,000 orders
#   ORDERS=20000 ONLY=reports bench/run.sh
#   ONLY=checkout bench/run.sh   # only the checkout (STRACE=1: count its fsyncs)
#   ONLY=import bench/run.sh     # only catalog reads during a 200,000-row import
#   ONLY=proxy bench/run.sh      # catalog HTML through an nginx cache beside the shop alone
#   BIN=/path/to/tienda bench/run.sh   # already built binaries (the checkout
#                                      # client is looked for beside it)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
PRODUCTS=${PRODUCTS:-100000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}

if ! command -v wrk >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

ONLY=${ONLY:-catalog,checkout,import,reports,proxy}
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

if [ -n "${BIN:-}" ]; then
  : # BIN=path/to/release/tienda: measure that binary as it is
else
  cargo build --release --quiet --bin tienda --example checkout_bench
  BIN=target/release/tienda
fi
CHECKOUT_BENCH=${CHECKOUT_BENCH:-$(dirname "$BIN")/examples/checkout_bench}
WORK=$(mktemp -d)
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk "/^$2:/ {print \$2}" "/proc/$1/status"; }

# Start-up to the first answer, on a fresh database (median of 5).
startup_ms() {
  python3 - "$BIN" "$WORK" <<'PY'
import os, socket, statistics, subprocess, sys, tempfile, time
binary, work = sys.argv[1], sys.argv[2]
times = []
for _ in range(5):
    data = tempfile.mkdtemp(dir=work)
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    env = dict(os.environ, ROCKET_PORT=str(port))
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "--data-dir", data], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=1)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            if c.recv(64).startswith(b"HTTP/1.1 200"):
                break
        except OSError:
            time.sleep(0.001)
    times.append((time.perf_counter() - start) * 1000)
    proc.terminate(); proc.wait()
print(f"{statistics.median(times):.0f}")
PY
}

# The server's CPU time so far (user + system), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# wrk's requests per second and 99th percentile latency, and the server's
# CPU time per request: unlike requests per second, that figure hardly
# moves when something else runs on the machine.
run() {
  local out before after
  before=$(cpu_ticks)
  out=$(wrk -t"${THREADS}" -c"$CONNECTIONS" -d"$DURATION" --latency "${@}" 2>&1)
  after=$(cpu_ticks)
  local rps p99 errors requests cpu
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))
  echo "$rps|$p99|${errors:-none}|$cpu"
}

# Reports: a year of ORDERS orders (1,000 products, 2,000 customers), each
# report over the whole year, read by a staff session. A back office has a
# few people reading reports at once, not a crowd: REPORT_CONNECTIONS (4).
reports_scenario() {
  local data="$WORK/reports" orders=${ORDERS:-100000}
  echo "Generating $orders orders over a year..." >&2
  "$BIN" --data-dir "$data" demo --products 1000 --orders "$orders" --customers 2000 --days 365 >&2
  TIENDA_PASSWORD=bench-password-1 "$BIN" --data-dir "$data" user create bench --email bench@example.com --role staff >/dev/null
  local port; port=$(free_port)
  ROCKET_PORT=$port "$BIN" --data-dir "$data" >/dev/null 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
  local cookie
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password-1"}' "http://127.0.0.1:$port/api/v1/auth/login" |
    awk -F'[ ;]' 'tolower($1) == "set-cookie:" && $2 ~ /^tienda_session=/ {print $2}')
  local from to
  to=$(date -u +%F); from=$(date -u -d "$to - 364 days" +%F)
  local base="http://127.0.0.1:$port/api/v1/reports"
  echo
  local connections=${REPORT_CONNECTIONS:-4}
  echo "Reports over a year ($from to $to) of $orders orders, $connections connections, $THREADS wrk threads, $DURATION each, $(nproc) cores"
  echo
  echo "| report                             |    req/s |      p99 | target        | errors |"
  echo "|------------------------------------|----------|----------|---------------|--------|"
  local name query
  for name in "sales by day|sales?group=day" "sales by week|sales?group=week" "sales by month|sales?group=month" \
    "top products (10)|top-products?limit=10" "customers (10)|customers?limit=10" "low stock|low-stock?limit=100" \
    "sales by day, CSV|sales?group=day&format=csv"; do
    query=${name#*|}
    IFS='|' read -r rps p99 errors _ <<<"$(CONNECTIONS=$connections run -H "Cookie: $cookie" "$base/$query&from=$from&to=$to")"
    printf "| %-34s | %8s | %8s | %-13s | %s |\n" "${name%%|*}" "$rps" "$p99" "p99 <= 200ms" "$errors"
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

# The catalog of PRODUCTS products that the catalog, checkout and import
# scenarios share, generated once per run.
catalog_data() {
  [ -f "$WORK/data/tienda.db" ] && return
  echo "Generating $PRODUCTS products..." >&2
  "$BIN" --data-dir "$WORK/data" demo --products "$PRODUCTS" >&2
  ACTIVE=$(python3 -c "import sqlite3; print(sqlite3.connect('$WORK/data/tienda.db').execute('select count(*) from products where active=1').fetchone()[0])")
}

# Starts the server on the catalog with the given extra environment
# (NAME=value ...); sets PORT and SERVER_PID. Its output goes to server.log.
start_server() {
  PORT=$(free_port)
  env ROCKET_PORT="$PORT" "$@" "$BIN" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

# Random pages across the whole catalog (deep ones included), as wrk
# scripts: JSON pages of 20 and HTML pages of 24.
pages_script() {
  cat > "$WORK/pages.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/products?per_page=20&page=" .. math.random(1, $(( (ACTIVE + 19) / 20 ))))
end
LUA
  cat > "$WORK/html-pages.lua" <<LUA
math.randomseed(os.time() + 1)
request = function()
  return wrk.format("GET", "/?page=" .. math.random(1, $(( (ACTIVE + 23) / 24 ))))
end
LUA
}

row() { # name, "rps|p99|errors|cpu", target
  IFS='|' read -r rps p99 errors cpu <<<"$2"
  printf "| %-34s | %8s | %8s | %10s | %-22s | %s |\n" "$1" "$rps" "$p99" "${cpu:--}" "$3" "$errors"
}
table_head() {
  echo "| scenario                           |    req/s |      p99 | CPU µs/req | target                 | errors |"
  echo "|------------------------------------|----------|----------|------------|------------------------|--------|"
}

catalog_scenarios() {
  catalog_data
  # X-Real-IP is honoured only so that the login flood below can come from
  # many addresses, as a real one would, instead of being throttled at once.
  start_server ROCKET_IP_HEADER=X-Real-IP
  sleep 1
  local idle_kb; idle_kb=$(rss_kb "$SERVER_PID" VmRSS)

  # Request scripts: random pages, random products, random one- and
  # two-word searches. The generator archives one product in fifty;
  # requests go to active ones.
  pages_script
  python3 - "$WORK/data/tienda.db" "$WORK/ids.lua" "$WORK/paths.lua" <<'PY'
import re, sqlite3, sys, unicodedata
rows = sqlite3.connect(sys.argv[1]).execute("select id, name from products where active = 1").fetchall()
ids = [str(r[0]) for r in rows]
# One string, split in Lua: a table literal this long is too many constants.
open(sys.argv[2], "w").write('ids = {}\nfor id in ("' + ",".join(ids) + '"):gmatch("%d+") do ids[#ids + 1] = id end\n')
# Product pages at their canonical paths (12-chefs-knife), not a 301 each.
def slug(name):
    ascii = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii).strip("-")
paths = [f"{i}-{slug(n)}" if slug(n) else str(i) for i, n in rows]
open(sys.argv[3], "w").write('paths = {}\nfor p in ("' + ",".join(paths) + '"):gmatch("[^,]+") do paths[#paths + 1] = p end\n')
PY
  cat > "$WORK/product.lua" <<LUA
math.randomseed(os.time() + 2)
dofile("$WORK/ids.lua")
request = function()
  return wrk.format("GET", "/api/v1/products/" .. ids[math.random(#ids)])
end
LUA
  cat > "$WORK/product-html.lua" <<LUA
math.randomseed(os.time() + 3)
dofile("$WORK/paths.lua")
request = function()
  return wrk.format("GET", "/products/" .. paths[math.random(#paths)])
end
LUA
  cat > "$WORK/search.lua" <<'LUA'
math.randomseed(os.time() + 4)
local nouns = {"lamp", "mug", "chair", "notebook", "kettle", "blanket", "bowl", "clock", "backpack", "vase",
  "teapot", "stool", "basket", "candle", "shelf", "tray", "jar", "scarf", "speaker", "bottle"}
local materials = {"oak", "walnut", "linen", "cotton", "wool", "steel", "copper", "ceramic", "glass", "bamboo"}
request = function()
  local q = nouns[math.random(#nouns)]
  if math.random() < 0.5 then q = materials[math.random(#materials)] .. "%20" .. q end
  return wrk.format("GET", "/api/v1/products?q=" .. q)
end
LUA
  cat > "$WORK/flood.lua" <<'LUA'
math.randomseed(os.time() + 5)
request = function()
  local ip = math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local body = '{"username":"nobody' .. math.random(1, 1000000000) .. '","password":"not the password"}'
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json", ["X-Real-IP"] = ip}, body)
end
LUA

  local base="http://127.0.0.1:$PORT"
  local healthz catalog product html product_html search flood_catalog flood
  healthz=$(run "$base/healthz")
  catalog=$(run -s "$WORK/pages.lua" "$base")
  product=$(run -s "$WORK/product.lua" "$base")
  html=$(run -s "$WORK/html-pages.lua" "$base")
  product_html=$(run -s "$WORK/product-html.lua" "$base")
  search=$(run -s "$WORK/search.lua" "$base")
  # Catalog pages while 16 connections try passwords (bcrypt at cost 12 for
  # unknown users too), each side with one wrk thread.
  wrk -t1 -c16 -d"$DURATION" -s "$WORK/flood.lua" "$base" >"$WORK/flood.out" 2>&1 &
  local flood_pid=$!
  sleep 1
  flood_catalog=$(THREADS=1 run -s "$WORK/pages.lua" "$base")
  wait "$flood_pid" || true
  flood="$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/flood.out")|-|401 answers, as meant"
  local peak_kb; peak_kb=$(rss_kb "$SERVER_PID" VmHWM)
  stop_server

  local startup size
  startup=$(startup_ms)
  size=$(stat -c %s "$BIN")
  echo
  echo "Catalog: $PRODUCTS products ($ACTIVE active), $CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $(nproc) cores"
  echo
  table_head
  row "/healthz (ceiling of the stack)" "$healthz" "-"
  row "catalog JSON, random pages" "$catalog" ">= 20,000, p99 <= 10ms"
  row "one product JSON" "$product" ">= 25,000"
  row "catalog HTML, random pages" "$html" ">= 8,000"
  row "product page HTML" "$product_html" ">= 8,000"
  row "search JSON, 1-2 words" "$search" ">= 5,000"
  row "catalog JSON during a login flood" "$flood_catalog" ">= 50% of catalog JSON"
  row "  the flood itself (failed logins)" "$flood" "-"
  echo
  printf "| %-34s | %-28s | %s |\n" "measure" "value" "target"
  echo "|------------------------------------|------------------------------|--------|"
  printf "| %-34s | %-28s | %s |\n" "memory idle (RSS)" "$((idle_kb / 1024)) MB" "<= 20 MB"
  printf "| %-34s | %-28s | %s |\n" "memory peak under load (VmHWM)" "$((peak_kb / 1024)) MB" "<= 64 MB"
  printf "| %-34s | %-28s | %s |\n" "start to first answer, fresh db" "$startup ms" "<= 50 ms"
  printf "| %-34s | %-28s | %s |\n" "release binary (stripped)" "$((size / 1024 / 1024)) MB ($size bytes)" "<= 25 MB"
}

# Checkout: customers sign in once, then add 3 random products and check
# out, over and over. Sign-in is not measured, so bcrypt runs at cost 4 here.
# 2,000 products get a large stock first; afterwards, stock plus units sold
# must equal that stock for every one of them. STRACE=1 counts the server's
# fsyncs during the run (strace slows every system call, so the orders per
# second of that run are not comparable).
checkout_scenario() {
  catalog_data
  local customers=${CUSTOMERS:-320}
  python3 - "$WORK/data/tienda.db" "$WORK/buy.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in db.execute("select id from products where active = 1 order by id limit 2000")]
db.execute(f"update products set stock = 1000000 where id in ({','.join(map(str, ids))})")
# Each benchmark customer keeps many orders unpaid; a real shop caps that.
db.execute("insert into settings (key, value) values ('max_unpaid_orders', '100000') "
           "on conflict (key) do update set value = excluded.value")
db.commit()
open(sys.argv[2], "w").write("\n".join(map(str, ids)))
PY
  start_server TIENDA_BCRYPT_COST=4
  local strace_pid=""
  if [ -n "${STRACE:-}" ]; then
    strace -f -c -e trace=fsync,fdatasync -p "$SERVER_PID" -o "$WORK/strace.out" 2>/dev/null &
    strace_pid=$!
    sleep 0.5
  fi
  local out peak_kb
  out=$("$CHECKOUT_BENCH" "$PORT" "$customers" "$CONNECTIONS" "${DURATION%s}" "$WORK/buy.txt")
  peak_kb=$(rss_kb "$SERVER_PID" VmHWM)
  if [ -n "$strace_pid" ]; then
    kill -INT "$strace_pid"; wait "$strace_pid" 2>/dev/null || true
  fi
  stop_server
  local oversold
  oversold=$(python3 - "$WORK/data/tienda.db" "$WORK/buy.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = open(sys.argv[2]).read().split()
wrong = 0
for pid in ids:
    stock = db.execute("select stock from products where id = ?", (pid,)).fetchone()[0]
    sold = db.execute("select coalesce(sum(quantity), 0) from order_items where product_id = ?", (pid,)).fetchone()[0]
    moved = db.execute("select coalesce(-sum(delta), 0) from stock_movements where reason = 'sale' and product_id = ?", (pid,)).fetchone()[0]
    if stock + sold != 1000000 or moved != sold:
        wrong += 1
print(wrong)
PY
)
  field() { tr ' ' '\n' <<<"$out" | awk -F= -v k="$1" '$1 == k {print $2}'; }
  echo
  echo "Checkout: $customers customers, $CONNECTIONS connections, ${DURATION} on $PRODUCTS products, $(nproc) cores"
  echo
  table_head
  row "checkout, 3 lines (orders/s)" "$(field orders_per_sec)|$(field checkout_p99_ms)ms|$(grep '^other' <<<"$out" | tr '\n' ' ')" ">= 3,000, no oversell"
  echo
  echo "checkout: $(head -1 <<<"$out")"
  echo "checkout: products where stock + units sold != initial stock: $oversold; peak memory $((peak_kb / 1024)) MB"
  echo "checkout: $(grep -h 'fsynced batches' "$WORK/server.log" || echo 'the server printed no writer figures')"
  if [ -n "${STRACE:-}" ]; then
    echo "checkout: fsync calls under strace:"
    grep -E 'fsync|fdatasync|calls' "$WORK/strace.out" | sed 's/^/    /'
  fi
}

# Catalog JSON pages while staff import a 200,000-row CSV through the API,
# beside the same pages with nothing else running; the import's time and
# the server's peak memory while it runs.
import_scenario() {
  catalog_data
  local rows=${IMPORT_ROWS:-200000}
  python3 - "$WORK/import.csv" "$rows" <<'PY'
import sys
rows = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("sku,name,description,price,stock,category,supplier,active\n")
    for i in range(rows):
        f.write(f"IMP-{i:06d},Imported item {i},A sturdy imported item number {i} for the benchmark,"
                f"{i % 500 + 1}.{i % 100:02d},{i % 50},Imports > Batch {i % 20},Import Co,true\n")
PY
  TIENDA_PASSWORD=bench-password-1 "$BIN" --data-dir "$WORK/data" user create importer \
    --email importer@example.com --role staff >/dev/null 2>&1 || true
  pages_script
  start_server
  local base="http://127.0.0.1:$PORT" cookie
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"importer","password":"bench-password-1"}' "$base/api/v1/auth/login" |
    awk -F'[ ;]' 'tolower($1) == "set-cookie:" && $2 ~ /^tienda_session=/ {print $2}')
  local alone during
  alone=$(run -s "$WORK/pages.lua" "$base")
  local before_kb; before_kb=$(rss_kb "$SERVER_PID" VmHWM)
  # The pages run for DURATION from the moment the upload starts.
  local start; start=$(date +%s.%N)
  curl -s -o "$WORK/import.out" -w '%{http_code}' -H "Cookie: $cookie" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/import.csv" "$base/api/v1/import/products" >"$WORK/import.status" &
  local import_pid=$!
  during=$(run -s "$WORK/pages.lua" "$base")
  wait "$import_pid"
  local took; took=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
  local peak_kb; peak_kb=$(rss_kb "$SERVER_PID" VmHWM)
  stop_server
  echo
  echo "Import: $rows rows ($(($(stat -c %s "$WORK/import.csv") / 1024 / 1024)) MB of CSV) through the API into $PRODUCTS products, pages with $CONNECTIONS connections, $DURATION"
  echo
  table_head
  row "catalog JSON, nothing else" "$alone" "-"
  row "catalog JSON during the import" "$during" ">= 50% of the above"
  echo
  echo "import: HTTP $(cat "$WORK/import.status") $(head -c 200 "$WORK/import.out"); upload to answer ${took} s after the pages started"
  echo "import: server peak memory $((before_kb / 1024)) MB before it, $((peak_kb / 1024)) MB with it (target <= 64 MB)"
}

# Proxy: catalog HTML through nginx with deploy/nginx-cache.conf (the
# shop's default max-age of 60 s), beside the same pages from the shop
# alone, without a session as visitors browse: the first page, and random
# pages across the whole catalog (each cached page is asked for about
# (req/s x duration) / pages times).
proxy_scenario() {
  catalog_data
  pages_script
  if [ ! -x /usr/sbin/nginx ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
  fi
  start_server
  local nginx_port; nginx_port=$(free_port)
  mkdir -p "$WORK/nginx"
  sed -e "s|/var/cache/nginx/tienda|$WORK/nginx/cache|" \
      -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$PORT;|" \
      -e "s|listen 80;|listen 127.0.0.1:$nginx_port;|" deploy/nginx-cache.conf >"$WORK/nginx/site.conf"
  local user=""
  [ "$(id -u)" -eq 0 ] && user="user root;"
  cat >"$WORK/nginx/nginx.conf" <<CONF
$user
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  include $WORK/nginx/site.conf;
}
CONF
  /usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
  NGINX_PID=$!
  until curl -sf "http://127.0.0.1:$nginx_port/healthz" >/dev/null; do sleep 0.05; done
  local shop="http://127.0.0.1:$PORT" proxy="http://127.0.0.1:$nginx_port"
  local first_alone first_proxy pages_alone pages_proxy status
  first_alone=$(run "$shop/")
  first_proxy=$(run "$proxy/")
  pages_alone=$(run -s "$WORK/html-pages.lua" "$shop")
  pages_proxy=$(run -s "$WORK/html-pages.lua" "$proxy")
  status=$(curl -s -D - -o /dev/null "$proxy/" | awk -F': ' 'tolower($1) == "x-cache-status" {print $2}' | tr -d '\r')
  kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
  stop_server
  echo
  echo "Catalog HTML through nginx ($(/usr/sbin/nginx -v 2>&1 | sed 's/.*: //'), deploy/nginx-cache.conf, max-age 60 s) and from the shop alone:"
  echo "$PRODUCTS products ($ACTIVE active), $CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $(nproc) cores; last answer of the proxy: $status"
  echo
  table_head
  row "catalog HTML, first page, alone" "$first_alone" "-"
  row "catalog HTML, first page, nginx" "$first_proxy" "-"
  row "catalog HTML, random pages, alone" "$pages_alone" ">= 8,000"
  row "catalog HTML, random pages, nginx" "$pages_proxy" "-"
}

wants catalog && catalog_scenarios
wants checkout && checkout_scenario
wants import && import_scenario
wants reports && reports_scenario
wants proxy && proxy_scenario
exit 0

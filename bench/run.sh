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
#   BIN=/path/to/tienda ONLY=reports bench/run.sh   # an already built binary
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

if [ "${ONLY:-}" = reports ] && [ -n "${BIN:-}" ]; then
  : # BIN=path/to/a/release/tienda: measure that binary as it is
elif [ "${ONLY:-}" = reports ]; then
  cargo build --release --quiet --bin tienda
  BIN=target/release/tienda
else
  cargo build --release --quiet --bin tienda --example checkout_bench
  BIN=target/release/tienda
fi
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
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

# wrk's requests per second and 99th percentile latency.
run() {
  local out
  out=$(wrk -t"${THREADS}" -c"$CONNECTIONS" -d"$DURATION" --latency "${@}" 2>&1)
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  echo "$rps|$p99|${errors:-none}"
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
    IFS='|' read -r rps p99 errors <<<"$(CONNECTIONS=$connections run -H "Cookie: $cookie" "$base/$query&from=$from&to=$to")"
    printf "| %-34s | %8s | %8s | %-13s | %s |\n" "${name%%|*}" "$rps" "$p99" "p99 <= 200ms" "$errors"
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

if [ "${ONLY:-}" = reports ]; then
  reports_scenario
  exit 0
fi

echo "Generating $PRODUCTS products..." >&2
"$BIN" --data-dir "$WORK/data" demo --products "$PRODUCTS" >&2
PORT=$(free_port)
# X-Real-IP is honoured only so that the login flood below can come from
# many addresses, as a real one would, instead of being throttled at once.
ROCKET_PORT=$PORT ROCKET_IP_HEADER=X-Real-IP "$BIN" --data-dir "$WORK/data" >/dev/null 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
sleep 1
IDLE_KB=$(rss_kb "$SERVER_PID" VmRSS)

# Request scripts: random pages across the whole catalog (deep ones
# included), random products, random one- and two-word searches.
ACTIVE=$(python3 -c "import sqlite3; print(sqlite3.connect('$WORK/data/tienda.db').execute('select count(*) from products where active=1').fetchone()[0])")
PAGES=$(( (ACTIVE + 19) / 20 ))
# The generator archives one product in fifty; requests go to active ones.
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
cat > "$WORK/pages.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/products?per_page=20&page=" .. math.random(1, $PAGES))
end
LUA
cat > "$WORK/html-pages.lua" <<LUA
math.randomseed(os.time() + 1)
request = function()
  return wrk.format("GET", "/?page=" .. math.random(1, $(( (ACTIVE + 23) / 24 ))))
end
LUA
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


BASE="http://127.0.0.1:$PORT"
declare -A RESULT
RESULT[healthz]=$(run "$BASE/healthz")
RESULT[catalog_json]=$(run -s "$WORK/pages.lua" "$BASE")
RESULT[product_json]=$(run -s "$WORK/product.lua" "$BASE")
RESULT[catalog_html]=$(run -s "$WORK/html-pages.lua" "$BASE")
RESULT[product_html]=$(run -s "$WORK/product-html.lua" "$BASE")
RESULT[search_json]=$(run -s "$WORK/search.lua" "$BASE")
# Catalog pages while 16 connections try passwords (bcrypt at cost 12 for
# unknown users too), each side with one wrk thread.
wrk -t1 -c16 -d"$DURATION" -s "$WORK/flood.lua" "$BASE" >"$WORK/flood.out" 2>&1 &
FLOOD_PID=$!
sleep 1
RESULT[catalog_flood]=$(THREADS=1 run -s "$WORK/pages.lua" "$BASE")
wait "$FLOOD_PID" || true
RESULT[flood]="$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/flood.out")|-|401 answers, as meant"
PEAK_KB=$(rss_kb "$SERVER_PID" VmHWM)
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# Checkout: customers sign in once, then add 3 random products and check
# out, over and over. Sign-in is not measured, so bcrypt runs at cost 4 here.
# 2,000 products get a large stock first; afterwards, stock plus units sold
# must equal that stock for every one of them.
CUSTOMERS=${CUSTOMERS:-320}
SECONDS_CHECKOUT=${DURATION%s}
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
PORT=$(free_port)
ROCKET_PORT=$PORT TIENDA_BCRYPT_COST=4 "$BIN" --data-dir "$WORK/data" >/dev/null 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
CHECKOUT_OUT=$(target/release/examples/checkout_bench "$PORT" "$CUSTOMERS" "$CONNECTIONS" "$SECONDS_CHECKOUT" "$WORK/buy.txt")
CHECKOUT_PEAK_KB=$(rss_kb "$SERVER_PID" VmHWM)
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
OVERSOLD=$(python3 - "$WORK/data/tienda.db" "$WORK/buy.txt" <<'PY'
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
field() { tr ' ' '\n' <<<"$CHECKOUT_OUT" | awk -F= -v k="$1" '$1 == k {print $2}'; }

STARTUP=$(startup_ms)
SIZE=$(stat -c %s "$BIN")

row() { # name, key, target
  IFS='|' read -r rps p99 errors <<<"${RESULT[$2]}"
  printf "| %-34s | %8s | %8s | %-22s | %s |\n" "$1" "$rps" "$p99" "$3" "$errors"
}
echo
echo "$PRODUCTS products ($ACTIVE active), $CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $(nproc) cores"
echo
echo "| scenario                           |    req/s |      p99 | target                 | errors |"
echo "|------------------------------------|----------|----------|------------------------|--------|"
row "/healthz (ceiling of the stack)" healthz "-"
row "catalog JSON, random pages" catalog_json ">= 20,000, p99 <= 10ms"
row "one product JSON" product_json ">= 25,000"
row "catalog HTML, random pages" catalog_html ">= 8,000"
row "product page HTML" product_html ">= 8,000"
row "search JSON, 1-2 words" search_json ">= 5,000"
row "catalog JSON during a login flood" catalog_flood ">= 50% of catalog JSON"
row "  the flood itself (failed logins)" flood "-"
printf "| %-34s | %8s | %8s | %-22s | %s |\n" "checkout, 3 lines (orders/s)" "$(field orders_per_sec)" \
  "$(field checkout_p99_ms)ms" ">= 3,000, no oversell" "$(grep '^other' <<<"$CHECKOUT_OUT" | tr '\n' ' ')"
echo
echo "checkout: $(head -1 <<<"$CHECKOUT_OUT")"
echo "checkout: $CUSTOMERS customers; products where stock + units sold != initial stock: $OVERSOLD; peak memory $((CHECKOUT_PEAK_KB / 1024)) MB"
echo
printf "| %-34s | %-28s | %s |\n" "measure" "value" "target"
echo "|------------------------------------|------------------------------|--------|"
printf "| %-34s | %-28s | %s |\n" "memory idle (RSS)" "$((IDLE_KB / 1024)) MB" "<= 20 MB"
printf "| %-34s | %-28s | %s |\n" "memory peak under load (VmHWM)" "$((PEAK_KB / 1024)) MB" "<= 64 MB"
printf "| %-34s | %-28s | %s |\n" "start to first answer, fresh db" "$STARTUP ms" "<= 50 ms"
printf "| %-34s | %-28s | %s |\n" "release binary (stripped)" "$((SIZE / 1024 / 1024)) MB ($SIZE bytes)" "<= 25 MB"

reports_scenario

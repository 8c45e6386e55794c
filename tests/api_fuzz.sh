#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis, as an
# admin (with a bearer token). It fails on any 5xx answer (no input may make
# the server fail), on any answer whose status the document does not list
# for its operation, and on any answer whose body does not match the
# document's schema for it. A fixed seed keeps the run the same every time.
# Called by tests/run.sh after the debug build; stops the server it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
if ! python3 -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
  echo "Installing schemathesis $SCHEMATHESIS_VERSION for the API fuzz test"
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

BIN=${CARGO_TARGET_DIR:-target}/debug/tienda
DATA=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  # FUZZ_SERVER_LOG=file keeps the server's log, to see what was reached.
  [ -n "${FUZZ_SERVER_LOG:-}" ] && cp "$DATA/server.log" "$FUZZ_SERVER_LOG"
  rm -rf "$DATA"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export TIENDA_BCRYPT_COST=4
TIENDA_PASSWORD="fuzz admin password" "$BIN" --data-dir "$DATA" user create fuzzer --email fuzz@example.com --role admin >/dev/null
"$BIN" --data-dir "$DATA" demo --products 50 >/dev/null
ROCKET_PORT=$PORT "$BIN" --data-dir "$DATA" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
until curl -sf "$BASE/healthz" >/dev/null; do sleep 0.1; done

JAR="$DATA/cookies"
curl -sf -c "$JAR" -H 'Content-Type: application/json' \
  -d '{"username":"fuzzer","password":"fuzz admin password"}' "$BASE/api/v1/auth/login" >/dev/null
TOKEN=$(curl -sf -b "$JAR" -H 'Content-Type: application/json' -d '{"name":"fuzz"}' "$BASE/api/v1/tokens" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

# Seeds what the generated ids point at: the ids in the document have the
# example 1, so order 1 (with its rating), review 1, coupon 1, image 1 and
# a cart line for product 1 exist, and orders 1 to 5 are in the states the
# lifecycle operations start from. The document's links lead schemathesis's
# stateful phase from what it creates (products, orders, coupons, …) to
# the operations on it.
api() { # method path [body] [extra curl args...]
  local method=$1 path=$2 body=${3:-}
  shift 3 2>/dev/null || shift $#
  curl -sf -X "$method" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    ${body:+-d "$body"} "$@" "$BASE/api/v1$path" >/dev/null
}
ADDRESS='{"name":"Fuzz","line1":"Calle 1","city":"Madrid","postal_code":"28001","country":"ES"}'
order() { # product: places an order of one of it
  api POST /cart/items "{\"product_id\": $1, \"quantity\": 1}"
  api POST /checkout "{\"shipping_address\": $ADDRESS, \"payment_method\": \"bank_transfer\"}" \
    -H "Idempotency-Key: seed-$1"
}
# The seeds (and the fuzzer) place more unpaid orders than a shop lets one
# customer hold by default.
api PATCH /settings '{"max_unpaid_orders": 100000}'
order 1 # 1: delivered, rated and its product reviewed
api POST /orders/1/mark-paid '{}'
api POST /orders/1/ship '{}'
api POST /orders/1/deliver
api POST /orders/1/rating '{"rating": 5, "comment": "quick"}'
api POST /products/1/reviews '{"rating": 4, "comment": "good"}'
for product in 2 3 4 5; do order "$product"; done # 2 to 5: pending payment
api POST /orders/3/mark-paid '{}' # 3: paid
api POST /orders/4/mark-paid '{}' # 4: shipped
api POST /orders/4/ship '{}'
api POST /orders/5/cancel # 5: cancelled
api POST /coupons '{"code": "FUZZ10", "kind": "percent", "value": 10}' # coupon 1
api POST /cart/items '{"product_id": 1, "quantity": 1}' # a line for product 1
# Image 1, on product 1: a 1×1 PNG.
python3 - "$DATA/seed.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
curl -sf -H "Authorization: Bearer $TOKEN" -F "file=@$DATA/seed.png;type=image/png" \
  "$BASE/api/v1/products/1/images" >/dev/null

# Revoking the token, signing out or changing the password would end the
# run's own authentication, so those operations are left out; /healthz is
# outside the API's prefix that --url names.
schemathesis run "$BASE/api/v1/openapi.json" --url "$BASE/api/v1" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance \
  --max-examples 25 --seed 20261122 \
  --exclude-path "/tokens/{id}" --exclude-path "/me" --exclude-path "/auth/logout" \
  --exclude-path "/healthz"

#!/usr/bin/env bash
# Attack scans of a local Kundeweb instance with Debian's sqlmap and wapiti, logged in as a demo user, over every
# route of the API (targets from the instance's own OpenAPI document: bench/security/targets.mjs).
# See docs/security-testing.md for what this found and how to read the results.
#
#   bench/security/run-scans.sh [base-url] [out-dir]
#
# The instance must run with the demo data, e.g. on a PostgreSQL database of its own:
#   createdb -h 127.0.0.1 -U postgres kundeweb_scan
#   PORT=3350 DATABASE_URL=postgres://postgres@127.0.0.1:5432/kundeweb_scan RATE_LIMITS=false npx tsx server/main.ts
# RATE_LIMITS=false: the per-IP request limits would otherwise answer 429 to most probes after the first few dozen.
# SCAN_DATABASE_URL (default: the one above): the scan clears the log-in failure counters (auth_failures) there while
# the scanners run, for the same reason (200 failures per IP and hour, then 429). Never point it at a real database.
#
# Environment: SQLMAP_LEVEL (default 2), SQLMAP_RISK (default 1), SQLMAP_TECHNIQUE (default BEUST),
# WAPITI_MODULES (default: wapiti's defaults without ssrf, plus methods and shellshock; ssrf and xxe confirm their
# findings through wapiti's public endpoint wapiti3.ovh, which a local scan should not contact), SKIP_SQLMAP=1, SKIP_WAPITI=1, ONLY=<pattern> (sqlmap targets).
set -euo pipefail
BASE=${1:-http://localhost:3350}
OUT=${2:-/tmp/kundeweb-scan}
SCAN_DATABASE_URL=${SCAN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kundeweb_scan}
LEVEL=${SQLMAP_LEVEL:-2}
RISK=${SQLMAP_RISK:-1}
TECHNIQUE=${SQLMAP_TECHNIQUE:-BEUST}
MODULES=${WAPITI_MODULES:-backup,blindsql,crlf,exec,file,htaccess,permanentxss,redirect,sql,xss,methods,shellshock}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"

case "$SCAN_DATABASE_URL" in
  *kundeweb_scan*) ;;
  *) echo "SCAN_DATABASE_URL must name a scan database (…/kundeweb_scan): the scan clears its auth_failures" >&2; exit 1 ;;
esac

clear_throttle() { psql "$SCAN_DATABASE_URL" -qc 'delete from auth_failures' >/dev/null; }
# a fresh session for each target: a target may end it (change-password) or change its customer
cookie() { clear_throttle; node --input-type=module -e "const m = await import('$HERE/targets.mjs'); console.log(await m.login())" x "$BASE" 2>/dev/null | tail -1; }

node "$HERE/targets.mjs" "$BASE" "$OUT"
echo "sqlmap $(sqlmap --version 2>/dev/null | head -1), wapiti $(wapiti --version 2>/dev/null | tail -1)" | tee "$OUT/versions.txt"

# clear the failure counters every 2 s while the scanners run
( while true; do clear_throttle || true; sleep 2; done ) &
CLEANER=$!
trap 'kill $CLEANER 2>/dev/null || true' EXIT

if [ -z "${SKIP_SQLMAP:-}" ]; then
  mkdir -p "$OUT/sqlmap-out"
  : > "$OUT/sqlmap-summary.txt"
  for request in "$OUT"/sqlmap/*.req; do
    name=$(basename "$request" .req)
    if [ -n "${ONLY:-}" ] && [[ "$name" != *$ONLY* ]]; then continue; fi
    c=$(cookie)
    sed "s|__COOKIE__|$c|" "$request" > "$OUT/sqlmap/$name.run"
    echo "== $name" | tee -a "$OUT/sqlmap-summary.txt"
    # --ignore-code: 4xx answers are the app refusing the probe (validation, 404 for other customers' ids, 409 …);
    # sqlmap must still compare them. --skip=cookie-like headers: the session cookie is not an input (level 2 tests
    # cookies: the session token itself is still probed through the Cookie header).
    # sqlmap 1.7 reads targets from a non-terminal stdin even with -r: give it a pseudo-terminal (script(1))
    script -qec "sqlmap -r '$OUT/sqlmap/$name.run' --batch --level=$LEVEL --risk=$RISK --technique=$TECHNIQUE --dbms=PostgreSQL \
      --ignore-code=400,401,403,404,409,413,415,422,429 --output-dir='$OUT/sqlmap-out' --flush-session --disable-coloring --skip-waf \
      --answers='follow=N,custom injection marker=Y,JSON data=Y'" /dev/null </dev/null >"$OUT/sqlmap-out/$name.log" 2>&1 || true
    grep -E "is vulnerable|injectable|appears to be|all tested parameters do not appear|no parameter\(s\) found|CRITICAL|ERROR" "$OUT/sqlmap-out/$name.log" \
      | sed 's/^/   /' | tee -a "$OUT/sqlmap-summary.txt" || true
    echo "   requests: $(grep -c 'HTTP error codes detected\|' "$OUT/sqlmap-out/$name.log" 2>/dev/null || true)" >/dev/null
  done
fi

if [ -z "${SKIP_WAPITI:-}" ]; then
  c=$(cookie)
  starts=()
  while read -r url; do starts+=(-s "$url"); done < "$OUT/wapiti-start-urls.txt"
  starts+=(-s "$BASE/api/docs/" -s "$BASE/api/docs/json")
  # scope folder from /api/: the API and its documentation. No -x: wapiti 3.0.4's exclusion patterns crash on
  # Python 3.11 (re.error: global flags not at the start); log-out is POST only, which wapiti's crawler never sends.
  wapiti -u "$BASE/api/" --scope folder "${starts[@]}" \
    -H "Cookie: $c" -H "Origin: $BASE" -m "$MODULES" --flush-session -d 3 --max-scan-time 1200 -t 20 \
    -f json -o "$OUT/wapiti.json" -v 2 --no-bugreport >"$OUT/wapiti.log" 2>&1 || true
  python3 - "$OUT/wapiti.json" <<'EOF' | tee "$OUT/wapiti-summary.txt"
import json, sys
report = json.load(open(sys.argv[1]))
print('wapiti:', report['infos'].get('version'), 'target', report['infos'].get('target'))
for group in ('vulnerabilities', 'anomalies', 'additionals'):
    for name, items in report.get(group, {}).items():
        for item in items:
            print(f"{group}: {name}: {item.get('method')} {item.get('path')} {item.get('parameter')} — {item.get('info')}")
EOF
  echo "wapiti requests logged: $(grep -cE '^\[.\] (GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|TRACE|PROPFIND|CONNECT) ' "$OUT/wapiti.log")" | tee -a "$OUT/wapiti-summary.txt"
fi
echo "results in $OUT"

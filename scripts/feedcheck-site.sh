#!/usr/bin/env bash
# Development check (not part of npm test): serves a content folder on 127.0.0.1 and runs
# ../shared/feedcheck/feedcheck (installed in ~/.feedcheck) on the site feeds and on the feeds of
# up to N tags and N categories, as listed in the OPML.
# usage: scripts/feedcheck-site.sh CONTENT_DIR [N=10] [PORT=8790]
set -euo pipefail
content=${1:?content dir}; n=${2:-10}; port=${3:-8790}
feedcheck=${FEEDCHECK:-$HOME/.feedcheck/feedcheck}
site="https://feeds.feedwright.dev/"
node "$(dirname "$0")/../bin/feedwright.mjs" serve --content "$content" --port "$port" --site-url "$site" --refresh off >/tmp/feedcheck-site.log 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
paths=$(curl -sf "http://127.0.0.1:$port/feeds.opml" | grep -o 'xmlUrl="[^"]*"' | sed -e 's/xmlUrl="//' -e 's/"$//' -e "s#^$site##" -e 's#feed.xml$##' | awk -v n="$n" '/^tags\//{if(t++<n)print;next} /^categories\//{if(c++<n)print;next} {print}')
fail=0; total=0
for base in $paths; do
  for file in feed.xml atom.xml feed.json; do
    total=$((total+1))
    out=$("$feedcheck" "http://127.0.0.1:$port/$base$file" --self "$site$base$file" 2>&1) || { fail=$((fail+1)); echo "$out"; continue; }
    warn=$(echo "$out" | grep -i 'warning' || true)
    echo "ok   /$base$file ${warn:+— $warn}"
  done
done
echo "$((total-fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

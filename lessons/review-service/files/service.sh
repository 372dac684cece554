#!/bin/sh
# A tiny service: counts the jobs it has done, shows the count on its web page, and keeps the
# count in /data, so a restart continues where the last run stopped.

COUNT=0
if [ -f /data/count ]; then
  COUNT=$(cat /data/count)
  echo "resumed from $COUNT"
fi

mkdir -p /www
httpd -f -p 80 -h /www &
HTTPD=$!

shutdown() {
  echo "$COUNT" > /data/count
  kill "$HTTPD"
  echo "SIGTERM: saved $COUNT, bye"
  exit 0
}
trap shutdown TERM

echo "service ready"
while true; do
  echo "jobs done: $COUNT" > /www/index.html
  COUNT=$((COUNT + 1))
  sleep 1 &
  wait $!
done

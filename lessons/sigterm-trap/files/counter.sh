#!/bin/sh
# A counter: prints "TIME : COUNT" every INTERVAL seconds, forever.

COUNT=0
INTERVAL="${INTERVAL:-3}"   # seconds between lines; -e INTERVAL=1 changes it

# Resume: if the last shutdown saved a count, continue from it (and use it only once)
if [ -f /data/save.dat ]; then
  COUNT=$(cat /data/save.dat)
  rm -f /data/save.dat
  echo "resumed from $COUNT"
fi

# TODO (step 2): save COUNT to /data/save.dat when SIGTERM arrives, then exit 0

while true; do
  TM=$(date +%H:%M:%S)
  echo "$TM : $COUNT"
  COUNT=$((COUNT + 1))
  sleep "$INTERVAL"
done

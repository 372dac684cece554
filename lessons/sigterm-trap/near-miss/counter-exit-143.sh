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

# Graceful shutdown: docker stop sends SIGTERM; keep the count in the volume, then leave
save() {
  echo "$COUNT" > /data/save.dat
  echo "SIGTERM: saved $COUNT"
  exit 143
}
trap save TERM

while true; do
  TM=$(date +%H:%M:%S)
  echo "$TM : $COUNT"
  COUNT=$((COUNT + 1))
  # sleep in the background and wait for it: a trap runs as soon as `wait` is interrupted,
  # while a foreground sleep would hold the signal back until it ends
  sleep "$INTERVAL" &
  wait $!
done

#!/bin/sh
# A counter: prints "TIME : COUNT" every few seconds, forever.
# Its settings come from outside, read once at start:
#   the first argument    seconds between lines (wins over INTERVAL)
#   INTERVAL              seconds between lines, if no argument is given (default 3)
#   START                 the number to start counting from (default 0)

INTERVAL="${1:-${INTERVAL:-3}}"
COUNT="${START:-0}"
echo "counting every ${INTERVAL}s, starting at ${COUNT}"

# docker stop sends SIGTERM: end at once, with exit code 0
trap 'exit 0' TERM

while true; do
  echo "$(date +%H:%M:%S) : $COUNT"
  COUNT=$((COUNT + 1))
  sleep "$INTERVAL" &
  wait $!
done

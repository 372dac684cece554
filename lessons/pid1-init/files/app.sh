#!/bin/sh
# A small service that shuts down properly: on SIGTERM it closes its connections and exits 0.

bye() {
  echo "SIGTERM: closed connections, bye"
  exit 0
}
trap bye TERM

echo "app ready"
while true; do
  sleep 1 &
  wait $!
done

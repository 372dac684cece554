#!/bin/sh
# The web front: at start-up it fetches its page from the api, by the service name "api".
mkdir -p /www
if ! wget -q -O /www/index.html http://api/; then
  echo "web: the api is not reachable"
  exit 1
fi
echo "web: got the page from the api"
exec httpd -f -p 80 -h /www

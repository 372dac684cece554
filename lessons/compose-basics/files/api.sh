#!/bin/sh
# The api: takes a few seconds to warm up (like a database loading its data), then serves.
# It notes every start in its volume, /data/starts.log.
echo "$(date) api started" >> /data/starts.log
echo "api: warming up"
sleep 8
mkdir -p /www
echo "hello from the api" > /www/index.html
echo ok > /www/health
echo "api: ready"
exec httpd -f -p 80 -h /www

#!/bin/sh
# A queue worker, written to be stopped with Ctrl-C in a terminal: on SIGINT it finishes the job it
# is working on and exits 0. It has no handler for SIGTERM.

JOB=1
finish() {
  echo "SIGINT: finished job $JOB, bye"
  exit 0
}
trap finish INT

echo "worker ready"
while true; do
  echo "working on job $JOB"
  sleep 1 &
  wait $!
  JOB=$((JOB + 1))
done

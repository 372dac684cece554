#!/bin/sh
# A small worker: runs a job every second and logs how it went.
# Every third job fails (the disk is full), which is an error worth seeing.

# Log to the container's output, never to a file.
info() { echo "INFO $*"; }
error() { echo "ERROR $*"; }

N=0
info "starting"
trap 'info "stopping after $N jobs"; exit 0' TERM

while true; do
  N=$((N + 1))
  if [ $((N % 3)) -eq 0 ]; then
    error "job $N failed: no space left on device"
  else
    info "job $N done"
  fi
  sleep 1 &
  wait $!
done

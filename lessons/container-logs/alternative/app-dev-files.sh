#!/bin/sh
# A small worker: runs a job every second and logs how it went.
# Every third job fails (the disk is full), which is an error worth seeing.

# The log files are the container's own output streams now.
info() { echo "INFO $*" >> /dev/stdout; }
error() { echo "ERROR $*" >> /dev/stderr; }

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

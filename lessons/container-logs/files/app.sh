#!/bin/sh
# A small worker: runs a job every second and logs how it went.
# Every third job fails (the disk is full), which is an error worth seeing.

# TODO (step 1): log to the container's output, not to a file: INFO lines to stdout,
# ERROR lines to stderr.
mkdir -p /var/log
info() { echo "INFO $*" >> /var/log/app.log; }
error() { echo "ERROR $*" >> /var/log/app.log; }

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

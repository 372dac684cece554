#!/bin/sh
# journal: one line per run in /data/runs.txt, then a greeting with the run number
mkdir -p /data
echo "run at $(date +%T)" >> /data/runs.txt
echo "$GREETING: run $(wc -l < /data/runs.txt)"

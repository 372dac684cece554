#!/bin/sh
# A batch job that builds its report in memory: it needs SIZE megabytes (64 by default) at once.
SIZE="${SIZE:-64}"
echo "building the report in memory: ${SIZE} MB"
# dd reads SIZE MB of zeros into one buffer: the memory is really used, all at once.
dd if=/dev/zero of=/dev/null bs="${SIZE}M" count=1 2>/dev/null
code=$?
if [ "$code" -eq 0 ]; then
  echo "report done"
else
  echo "report failed: exit code $code"
fi
exit "$code"

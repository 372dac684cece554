#!/bin/sh
# crashy.sh: a service that cannot start, because the database it needs is not there.

# A restarted container keeps its own files, so this file counts the starts (step 3).
echo start >> /tmp/starts
N=$(wc -l < /tmp/starts)

echo "start #$N: connecting to db:5432"

# An error message goes to stderr: >&2 sends this echo's output there
echo "error: db:5432 is unreachable" >&2

# Non-zero: the start failed. 3 is this program's code for "a dependency is missing"
exit 3

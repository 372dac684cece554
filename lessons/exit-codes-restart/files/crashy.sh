#!/bin/sh
# crashy.sh: a service that cannot start, because the database it needs is not there.

# A restarted container keeps its own files, so this file counts the starts (step 3).
echo start >> /tmp/starts
N=$(wc -l < /tmp/starts)

echo "start #$N: connecting to db:5432"

# TODO (step 1): this is an error message: send it to stderr instead of stdout
echo "error: db:5432 is unreachable"

# TODO (step 1): exit 0 tells Docker (and Kubernetes) that all went well. Report the failure: exit 3
exit 0

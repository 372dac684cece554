#!/bin/sh
# crashy.sh: a service that cannot start, because the database it needs is not there.

# A restarted container keeps its own files, so this file counts the starts (step 3).
echo start >> /tmp/starts
N=$(wc -l < /tmp/starts)

echo "start #$N: connecting to db:5432"

# (near miss: the error goes to a log file inside the container, where docker logs never looks)
echo "error: db:5432 is unreachable" >> /tmp/crashy.log

exit 3

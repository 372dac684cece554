#!/bin/sh
# quotes: print the quote of the day, with a date
echo "Quote for $(date +%F):"
head -n 1 /data/quotes.txt

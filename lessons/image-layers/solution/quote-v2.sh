#!/bin/sh
# quotes: print the quote of the day
echo "Today's quote:"
head -n 1 /data/quotes.txt

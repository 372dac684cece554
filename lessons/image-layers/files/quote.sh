#!/bin/sh
# quotes: print the quote of the day
echo "Quote of the day:"
head -n 1 /data/quotes.txt

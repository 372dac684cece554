#!/bin/sh
# quotes-all: print every quote
cat /data/quotes.txt

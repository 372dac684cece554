#!/bin/sh
# [[repo]]: the whole application
echo "Hello from [[repo]] 1.0"

#!/bin/sh
# greeter: the whole application
echo "Hello from greeter 1.0"

#!/bin/sh
set -e
echo "starting $APP"   
exec "$@"

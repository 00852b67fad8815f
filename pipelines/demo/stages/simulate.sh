#!/bin/sh
# The simulate stage. Edit it and only this stage and the ones after it rerun.
set -e
accelgan simulate --out out/recordings.json --events 40 --seed 1 --force

#!/bin/sh
# The train stage. Edit it and only this stage and the ones after it rerun.
set -e
accelgan train out/dataset.arrow --out out/run --steps 60 --seed 1 --force

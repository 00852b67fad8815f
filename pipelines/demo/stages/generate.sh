#!/bin/sh
# The generate stage. Edit it and only this stage and the ones after it rerun.
set -e
accelgan generate out/run -n 1000 --out out/synthetic.csv --seed 1 --force
accelgan generate out/run -n 50 --out out/synthetic.json --seed 1 --force

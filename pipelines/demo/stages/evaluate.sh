#!/bin/sh
# The evaluate stage. Edit it and only this stage and the ones after it rerun.
set -e
accelgan evaluate --real out/dataset.arrow --synthetic out/synthetic.csv --out out/report --seed 1 --force

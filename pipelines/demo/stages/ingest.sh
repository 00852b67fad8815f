#!/bin/sh
# The ingest stage. Edit it and only this stage and the ones after it rerun.
set -e
accelgan ingest out/recordings.json --out out/dataset.arrow --seed 1 --force

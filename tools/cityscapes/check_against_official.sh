#!/usr/bin/env bash
# Checks `dropclass predict --format cityscapes` and `dropclass evaluate` against the official
# Cityscapes evaluation script, end to end, on the fixture tree (5 frames of 64x128, 2 cities,
# with instance ids):
#   1. trains a small network on the tree for 80 steps (so its predictions are not one class),
#   2. predicts the tree's val images with --format cityscapes,
#   3. evaluates the checkpoint on the tree (cityscapes_results.json),
#   4. runs the official evalPixelLevelSemanticLabeling.py on the predicted files,
#   5. compares every value of the two result files (identical expected).
# Usage: tools/cityscapes/check_against_official.sh CITYSCAPES_SCRIPTS_CHECKOUT [WORK_DIR]
# Needs /usr/bin/python3 with numpy and PIL; takes about 3 minutes on 2 cores.
set -euo pipefail
scripts=${1:?give the folder of a cityscapesScripts checkout (git clone https://github.com/mcordts/cityscapesScripts)}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/../.." && pwd)
fixture=$here/core/src/test/resources/cityscapes/official
mkdir -p "$work/tree"
cp -r "$fixture/gtFine" "$fixture/leftImg8bit" "$work/tree/"
"$here/dropclass" train --dataset cityscapes --root "$work/tree" --output "$work/run" \
    data.train_split=val train.iterations=80 train.batch_size=2 train.validation_interval=80 \
    optimizer.lr=0.05 method.name=baseline --threads 2 > "$work/train.log"
checkpoint=$work/run/checkpoints/last.safetensors
"$here/dropclass" predict --checkpoint "$checkpoint" --format cityscapes \
    --output "$work/pred" "$work/tree/leftImg8bit/val"
"$here/dropclass" evaluate --checkpoint "$checkpoint" --output "$work/eval" \
    evaluation.batch_size=1
python3=${PYTHON:-/usr/bin/python3}
"$python3" "$here/tools/cityscapes/official_eval.py" --scripts "$scripts" \
    --dataset "$work/tree" --predictions "$work/pred" --output "$work/official.json" \
    > "$work/official.log"
"$python3" "$here/tools/cityscapes/compare_results.py" "$work/eval/cityscapes_results.json" \
    "$work/official.json"
echo "work folder: $work"

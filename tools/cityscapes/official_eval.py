#!/usr/bin/python3
"""Runs the official Cityscapes pixel-level evaluation (cityscapesScripts'
`evaluation/evalPixelLevelSemanticLabeling.py`, unchanged) on a ground-truth tree and a folder of
predictions, and writes the JSON it writes.

Needs a checkout of github.com/mcordts/cityscapesScripts (nothing of it is copied here), numpy and
PIL. The module is imported from the checkout given by --scripts; this harness only sets what the
script reads from the environment and its module-level `args`:

  * the ground truth: ROOT/gtFine/<split>/*/*_gtFine_labelIds.png (the script's own search
    pattern, with the split given), sorted, so that the weighted instance sums are added in a fixed
    order (the script's glob order is the file system's);
  * the predictions: found by the script's own `getPrediction` (a file named
    `<city>_<seq>_<frame>*.png` anywhere under --predictions, exactly one per frame);
  * `args.exportFile`: --output; `args.colorized`: off.

Cython is not needed: without the compiled `addToConfusionMatrix` the script takes its numpy path.
The script's helpers import `pyquaternion` for 3D boxes, which the pixel-level evaluation never
uses; when it is not installed, an empty stand-in module is registered so the import succeeds.

Example (the test fixture of CityscapesOfficialMetricsTest):
  git clone https://github.com/mcordts/cityscapesScripts ../cityscapesScripts
  tools/cityscapes/official_eval.py --scripts ../cityscapesScripts \
      --dataset core/src/test/resources/cityscapes/official \
      --predictions core/src/test/resources/cityscapes/official/results \
      --output core/src/test/resources/cityscapes/official/resultPixelLevelSemanticLabeling.json
"""

import argparse
import glob
import importlib
import os
import sys
import types


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scripts", required=True, help="a cityscapesScripts checkout")
    parser.add_argument("--dataset", required=True, help="the folder that holds gtFine/")
    parser.add_argument("--split", default="val")
    parser.add_argument("--predictions", required=True, help="the folder of predicted label ids")
    parser.add_argument("--output", required=True, help="the JSON file to write")
    options = parser.parse_args()

    sys.path.insert(0, os.path.abspath(options.scripts))
    try:
        importlib.import_module("pyquaternion")
    except ImportError:
        stand_in = types.ModuleType("pyquaternion")
        stand_in.Quaternion = object
        sys.modules["pyquaternion"] = stand_in
    os.environ["CITYSCAPES_DATASET"] = os.path.abspath(options.dataset)
    os.environ["CITYSCAPES_RESULTS"] = os.path.abspath(options.predictions)
    evaluation = importlib.import_module(
        "cityscapesscripts.evaluation.evalPixelLevelSemanticLabeling")
    print("official module:", evaluation.__file__, "cython:", evaluation.CSUPPORT)

    args = evaluation.args
    args.exportFile = os.path.abspath(options.output)
    args.colorized = False
    args.bold = ""
    args.nocol = ""
    search = os.path.join(os.path.abspath(options.dataset), "gtFine", options.split, "*",
                          "*_gtFine_labelIds.png")
    ground_truth = sorted(glob.glob(search))
    if not ground_truth:
        sys.exit("no ground truth matches " + search)
    predictions = [evaluation.getPrediction(args, gt) for gt in ground_truth]
    for gt, pred in zip(ground_truth, predictions):
        print(os.path.relpath(gt, options.dataset), "<-", os.path.relpath(pred, options.predictions))
    evaluation.evaluateImgLists(predictions, ground_truth, args)
    print("wrote", args.exportFile)


if __name__ == "__main__":
    main()

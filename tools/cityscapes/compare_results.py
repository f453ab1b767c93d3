#!/usr/bin/python3
"""Compares dropclass's cityscapes_results.json with the official script's
resultPixelLevelSemanticLabeling.json: every score, average and prior, and the confusion matrix.

Prints how many values are identical and the largest relative difference of the others; exits 1
if the keys differ, a value is undefined on one side only, the matrices differ, or a relative
difference exceeds --tolerance (default 0: identical). dropclass writes null where the official
script writes NaN.

Example:
  tools/cityscapes/compare_results.py EVAL/cityscapes_results.json official.json
"""

import argparse
import json
import math
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ours")
    parser.add_argument("official")
    parser.add_argument("--tolerance", type=float, default=0.0)
    args = parser.parse_args()
    with open(args.ours) as f:
        ours = json.load(f)
    with open(args.official) as f:
        official = json.load(f)
    problems = []
    if sorted(ours) != sorted(official):
        problems.append("keys differ: {} vs {}".format(sorted(ours), sorted(official)))
    compared = identical = 0
    worst = 0.0
    for key in official:
        if key not in ours:
            continue
        if key == "confMatrix":
            if ours[key] != official[key]:
                problems.append("confMatrix differs")
            continue
        a, b = ours[key], official[key]
        pairs = ([(key + "." + k, a.get(k), b[k]) for k in b] if isinstance(b, dict)
                 else [(key, a, b)])
        for name, x, y in pairs:
            compared += 1
            if isinstance(y, float) and math.isnan(y):
                if x is None:
                    identical += 1
                else:
                    problems.append("{}: {} where the official value is NaN".format(name, x))
                continue
            if x is None:
                problems.append("{}: null where the official value is {}".format(name, y))
            elif x == y:
                identical += 1
            else:
                rel = abs(x - y) / abs(y) if y != 0 else math.inf
                worst = max(worst, rel)
                if rel > args.tolerance:
                    problems.append("{}: {} vs official {} (relative {:g})".format(
                        name, x, y, rel))
    print("{} values compared, {} identical, largest relative difference {:g}; confMatrix {}"
          .format(compared, identical, worst,
                  "identical" if ours.get("confMatrix") == official.get("confMatrix")
                  else "DIFFERS"))
    for p in problems:
        print("MISMATCH", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

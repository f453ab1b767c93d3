#!/usr/bin/python3
"""Writes PyTorch's bilinear interpolation of random inputs, and its gradient, for the toolkit's tests.

Runs with Debian's python3-torch (1.13). For each case (input size, output size, align_corners):
x (1, 2, h, w) random; y = F.interpolate(x, size, mode="bilinear", align_corners); g random of y's
shape; dx = gradient of sum(y * g). Both in float32 and float64 (the float64 input is the float32
one widened). One safetensors file, entries "<case>.x|y|g|dx" and "<case>.x64|y64|g64|dx64";
case names are "<h>x<w>-<H>x<W>-ac<0|1>".

  tools/reference/make_resize_cases.py --out core/src/test/resources/resize/pytorch_bilinear.safetensors
"""

import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_case import write_safetensors  # noqa: E402

CASES = [
    ((5, 7), (10, 14), False),     # x2, odd sizes
    ((5, 7), (9, 11), False),      # non-integer factors
    ((16, 32), (64, 128), False),  # x4 (the logits to the label size)
    ((18, 34), (72, 136), False),  # x4, tiles of 6 and 2 inputs
    ((5, 17), (40, 136), False),   # x8, tiles of 5 and 1 input
    ((5, 9), (33, 50), False),     # non-integer upsampling
    ((1, 1), (8, 6), False),       # image pooling broadcast (DeepLabV3's ASPP)
    ((64, 128), (16, 32), False),  # downsampling
    ((4, 3), (7, 9), True),        # align_corners
    ((6, 8), (12, 16), True),      # x2 with align_corners (dense)
]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=5)
    a = p.parse_args()
    gen = torch.Generator().manual_seed(a.seed)
    tensors = {}
    for (h, w), (hh, ww), ac in CASES:
        name = "%dx%d-%dx%d-ac%d" % (h, w, hh, ww, int(ac))
        x32 = torch.randn((1, 2, h, w), generator=gen)
        g32 = torch.randn((1, 2, hh, ww), generator=gen)
        for suffix, dtype in (("", torch.float32), ("64", torch.float64)):
            x = x32.detach().clone().to(dtype).requires_grad_(True)
            g = g32.to(dtype)
            y = torch.nn.functional.interpolate(x, size=(hh, ww), mode="bilinear",
                                                align_corners=ac)
            (y * g).sum().backward()
            for key, value in (("x", x), ("y", y), ("g", g), ("dx", x.grad)):
                tensors["%s.%s%s" % (name, key, suffix)] = value.detach().contiguous().numpy()
    write_safetensors(a.out, tensors, None)
    print("%s: %d cases" % (a.out, len(CASES)))


if __name__ == "__main__":
    main()

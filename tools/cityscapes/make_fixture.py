#!/usr/bin/python3
"""Writes a small Cityscapes-layout tree with ground truth and predictions, for checking
`dropclass`'s Cityscapes metrics against the official evaluation script.

Needs numpy and PIL only. Everything is drawn from one seeded generator, so a run with the same
arguments gives the same label values. The tree (5 frames of 64x128 in two cities, val split):

  ROOT/gtFine/val/<city>/<city>_<seq>_<frame>_gtFine_labelIds.png     8-bit grey, label ids
  ROOT/gtFine/val/<city>/<city>_<seq>_<frame>_gtFine_instanceIds.png  16-bit grey: label id for
      stuff and crowd regions, label id * 1000 + k for instance k (k from 0, as the official
      json2instanceImg numbers them)
  ROOT/results/<city>/<city>_<seq>_<frame>_leftImg8bit.png            8-bit grey, predicted label ids

What the frames exercise: every kind of ignored ground truth (void labels, parking, guard rail,
polegroup, a caravan and a trailer instance, whose classes have instances but are ignored in
evaluation); several instances per class, of different sizes, some occluding others; a crowd region
(car pixels without an instance id); classes absent from the ground truth but predicted (terrain,
motorcycle), absent from both (fence, traffic light, train: IoU and iIoU undefined); instances fully missed, partly
predicted as another class of the same category (person as rider, car as truck) or of another
category; predictions of ignored label ids (unlabeled, static, parking, caravan) on labelled pixels.

Example:
  tools/cityscapes/make_fixture.py --out core/src/test/resources/cityscapes/official
"""

import argparse
import os

import numpy as np
from PIL import Image

H, W = 64, 128
FRAMES = [("aachen", "000000", "000019"), ("aachen", "000001", "000019"),
          ("aachen", "000003", "000019"), ("bremen", "000000", "000019"),
          ("bremen", "000002", "000019")]

# label ids (the official labels.py)
UNLABELED, EGO, STATIC, GROUND = 0, 1, 4, 6
ROAD, SIDEWALK, PARKING = 7, 8, 9
BUILDING, WALL, GUARD_RAIL = 11, 12, 14
POLE, POLEGROUP, SIGN = 17, 18, 20
VEGETATION, TERRAIN, SKY = 21, 22, 23
PERSON, RIDER, CAR, TRUCK, BUS, CARAVAN, TRAILER, TRAIN, MOTORCYCLE, BICYCLE = (
    24, 25, 26, 27, 28, 29, 30, 31, 32, 33)
EVAL_IDS = [7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33]


def box(rng, h_range, w_range, rows, cols):
    h = rng.randint(*h_range)
    w = rng.randint(*w_range)
    y = rng.randint(rows[0], max(rows[0] + 1, rows[1] - h))
    x = rng.randint(cols[0], max(cols[0] + 1, cols[1] - w))
    return y, x, h, w


def scene(rng, index):
    labels = np.full((H, W), SKY, np.uint8)
    horizon = 16 + rng.randint(-2, 3)
    labels[horizon:32] = BUILDING
    for _ in range(3):  # trees, a wall piece
        y, x, h, w = box(rng, (4, 10), (8, 24), (horizon - 4, 32), (0, W))
        labels[y:y + h, x:x + w] = VEGETATION
    y, x, h, w = box(rng, (3, 6), (6, 14), (horizon, 32), (0, W))
    labels[y:y + h, x:x + w] = WALL
    split = 40 + rng.randint(-8, 9)
    labels[32:48, :split] = SIDEWALK
    labels[32:48, split:] = ROAD
    labels[48:60] = ROAD
    labels[60:] = EGO
    for c in rng.choice([10, 30, 60, 90, 110], 2, replace=False):  # poles with signs
        labels[18:44, c:c + 2] = POLE
        labels[18:23, c - 2:c + 4] = SIGN
    labels[20:30, 5 + index * 3:7 + index * 3] = POLEGROUP
    labels[50:56, 100:120] = PARKING
    labels[29:33, 60:90] = GUARD_RAIL
    labels[0:3, 0:10] = UNLABELED
    labels[57:60, 0:12] = STATIC
    labels[45:48, 64:70] = GROUND
    instances = labels.astype(np.int32)  # stuff: the label id
    counters = {}

    def instance(label, h_range, w_range, rows, cols, with_id=True):
        y, x, h, w = box(rng, h_range, w_range, rows, cols)
        labels[y:y + h, x:x + w] = label
        if with_id:
            k = counters.get(label, 0)
            counters[label] = k + 1
            instances[y:y + h, x:x + w] = label * 1000 + k
        else:  # a crowd region: the label id only
            instances[y:y + h, x:x + w] = label

    for _ in range(1 + rng.randint(3)):
        instance(CAR, (5, 12), (10, 26), (34, 60), (30, 128))
    if index % 2 == 0:
        instance(CAR, (4, 6), (12, 20), (33, 40), (60, 128), with_id=False)
    if index in (1, 3):
        instance(TRUCK, (8, 14), (18, 30), (30, 58), (50, 128))
    if index == 2:
        instance(BUS, (12, 16), (26, 36), (28, 56), (40, 128))
        instance(CARAVAN, (6, 9), (12, 18), (36, 58), (0, 60))
    if index == 4:
        instance(TRAILER, (5, 8), (10, 16), (36, 58), (60, 128))
    for _ in range(2 + rng.randint(3)):
        instance(PERSON, (5, 16), (2, 7), (26, 58), (0, 128))
    if index != 0:
        for _ in range(1 + rng.randint(2)):
            instance(BICYCLE, (4, 7), (5, 9), (38, 58), (0, 128))
            instance(RIDER, (5, 9), (2, 5), (32, 50), (0, 128))
    # stuff is drawn first and each instance over it, so an occluded instance keeps only the
    # pixels nothing was drawn over, in both images
    return labels, instances


def predict(rng, labels, instances):
    pred = labels.copy()
    ignored = ~np.isin(labels, EVAL_IDS)
    pred[ignored] = rng.choice([ROAD, BUILDING, SIDEWALK, UNLABELED], ignored.sum())
    # a blurred boundary: shift half the rows by one pixel
    pred[::2, 1:] = pred[::2, :-1]
    ids = np.unique(instances[instances >= 1000])
    for n, inst in enumerate(ids):
        mask = instances == inst
        label = inst // 1000
        kind = n % 5
        if kind == 1:  # missed
            pred[mask] = ROAD
        elif kind == 2:  # half as the sibling class
            ys, xs = np.nonzero(mask)
            half = ys < ys.min() + (ys.max() - ys.min() + 1) // 2
            other = {PERSON: RIDER, RIDER: PERSON, CAR: TRUCK, TRUCK: CAR,
                     BUS: TRUCK, BICYCLE: MOTORCYCLE}.get(label, CAR)
            pred[ys[half], xs[half]] = other
        elif kind == 3:  # a third as an ignored id
            ys, xs = np.nonzero(mask)
            third = xs < xs.min() + (xs.max() - xs.min() + 1) // 3
            pred[ys[third], xs[third]] = CARAVAN if label in (CAR, TRUCK) else STATIC
    # terrain on the sidewalk, a motorcycle nobody labelled, parking on the road
    pred[40:44, 2:12] = TERRAIN
    pred[52:56, 40:48] = MOTORCYCLE
    pred[56:58, 60:80] = PARKING
    noise = rng.random_sample((H, W)) < 0.05
    noisy = [c for c in EVAL_IDS if c not in (13, 19, TRAIN)] + [UNLABELED]
    pred[noise] = rng.choice(noisy, noise.sum())
    return pred


def colour(labels):
    """An image to predict from: a fixed grey level per label (no noise, so PNGs stay small)."""
    grey = (labels.astype(np.int32) * 7) % 256
    return np.stack([grey, 255 - grey, (grey * 3) % 256], axis=-1).astype(np.uint8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = np.random.RandomState(args.seed)
    for index, (city, seq, frame) in enumerate(FRAMES):
        stem = "{}_{}_{}".format(city, seq, frame)
        labels, instances = scene(rng, index)
        pred = predict(rng, labels, instances)
        gt = os.path.join(args.out, "gtFine", "val", city)
        res = os.path.join(args.out, "results", city)
        img = os.path.join(args.out, "leftImg8bit", "val", city)
        for d in (gt, res, img):
            os.makedirs(d, exist_ok=True)
        Image.fromarray(labels, "L").save(os.path.join(gt, stem + "_gtFine_labelIds.png"))
        Image.fromarray(instances.astype(np.uint16)).save(
            os.path.join(gt, stem + "_gtFine_instanceIds.png"))
        Image.fromarray(pred, "L").save(os.path.join(res, stem + "_leftImg8bit.png"))
        Image.fromarray(colour(labels), "RGB").save(os.path.join(img, stem + "_leftImg8bit.png"))
        print(stem, "instances:", len(np.unique(instances[instances >= 1000])))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""PyTorch peer of `dropclass bench`: the same networks and training step in Python PyTorch.

Runs with Debian's python3-torch (1.13) and python3-torchvision (0.14); needs nothing else than
numpy and PIL, which those packages pull in. It is a measuring tool, not part of the toolkit: the
project's tests never run it. `bench/compare_peer.py` runs it interleaved with the Java side.

What it measures, like the Java `bench` command:
  * training: SGD steps of batch B on random crops of a folder dataset (images/*.png,
    masks/*.png palette-indexed, classes.txt), read through a torch DataLoader; the loop time
    includes waiting for data. Per step: data wait, forward + loss, backward, optimizer.
    Warm-up steps are excluded.
  * inference (optional): eval mode, torch.no_grad(), batch 1 at H x W, logits upsampled to H x W.
  * peak RSS of this process (resource.getrusage, ru_maxrss).

Models:
  * hrnet_w18_small_v1, hrnet_w18_small_v2: HRNetV2-W18-Small-v1/v2 written here with the official
    structure (the same module for both, given the stage layout) and
    parameter names (HRNet-Semantic-Segmentation, lib/models/seg_hrnet.py, as forked by the
    DropClass authors: last_layer = 1x1 conv C->C + BN + ReLU, then `_classifier`).
  * deeplabv3_mobilenet_v3_large: torchvision's model (no pretrained weights, no aux head); A is the
    output of classifier[0..3] (ASPP, 3x3 conv, BN, ReLU), classifier[4] the 1x1 classifier.

Methods:
  * baseline: CE on the logits bilinearly upsampled (align_corners=False) to the crop.
  * dropclass: the DropClass head (docs/method.md §4) with a class dropped every step (the worst
    case, as the Java bench forces it) and lambda = 0.5:
        L = (1 - lam) CE(plain) + lam CE(drop branch, z ignored) + alpha mean softmax(drop)[z].
"""

import argparse
import json
import math
import os
import platform
import random
import resource
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

IGNORE = 255
BN_MOMENTUM = 0.01
ALIGN_CORNERS = False  # the DropClass fork of HRNet pytorch-v1.1 (docs/method.md §10.1)
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
# HRNet's fixed Cityscapes class weights (docs/method.md §11), for --class-weights cityscapes.
CITYSCAPES_WEIGHTS = [0.8373, 0.918, 0.866, 1.0345, 1.0166, 0.9969, 0.9754, 1.0489, 0.8786, 1.0023,
                      0.9539, 0.9843, 1.1116, 0.9037, 1.0865, 1.0955, 1.0865, 1.1529, 1.0507]
MODELS = ("hrnet_w18_small_v1", "hrnet_w18_small_v2", "deeplabv3_mobilenet_v3_large")


# ----------------------------------------------------------------------------------------------
# HRNetV2-W18-Small-v1 (official structure and names)
# ----------------------------------------------------------------------------------------------

def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += residual  # in place, as the official code
        return self.relu(out)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv3 = nn.Conv2d(planes, planes * 4, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        out += residual  # in place, as the official code
        return self.relu(out)


BLOCKS = {"BASIC": BasicBlock, "BOTTLENECK": Bottleneck}


def make_blocks(block, inplanes, planes, count, stride=1):
    """`_make_layer` / `_make_one_branch`: only the first block may project."""
    downsample = None
    if stride != 1 or inplanes != planes * block.expansion:
        downsample = nn.Sequential(
            nn.Conv2d(inplanes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
            nn.BatchNorm2d(planes * block.expansion, momentum=BN_MOMENTUM))
    layers = [block(inplanes, planes, stride, downsample)]
    for _ in range(1, count):
        layers.append(block(planes * block.expansion, planes))
    return nn.Sequential(*layers)


class HighResolutionModule(nn.Module):
    """Parallel branches of residual blocks, then every branch sums all others brought to it."""

    def __init__(self, block, num_blocks, in_channels, channels):
        super().__init__()
        n = len(channels)
        self.num_branches = n
        self.branches = nn.ModuleList(
            make_blocks(block, in_channels[i], channels[i], num_blocks[i]) for i in range(n))
        self.out_channels = [c * block.expansion for c in channels]
        c = self.out_channels
        fuse = []
        for i in range(n):
            row = []
            for j in range(n):
                if j > i:
                    row.append(nn.Sequential(
                        nn.Conv2d(c[j], c[i], 1, 1, 0, bias=False),
                        nn.BatchNorm2d(c[i], momentum=BN_MOMENTUM)))
                elif j == i:
                    row.append(None)
                else:
                    chain = []
                    for k in range(i - j):
                        last = k == i - j - 1
                        out = c[i] if last else c[j]
                        parts = [conv3x3(c[j], out, 2), nn.BatchNorm2d(out, momentum=BN_MOMENTUM)]
                        if not last:
                            parts.append(nn.ReLU(inplace=True))
                        chain.append(nn.Sequential(*parts))
                    row.append(nn.Sequential(*chain))
            fuse.append(nn.ModuleList(row))
        self.fuse_layers = nn.ModuleList(fuse)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, xs):
        xs = [self.branches[i](xs[i]) for i in range(self.num_branches)]
        fused = []
        for i in range(self.num_branches):
            h, w = xs[i].shape[-2:]
            y = xs[0] if i == 0 else self.fuse_layers[i][0](xs[0])
            for j in range(1, self.num_branches):
                if j == i:
                    y = y + xs[j]
                elif j > i:
                    y = y + F.interpolate(self.fuse_layers[i][j](xs[j]), size=(h, w),
                                          mode="bilinear", align_corners=ALIGN_CORNERS)
                else:
                    y = y + self.fuse_layers[i][j](xs[j])
            fused.append(self.relu(y))
        return fused


# (modules, block, blocks per branch, channels per branch) of stages 1..4 (docs/method.md §10.2)
W18_SMALL_V1 = [
    (1, "BOTTLENECK", [1], [32]),
    (1, "BASIC", [2, 2], [16, 32]),
    (1, "BASIC", [2, 2, 2], [16, 32, 64]),
    (1, "BASIC", [2, 2, 2, 2], [16, 32, 64, 128]),
]
W18_SMALL_V2 = [
    (1, "BOTTLENECK", [2], [64]),
    (1, "BASIC", [2, 2], [18, 36]),
    (3, "BASIC", [2, 2, 2], [18, 36, 72]),
    (2, "BASIC", [2, 2, 2, 2], [18, 36, 72, 144]),
]
HRNET_SPECS = {"hrnet_w18_small_v1": W18_SMALL_V1, "hrnet_w18_small_v2": W18_SMALL_V2}


def transition(previous, current):
    """`_make_transition_layer`: 3x3 conv for a width change, stride-2 chains for new branches."""
    layers = []
    pre = len(previous)
    for i, cur in enumerate(current):
        if i < pre:
            if previous[i] != cur:
                layers.append(nn.Sequential(conv3x3(previous[i], cur),
                                            nn.BatchNorm2d(cur, momentum=BN_MOMENTUM),
                                            nn.ReLU(inplace=True)))
            else:
                layers.append(None)
        else:
            chain = []
            cin = previous[-1]
            for k in range(i + 1 - pre):
                out = cur if k == i - pre else cin
                chain.append(nn.Sequential(conv3x3(cin, out, 2),
                                           nn.BatchNorm2d(out, momentum=BN_MOMENTUM),
                                           nn.ReLU(inplace=True)))
                cin = out
            layers.append(nn.Sequential(*chain))
    return nn.ModuleList(layers)


class HrNet(nn.Module):
    """HRNetV2 for segmentation; `features` gives A (B, C, H/4, W/4), `_classifier` the logits."""

    def __init__(self, num_classes, spec=W18_SMALL_V1):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64, momentum=BN_MOMENTUM)
        self.conv2 = nn.Conv2d(64, 64, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(64, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        _, block1, blocks1, channels1 = spec[0]
        block = BLOCKS[block1]
        self.layer1 = make_blocks(block, 64, channels1[0], blocks1[0])
        previous = [channels1[0] * block.expansion]
        for n in (2, 3, 4):
            modules, name, blocks, channels = spec[n - 1]
            block = BLOCKS[name]
            current = [c * block.expansion for c in channels]
            setattr(self, "transition%d" % (n - 1), transition(previous, current))
            stage = []
            cin = current
            for _ in range(modules):
                module = HighResolutionModule(block, blocks, cin, channels)
                stage.append(module)
                cin = module.out_channels
            setattr(self, "stage%d" % n, nn.Sequential(*stage))
            previous = cin
        c = sum(previous)
        self.feature_channels = c
        self.last_layer = nn.Sequential(
            nn.Conv2d(c, c, kernel_size=1, stride=1, padding=0),
            nn.BatchNorm2d(c, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True))
        self._classifier = nn.Conv2d(c, num_classes, kernel_size=1, stride=1, padding=0)
        for m in self.modules():  # official init: conv N(0, 0.001^2), BN gamma 1, beta 0
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight, std=0.001)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def features(self, x):
        x = self.relu(self.bn1(self.conv1(x)))  # (B, 64, H/2, W/2)
        x = self.relu(self.bn2(self.conv2(x)))  # (B, 64, H/4, W/4)
        x = self.layer1(x)  # (B, 128, H/4, W/4)
        xs = [x]
        for n in (2, 3, 4):
            trans = getattr(self, "transition%d" % (n - 1))
            nxt = []
            for i, layer in enumerate(trans):
                if layer is None:
                    nxt.append(xs[i])
                else:
                    nxt.append(layer(xs[i] if i < len(xs) else xs[-1]))
            xs = getattr(self, "stage%d" % n)(nxt)  # branch i: (B, C_i, H/2^(i+2), W/2^(i+2))
        h, w = xs[0].shape[-2:]
        ups = [xs[0]] + [F.interpolate(t, size=(h, w), mode="bilinear",
                                       align_corners=ALIGN_CORNERS) for t in xs[1:]]
        return self.last_layer(torch.cat(ups, 1))  # A: (B, C, H/4, W/4)

    def classifier_conv(self):
        return self._classifier


class DeepLabV3MobileNet(nn.Module):
    """torchvision's DeepLabV3-MobileNetV3-Large split at A (classifier[0..3]) and the 1x1 conv."""

    def __init__(self, num_classes):
        super().__init__()
        from torchvision.models.segmentation import deeplabv3_mobilenet_v3_large
        try:  # torchvision >= 0.13
            net = deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None,
                                               num_classes=num_classes, aux_loss=False)
        except TypeError:  # older API
            net = deeplabv3_mobilenet_v3_large(pretrained=False, pretrained_backbone=False,
                                               num_classes=num_classes, aux_loss=False)
        self.backbone = net.backbone
        self.classifier = net.classifier
        self.feature_channels = self.classifier[4].in_channels

    def features(self, x):
        f = self.backbone(x)["out"]  # (B, 960, H/16, W/16)
        for k in range(4):  # ASPP, 3x3 conv, BN, ReLU
            f = self.classifier[k](f)
        return f  # A: (B, 256, H/16, W/16)

    def classifier_conv(self):
        return self.classifier[4]


# ----------------------------------------------------------------------------------------------
# DropClass head and the objectives
# ----------------------------------------------------------------------------------------------

class Segmenter(nn.Module):
    """A network with or without the DropClass head (official names clsdrop_conv1, clsdrop_bn1)."""

    def __init__(self, net, dropclass):
        super().__init__()
        self.net = net
        self.dropclass = dropclass
        c = net.feature_channels
        if dropclass:
            self.clsdrop_conv1 = nn.Conv2d(c, c, kernel_size=1, bias=True)
            nn.init.normal_(self.clsdrop_conv1.weight, std=0.001)
            self.clsdrop_bn1 = nn.BatchNorm2d(c, momentum=0.01)

    def drop_branch(self, a, keep):
        """A (B, C, h, w), keep (K,) 0/1 mask -> drop logits (B, K, h, w)."""
        cls = self.net.classifier_conv()
        w = cls.weight.flatten(1)  # (K, C)
        s = (keep[:, None] * F.relu(w)).sum(0) / keep.sum()  # (C,)
        x = a * s[None, :, None, None]  # (B, C, h, w)
        ad = F.relu(self.clsdrop_bn1(self.clsdrop_conv1(x)))
        return cls(ad)

    def forward(self, images, keep=None):
        """Training: (plain logits, drop logits or None); eval: the deployed logits."""
        a = self.net.features(images)
        cls = self.net.classifier_conv()
        if not self.dropclass:
            return (cls(a), None) if self.training else cls(a)
        if not self.training:  # official inference: drop branch with every class kept
            k = cls.out_channels
            return self.drop_branch(a, torch.ones(k, dtype=a.dtype))
        return cls(a), self.drop_branch(a, keep)


def upsample(logits, size):
    return F.interpolate(logits, size=size, mode="bilinear", align_corners=ALIGN_CORNERS)


def training_loss(model, images, labels, weights, alpha, lam, z):
    """One training forward and the loss. z: the dropped class, or None (nothing dropped)."""
    size = labels.shape[-2:]
    if not model.dropclass:
        logits, _ = model(images)
        return F.cross_entropy(upsample(logits, size), labels, weight=weights,
                               ignore_index=IGNORE), logits, None
    k = model.net.classifier_conv().out_channels
    keep = torch.ones(k)
    if z is not None:
        keep[z] = 0
    logits, drop = model(images, keep)  # (B, K, h, w) each
    ce = F.cross_entropy(upsample(logits, size), labels, weight=weights, ignore_index=IGNORE)
    labels_drop = labels if z is None else labels.masked_fill(labels == z, IGNORE)
    ce_drop = F.cross_entropy(upsample(drop, size), labels_drop, weight=weights,
                              ignore_index=IGNORE)
    loss = (1 - lam) * ce + lam * ce_drop
    if z is not None:  # suppression at logit resolution, over every position of every image
        loss = loss + alpha * F.softmax(drop, dim=1)[:, z].mean()
    return loss, logits, drop


# ----------------------------------------------------------------------------------------------
# Data: the folder dataset, random crop + horizontal flip as Java's crop_flip
# ----------------------------------------------------------------------------------------------

def read_classes(root):
    names = []
    with open(os.path.join(root, "classes.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            t = line.split()
            if len(t) >= 4 and all(v.isdigit() for v in t[-3:]):
                t = t[:-3]
            name = " ".join(t)
            if name.lower() != "ignore":
                names.append(name)
    return names


class FolderDataset(torch.utils.data.Dataset):
    """ROOT/images/*.png paired by stem with ROOT/masks/*.png (index = class id, 255 = ignore)."""

    def __init__(self, root, crop, flip=True):
        images = {os.path.splitext(n)[0]: n for n in os.listdir(os.path.join(root, "images"))}
        masks = {os.path.splitext(n)[0]: n for n in os.listdir(os.path.join(root, "masks"))}
        stems = sorted(set(images) & set(masks))
        if not stems:
            raise SystemExit("pytorch_peer: %s has no images/ and masks/ pairs" % root)
        self.pairs = [(os.path.join(root, "images", images[s]),
                       os.path.join(root, "masks", masks[s])) for s in stems]
        self.crop = crop
        self.flip = flip
        self.random = None

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        if self.random is None:  # per worker process: torch seeds each worker differently
            self.random = random.Random(torch.initial_seed())
        image_file, mask_file = self.pairs[index]
        with Image.open(image_file) as im:
            image = np.asarray(im.convert("RGB"))  # (H, W, 3) uint8
        with Image.open(mask_file) as m:
            label = np.asarray(m)  # (H, W) uint8, palette indices = class ids
        h, w = label.shape
        ch, cw = self.crop
        top = self.random.randint(0, h - ch) if h > ch else 0
        left = self.random.randint(0, w - cw) if w > cw else 0
        mirror = self.flip and self.random.random() < 0.5
        img = np.zeros((ch, cw, 3), dtype=np.float32)  # pad: image 0, mask ignore (as Java)
        lab = np.full((ch, cw), IGNORE, dtype=np.uint8)
        rows, cols = min(ch, h - top), min(cw, w - left)
        img[:rows, :cols] = (image[top:top + rows, left:left + cols].astype(np.float32) / 255
                             - MEAN) / STD
        lab[:rows, :cols] = label[top:top + rows, left:left + cols]
        if mirror:
            img = img[:, ::-1]
            lab = lab[:, ::-1]
        # The Java side normalises before padding (padding becomes -mean/std there only for
        # images smaller than the crop, which the benchmark never uses).
        return (torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1))),  # (3, ch, cw)
                torch.from_numpy(np.ascontiguousarray(lab)).long())  # (ch, cw)


def endless(loader):
    while True:
        for batch in loader:
            yield batch


# ----------------------------------------------------------------------------------------------
# The benchmark
# ----------------------------------------------------------------------------------------------

def parse_size(text, option):
    try:
        h, w = (int(v) for v in text.lower().split("x"))
        if h < 1 or w < 1:
            raise ValueError
        return h, w
    except ValueError:
        raise SystemExit("pytorch_peer: %s expects HxW, e.g. 256x512, got %r" % (option, text))


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KB on Linux


def build(model_name, method, num_classes):
    net = HrNet(num_classes, HRNET_SPECS[model_name]) if model_name in HRNET_SPECS else \
        DeepLabV3MobileNet(num_classes)
    return Segmenter(net, method == "dropclass")


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def count_trainable(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def median(values):
    return statistics.median(values) if values else 0.0


def read_safetensors(path):
    """name -> numpy array (F32, I64) of a safetensors file."""
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    dtypes = {"F32": np.float32, "I64": np.int64}
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        out[name] = np.frombuffer(data[begin:end], dtype=dtypes[entry["dtype"]]) \
            .reshape(entry["shape"]).copy()
    return out


def check_reference(case_dir):
    """Replays a reference case (shared fixtures: the official DropClass code, torchvision) with
    this script's networks and loss; returns the number of entries beyond their tolerance."""
    with open(os.path.join(case_dir, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    weights = read_safetensors(os.path.join(case_dir, "weights.safetensors"))
    inputs = read_safetensors(os.path.join(case_dir, "inputs.safetensors"))
    expected = read_safetensors(os.path.join(case_dir, "expected.safetensors"))
    hrnet = case["model"].startswith("hrnet")
    dropclass = any(k.startswith("clsdrop_") for k in weights)
    name = case["model"].replace("hrnetv2_", "hrnet_")
    if hrnet and name not in HRNET_SPECS:
        print("%s: model %s is not built here" % (case_dir, case["model"]))
        return 1
    model = build(name if hrnet else "deeplabv3_mobilenet_v3_large",
                  "dropclass" if dropclass else "baseline", case["num_classes"])
    state = {(k if k.startswith("clsdrop_") else "net." + k): torch.from_numpy(v)
             for k, v in weights.items()}
    model.load_state_dict(state, strict=True)  # the official names, every tensor
    x = torch.from_numpy(inputs["x"])
    actual = {}
    if not hrnet:  # torchvision's case: eval output from the loaded statistics, before training
        model.eval()
        with torch.no_grad():
            actual["eval_logits_upsampled"] = upsample(model(x), x.shape[-2:])
    model.train()
    if hrnet:
        z = case["dropped_class"] if case["dropped_class"] >= 0 else None
        loss, logits, drop = training_loss(
            model, x, torch.from_numpy(inputs["labels"]), torch.tensor(case["class_weights"]),
            case["alpha"], case["lambda"], z)
        loss.backward()
        actual.update(loss=loss.detach().reshape(1), logits=logits.detach(),
                      logits_drop=drop.detach())
        for name, param in model.named_parameters():
            actual["grad." + name.removeprefix("net.")] = param.grad
    else:
        with torch.no_grad():
            model(x)
    for name, buf in model.named_buffers():
        actual["after_train_forward." + name.removeprefix("net.")] = buf
    model.eval()
    with torch.no_grad():
        out = model(x)
        actual["eval_logits"] = out
    failures, compared = 0, 0
    for name, want in expected.items():
        if name not in actual:
            print("%s: %s not computed here" % (case_dir, name))
            failures += 1
            continue
        got = actual[name].detach().numpy().astype(np.float64)
        diff = float(np.max(np.abs(got.reshape(want.shape) - want))) if want.size else 0.0
        tol = case["tolerance"].get(name, 0.0)
        compared += 1
        if not diff <= tol:
            failures += 1
            print("%s: %s differs by %.3g (tolerance %.3g)" % (case_dir, name, diff, tol))
    print("%s: %d entries compared, %d beyond tolerance" % (case_dir, compared, failures))
    return failures


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", choices=MODELS)
    p.add_argument("--method", choices=("baseline", "dropclass"))
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop", default="256x512", help="training crop HxW")
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    p.add_argument("--loader-workers", type=int, default=1,
                   help="DataLoader worker processes (the Java loader threads); 0 = in the main"
                        " process")
    p.add_argument("--steps", type=int, default=20, help="timed steps")
    p.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    p.add_argument("--data", help="folder dataset (dropclass synth --output DIR)")
    p.add_argument("--inference", default="none", help="HxW for batch-1 inference, or none")
    p.add_argument("--inference-reps", type=int, default=3, help="timed inference forwards")
    p.add_argument("--class-weights", choices=("none", "cityscapes"), default="none",
                   help="CE class weights (Java: loss.class_weights)")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--alpha", type=float, default=10.0)
    p.add_argument("--lam", type=float, default=0.5, help="lambda of the DropClass loss")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--json", help="write the results here")
    p.add_argument("--channels-last", action="store_true",
                   help="model and images in torch.channels_last (NHWC) memory format")
    p.add_argument("--profile", type=int, default=0, metavar="ROWS",
                   help="after the timed steps, profile one more step and print its ROWS most"
                        " expensive operators (self CPU time)")
    p.add_argument("--params-only", action="store_true",
                   help="print the trainable parameter counts and exit")
    p.add_argument("--check-reference", nargs="+", metavar="CASE_DIR",
                   help="replay reference cases (../shared/fixtures/reference/*) and exit")
    a = p.parse_args(argv)
    if a.check_reference:
        torch.set_num_threads(a.threads)
        return 1 if sum(check_reference(d) for d in a.check_reference) else 0
    if not (a.model and a.method and a.data):
        raise SystemExit("pytorch_peer: --model, --method and --data are required")
    if a.batch < 1 or a.threads < 1 or a.steps < 1 or a.warmup < 0 or a.loader_workers < 0:
        raise SystemExit("pytorch_peer: --batch, --threads, --steps must be >= 1,"
                         " --warmup and --loader-workers >= 0")
    crop = parse_size(a.crop, "--crop")
    infer = None if a.inference.lower() == "none" else parse_size(a.inference, "--inference")

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)  # as the Java side (EngineSettings: one inter-op thread)
    torch.manual_seed(a.seed)
    random.seed(a.seed)

    if not os.path.isfile(os.path.join(a.data, "classes.txt")):
        raise SystemExit("pytorch_peer: --data %s has no classes.txt; create the folder with"
                         " `./dropclass synth --output %s`" % (a.data, a.data))
    num_classes = len(read_classes(a.data))
    model = build(a.model, a.method, num_classes)
    total = count_trainable(model)
    head = total - count_trainable(model.net)
    print("model %s, %d classes: %s trainable parameters without the DropClass head, %s head"
          % (a.model, num_classes, format(total - head, ","), format(head, ",")), flush=True)
    if a.params_only:
        return 0
    if a.class_weights == "cityscapes":
        if num_classes != len(CITYSCAPES_WEIGHTS):
            raise SystemExit("pytorch_peer: --class-weights cityscapes needs 19 classes")
        weights = torch.tensor(CITYSCAPES_WEIGHTS)
    else:
        weights = None

    dataset = FolderDataset(a.data, crop)
    if len(dataset) < a.batch:
        raise SystemExit("pytorch_peer: --data has %d images, fewer than --batch %d"
                         % (len(dataset), a.batch))
    loader = torch.utils.data.DataLoader(
        dataset, batch_size=a.batch, shuffle=True, drop_last=True,
        num_workers=a.loader_workers, persistent_workers=a.loader_workers > 0,
        generator=torch.Generator().manual_seed(a.seed))
    batches = endless(loader)

    layout = torch.channels_last if a.channels_last else torch.contiguous_format
    model = model.to(memory_format=layout)
    total_steps = a.warmup + a.steps
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9, weight_decay=5e-4)
    gen = torch.Generator().manual_seed(a.seed)
    model.train()
    phases = {"data": [], "forward": [], "backward": [], "optimizer": []}
    step_ms, losses = [], []
    loop_start = None
    faults_start = None
    for i in range(total_steps):
        if i == a.warmup:
            loop_start = time.perf_counter()
            faults_start = minor_faults()
        t0 = time.perf_counter()
        images, labels = next(batches)  # (B, 3, ch, cw), (B, ch, cw)
        images = images.contiguous(memory_format=layout)
        t1 = time.perf_counter()
        z = int(torch.randint(num_classes, (1,), generator=gen))  # dropped every step
        loss, _, _ = training_loss(model, images, labels, weights, a.alpha, a.lam, z)
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        opt.step()
        opt.zero_grad(set_to_none=False)  # in the optimizer phase, as Java's Sgd zeroes after
        for group in opt.param_groups:  # poly lr for the next step
            group["lr"] = a.lr * (1 - (i + 1) / total_steps) ** 0.9
        t4 = time.perf_counter()
        losses.append(float(loss))
        if i >= a.warmup:
            for key, d in zip(("data", "forward", "backward", "optimizer"),
                              (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                phases[key].append(d * 1000)
            step_ms.append((t4 - t0) * 1000)
    loop_s = time.perf_counter() - loop_start
    faults_per_step = (minor_faults() - faults_start) / a.steps
    if not all(math.isfinite(v) for v in losses):
        raise SystemExit("pytorch_peer: the loss is not finite: %s" % losses)
    profile_rows = []
    if a.profile:  # one more step, untimed, under the profiler: where the time goes
        from torch.profiler import ProfilerActivity, profile
        images, labels = next(batches)
        images = images.contiguous(memory_format=layout)
        z = int(torch.randint(num_classes, (1,), generator=gen))
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            loss, _, _ = training_loss(model, images, labels, weights, a.alpha, a.lam, z)
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=False)
        averages = prof.key_averages()
        print(averages.table(sort_by="self_cpu_time_total", row_limit=a.profile))
        for e in sorted(averages, key=lambda e: -e.self_cpu_time_total)[:a.profile]:
            profile_rows.append({"operator": e.key, "calls": e.count,
                                 "self_ms": e.self_cpu_time_total / 1000.0,
                                 "total_ms": e.cpu_time_total / 1000.0})
    del batches, loader

    inference = []
    if infer is not None:
        model.eval()
        x = torch.randn(1, 3, infer[0], infer[1], generator=gen).contiguous(memory_format=layout)
        times = []
        with torch.no_grad():
            for r in range(a.inference_reps + 1):  # the first is a warm-up
                t0 = time.perf_counter()
                out = upsample(model(x), infer)  # (1, K, H, W)
                out.argmax(1)
                if r > 0:
                    times.append((time.perf_counter() - t0) * 1000)
        ms = median(times)
        inference.append({"height": infer[0], "width": infer[1], "batch": 1, "ms_median": ms,
                          "images_per_second": 1000.0 / ms if ms > 0 else 0.0})

    result = {
        "side": "pytorch",
        "model": a.model,
        "method": a.method,
        "batch": a.batch,
        "crop": {"height": crop[0], "width": crop[1]},
        "threads": a.threads,
        "loader_workers": a.loader_workers,
        "steps": a.steps,
        "warmup": a.warmup,
        "dataset": {"root": os.path.abspath(a.data), "images": len(dataset),
                    "classes": num_classes},
        "parameters": {"trainable": total - head, "dropclass_head": head},
        "train": {
            "images_per_second": a.batch * a.steps / loop_s,
            "step_ms_median": median(step_ms),
            "step_ms": step_ms,
            "phases_ms": {k: median(v) for k, v in phases.items()},
            "phases_ms_mean": {k: statistics.fmean(v) for k, v in phases.items()},
            "loss_first": losses[0],
            "loss_last": losses[-1],
        },
        "inference": inference,
        "rss": {"peak_mb": peak_rss_mb()},
        "memory": {"page_faults_minor_per_step": faults_per_step,
                   "glibc_tunables": os.environ.get("GLIBC_TUNABLES", ""),
                   "ld_preload": os.environ.get("LD_PRELOAD", "")},
        "layout": "channels_last" if a.channels_last else "contiguous",
        "profile": profile_rows,
        "versions": {"python": platform.python_version(), "torch": torch.__version__,
                     "numpy": np.__version__, "parallel": torch.__config__.parallel_info()
                     .splitlines()[:6]},
    }
    tr = result["train"]
    print("train: %.2f img/s, step median %.0f ms (data %.0f, forward %.0f, backward %.0f,"
          " optimizer %.0f), loss %.3f -> %.3f"
          % (tr["images_per_second"], tr["step_ms_median"], tr["phases_ms"]["data"],
             tr["phases_ms"]["forward"], tr["phases_ms"]["backward"],
             tr["phases_ms"]["optimizer"], tr["loss_first"], tr["loss_last"]))
    for inf in inference:
        print("inference %dx%d batch 1: %.0f ms" % (inf["height"], inf["width"], inf["ms_median"]))
    print("peak RSS %.0f MB, %.0f minor page faults per timed step" % (
        result["rss"]["peak_mb"], faults_per_step))
    if a.json:
        tmp = a.json + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
        os.replace(tmp, a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

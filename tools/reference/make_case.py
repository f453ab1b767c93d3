#!/usr/bin/python3
"""Writes a reference case of the official DropClass code, in the format `dropclass check-reference` reads.

Runs with Debian's python3-torch (1.13) and numpy; needs a checkout of the official code
(github.com/sanghyeokchu/DropClass), whose `lib/models/seg_hrnet.py` it imports unchanged. It is a
tool for making test fixtures; the project's tests never run it. What it adapts, without touching
the official file: `.cuda()` becomes a no-op (CPU), `np.int` (gone from numpy 1.24) is `int`, and
the random class draw `sample_bernolli` is replaced by the case's forced decision.

One case = one training-mode forward with `cur_epoch = --epoch` and class `--dropped-class` forced
(-1: nothing dropped), `loss.backward()`, then one eval-mode forward, from random weights (PyTorch's
default initialisation; every BatchNorm gets random affine parameters and running statistics).
The step runs five times from the same weights and inputs: float32 contiguous (`expected`),
float64 with the given threads and with one thread, and float32 and float64 channels-last. The
tolerances follow the shared fixtures' README, and add one for float64 channels-last by the rule
of the float32 one (where BatchNorm normalises a handful of values per channel, PyTorch's own
float64 channels-last run misses tolerance_float64, which measures only the thread count):

  tolerance[e]                       = 10 * max|f32 - f64| + 1e-6 * max|f64|
  tolerance_channels_last[e]         = tolerance[e] + 3 * max|f32 channels-last - f64|
  tolerance_float64[e]               = 100 * max|f64 - f64 (1 thread)| + 1e-10 * max|f64| + 1e-12
  tolerance_float64_channels_last[e] = tolerance_float64[e] + 3 * max|f64 channels-last - f64|

Architectures: `--model w18_small_v1|w18_small_v2|w48` (the official configs), or any HRNetV2
layout with `--layout` (JSON: a list of four stages, each [modules, "BASIC"|"BOTTLENECK", blocks,
channels]; e.g. W48's stage layout at narrow widths). `--model deeplabv3_mobilenet_v3_large` is
torchvision's DeepLabV3-MobileNetV3-Large (`--width-mult` of its backbone, `--head-channels` of
its ASPP head, 1 and 256 as shipped) with the official DropClass head and loss applied to it: A is
the output of classifier[0..3], classifier[4] the shared classifier, and the official `classdrop`
and `cal_loss` run on it unchanged. Its ASPP dropout (p = 0.5) gets the mask the toolkit draws in
its first training forward with seed 0 (SeededDropout: Java's SplittableRandom, reproduced here),
so both sides drop the same elements.

Example:
  tools/reference/make_case.py --official ~/DropClass --model w18_small_v2 --batch 3 \
      --size 96x96 --epoch 700 --dropped-class 5 --seed 3 --out cases/v2_b3_e700
"""

import argparse
import importlib.util
import json
import os
import struct
import sys

import numpy as np
import torch

CITYSCAPES_WEIGHTS = [0.8373, 0.918, 0.866, 1.0345, 1.0166, 0.9969, 0.9754, 1.0489, 0.8786, 1.0023,
                      0.9539, 0.9843, 1.1116, 0.9037, 1.0865, 1.0955, 1.0865, 1.1529, 1.0507]

# The official configs' MODEL.EXTRA, as [modules, block, blocks per branch, channels per branch].
LAYOUTS = {
    "w18_small_v1": [[1, "BOTTLENECK", [1], [32]], [1, "BASIC", [2, 2], [16, 32]],
                     [1, "BASIC", [2, 2, 2], [16, 32, 64]],
                     [1, "BASIC", [2, 2, 2, 2], [16, 32, 64, 128]]],
    "w18_small_v2": [[1, "BOTTLENECK", [2], [64]], [1, "BASIC", [2, 2], [18, 36]],
                     [3, "BASIC", [2, 2, 2], [18, 36, 72]],
                     [2, "BASIC", [2, 2, 2, 2], [18, 36, 72, 144]]],
    "w48": [[1, "BOTTLENECK", [4], [64]], [1, "BASIC", [4, 4], [48, 96]],
            [4, "BASIC", [4, 4, 4], [48, 96, 192]],
            [3, "BASIC", [4, 4, 4, 4], [48, 96, 192, 384]]],
}


class Node(dict):
    """The yacs CfgNode the official code reads: item and attribute access."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e


def load_official(checkout):
    path = os.path.join(checkout, "lib", "models", "seg_hrnet.py")
    if not os.path.isfile(path):
        sys.exit("make_case.py: --official %s: no lib/models/seg_hrnet.py there" % checkout)
    if not hasattr(np, "int"):
        np.int = int  # removed in numpy 1.24; the official file uses it for a channel count
    torch.Tensor.cuda = lambda self, *a, **k: self  # the official forward moves tensors to CUDA
    spec = importlib.util.spec_from_file_location("official_seg_hrnet", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def config(layout, num_classes, end_epoch):
    extra = Node(FINAL_CONV_KERNEL=1)
    for n, (modules, block, blocks, channels) in enumerate(layout, start=1):
        extra["STAGE%d" % n] = Node(NUM_MODULES=modules, NUM_BRANCHES=len(channels), BLOCK=block,
                                     NUM_BLOCKS=list(blocks), NUM_CHANNELS=list(channels),
                                     FUSE_METHOD="SUM")
    return Node(MODEL=Node(EXTRA=extra), DATASET=Node(NUM_CLASSES=num_classes),
                TRAIN=Node(END_EPOCH=end_epoch))


def randomise(model, generator):
    """PyTorch's default initialisation, then random BatchNorm affine parameters and statistics."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            with torch.no_grad():
                m.weight.copy_(0.5 + torch.rand(c, generator=generator))
                m.bias.copy_(0.2 * torch.randn(c, generator=generator))
                m.running_mean.copy_(0.1 * torch.randn(c, generator=generator))
                m.running_var.copy_(0.5 + torch.rand(c, generator=generator))
                m.num_batches_tracked.fill_(int(torch.randint(0, 1000, (1,), generator=generator)))


M64 = (1 << 64) - 1


def java_dropout_mask(shape, rate, seed=0, position=0):
    """The toolkit's SeededDropout mask: Java's SplittableRandom seeded with a mix of (seed,
    position), one nextDouble per element in row-major order, kept (1/(1-p)) when >= p."""
    x = (seed * 0x9E3779B97F4A7C15 + (position + 1) * 0xD6E8FEB86659FD93) & M64
    x ^= x >> 32
    x = (x * 0xBF58476D1CE4E5B9) & M64
    state = x ^ (x >> 29)
    keep = float(np.float32(1.0 / (1.0 - rate)))
    values = np.empty(int(np.prod(shape)), dtype=np.float64)
    for i in range(values.size):
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        z ^= z >> 31
        values[i] = keep if (z >> 11) * 2.0 ** -53 >= rate else 0.0
    return torch.from_numpy(values.reshape(shape))


class FixedDropout(torch.nn.Module):
    """Dropout with the toolkit's first-forward mask (training), the identity in eval mode."""

    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def forward(self, x):
        if not self.training:
            return x
        return x * java_dropout_mask(tuple(x.shape), self.rate).to(x.dtype)


class DropClassDeepLab(torch.nn.Module):
    """torchvision's DeepLabV3 with the official DropClass head on A = classifier[0..3](features):
    the official classdrop and cal_loss, bound to this module, do the work."""

    def __init__(self, official, deeplab, num_classes, end_epoch):
        super().__init__()
        self.official = official.HighResolutionNet
        self.backbone = deeplab.backbone
        self.classifier = deeplab.classifier
        channels = self.classifier[4].in_channels
        self.clsdrop_conv1 = torch.nn.Conv2d(channels, channels, kernel_size=1)
        self.clsdrop_bn1 = torch.nn.BatchNorm2d(channels, affine=True, momentum=official.BN_MOMENTUM)
        self.clsdrop_relu1 = torch.nn.ReLU(inplace=True)
        self.alpha = 10
        self.num_class = num_classes
        self.epoch = end_epoch

    def forward(self, x, labels=None, cur_epoch=None):
        a = self.backbone(x)["out"]
        for k in range(4):
            a = self.classifier[k](a)
        h = self.classifier[4]
        if labels is not None:
            self.rm_class_list = torch.tensor(range(self.num_class))
            self.rm_prob = self.sample_bernolli(cur_epoch)
            pred = {"semantic": h(a),
                    "semantic_drop": h(self.official.classdrop(self, a, h.weight))}
            return self.official.cal_loss(self, pred, labels, cur_epoch)
        self.rm_prob = torch.ones(self.num_class)
        return h(self.official.classdrop(self, a, h.weight))


def deeplab_builder(official, width_mult, head_channels, num_classes, end_epoch):
    from torchvision.models import mobilenet_v3_large
    from torchvision.models.segmentation import deeplabv3 as tv

    def build():
        backbone = mobilenet_v3_large(weights=None, dilated=True, width_mult=width_mult)
        deeplab = tv._deeplabv3_mobilenetv3(backbone, num_classes, False)
        if head_channels != 256:
            cin = deeplab.classifier[0].convs[0][0].in_channels
            deeplab.classifier = torch.nn.Sequential(
                tv.ASPP(cin, [12, 24, 36], head_channels),
                torch.nn.Conv2d(head_channels, head_channels, 3, padding=1, bias=False),
                torch.nn.BatchNorm2d(head_channels), torch.nn.ReLU(),
                torch.nn.Conv2d(head_channels, num_classes, 1))
        deeplab.classifier[0].project[3] = FixedDropout(0.5)
        return DropClassDeepLab(official, deeplab, num_classes, end_epoch)

    return build


def run_step(build, state, x, labels, weights, epoch, dropped, dtype, channels_last, threads):
    """One training forward (forced decision), backward, one eval forward; name -> float64 array."""
    torch.set_num_threads(threads)
    model = build()
    model.load_state_dict(state, strict=True)
    model = model.to(dtype)
    x = x.to(dtype)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    model.loss = official_criterion(weights.to(dtype))
    num_classes = len(weights)

    def forced(_epoch):
        keep = torch.ones(num_classes, dtype=dtype)
        if dropped >= 0:
            keep[dropped] = 0
        return keep

    model.sample_bernolli = forced
    model.train()
    model.zero_grad(set_to_none=False)
    loss, pred, parts = model(x, labels=labels, cur_epoch=epoch)
    out = {"loss": loss.detach().reshape(1), "logits": pred["semantic"].detach(),
           "logits_drop": pred["semantic_drop"].detach()}
    for name, buf in model.named_buffers():
        if name.endswith("running_mean") or name.endswith("running_var"):
            out["after_train_forward." + name] = buf.detach().clone()
    loss.sum().backward()
    for name, p in model.named_parameters():
        out["grad." + name] = p.grad.detach().clone()
    model.eval()
    with torch.no_grad():
        out["eval_logits"] = model(x)
    arrays = {k: v.contiguous().to(torch.float64).numpy() for k, v in out.items()}
    return arrays, {k: float(v) for k, v in parts.items()}


def official_criterion(weights):
    """lib/core/criterion.py's CrossEntropy: weighted CE, ignore 255, logits upsampled bilinearly
    (align_corners=False) to the label size."""

    def loss(score, target):
        h, w = target.shape[1], target.shape[2]
        if score.shape[2] != h or score.shape[3] != w:
            score = torch.nn.functional.interpolate(score, size=(h, w), mode="bilinear",
                                                    align_corners=False)
        return torch.nn.functional.cross_entropy(score, target, weight=weights, ignore_index=255)

    return loss


def write_safetensors(path, tensors, dtype):
    names = sorted(tensors)
    header, offset, blobs = {}, 0, []
    for name in names:
        array = np.ascontiguousarray(tensors[name])
        if array.dtype == np.int64:
            code = "I64"
        else:
            array = array.astype(dtype or array.dtype)  # dtype None: as given
            code = {np.dtype(np.float32): "F32", np.dtype(np.float64): "F64"}[array.dtype]
        blob = array.tobytes()
        header[name] = {"dtype": code, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    dtypes = {"F32": np.float32, "F64": np.float64, "I64": np.int64}
    out = {}
    for name, entry in header.items():
        if name != "__metadata__":
            begin, end = entry["data_offsets"]
            out[name] = np.frombuffer(data[begin:end], dtype=dtypes[entry["dtype"]]) \
                .reshape(entry["shape"]).copy()
    return out


def labels_for(generator, batch, height, width, num_classes, dropped):
    """Random labels with some ignore pixels; the dropped class is present unless --absent."""
    labels = torch.randint(0, num_classes, (batch, height, width), generator=generator)
    ignore = torch.rand((batch, height, width), generator=generator) < 0.1
    labels[ignore] = 255
    return labels


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--official", required=True, help="checkout of sanghyeokchu/DropClass")
    p.add_argument("--model", choices=sorted(LAYOUTS) + ["deeplabv3_mobilenet_v3_large"],
                   help="an official configuration, or torchvision's DeepLabV3")
    p.add_argument("--width-mult", type=float, default=1.0, help="DeepLabV3 backbone width")
    p.add_argument("--head-channels", type=int, default=256, help="DeepLabV3 head width")
    p.add_argument("--layout", help="JSON stage layout instead of --model")
    p.add_argument("--name", help="case.json 'model' (default hrnetv2_<model>)")
    p.add_argument("--classes", type=int, default=19)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--size", default="64x128", help="HxW")
    p.add_argument("--epoch", type=int, default=0)
    p.add_argument("--end-epoch", type=int, default=968)
    p.add_argument("--dropped-class", type=int, default=-1)
    p.add_argument("--absent", action="store_true", help="the dropped class is not in the labels")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--from", dest="source", metavar="CASE_DIR",
                   help="take the weights and inputs of an existing case (to check this tool)")
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    if (a.model is None) == (a.layout is None):
        p.error("give exactly one of --model and --layout")
    deeplab = a.model == "deeplabv3_mobilenet_v3_large"
    layout = None if deeplab else (LAYOUTS[a.model] if a.model else json.loads(a.layout))
    name = a.name or (a.model if deeplab else
                      "hrnetv2_" + a.model if a.model else "hrnetv2_custom")
    height, width = (int(v) for v in a.size.lower().split("x"))
    official = load_official(a.official)
    if deeplab:
        build = deeplab_builder(official, a.width_mult, a.head_channels, a.classes, a.end_epoch)
    else:
        cfg = config(layout, a.classes, a.end_epoch)
        build = lambda: official.HighResolutionNet(cfg)  # noqa: E731

    generator = torch.Generator().manual_seed(a.seed)
    torch.manual_seed(a.seed)
    model = build()  # PyTorch's (torchvision's) default initialisation
    randomise(model, generator)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    x = torch.randn((a.batch, 3, height, width), generator=generator)
    labels = labels_for(generator, a.batch, height, width, a.classes, a.dropped_class)
    if a.absent and a.dropped_class >= 0:
        labels[labels == a.dropped_class] = (a.dropped_class + 1) % a.classes
    if a.source:
        state = {k: torch.from_numpy(v) for k, v in
                 read_safetensors(os.path.join(a.source, "weights.safetensors")).items()}
        inputs = read_safetensors(os.path.join(a.source, "inputs.safetensors"))
        x, labels = torch.from_numpy(inputs["x"]), torch.from_numpy(inputs["labels"])
        model.load_state_dict(state, strict=True)
    class_weights = CITYSCAPES_WEIGHTS if a.classes == 19 else [1.0] * a.classes
    weights = torch.tensor(class_weights, dtype=torch.float64)

    common = (build, state, x, labels, weights, a.epoch, a.dropped_class)
    f32, parts = run_step(*common, torch.float32, False, a.threads)
    f64, _ = run_step(*common, torch.float64, False, a.threads)
    f64_one, _ = run_step(*common, torch.float64, False, 1)
    cl32, _ = run_step(*common, torch.float32, True, a.threads)
    cl64, _ = run_step(*common, torch.float64, True, a.threads)

    def worst(u, v):
        return float(np.max(np.abs(u - v))) if u.size else 0.0

    tolerance, tolerance_cl, tolerance_f64, tolerance_f64_cl = {}, {}, {}, {}
    for key, ref in f64.items():
        scale = float(np.max(np.abs(ref))) if ref.size else 0.0
        tolerance[key] = 10 * worst(f32[key], ref) + 1e-6 * scale
        tolerance_cl[key] = tolerance[key] + 3 * worst(cl32[key], ref)
        tolerance_f64[key] = 100 * worst(f64_one[key], ref) + 1e-10 * scale + 1e-12
        tolerance_f64_cl[key] = tolerance_f64[key] + 3 * worst(cl64[key], ref)

    lam = a.epoch / a.end_epoch
    case = {
        "model": name,
        "reference": "official DropClass code (lib/models/seg_hrnet.py)" + (
            " on torchvision 0.14's DeepLabV3-MobileNetV3-Large" if deeplab else ""),
        "num_classes": a.classes,
        "ignore_label": 255,
        "class_weights": class_weights,
        "epoch": a.epoch,
        "end_epoch": a.end_epoch,
        "lambda": lam,
        "alpha": 10.0,
        "dropped_class": a.dropped_class,
        "bn_momentum_pytorch": 0.01,
        "bn_eps": 1e-05,
        "parameters": sum(t.numel() for t in model.parameters()),
        "loss": float(f32["loss"][0]),
        "loss_parts": {
            "semantic_weighted": float(parts["semantic"]),
            "semantic_drop_weighted": float(parts["semantic_drop"]),
            "suppression_weighted": float(parts.get("logit", 0.0)),
        },
        "shapes": {"x": list(x.shape), "logits": list(f32["logits"].shape)},
        "tolerance": tolerance,
        "tolerance_channels_last": tolerance_cl,
        "tolerance_float64": tolerance_f64,
        "tolerance_float64_channels_last": tolerance_f64_cl,
    }
    if deeplab:
        case["width_mult"] = a.width_mult
        case["head_channels"] = a.head_channels
    else:
        case["layout"] = layout
    os.makedirs(a.out, exist_ok=True)
    write_safetensors(os.path.join(a.out, "weights.safetensors"),
                      {k: v.numpy() for k, v in state.items()}, np.float32)
    write_safetensors(os.path.join(a.out, "inputs.safetensors"),
                      {"x": x.numpy(), "labels": labels.numpy()}, np.float32)
    write_safetensors(os.path.join(a.out, "expected.safetensors"), f32, np.float32)
    write_safetensors(os.path.join(a.out, "expected_float64.safetensors"), f64, np.float64)
    with open(os.path.join(a.out, "case.json"), "w", encoding="utf-8") as f:
        json.dump(case, f, indent=1)
    print("%s: %s, %d parameters, loss %.6f, %d entries" % (a.out, name, case["parameters"],
                                                             case["loss"], len(f32)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Java (`./dropclass bench`) against its PyTorch peer (`bench/pytorch_peer.py`), interleaved.

Creates the synthetic folder dataset once (`./dropclass synth`), then for every configuration
(model x method) runs the Java and the Python side alternately, --reps times each (the order flips
every repetition, so a drift of the machine's load hits both sides alike), with the same batch,
crop, threads, loader workers, steps and warm-up, both reading the same PNGs. Prints a table of
medians (images/s of each side, the Java/Python ratio, per-phase step times) and writes every run's
JSON and a summary.json under --output.

Run it from the repository root with Debian's Python:  /usr/bin/python3 bench/compare_peer.py
It builds nothing itself; the ./dropclass launcher rebuilds the jar when the sources changed.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEER = os.path.join(HERE, "pytorch_peer.py")
LAUNCHER = os.path.join(REPO, "dropclass")
DEFAULT_CONFIGS = ("hrnet_w18_small_v1:dropclass,hrnet_w18_small_v2:dropclass,"
                   "deeplabv3_mobilenet_v3_large:dropclass,hrnet_w18_small_v1:baseline,"
                   "hrnet_w18_small_v2:baseline,deeplabv3_mobilenet_v3_large:baseline")
MODELS = ("hrnet_w18_small_v1", "hrnet_w18_small_v2", "deeplabv3_mobilenet_v3_large")
LAYOUTS = ("contiguous", "channels_last")
# the launcher's memory setting (dropclass, DROPCLASS_MEMORY=retain): glibc keeps freed memory
RETAINING_GLIBC_TUNABLES = ("glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold="
                            "18446744073709551615:glibc.malloc.arena_max=1")
METHODS = ("baseline", "dropclass")
PHASES = ("data", "forward", "backward", "optimizer")
INSTALL = ("install Debian's python3-torch python3-torchvision:"
           " sudo apt-get install python3-torch python3-torchvision")


def fail(message):
    print("compare_peer: " + message, file=sys.stderr)
    sys.exit(2)


def parse_configs(text):
    configs = []
    for item in text.split(","):
        model, _, method = item.strip().partition(":")
        if model not in MODELS or method not in METHODS:
            fail("--configs: '%s' is not MODEL:METHOD with MODEL in %s and METHOD in %s"
                 % (item, "|".join(MODELS), "|".join(METHODS)))
        configs.append((model, method))
    return configs


def check_python(python):
    probe = subprocess.run([python, "-c", "import torch, torchvision, numpy, PIL;"
                            " print(torch.__version__, torchvision.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        fail("%s cannot import torch and torchvision (%s); %s"
             % (python, (probe.stderr.strip().splitlines() or ["?"])[-1], INSTALL))
    return probe.stdout.strip()


def check_java():
    if not os.access(LAUNCHER, os.X_OK):
        fail("%s is missing or not executable; run this from a dropclass checkout" % LAUNCHER)
    probe = subprocess.run([LAUNCHER, "--help"], capture_output=True, text=True, cwd=REPO)
    if probe.returncode != 0:
        fail("'./dropclass --help' failed (exit %d): %s" % (
            probe.returncode, (probe.stderr.strip().splitlines() or ["?"])[-1]))
    if not re.search(r"^\s+bench\b", probe.stdout, re.MULTILINE):
        fail("this checkout's ./dropclass has no 'bench' command yet: merge the Java bench, or"
             " run with --sides python")


def ensure_dataset(args):
    if os.path.isfile(os.path.join(args.data, "classes.txt")):
        print("dataset: reusing %s" % args.data, flush=True)
        return
    if not os.access(LAUNCHER, os.X_OK):
        fail("%s is missing; the dataset is written by ./dropclass synth" % LAUNCHER)
    print("dataset: writing %d synthetic scenes of %dx%d to %s"
          % (args.images, args.height, args.width, args.data), flush=True)
    run = subprocess.run([LAUNCHER, "synth", "--output", args.data, "--images", str(args.images),
                          "--height", str(args.height), "--width", str(args.width)], cwd=REPO)
    if run.returncode != 0:
        fail("./dropclass synth --output %s failed (exit %d); delete the folder or give another"
             " --data" % (args.data, run.returncode))


def command(side, model, method, args, json_file):
    """side: java, or python:<layout>."""
    common = ["--model", model, "--method", method, "--batch", str(args.batch),
              "--crop", args.crop, "--threads", str(args.threads),
              "--steps", str(args.steps), "--warmup", str(args.warmup),
              "--inference", args.inference, "--json", json_file]
    if args.profile:
        common += ["--profile", str(args.profile)]
    if side == "java":
        return [LAUNCHER, "bench"] + common + [
            "--loader-threads", str(args.loader_threads),
            "data.dataset=folder", "data.root=" + os.path.abspath(args.data),
            "data.train_split=all", "data.val_split=all", "loss.class_weights=none"
        ] + args.java_override
    layout = side.partition(":")[2]
    return [args.python, PEER] + common + [
        "--loader-workers", str(args.loader_threads), "--data", os.path.abspath(args.data),
        "--class-weights", "none"] + (["--channels-last"] if layout == "channels_last" else [])


JEMALLOC_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                 "/usr/lib", "/usr/local/lib")


def retaining_allocator():
    """What the launcher sets up by default: the system's jemalloc kept from returning pages,
    else glibc tunables that keep freed memory in the heap."""
    for d in JEMALLOC_DIRS:
        library = os.path.join(d, "libjemalloc.so.2")
        if os.path.isfile(library):
            return {"LD_PRELOAD": library, "MALLOC_CONF": "dirty_decay_ms:-1,muzzy_decay_ms:-1"}
    return {"GLIBC_TUNABLES": RETAINING_GLIBC_TUNABLES}


def environment(args):
    """Both sides get the same threads and the same allocator setting."""
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    for key in ("LD_PRELOAD", "GLIBC_TUNABLES", "MALLOC_CONF"):
        env.pop(key, None)
    if args.memory == "retain":
        env.update(retaining_allocator())
    env["DROPCLASS_MEMORY"] = "system"  # the launcher takes the environment as given here
    return env


def run_one(side, model, method, rep, args, folder):
    name = side.replace(":", "-")
    json_file = os.path.join(folder, "%s-rep%d.json" % (name, rep))
    log_file = os.path.join(folder, "%s-rep%d.log" % (name, rep))
    cmd = command(side, model, method, args, json_file)
    env = environment(args)
    with open(log_file, "w", encoding="utf-8") as log:
        log.write(" ".join(cmd) + "\n")
        log.flush()
        done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=env)
    if done.returncode != 0 or not os.path.isfile(json_file):
        with open(log_file, encoding="utf-8") as log:
            tail = log.read().strip().splitlines()[-8:]
        fail("%s %s %s rep %d failed (exit %d), log %s:\n  %s"
             % (side, model, method, rep, done.returncode, log_file, "\n  ".join(tail)))
    with open(json_file, encoding="utf-8") as f:
        result = json.load(f)
    train = result["train"]
    print("  rep %d %-22s %6.2f img/s  step %6.0f ms" % (
        rep, side, train["images_per_second"], train["step_ms_median"]), flush=True)
    return result


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def side_summary(results):
    if not results:
        return None
    train = [r["train"] for r in results]
    summary = {
        "runs": len(results),
        "images_per_second": med(t["images_per_second"] for t in train),
        "images_per_second_all": [t["images_per_second"] for t in train],
        "step_ms_median": med(t["step_ms_median"] for t in train),
        "phases_ms": {p: med(t.get("phases_ms", {}).get(p) for t in train) for p in PHASES},
        "peak_rss_mb": med(r.get("rss", {}).get("peak_mb") for r in results),
        "page_faults_minor_per_step": med(r.get("memory", {}).get("page_faults_minor_per_step")
                                          for r in results),
    }
    inference = [r["inference"][0] for r in results if r.get("inference")]
    if inference:
        summary["inference_ms_median"] = med(i["ms_median"] for i in inference)
    return summary


def fmt(value, pattern):
    return "-" if value is None else pattern % value


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=3, help="runs per side and configuration")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2, help="intra-op threads of both sides")
    p.add_argument("--loader-threads", type=int, default=1,
                   help="Java loader threads = PyTorch DataLoader workers")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop", default="256x512")
    p.add_argument("--inference", default="none", help="HxW inference at batch 1, or none")
    p.add_argument("--configs", default=DEFAULT_CONFIGS, help="MODEL:METHOD,...")
    p.add_argument("--peer-layouts", default="contiguous,channels_last",
                   help="layouts the PyTorch side runs; Java is compared with the faster")
    p.add_argument("--memory", choices=("retain", "system"), default="retain",
                   help="allocator setting of both sides: memory kept for reuse (the launcher's"
                        " default: the system's jemalloc, else glibc tunables), or the system's"
                        " default")
    p.add_argument("--profile", type=int, default=0, metavar="ROWS",
                   help="both sides profile one extra step and keep ROWS operators in their JSON")
    p.add_argument("--sides", default="java,python", help="java,python, or only one of them")
    p.add_argument("--data", default=os.path.join(REPO, "target", "peer-data"),
                   help="the folder dataset (created with ./dropclass synth when missing)")
    p.add_argument("--images", type=int, default=64)
    p.add_argument("--height", type=int, default=512)
    p.add_argument("--width", type=int, default=1024)
    p.add_argument("--python", default="/usr/bin/python3", help="the Python that has torch")
    p.add_argument("--output", help="results folder (default target/peer-bench/<time>)")
    p.add_argument("--java-override", action="append", default=[], metavar="KEY=VALUE",
                   help="extra configuration override for the Java side (repeatable)")
    args = p.parse_args()
    if args.reps < 1 or args.steps < 1 or args.warmup < 0 or args.threads < 1:
        fail("--reps, --steps and --threads must be >= 1, --warmup >= 0")
    kinds = [s.strip() for s in args.sides.split(",") if s.strip()]
    if not kinds or any(s not in ("java", "python") for s in kinds):
        fail("--sides: expected java,python or one of them, got '%s'" % args.sides)
    layouts = [x.strip() for x in args.peer_layouts.split(",") if x.strip()]
    if not layouts or any(x not in LAYOUTS for x in layouts):
        fail("--peer-layouts: expected contiguous, channels_last or both, got '%s'"
             % args.peer_layouts)
    sides = [s for k in kinds for s in (["java"] if k == "java"
                                        else ["python:" + x for x in layouts])]
    configs = parse_configs(args.configs)
    versions = {}
    if "python" in kinds:
        versions["python_torch_torchvision"] = check_python(args.python)
    if "java" in kinds:
        check_java()
    ensure_dataset(args)
    out = args.output or os.path.join(
        REPO, "target", "peer-bench", datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)

    results = {(m, x, s): [] for m, x in configs for s in sides}
    for rep in range(1, args.reps + 1):
        order = sides if rep % 2 == 1 else list(reversed(sides))
        for model, method in configs:
            folder = os.path.join(out, "%s-%s" % (model, method))
            os.makedirs(folder, exist_ok=True)
            print("%s %s, rep %d/%d" % (model, method, rep, args.reps), flush=True)
            for side in order:
                results[(model, method, side)].append(
                    run_one(side, model, method, rep, args, folder))

    rows = []
    for model, method in configs:
        java = side_summary(results.get((model, method, "java")))
        peers = {x: side_summary(results.get((model, method, "python:" + x)))
                 for x in layouts if (model, method, "python:" + x) in results}
        best_layout = max((x for x in peers if peers[x]), default=None,
                          key=lambda x: peers[x]["images_per_second"])
        python = peers.get(best_layout)
        ratio = paired = None
        if java and python and python["images_per_second"]:
            ratio = java["images_per_second"] / python["images_per_second"]
            paired = med(j / q for j, q in zip(java["images_per_second_all"],
                                                python["images_per_second_all"]) if q)
        rows.append({"model": model, "method": method, "java": java, "python": python,
                     "python_layout": best_layout, "python_by_layout": peers,
                     "java_over_python": ratio, "java_over_python_paired_median": paired})

    print()
    print("batch %d, crop %s, %d threads, %d loader worker(s), %d steps after %d warm-up,"
          " %d rep(s), medians; memory %s; PyTorch: the faster of %s"
          % (args.batch, args.crop, args.threads, args.loader_threads, args.steps, args.warmup,
             args.reps, args.memory, "/".join(layouts)))
    header = "%-30s %-9s %9s %9s %-13s %7s   %-27s %-27s" % (
        "model", "method", "java im/s", "py im/s", "py layout", "J/P",
        "java ms data/fwd/bwd/opt", "py ms data/fwd/bwd/opt")
    print(header)
    for row in rows:
        def phases(s):
            return "-" if s is None else "/".join(fmt(s["phases_ms"][k], "%.0f") for k in PHASES)
        j, q = row["java"], row["python"]
        print("%-30s %-9s %9s %9s %-13s %7s   %-27s %-27s" % (
            row["model"], row["method"], fmt(j and j["images_per_second"], "%.2f"),
            fmt(q and q["images_per_second"], "%.2f"), row["python_layout"] or "-",
            fmt(row["java_over_python"], "%.2f"), phases(j), phases(q)))
    summary = {
        "settings": {k: getattr(args, k) for k in ("reps", "steps", "warmup", "threads",
                                                   "loader_threads", "batch", "crop",
                                                   "inference", "sides", "peer_layouts",
                                                   "memory")},
        "dataset": os.path.abspath(args.data),
        "versions": versions,
        "note": "J/P = median Java images/s over the median images/s of PyTorch's faster layout;"
                " the paired median is the median of per-repetition ratios (runs interleaved)",
        "rows": rows,
    }
    target = os.path.join(out, "summary.json")
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    os.replace(target + ".tmp", target)
    print("\nsummary: %s" % target)
    return 0


if __name__ == "__main__":
    sys.exit(main())

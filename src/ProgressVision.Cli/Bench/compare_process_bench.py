#!/usr/bin/python3
"""Times `progressvision compare` as its own process, the way a user runs it (issue 4, item 9).

The in-process bench (`progressvision bench --section e2e-12mp`) is warm; this one measures a fresh
process each run: start-up, JIT, page faults, the healing model and the four output pictures.
Several programs (for example main's build and a branch's build, or one build under different
DOTNET_* settings) are run in turn, alternating, so machine load shared with other jobs falls
on all of them alike. CPU time (user + system, from /usr/bin/time) is the figure that compares;
wall time is printed with the load average at each run because it follows the load.

Every program's outputs (result.json, both CSVs, all four pictures) are compared byte for byte
with the first program's; a difference is reported (the timings are still printed).

Usage (the pair defaults to the one the e2e-12mp bench caches):
    /usr/bin/python3 compare_process_bench.py --runs 5 \
        old=/tmp/old/progressvision new=/tmp/new/progressvision "new-gc=/tmp/new/progressvision DOTNET_GCgen0size=0x4000000"
"""
import argparse
import filecmp
import os
import shlex
import statistics
import subprocess
import sys
import tempfile

DEFAULT_PAIR = os.path.join(tempfile.gettempdir(), "progressvision-bench-cache", "e2e-mixed-5104-4032x3024-q90")
TIME_FORMAT = "%e %U %S %M %R"


def parse_program(spec):
    label, _, rest = spec.partition("=")
    words = shlex.split(rest)
    if not label or not words:
        sys.exit(f"program '{spec}': expected label=PATH [VAR=VALUE ...]")
    env = dict(os.environ)
    for word in words[1:]:
        name, eq, value = word.partition("=")
        if not eq:
            sys.exit(f"program '{spec}': '{word}' is not VAR=VALUE")
        env[name] = value
    return label, words[0], env


def run_once(path, env, before, after, out_dir, extra):
    load = os.getloadavg()[0]
    cmd = ["/usr/bin/time", "-f", TIME_FORMAT, path, "compare", before, after, "--out", out_dir, *extra]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{path} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    wall, user, system, rss_kb, minflt = proc.stderr.strip().splitlines()[-1].split()
    return {"wall": float(wall), "user": float(user), "sys": float(system), "cpu": float(user) + float(system),
            "rss": int(rss_kb) / 1024.0 / 1024.0, "minflt": int(minflt), "load": load}


def same_outputs(a, b):
    names = sorted(set(os.listdir(a)) | set(os.listdir(b)))
    return [n for n in names if not (os.path.exists(os.path.join(a, n)) and os.path.exists(os.path.join(b, n))
                                     and filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("programs", nargs="+", help="label=PATH [VAR=VALUE ...] (environment for that program)")
    parser.add_argument("--pair", default=DEFAULT_PAIR, help="folder holding before.jpg and after.jpg")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=None, help="folder for the outputs (default: a temporary one)")
    parser.add_argument("--extra", default="", help="more compare arguments, quoted as one string")
    args = parser.parse_args()

    before, after = os.path.join(args.pair, "before.jpg"), os.path.join(args.pair, "after.jpg")
    for p in (before, after):
        if not os.path.isfile(p):
            sys.exit(f"{p}: missing (run `progressvision bench --section e2e-12mp` once to render the pair)")
    programs = [parse_program(s) for s in args.programs]
    work = args.work or tempfile.mkdtemp(prefix="pv-compare-process-")
    extra = shlex.split(args.extra)
    results = {label: [] for label, _, _ in programs}
    for i in range(args.runs):
        # Alternate the order each round as well, so no program always runs right after another.
        order = programs if i % 2 == 0 else list(reversed(programs))
        for label, path, env in order:
            r = run_once(path, env, before, after, os.path.join(work, label), extra)
            results[label].append(r)
            print(f"run {i + 1} {label:<14} cpu {r['cpu']:.2f} s (user {r['user']:.2f} + sys {r['sys']:.2f}), "
                  f"wall {r['wall']:.2f} s, rss {r['rss']:.2f} GB, minflt {r['minflt']}, load {r['load']:.1f}", flush=True)

    first = programs[0][0]
    print()
    print(f"{'program':<14} {'cpu median (range)':<22} {'user':>6} {'sys':>6} {'wall median (range)':<22} {'max rss GB':<12} {'minflt':>8}  load  outputs")
    for label, _, _ in programs:
        rs = results[label]
        med = lambda k: statistics.median(r[k] for r in rs)
        rng = lambda k: f"{min(r[k] for r in rs):.2f}-{max(r[k] for r in rs):.2f}"
        diff = same_outputs(os.path.join(work, first), os.path.join(work, label))
        outputs = "identical" if not diff else "DIFFER: " + ", ".join(diff)
        print(f"{label:<14} {med('cpu'):.2f} ({rng('cpu')}){'':<6} {med('user'):>6.2f} {med('sys'):>6.2f} "
              f"{med('wall'):.2f} ({rng('wall')}){'':<6} {rng('rss'):<12} {int(med('minflt')):>8}  "
              f"{min(r['load'] for r in rs):.0f}-{max(r['load'] for r in rs):.0f}  {outputs if label != first else 'reference'}")


if __name__ == "__main__":
    main()

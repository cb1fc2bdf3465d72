#!/usr/bin/env python3
"""Measures Tend against Hugo and against cmark-gfm on the same articles, in one run.

For each corpus size it makes the shared reference corpus (../shared/bench/gen_corpus.py, Tend and
Hugo layouts of the same articles) or, with --own, Tend's own generator; then runs, alternating
the tools, N times each:
  - a clean Tend build, a rebuild with nothing changed, a rebuild after one article is edited,
    and `tend check`; with --baseline, the same for another build of Tend (before a change);
  - a clean Hugo build (hugo --quiet), when hugo is installed;
  - cmark-gfm rendering every article body in one process (the floor for Markdown work).
It prints medians, ratios and peak memory as a table.

Usage: python3 Tests/Benchmarks/benchmark.py [--sizes 1000,10000] [--runs 5] [--tend PATH] [--baseline PATH] [--own] [--verbose]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_GENERATOR = os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")


def timed(command, cwd=None, allow_failure=False):
    """Wall time in seconds and peak resident memory in MB of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 and not (allow_failure and process.returncode == 1):
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[:2000]}")
    return elapsed, usage.ru_maxrss / 1024


def body_files(articles_dir, out_dir):
    """Article bodies without front matter, for cmark-gfm."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name in sorted(os.listdir(articles_dir)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(articles_dir, name), encoding="utf-8").read()
        if text.startswith("---"):
            text = text.split("\n---\n", 1)[1] if "\n---\n" in text else text
        path = os.path.join(out_dir, name)
        open(path, "w", encoding="utf-8").write(text)
        paths.append(path)
    return paths


def measure_tend(tend, site, edited, run, results, prefix=""):
    """One clean build, one rebuild with nothing changed, one after an edit, and one check."""
    shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".tend-cache"), ignore_errors=True)
    seconds, memory = timed([tend, "build", "--quiet"], cwd=site)
    results[prefix + "clean"].append(seconds)
    results[prefix + "clean_mem"].append(memory)
    results[prefix + "nochange"].append(timed([tend, "build", "--quiet"], cwd=site)[0])
    with open(edited, "a", encoding="utf-8") as handle:
        handle.write(f"\nAn edit for run {run}{prefix}.\n")
    results[prefix + "edit"].append(timed([tend, "build", "--quiet"], cwd=site)[0])
    results[prefix + "check"].append(timed([tend, "check", "--quiet"], cwd=site, allow_failure=True)[0])


def article_page_kb(public):
    """The average size of an article page, in KB."""
    folder = os.path.join(public, "articles")
    sizes = [os.path.getsize(os.path.join(folder, name, "index.html")) for name in os.listdir(folder)
             if os.path.exists(os.path.join(folder, name, "index.html")) and name != "page"]
    return sum(sizes) / len(sizes) / 1024 if sizes else float("nan")


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tend", default=os.path.join(REPO, ".build", "release", "tend"))
    parser.add_argument("--baseline", help="another tend binary to measure in the same runs (the build before a change)")
    parser.add_argument("--own", action="store_true", help="use Tend's own corpus generator (no Hugo layout)")
    parser.add_argument("--verbose", action="store_true", help="print every run's figures as well")
    args = parser.parse_args()
    if not os.path.exists(args.tend):
        raise SystemExit("build Tend first: swift build -c release")
    hugo = shutil.which("hugo")
    cmark = shutil.which("cmark-gfm")
    rows = []
    work = tempfile.mkdtemp(prefix="tend-bench-")
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus = os.path.join(work, f"corpus-{size}")
            if args.own:
                subprocess.run([sys.executable, os.path.join(REPO, "Tests", "Benchmarks", "make_corpus.py"), "--articles", str(size), "--out", os.path.join(corpus, "tend")], check=True)
                hugo_site = None
            else:
                subprocess.run([sys.executable, SHARED_GENERATOR, "--articles", str(size), "--out", corpus, "--tend", "--hugo"], check=True, stdout=subprocess.DEVNULL)
                hugo_site = corpus
            tend_site = os.path.join(corpus, "tend")
            bodies = body_files(os.path.join(tend_site, "content", "articles"), os.path.join(work, f"bodies-{size}"))
            edited = os.path.join(tend_site, "content", "articles", sorted(os.listdir(os.path.join(tend_site, "content", "articles")))[0])
            keys = ["clean", "clean_mem", "nochange", "edit", "check"]
            results = {key: [] for key in keys + ["base_" + key for key in keys] + ["hugo", "hugo_mem", "cmark", "copy"]}
            for run in range(args.runs):
                measure_tend(args.tend, tend_site, edited, run, results)
                if args.baseline:
                    measure_tend(args.baseline, tend_site, edited, run, results, prefix="base_")
                if hugo and hugo_site:
                    shutil.rmtree(os.path.join(hugo_site, "public"), ignore_errors=True)
                    seconds, memory = timed([hugo, "--quiet", "--source", hugo_site])
                    results["hugo"].append(seconds)
                    results["hugo_mem"].append(memory)
                if args.verbose:
                    print(f"{size} run {run + 1}: " + ", ".join(f"{key} {values[-1]:.2f}" for key, values in results.items() if values), file=sys.stderr)
                if cmark:
                    results["cmark"].append(timed([cmark, "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist", "--smart", *bodies])[0])
                # The other half of the floor: copying Tend's output tree (every file and folder made again).
                copy = os.path.join(work, "copy")
                shutil.rmtree(copy, ignore_errors=True)
                results["copy"].append(timed(["cp", "-r", os.path.join(tend_site, "public"), copy])[0])
                shutil.rmtree(copy, ignore_errors=True)
            summary = {key: median(values) for key, values in results.items()}
            summary["page_kb"] = article_page_kb(os.path.join(tend_site, "public"))
            rows.append((size, summary))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {os.cpu_count()} cores, {cpu}; medians of {args.runs} runs, tools alternated.")
    print()
    print("| articles | Tend clean | Tend no change | Tend one edit | Tend peak MB | Hugo clean | Hugo peak MB | cmark-gfm | Tend/Hugo | Tend/cmark |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in rows:
        ratio_hugo = r["clean"] / r["hugo"] if r["hugo"] == r["hugo"] else float("nan")
        ratio_cmark = r["clean"] / r["cmark"] if r["cmark"] == r["cmark"] else float("nan")
        print(f"| {size} | {r['clean']:.2f} s | {r['nochange']:.2f} s | {r['edit']:.2f} s | {r['clean_mem']:.0f} | {r['hugo']:.2f} s | {r['hugo_mem']:.0f} | {r['cmark']:.2f} s | {ratio_hugo:.2f} | {ratio_cmark:.2f} |")
    print()
    print("| articles | Tend check | check / clean |" + (" baseline clean | baseline no change | baseline one edit | baseline check | baseline peak MB |" if args.baseline else ""))
    print("|---:|---:|---:|" + ("---:|" * 5 if args.baseline else ""))
    for size, r in rows:
        line = f"| {size} | {r['check']:.2f} s | {r['check'] / r['clean']:.2f} |"
        if args.baseline:
            line += f" {r['base_clean']:.2f} s | {r['base_nochange']:.2f} s | {r['base_edit']:.2f} s | {r['base_check']:.2f} s | {r['base_clean_mem']:.0f} |"
        print(line)
    print()
    print("| articles | floor (cmark-gfm + copying the output) | Tend / floor | HTML per article page |")
    print("|---:|---:|---:|---:|")
    for size, r in rows:
        floor = r["cmark"] + r["copy"]
        print(f"| {size} | {floor:.2f} s ({r['cmark']:.2f} + {r['copy']:.2f}) | {r['clean'] / floor:.2f} | {r['page_kb']:.1f} KB |")
    if len(rows) >= 2:
        print(f"\nScaling: Tend clean({rows[-1][0]}) / clean({rows[0][0]}) = {rows[-1][1]['clean'] / rows[0][1]['clean']:.1f}")
    # The targets of issue #19, as measured in this run.
    print("\nTargets:")
    for size, r in rows:
        floor = r["cmark"] + r["copy"]
        checks = [
            ("clean <= 0.5 x Hugo", r["clean"] <= 0.5 * r["hugo"]), ("clean <= 1.5 x floor", r["clean"] <= 1.5 * floor),
            ("check <= 0.25 x clean", r["check"] <= 0.25 * r["clean"]),
        ]
        if size >= 10000:
            checks += [("peak <= 250 MB", r["clean_mem"] <= 250), ("no change <= 50 ms", r["nochange"] <= 0.05), ("one edit <= 0.3 s", r["edit"] <= 0.3)]
        print(f"  {size}: " + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in checks))


if __name__ == "__main__":
    main()

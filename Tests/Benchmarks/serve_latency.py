#!/usr/bin/env python3
"""Measures how long `tend serve` takes to show a saved edit in the browser.

Makes the shared reference corpus (or uses --site), starts `tend serve` on it, opens an article
in headless Chromium, then N times appends a sentence with a new word to the article's file and
waits until the open page (reloaded by live reload) shows that word. Prints each time and the
median, from the save to the word on screen.

Usage: python3 Tests/Benchmarks/serve_latency.py [--articles 10000] [--runs 5] [--site DIR] [--tend PATH]
Needs chromium, chromium-driver and selenium (see .ci/run).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_GENERATOR = os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", help="an existing site to serve (default: a new shared corpus)")
    parser.add_argument("--tend", default=os.path.join(REPO, ".build", "release", "tend"))
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    work = None
    site = args.site
    if not site:
        work = tempfile.mkdtemp(prefix="tend-serve-bench-")
        subprocess.run([sys.executable, SHARED_GENERATOR, "--articles", str(args.articles), "--out", work, "--tend"], check=True,
                       stdout=subprocess.DEVNULL)
        site = os.path.join(work, "tend")
    articles = os.path.join(site, "content", "articles")
    name = sorted(n for n in os.listdir(articles) if n.endswith(".md"))[0]
    server = subprocess.Popen([args.tend, "serve", "--site", site, "--port", str(args.port)], stdout=subprocess.PIPE, text=True)
    driver = None
    try:
        for line in server.stdout:
            if "Serving" in line:
                break
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(flag)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        # The slug is the file name unless front matter says otherwise; the generator never does.
        driver.get(f"http://127.0.0.1:{args.port}/articles/{name[:-3]}/")
        times = []
        for run in range(args.runs):
            time.sleep(2)  # let the previous full build finish
            word = f"latencyword{run}x{int(time.time())}"
            start = time.perf_counter()
            with open(os.path.join(articles, name), "a", encoding="utf-8") as handle:
                handle.write(f"\nA sentence with {word}.\n")
            while word not in (driver.execute_script("return document.body ? document.body.innerText : ''") or ""):
                if time.perf_counter() - start > 10:
                    raise SystemExit("the edit did not show within 10 s")
                time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            print(f"run {run + 1}: {times[-1]:.0f} ms")
        print(f"median from save to the word on screen: {statistics.median(times):.0f} ms ({args.runs} runs, {site})")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait()
        if work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

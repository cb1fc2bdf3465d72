#!/usr/bin/env python3
"""Tend's browser suite: serves the sample site with `tend serve`, audits every page type with
axe-core in headless Chromium, takes screenshots, and checks behaviour a string test cannot see.

Usage: python3 Tests/browser/run_browser_tests.py [--tend PATH] [--axe PATH] [--screenshots DIR]
Needs Debian's chromium and chromium-driver, Selenium from PyPI, and axe.min.js (from the
axe-playwright-python wheel). Prints one line per check and ends with 'N passed, N failed'.
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = {
    "home": "/",
    "article": "/articles/micro-hurts/",
    "exercise": "/exercises/settle-your-breath/",
    "contact": "/contact/",
    "tag": "/tags/nervous-system/",
    "search": "/search/",
    "search-distress": "/search/?q=suicide",
    "search-nothing": "/search/?q=xylophone",
    "crisis": "/crisis/",
    "references": "/references/",
    "404": "/this-page-does-not-exist/",
    "es-home": "/es/",
    "es-article": "/es/articles/micro-hurts/",
    "es-exercise": "/es/exercises/settle-your-breath/",
    "es-contact": "/es/contact/",
    "es-search-distress": "/es/search/?q=quiero%20morir",
    "es-crisis": "/es/crisis/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tend, site, port):
    process = subprocess.Popen([tend, "serve", "--site", site, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except Exception:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("tend serve did not start: " + (process.stdout.read() if process.stdout else ""))


def make_driver():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def emulate(driver, width, height, scheme="light", reduced_motion=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": "reduce" if reduced_motion else "no-preference"},
    ]})


def edit_open_page(driver, url, script, source, line, settle=1.0):
    """Opens `url`, runs `script` in it, waits `settle` seconds, then appends `line` to `source`."""
    driver.get(url)
    driver.execute_script(script)
    time.sleep(settle)
    with open(source, "a", encoding="utf-8") as handle:
        handle.write("\n" + line + "\n")


def wait_until(driver, script, seconds=10, every=0.1):
    """Runs `script` in the page until it answers something true or `seconds` pass; its last answer."""
    deadline = time.time() + seconds
    while True:
        answer = driver.execute_script(script)
        if answer or time.time() >= deadline:
            return answer
        time.sleep(every)


def run_axe(driver, axe_source):
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0] && v.nodes[0].target.join(' ')}))));",
        AXE_TAGS)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tend", default=os.path.join(REPO, ".build", "debug", "tend"))
    parser.add_argument("--axe", default=os.environ.get("AXE_JS", os.path.join(REPO, ".build", "axe", "axe.min.js")))
    parser.add_argument("--screenshots", default=os.path.join(REPO, "screenshots"))
    args = parser.parse_args()
    axe_source = open(args.axe, encoding="utf-8").read()
    os.makedirs(args.screenshots, exist_ok=True)
    results = Results()

    work = tempfile.mkdtemp(prefix="tend-browser-")
    site = os.path.join(work, "site")
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(site, "content"))
    port = free_port()
    # Quick exit goes to a page of this server here (the machine is offline), so where it lands can be checked.
    config_path = os.path.join(site, "content", "site.yml")
    with open(config_path, encoding="utf-8") as handle:
        config = handle.read()
    with open(config_path, "w", encoding="utf-8") as handle:
        handle.write(config.replace("url: https://www.google.com/", f"url: http://127.0.0.1:{port}/404.html"))
    server = start_server(args.tend, site, port)
    base = f"http://127.0.0.1:{port}"
    driver = make_driver()
    driver.set_script_timeout(60)
    try:
        for name, path in PAGES.items():
            emulate(driver, 1280, 800)
            driver.get(base + path)
            violations = [v for v in run_axe(driver, axe_source) if v["impact"] in ("serious", "critical")]
            results.check(f"axe {name}: no serious or critical violations", not violations,
                          "; ".join(f"{v['id']} ({v['impact']}, {v['nodes']} nodes, e.g. {v['target']})" for v in violations))
            for width, height in [(390, 844), (1280, 800)]:
                for scheme in ["light", "dark"]:
                    emulate(driver, width, height, scheme)
                    driver.get(base + path)
                    time.sleep(0.2)
                    driver.save_screenshot(os.path.join(args.screenshots, f"{name}-{width}-{scheme}.png"))
            emulate(driver, 1280, 800, "dark")
            driver.get(base + path)
            violations = [v for v in run_axe(driver, axe_source) if v["impact"] in ("serious", "critical")]
            results.check(f"axe {name} (dark): no serious or critical violations", not violations,
                          "; ".join(f"{v['id']} ({v['impact']}, e.g. {v['target']})" for v in violations))

        # Crisis help: one tap on every page, at least 44 × 44 CSS pixels, in the same place.
        for name, path in PAGES.items():
            for width in (390, 1280):
                emulate(driver, width, 800)
                driver.get(base + path)
                sizes = driver.execute_script(
                    "return Array.from(document.querySelectorAll('.crisis-banner a.crisis-action')).map(a => {"
                    "const r = a.getBoundingClientRect(); return [a.getAttribute('href'), r.width, r.height, r.top]; })")
                hrefs = [size[0] for size in sizes]
                small = [size for size in sizes if size[1] < 44 or size[2] < 44]
                results.check(f"crisis {name} at {width}px: call, text and emergency one tap away, 44 px or more",
                              "tel:988" in hrefs and "sms:988" in hrefs and "tel:911" in hrefs and not small, str(sizes))
        emulate(driver, 390, 844)
        tops = set()
        for path in (PAGES["home"], PAGES["article"], PAGES["contact"]):
            driver.get(base + path)
            tops.add(round(driver.execute_script("return document.querySelector('.crisis-banner').getBoundingClientRect().top")))
        results.check("crisis: the banner is in the same place on every page", len(tops) == 1, str(tops))

        # Print: the crisis lines and the practice's phone are on paper.
        emulate(driver, 1280, 800)
        driver.get(base + PAGES["article"])
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        printed = driver.execute_script("const e = document.querySelector('.print-help'); return e && getComputedStyle(e).display !== 'none' ? e.textContent : ''")
        results.check("print: the page carries the crisis lines, the emergency number and the practice's phone",
                      "988" in printed and "911" in printed and "555-0142" in printed, printed)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # Quick exit: first in keyboard order, replaces the page (Back does not return), Shift three times too.
        emulate(driver, 1280, 800)
        driver.get(base + PAGES["article"])
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        first = driver.switch_to.active_element
        results.check("keyboard: 'Leave this site' is the first focusable element", "quick-exit" in (first.get_attribute("class") or ""))
        first.send_keys(Keys.TAB)
        second = driver.switch_to.active_element
        results.check("keyboard: the skip link comes next", "skip-link" in (second.get_attribute("class") or ""))
        driver.get(base + PAGES["home"])
        driver.get(base + PAGES["article"])
        length = driver.execute_script("return history.length")
        driver.find_element(By.CSS_SELECTOR, "a.quick-exit").click()
        time.sleep(0.8)
        results.check("quick exit: the page is replaced, not added to history",
                      driver.current_url.endswith("/404.html") and driver.execute_script("return history.length") == length, driver.current_url)
        driver.back()
        time.sleep(0.5)
        results.check("quick exit: Back does not return to the page that was left", "/articles/micro-hurts/" not in driver.current_url, driver.current_url)
        driver.get(base + PAGES["article"])
        webdriver.ActionChains(driver).send_keys(Keys.SHIFT).send_keys(Keys.SHIFT).send_keys(Keys.SHIFT).perform()
        time.sleep(0.8)
        results.check("quick exit: Shift pressed three times leaves too", driver.current_url.endswith("/404.html"), driver.current_url)

        # Search that answers distress: crisis help first; no results offers help and contact; content notes shown.
        driver.get(base + PAGES["search-distress"])
        time.sleep(0.8)
        crisis_first = driver.execute_script(
            "const c = document.getElementById('search-crisis'); const r = document.getElementById('search-results');"
            "return !c.hidden && (r.hidden || (c.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING) > 0) && c.querySelector('a[href=\"tel:988\"]') !== null")
        results.check("search: a query about suicide shows the crisis lines first", crisis_first)
        driver.get(base + PAGES["search-nothing"])
        time.sleep(0.8)
        helps = driver.execute_script("const h = document.getElementById('search-help'); return !h.hidden && h.querySelector('a[href^=\"tel:\"]') !== null && h.querySelector('.consultation') !== null")
        results.check("search: no results offers crisis help and a way to reach the practice", helps)
        driver.get(base + "/search/?q=resentment")
        time.sleep(0.8)
        notes = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#search-results .card-note")]
        results.check("search: results show their content notes", any("Content note" in note for note in notes), str(notes))

        # Cite this article: the reference and a working copy button.
        driver.get(base + PAGES["article"])
        button = driver.find_element(By.CSS_SELECTOR, ".cite-copy")
        reference = driver.find_element(By.ID, "cite-reference").text
        results.check("cite: the page's own APA reference, with a copy button", button.is_displayed() and "Riverside Relational Therapy" in reference, reference)

        # Keyboard: every control is reachable and visibly focused.
        emulate(driver, 1280, 800)
        driver.get(base + PAGES["article"])
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        focusable = driver.execute_script(
            "return Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])'))"
            ".filter(e => e.offsetParent !== null && !e.disabled).length")
        reached, unfocused = set(), []
        for _ in range(focusable + 5):
            element = driver.switch_to.active_element
            if element.tag_name.lower() == "body":
                element.send_keys(Keys.TAB)
                continue
            key = driver.execute_script("const e = arguments[0]; return e.tagName + '|' + (e.getAttribute('href') || e.textContent).slice(0, 80) + '|' + Array.from(e.parentNode.children).indexOf(e) + '|' + e.getBoundingClientRect().top", element)
            reached.add(key)
            visible = driver.execute_script(
                "const s = getComputedStyle(arguments[0]); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'", element)
            if not visible:
                unfocused.append(key)
            element.send_keys(Keys.TAB)
        results.check(f"keyboard: all {focusable} interactive elements reachable by Tab", len(reached) >= focusable, f"reached {len(reached)}")
        results.check("keyboard: focus is visible on every element", not unfocused, ", ".join(unfocused[:5]))

        # Citations: to the reference and back.
        citation = driver.find_element(By.CSS_SELECTOR, ".citation a, a.citation")
        target = citation.get_attribute("href").split("#")[1]
        citation.click()
        time.sleep(0.3)
        in_view = driver.execute_script(f"const r = document.getElementById('{target}').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight")
        results.check("citation: link moves to its reference", driver.current_url.endswith("#" + target) and in_view)
        driver.find_element(By.CSS_SELECTOR, f"#{target} .backlink").click()
        time.sleep(0.3)
        results.check("citation: back link returns to the citation", "#cite-" in driver.current_url)

        # Breathing pacer: starts, announces, pauses; no motion under reduced motion.
        driver.get(base + PAGES["exercise"])
        start = driver.find_element(By.XPATH, "//div[@class='breathing-controls']/button[1]")
        start.click()
        time.sleep(1.2)
        phase = driver.find_element(By.CSS_SELECTOR, ".breathing-phase")
        results.check("pacer: starts and announces the phase", "Breathe in" in phase.text and phase.get_attribute("aria-live") == "polite", phase.text)
        transform = driver.execute_script("return getComputedStyle(document.querySelector('.breathing-circle')).transform")
        results.check("pacer: animates with motion allowed", transform not in ("none", ""), transform)
        driver.find_element(By.XPATH, "//div[@class='breathing-controls']/button[2]").click()
        time.sleep(0.3)
        results.check("pacer: pauses", "Paused" in phase.text, phase.text)
        driver.get(base + PAGES["exercise"])
        driver.find_element(By.XPATH, "//div[@class='breathing-controls']/button[1]").click()
        first_count = driver.find_element(By.CSS_SELECTOR, ".breathing-count").text
        time.sleep(2.1)
        later_count = driver.find_element(By.CSS_SELECTOR, ".breathing-count").text
        results.check("pacer: counts down the seconds of each breath", first_count.isdigit() and later_count.isdigit() and int(later_count) < int(first_count),
                      f"{first_count} then {later_count}")
        opacity = driver.execute_script("return getComputedStyle(document.querySelector('.breathing-controls button:disabled')).opacity")
        results.check("pacer: a disabled button looks disabled", float(opacity) < 0.75, opacity)

        # Reflection: a labelled text box whose words stay on this device.
        area = driver.find_element(By.ID, "reflection-notes")
        labelled = driver.execute_script("return document.querySelector('label[for=reflection-notes]') !== null")
        area.send_keys("My shoulders dropped.")
        driver.refresh()
        time.sleep(0.5)
        kept = driver.find_element(By.ID, "reflection-notes").get_attribute("value")
        results.check("reflection: a labelled text area kept in this browser", labelled and kept == "My shoulders dropped.", kept)
        emulate(driver, 1280, 800, reduced_motion=True)
        driver.get(base + PAGES["exercise"])
        driver.find_element(By.XPATH, "//div[@class='breathing-controls']/button[1]").click()
        time.sleep(1.5)
        transform = driver.execute_script("return getComputedStyle(document.querySelector('.breathing-circle')).transform")
        text = driver.find_element(By.CSS_SELECTOR, ".breathing-phase").text
        results.check("pacer: no motion under reduced motion, text cue still shown", transform in ("none", "") and "Breathe" in text, f"{transform} / {text}")

        # Spanish: the page says its language, the switcher goes to the translation, search and the pacer speak Spanish.
        emulate(driver, 390, 844)
        driver.get(base + PAGES["es-article"])
        results.check("es: the Spanish article says lang=\"es\"", driver.execute_script("return document.documentElement.lang") == "es")
        alternates = driver.execute_script("return Array.from(document.querySelectorAll('link[rel=alternate][hreflang]')).map(l => l.hreflang + ' ' + l.href)")
        results.check("es: hreflang links name both versions and x-default", len(alternates) == 3 and any("/articles/micro-hurts/" in a and a.startswith("en") for a in alternates), str(alternates))
        driver.find_element(By.CSS_SELECTOR, ".language-switch a").click()
        time.sleep(0.5)
        results.check("es: the language switch goes to the English translation", driver.current_url.endswith("/articles/micro-hurts/") and "/es/" not in driver.current_url, driver.current_url)
        driver.get(base + "/es/search/")
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("panico")
        time.sleep(0.8)
        results.check("es: search typed without accents still puts crisis help first", driver.find_element(By.ID, "search-crisis").is_displayed())
        driver.get(base + PAGES["es-exercise"])
        start = driver.find_element(By.CSS_SELECTOR, ".breathing-controls button")
        results.check("es: the pacer's button is in Spanish", start.text == "Empezar", start.text)
        start.click()
        time.sleep(1.2)
        phase = driver.find_element(By.CSS_SELECTOR, ".breathing-phase").text
        results.check("es: the pacer announces its phases in Spanish", phase.startswith("Inhale contando hasta 4"), phase)

        # Search by a word from an article's body.
        emulate(driver, 1280, 800)
        driver.get(base + PAGES["search"])
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("shoulder")
        time.sleep(0.8)
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        results.check("search: finds an article by a word from its body", any("/articles/micro-hurts/" in link for link in links), str(links))

        # A saved article alone: its new body is put in place without a reload, where the reader
        # had scrolled to, and the page's script sets it up again.
        article_source = os.path.join(site, "content", "articles", "micro-hurts.md")
        edit_open_page(driver, base + PAGES["article"], "window.__tendSoft = 1; window.scrollTo(0, 600)", article_source,
                       "A sentence put in place by the browser suite.")
        state = wait_until(driver, "return document.body.innerText.indexOf('A sentence put in place by the browser suite.') >= 0"
                           " ? [window.__tendSoft === 1, window.scrollY, !document.querySelector('[data-copy]').hidden] : null", every=0.02)
        results.check("live reload: a saved article is shown in place, scrolled where it was, set up again",
                      bool(state) and state[0] and state[1] >= 500 and state[2], str(state))
        time.sleep(2)  # the full build that follows reloads the page

        # Live reload: an edit reloads the page; the client reconnects after a restart.
        edit_open_page(driver, base + PAGES["article"], "window.__tendMarker = 1", article_source, "An edit made by the browser suite.")
        wait_until(driver, "return window.__tendMarker !== 1")
        results.check("live reload: a saved edit reloads the page", "An edit made by the browser suite." in driver.page_source)
        # The English edit's full build reloads open pages once more: let it pass first.
        time.sleep(2)
        spanish = os.path.join(site, "content", "es", "articles", "micro-hurts.md")
        edit_open_page(driver, base + PAGES["es-article"], "window.__tendMarker = 3", spanish, "Un cambio hecho por la prueba del navegador.", settle=0.5)
        wait_until(driver, "return window.__tendMarker !== 3")
        results.check("live reload: a saved edit to a Spanish page reloads it", "Un cambio hecho por la prueba del navegador." in driver.page_source)

        # The error overlay: a broken citation shows a readable message, in light and dark.
        for scheme in ("light", "dark"):
            emulate(driver, 1280, 800, scheme)
            edit_open_page(driver, base + PAGES["article"], "", article_source, "A broken citation [@nosuchkey2099].", settle=0.5)
            wait_until(driver, "return document.getElementById('tend-error-overlay') !== null")
            colors = driver.execute_script(
                "const pre = document.querySelector('#tend-error-overlay pre'); if (!pre) return null; const s = getComputedStyle(pre);"
                "return [s.color, s.backgroundColor, pre.textContent];")
            readable = colors is not None and colors[0] != colors[1] and "nosuchkey2099" in colors[2] and colors[1] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
            results.check(f"live reload: the error overlay is readable ({scheme})", readable, str(colors))
            with open(article_source, encoding="utf-8") as handle:
                text = handle.read()
            with open(article_source, "w", encoding="utf-8") as handle:
                handle.write(text.replace("\nA broken citation [@nosuchkey2099].\n", ""))
            time.sleep(1.5)
        driver.execute_script("window.__tendMarker = 2")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        time.sleep(1)
        server = start_server(args.tend, site, port)
        deadline = time.time() + 15
        while time.time() < deadline and driver.execute_script("return window.__tendMarker === 2"):
            time.sleep(0.2)
        results.check("live reload: the client reconnects after the server restarts", not driver.execute_script("return window.__tendMarker === 2"))
    finally:
        driver.quit()
        server.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"browser suite: {len(PAGES)} pages audited, {results.passed + results.failed} checks")
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())

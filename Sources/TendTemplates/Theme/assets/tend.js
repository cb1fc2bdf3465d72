// Tend's site script: quick exit, search, the breathing pacer, copying a reference and the
// reflection notes kept on the reader's device. No library, no request to another host.
(function () {
  "use strict";

  // The page's words for what the script writes: data-text-* attributes in the page's language, English otherwise.
  function text(element, name, fallback) {
    var value = element.getAttribute("data-text-" + name);
    return value === null ? fallback : value;
  }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) { return values.hasOwnProperty(name) ? values[name] : whole; });
  }

  function setupSearch() {
    var section = document.querySelector(".search[data-index]");
    if (!section) return;
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var all = section.querySelector(".search-all");
    var crisisBox = document.getElementById("search-crisis");
    var help = document.getElementById("search-help");
    var crisisTerms = (section.getAttribute("data-crisis-terms") || "").split("|").filter(function (t) { return t.length > 0; });
    var index = null;

    // True when the query speaks of distress (suicide, self-harm, abuse, panic…): help comes first.
    function isDistress(query) {
      var words = tokens(query.replace(/’/g, "'"));
      var text = " " + words.join(" ") + " ";
      return crisisTerms.some(function (term) {
        var wanted = tokens(term).join(" ");
        if (wanted.indexOf(" ") >= 0) return text.indexOf(" " + wanted + " ") >= 0;
        return words.some(function (word) {
          return word === wanted || (wanted.length >= 5 && word.indexOf(wanted) === 0) || (word.length >= 4 && wanted.indexOf(word) === 0);
        });
      });
    }

    // Lower case, without accents (a reader on a phone types "panico" for "pánico").
    function tokens(text) {
      return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(function (t) { return t.length > 0; });
    }
    function fieldScore(text, term, weight) {
      var words = tokens(text);
      for (var i = 0; i < words.length; i++) {
        if (words[i] === term) return weight * 2;
        if (words[i].indexOf(term) === 0) return weight;
      }
      return 0;
    }
    function score(entry, terms) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        var s = fieldScore(entry.title, term, 10) + fieldScore(entry.tags.join(" "), term, 6) +
          fieldScore(entry.headings.join(" "), term, 4) + fieldScore(entry.summary, term, 3) + fieldScore(entry.words, term, 1);
        if (s === 0) return 0;
        total += s;
      }
      return total;
    }
    function show(query) {
      var terms = tokens(query);
      results.textContent = "";
      var distress = terms.length > 0 && isDistress(query);
      if (crisisBox) crisisBox.hidden = !distress;
      if (help) help.hidden = true;
      if (terms.length === 0 || !index) {
        results.hidden = true;
        all.hidden = false;
        status.textContent = distress ? text(section, "crisis-first", "If you are in crisis, help is available now:") : "";
        return;
      }
      var found = index.map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
        .filter(function (hit) { return hit.score > 0; })
        .sort(function (a, b) { return b.score - a.score || a.entry.title.localeCompare(b.entry.title); });
      found.slice(0, 50).forEach(function (hit) {
        var li = document.createElement("li");
        li.className = "card";
        var h = document.createElement("h3");
        h.className = "card-title";
        var a = document.createElement("a");
        a.href = hit.entry.url;
        a.textContent = hit.entry.title;
        h.appendChild(a);
        var p = document.createElement("p");
        p.className = "card-summary";
        p.textContent = hit.entry.summary;
        li.appendChild(h);
        if (hit.entry.note) {
          var note = document.createElement("p");
          note.className = "card-note";
          var label = document.createElement("span");
          label.className = "note-label";
          label.textContent = text(section, "content-note", "Content note:") + " ";
          note.appendChild(label);
          note.appendChild(document.createTextNode(hit.entry.note));
          li.appendChild(note);
        }
        li.appendChild(p);
        results.appendChild(li);
      });
      results.hidden = found.length === 0;
      all.hidden = true;
      if (found.length === 0) {
        // No article matches: crisis help and a way to reach the practice instead of a dead end.
        if (crisisBox) crisisBox.hidden = true;
        if (help) help.hidden = false;
      }
      status.textContent = found.length === 0 ? fill(text(section, "none", "No articles match “{query}”."), { query: query }) :
        fill(found.length === 1 ? text(section, "results-one", "{count} result for “{query}”.") : text(section, "results-other", "{count} results for “{query}”."),
          { count: String(found.length), query: query }) + (distress ? " " + text(section, "help-first", "Help comes first:") : "");
    }
    var form = section.querySelector("form");
    form.addEventListener("submit", function (event) { event.preventDefault(); show(input.value); });
    input.addEventListener("input", function () { show(input.value); });
    var shards = section.getAttribute("data-index").split(" ").filter(function (url) { return url.length > 0; });
    Promise.all(shards.map(function (url) {
      return fetch(url).then(function (r) { return r.json(); });
    })).then(function (parts) {
      index = [].concat.apply([], parts);
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) { input.value = params.get("q"); }
      show(input.value);
    }).catch(function () { status.textContent = text(section, "unavailable", "Search is unavailable; all articles are listed below."); });
  }

  function setupBreathing(section) {
    var counts = section.getAttribute("data-pattern").split("-").map(Number);
    var cycles = Number(section.getAttribute("data-cycles")) || 4;
    var breatheIn = text(section, "breathe-in", "Breathe in"), breatheOut = text(section, "breathe-out", "Breathe out"), hold = text(section, "hold", "Hold");
    var names = counts.length === 2 ? [breatheIn, breatheOut] :
      counts.length === 3 ? [breatheIn, hold, breatheOut] : [breatheIn, hold, breatheOut, hold];
    var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");

    var pacer = document.createElement("div");
    pacer.className = "breathing-pacer";
    var circle = document.createElement("div");
    circle.className = "breathing-circle";
    circle.setAttribute("aria-hidden", "true");
    var phase = document.createElement("p");
    phase.className = "breathing-phase";
    phase.setAttribute("aria-live", "polite");
    phase.textContent = text(section, "breathing-ready", "Press Start when you are ready.");
    // The seconds left in this breath, counting down (not announced: the phase is).
    var count = document.createElement("p");
    count.className = "breathing-count";
    count.setAttribute("aria-hidden", "true");
    var controls = document.createElement("div");
    controls.className = "breathing-controls";
    var start = document.createElement("button");
    start.type = "button";
    start.textContent = text(section, "breathing-start", "Start");
    var pause = document.createElement("button");
    pause.type = "button";
    pause.textContent = text(section, "breathing-pause", "Pause");
    pause.disabled = true;
    controls.appendChild(start);
    controls.appendChild(pause);
    pacer.appendChild(circle);
    pacer.appendChild(count);
    pacer.appendChild(phase);
    pacer.appendChild(controls);
    section.appendChild(pacer);

    var timer = null, step = 0, cycle = 0, remaining = 0;
    function announce() {
      var name = names[step];
      count.textContent = String(remaining);
      phase.textContent = fill(text(section, "breathing-phase", "{phase} for {seconds} (round {round} of {rounds})"),
        { phase: name, seconds: String(counts[step]), round: String(cycle + 1), rounds: String(cycles) });
      if (reduced.matches) {
        circle.style.transitionDuration = "0s";
      } else {
        circle.style.transitionDuration = counts[step] + "s";
        if (name === breatheIn) circle.style.transform = "scale(1)";
        if (name === breatheOut) circle.style.transform = "scale(0.6)";
      }
    }
    function tick() {
      remaining -= 1;
      if (remaining > 0) { count.textContent = String(remaining); return; }
      step += 1;
      if (step >= counts.length) { step = 0; cycle += 1; }
      if (cycle >= cycles) { stop(text(section, "breathing-done", "Well done. Breathe normally for a moment.")); return; }
      remaining = counts[step];
      announce();
    }
    function stop(message) {
      clearInterval(timer);
      timer = null;
      start.textContent = text(section, "breathing-start", "Start");
      start.disabled = false;
      pause.disabled = true;
      pause.setAttribute("aria-pressed", "false");
      phase.textContent = message;
      count.textContent = "";
      step = 0; cycle = 0; remaining = 0;
      circle.style.transform = "";
    }
    start.addEventListener("click", function () {
      if (timer) return;
      if (remaining <= 0) { step = 0; cycle = 0; remaining = counts[0]; }
      announce();
      timer = setInterval(tick, 1000);
      start.disabled = true;
      pause.disabled = false;
      pause.setAttribute("aria-pressed", "false");
    });
    pause.addEventListener("click", function () {
      if (!timer) return;
      clearInterval(timer);
      timer = null;
      phase.textContent = text(section, "breathing-paused", "Paused. Press Start to continue.");
      start.textContent = text(section, "breathing-continue", "Continue");
      start.disabled = false;
      pause.disabled = true;
      pause.setAttribute("aria-pressed", "true");
    });
  }

  // "Leave this site": the page is replaced (Back does not return to it); Shift three times does the same.
  function leaveSite(event) {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    if (event) event.preventDefault();
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(link.getAttribute("href"));
  }

  function setupQuickExit() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    link.addEventListener("click", leaveSite);
    var hint = document.querySelector(".quick-exit-hint");
    if (hint) hint.hidden = false;
  }

  // Listened for once, on the document: the page's body may be set up again (see setupPage).
  var shiftPresses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat || !document.querySelector("[data-quick-exit]")) return;
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (time) { return now - time < 1500; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) leaveSite();
  });

  // "Copy the reference": the APA reference as plain text.
  function setupCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".cite-status");
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.replace(/\s+/g, " ").trim();
      function done(ok) {
        if (status) status.textContent = ok ? text(button, "copied", "Copied.") : text(button, "copy-failed", "Select the reference above and copy it.");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  }

  // Reflection notes: kept in this browser only (localStorage), never sent anywhere.
  function setupNotes(area) {
    var key = "tend-notes:" + window.location.pathname;
    var clear = area.parentNode.querySelector(".reflection-clear");
    try {
      area.value = window.localStorage.getItem(key) || "";
      area.addEventListener("input", function () { window.localStorage.setItem(key, area.value); });
      if (clear) {
        clear.hidden = false;
        clear.addEventListener("click", function () { window.localStorage.removeItem(key); area.value = ""; area.focus(); });
      }
    } catch (error) {
      // Storage refused (a private window, for example): the box still works, nothing is kept.
    }
  }

  function setupPage() {
    setupQuickExit();
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), setupCopy);
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-keep-locally]"), setupNotes);
    setupSearch();
    Array.prototype.forEach.call(document.querySelectorAll(".breathing[data-pattern]"), setupBreathing);
  }

  document.addEventListener("DOMContentLoaded", setupPage);
  // The preview (tend serve) puts a saved page's new body in place and asks for this again.
  document.addEventListener("tend:page", setupPage);
})();

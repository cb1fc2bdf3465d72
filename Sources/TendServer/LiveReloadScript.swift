/// The script `tend serve` adds to every page: reloads on a rebuild, shows build errors in an
/// overlay (as text, never as HTML), and reconnects when the server restarts.
enum LiveReloadScript {
    static let source = #"""
        (function () {
          "use strict";
          var serverID = null;
          var overlay = null;
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function show(messages) {
            hide();
            overlay = document.createElement("div");
            overlay.setAttribute("role", "alertdialog");
            overlay.setAttribute("aria-label", "Build error");
            overlay.id = "tend-error-overlay";
            var s = overlay.style;
            s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
            s.background = "rgba(20, 20, 24, 0.94)"; s.color = "#fff"; s.padding = "2rem";
            s.font = "15px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace";
            var title = document.createElement("h2");
            title.textContent = "The site did not build. The last good version is still being served.";
            title.style.color = "#ffb4a2"; title.style.background = "transparent"; title.style.font = "600 1.2rem/1.4 system-ui, sans-serif";
            overlay.appendChild(title);
            messages.forEach(function (message) {
              var pre = document.createElement("pre");
              pre.textContent = message;
              // Every colour set here: the site's own styles for <pre> never reach the overlay.
              var p = pre.style;
              p.whiteSpace = "pre-wrap"; p.color = "#ffffff"; p.background = "#2b2b33"; p.border = "1px solid #55555f";
              p.borderRadius = "6px"; p.padding = "0.8rem 1rem"; p.margin = "0 0 1rem"; p.font = "inherit"; p.overflow = "visible";
              overlay.appendChild(pre);
            });
            document.body.appendChild(overlay);
          }
          // The style sheets and scripts a page loads: a new page with others needs a real reload.
          function assets(doc) {
            return Array.prototype.map.call(doc.querySelectorAll("link[rel~='stylesheet'], script[src]"), function (element) {
              return element.getAttribute("href") || element.getAttribute("src");
            }).join(" ");
          }
          function connect() {
            var source = new EventSource("/__tend/events");
            source.addEventListener("hello", function (event) {
              var id = JSON.parse(event.data);
              if (serverID !== null && serverID !== id) { window.location.reload(); }
              serverID = id;
            });
            source.addEventListener("reload", function () { window.location.reload(); });
            // A saved page alone changed: its new body replaces the old one in place (the page's
            // own script sets it up again on "tend:page"); anything unexpected reloads instead.
            source.addEventListener("page", function (event) {
              if (JSON.parse(event.data) !== window.location.pathname) { return; }
              fetch(window.location.href, { cache: "no-store" }).then(function (response) {
                if (!response.ok) { throw new Error("status " + response.status); }
                return response.text();
              }).then(function (html) {
                var next = new DOMParser().parseFromString(html, "text/html");
                if (assets(next) !== assets(document)) { window.location.reload(); return; }
                Array.prototype.forEach.call(next.body.querySelectorAll("script[src='/__tend/live.js']"), function (s) { s.remove(); });
                var x = window.scrollX, y = window.scrollY;
                overlay = null;
                document.title = next.title;
                document.body.replaceWith(document.importNode(next.body, true));
                window.scrollTo(x, y);
                document.dispatchEvent(new Event("tend:page"));
              }).catch(function () { window.location.reload(); });
            });
            source.addEventListener("build-error", function (event) { show(JSON.parse(event.data)); });
          }
          connect();
        })();
        """#
}

// Progressive enhancement only: the pages are complete without this file.
// It shows each <time datetime> in the reader's locale and opens the
// evidence of the event a link points to.
(function () {
  "use strict";
  var options = {
    year: { year: "numeric" },
    month: { year: "numeric", month: "long" },
    day: { year: "numeric", month: "short", day: "numeric" },
    minute: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }
  };
  function formatTimes() {
    var nodes = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var prec = el.getAttribute("data-precision") || "day";
      var iso = el.getAttribute("datetime");
      var opts = Object.assign({}, options[prec] || options.day);
      // Dates without a time are calendar dates: show them as written,
      // not shifted into the reader's time zone.
      if (prec !== "minute") {
        opts.timeZone = "UTC";
        iso = iso.length === 4 ? iso + "-01-01" : iso.length === 7 ? iso + "-01" : iso;
        iso += "T00:00:00Z";
      }
      var d = new Date(iso);
      if (isNaN(d.getTime())) continue;
      try {
        el.textContent = new Intl.DateTimeFormat(undefined, opts).format(d);
        el.title = el.getAttribute("datetime");
      } catch (e) {
        // Leave the server's rendering in place.
      }
    }
  }
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    var details = target.querySelector("details");
    if (details) details.open = true;
    if (target.tabIndex === -1 || target.tagName === "MARK") target.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    formatTimes();
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);
})();

// trex consoles: progressive enhancement only; every flow works without it.
// A hardware MRZ reader types the zone as keystrokes, each line ending with
// Enter: once a complete zone has arrived, the form is submitted.
(function () {
  "use strict";
  var shapes = [[3, 30], [2, 36], [2, 44]]; // TD1, TD2, TD3 (and MRV-A, MRV-B)
  function complete(text) {
    var lines = text.toUpperCase().split(/\r?\n/).map(function (l) { return l.trim(); })
      .filter(function (l) { return l.length > 0; });
    return shapes.some(function (s) {
      if (lines.length !== s[0]) { return false; }
      return lines.every(function (l) { return l.length === s[1] && /^[A-Z0-9<]+$/.test(l); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var areas = document.querySelectorAll("textarea[data-autosubmit]");
    Array.prototype.forEach.call(areas, function (ta) {
      var sent = false;
      ta.addEventListener("keyup", function (e) {
        if (e.key !== "Enter" || sent) { return; }
        if (complete(ta.value)) {
          sent = true;
          if (ta.form.requestSubmit) { ta.form.requestSubmit(); } else { ta.form.submit(); }
        }
      });
    });
    // An import job's page: while it runs, fetch it again and put the new
    // progress in place (without script, a noscript refresh reloads it).
    var job = document.querySelector("[data-poll]");
    if (job && window.fetch && window.DOMParser) {
      var poll = function () {
        fetch(location.href, { credentials: "same-origin", headers: { "X-Trex-Poll": "1" } })
          .then(function (r) { return r.text(); })
          .then(function (html) {
            var next = new DOMParser().parseFromString(html, "text/html").getElementById("job");
            if (!next) { return; }
            job.innerHTML = next.innerHTML;
            job.dataset.state = next.dataset.state;
            if (next.dataset.poll) { setTimeout(poll, 1000); } else { delete job.dataset.poll; }
          })
          .catch(function () { setTimeout(poll, 5000); });
      };
      setTimeout(poll, 1000);
    }
    var result = document.getElementById("result");
    if (result && result.dataset.focus === "true") { result.focus(); }
  });
})();

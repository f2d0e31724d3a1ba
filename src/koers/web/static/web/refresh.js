// Progressive enhancement of a page whose analysis is being computed by the worker: look
// again now and then and reload once the page no longer says so. Without JavaScript the
// page's own "Look again" link does the same.
(function () {
  "use strict";
  var marker = document.querySelector("[data-koers-refresh]");
  if (!marker || !window.fetch) return;
  var wait = 1000 * (Number(marker.getAttribute("data-koers-refresh")) || 2);
  var tries = 0;
  function look() {
    tries += 1;
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (text) {
        if (text && text.indexOf("data-koers-refresh") === -1) {
          window.location.reload();
        } else if (tries < 150) {
          window.setTimeout(look, Math.min(wait * tries, 10000));
        }
      })
      .catch(function () { window.setTimeout(look, 10000); });
  }
  window.setTimeout(look, wait);
})();

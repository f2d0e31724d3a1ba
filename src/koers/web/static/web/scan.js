// Progressive enhancement of the scan page: the counts follow the answers as they are
// chosen. Without JavaScript the page shows the counts of the saved answers.
(function () {
  "use strict";
  var form = document.querySelector(".koers-scanform");
  if (!form) return;
  function update() {
    var total = 0;
    form.querySelectorAll("section[data-factor]").forEach(function (section) {
      var statements = section.querySelectorAll("fieldset.koers-statement");
      var answered = 0;
      statements.forEach(function (fs) {
        if (fs.querySelector("input[type=radio]:checked")) answered += 1;
      });
      total += answered;
      var count = document.querySelector('[data-factor-count="' + section.dataset.factor + '"]');
      if (count) count.textContent = count.textContent.replace(/^\d+/, String(answered));
    });
    var shown = document.querySelector("[data-answered]");
    if (shown) shown.textContent = String(total);
    var bar = document.querySelector("[data-progress] progress");
    if (bar) bar.value = total;
  }
  form.addEventListener("change", update);
})();

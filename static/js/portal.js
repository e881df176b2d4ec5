// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen-reader users hear the errors first.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Print every accordion answer: open the closed ones before printing and close them again after
  // (the print stylesheet does the same in browsers that support ::details-content).
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();

/* Share links of the article page: "Sao chép liên kết" copies the canonical URL.
   The button stays hidden without this script or without the Clipboard API. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button[data-share-copy]").forEach(function (button) {
    var status = button.parentNode.querySelector(".share__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-share-copy")).then(
        function () {
          if (status) { status.textContent = button.getAttribute("data-copied"); }
        },
        function () {
          if (status) { status.textContent = button.getAttribute("data-failed"); }
        }
      );
    });
  });
})();

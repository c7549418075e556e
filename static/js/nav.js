/* The main menu on a phone: one "Chuyên mục" button opens and closes the list below it.
   Without this script the button stays hidden and the list wraps onto several lines. */
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  var button = nav && nav.querySelector(".site-nav__toggle");
  var list = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!list) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("site-nav--open", open);
  }

  nav.classList.add("site-nav--js");
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();

/*
 * The idle keep-alive prompt. The server decides when a session ends; this script only
 * keeps time from the server's answers, reports real activity, and warns 60 s ahead.
 *
 * Events on document, for other scripts (the editor saves its work on them):
 *   portal:idle-warning  the prompt has just appeared (the session is still alive)
 *   portal:session-ended the session is over; the page is about to go to the sign-in form
 */
(function () {
  "use strict";

  var body = document.body;
  if (!body || !body.hasAttribute("data-session-expires-in")) {
    return;
  }

  var PROMPT_MS = 60 * 1000;
  var TICK_MS = 250;
  var ACTIVITY_GRACE_MS = 5000; // activity this soon after a keep-alive counts as reported
  var prompt = document.getElementById("idle-prompt");
  var secondsOut = document.getElementById("idle-prompt-seconds");
  var keepLink = document.getElementById("idle-prompt-keep");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var idleTimeoutMs = Number(body.getAttribute("data-idle-timeout") || 1800) * 1000;
  // Report activity at most about once a minute, and often enough for short timeouts.
  var pingEveryMs = Math.max(5000, Math.min(60 * 1000, (idleTimeoutMs - PROMPT_MS) / 2));

  var deadline = Date.now() + Number(body.getAttribute("data-session-expires-in")) * 1000;
  var lastPing = Date.now();
  var lastActivity = 0;
  var unreportedActivity = false; // activity since the last keep-alive was sent
  var requestInFlight = false;
  var ended = false;
  var focusBeforePrompt = null;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("portal-session") : null;

  function announce(message) {
    if (channel) {
      channel.postMessage(message);
    }
  }

  function promptVisible() {
    return !prompt.hidden;
  }

  function showPrompt(secondsLeft) {
    secondsOut.textContent = String(secondsLeft);
    if (promptVisible()) {
      return;
    }
    prompt.hidden = false;
    focusBeforePrompt = document.activeElement;
    keepLink.focus({ preventScroll: true });
    document.dispatchEvent(new CustomEvent("portal:idle-warning"));
  }

  function hidePrompt() {
    if (!promptVisible()) {
      return;
    }
    prompt.hidden = true;
    if (focusBeforePrompt && typeof focusBeforePrompt.focus === "function" && document.activeElement === keepLink) {
      focusBeforePrompt.focus({ preventScroll: true });
    }
    focusBeforePrompt = null;
  }

  function acceptServerTime(expiresInSeconds) {
    deadline = Date.now() + expiresInSeconds * 1000;
    lastPing = Date.now();
    hidePrompt();
  }

  function goToSignIn() {
    if (ended) {
      return;
    }
    ended = true;
    document.dispatchEvent(new CustomEvent("portal:session-ended"));
    var here = window.location.pathname + window.location.search;
    window.location.assign(body.getAttribute("data-login-url") + "?next=" + encodeURIComponent(here));
  }

  function askServer(method, url) {
    var headers = { Accept: "application/json" };
    if (method === "POST") {
      headers["X-CSRFToken"] = csrfToken;
    }
    requestInFlight = true;
    return fetch(url, { method: method, headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          return { authenticated: false };
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .finally(function () {
        requestInFlight = false;
      });
  }

  function keepAlive() {
    if (requestInFlight || ended) {
      return Promise.resolve();
    }
    unreportedActivity = false;
    return askServer("POST", body.getAttribute("data-keepalive-url"))
      .then(function (answer) {
        if (!answer.authenticated) {
          announce({ type: "ended" });
          goToSignIn();
          return;
        }
        acceptServerTime(answer.expires_in);
        unreportedActivity = false; // what happened while the request flew is covered too
        announce({ type: "extended", deadline: deadline });
      })
      .catch(function () {
        /* offline for a moment: the next activity or the prompt tries again */
      });
  }

  function checkAtZero() {
    if (requestInFlight || ended) {
      return;
    }
    // Another tab may have kept the session alive: the server has the last word.
    askServer("GET", body.getAttribute("data-status-url"))
      .then(function (answer) {
        if (answer.authenticated && answer.expires_in > 0) {
          acceptServerTime(answer.expires_in);
          return;
        }
        announce({ type: "ended" });
        goToSignIn();
      })
      .catch(function () {
        announce({ type: "ended" });
        goToSignIn();
      });
  }

  function tick() {
    if (ended) {
      return;
    }
    var left = deadline - Date.now();
    if (left <= 0) {
      checkAtZero();
    } else if (left <= PROMPT_MS) {
      if (!promptVisible() && unreportedActivity && lastActivity - lastPing > ACTIVITY_GRACE_MS) {
        keepAlive(); // activity the server has not heard of yet
      } else {
        showPrompt(Math.ceil(left / 1000));
      }
    } else {
      hidePrompt();
    }
  }

  function onActivity() {
    if (ended || promptVisible()) {
      return;
    }
    lastActivity = Date.now();
    unreportedActivity = true;
    if (lastActivity - lastPing >= pingEveryMs) {
      keepAlive();
    }
  }

  keepLink.addEventListener("click", function (event) {
    event.preventDefault();
    keepAlive();
  });

  ["keydown", "pointerdown", "pointermove", "wheel", "scroll", "touchstart", "input"].forEach(function (name) {
    window.addEventListener(name, onActivity, { passive: true, capture: true });
  });

  document.addEventListener("visibilitychange", tick);

  // Sign out through fetch so that the other tabs hear of it only once the server has
  // ended the session; without this script the form posts as usual.
  document.querySelectorAll('form[action$="/logout"]').forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ended = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
        .catch(function () {})
        .then(function () {
          announce({ type: "ended" });
          window.location.assign(body.getAttribute("data-login-url"));
        });
    });
  });

  if (channel) {
    channel.onmessage = function (event) {
      var message = event.data || {};
      if (message.type === "extended" && typeof message.deadline === "number") {
        deadline = message.deadline;
        lastPing = Date.now();
        hidePrompt();
      } else if (message.type === "ended") {
        goToSignIn();
      }
    };
  }

  window.setInterval(tick, TICK_MS);
  tick();
})();

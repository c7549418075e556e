/*
 * The idle keep-alive prompt. The server is the only clock that decides when a session ends:
 * this script keeps the deadline the server last reported (in milliseconds), reports what the
 * person does, warns ahead of the end, and at the deadline asks the server again. It goes to
 * the sign-in form only once the server has answered that the session is over, so its own
 * navigation can never renew a session (the sign-in page does not count as activity either).
 *
 * Events on document, for other scripts (the editor saves its work on them):
 *   portal:idle-warning  the prompt has just appeared (the session is still alive)
 *   portal:session-ended the session is over; the page is about to go to the sign-in form
 */
(function () {
  "use strict";

  var body = document.body;
  if (!body || !body.hasAttribute("data-session-expires-ms")) {
    return;
  }

  var TICK_MS = 250;
  var RETRY_MS = 3000; // the server could not be asked: ask again this much later
  var REQUEST_TIMEOUT_MS = 10000; // a request that hangs longer is given up
  var prompt = document.getElementById("idle-prompt");
  var secondsOut = document.getElementById("idle-prompt-seconds");
  var keepLink = document.getElementById("idle-prompt-keep");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var PING_AT_MOST_EVERY_MS = 60 * 1000; // the keep-alive's pace, not the idle policy
  // The idle policy's numbers, as the server has them (IdlePolicy in portal/content/sessions.py).
  var idleTimeoutMs = Number(body.getAttribute("data-idle-timeout")) * 1000;
  var warningMs = Number(body.getAttribute("data-idle-warning")) * 1000;
  // Report activity at most about once a minute, and often enough for short timeouts.
  var pingEveryMs = Math.max(1000, Math.min(PING_AT_MOST_EVERY_MS, (idleTimeoutMs - warningMs) / 2));
  // Activity this soon after the last report (a keep-alive, or the page load itself) is
  // already covered by it: the server's deadline is at most this much early.
  var graceMs = Math.min(5000, pingEveryMs);

  // Measured from when the page received the number, so a little later than the server's own
  // deadline: the page asks only once the server's time is up.
  var deadline = Date.now() + Number(body.getAttribute("data-session-expires-ms"));
  var lastPing = Date.now();
  var lastActivity = 0;
  var unreportedActivity = false; // activity since the last keep-alive was sent
  var requestInFlight = false;
  var quietUntil = 0; // after a failed keep-alive, activity waits until then before trying again
  var renewable = true; // false once the session's absolute lifetime, not idleness, sets its end
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

  function acceptServerTime(expiresInMs) {
    deadline = Date.now() + expiresInMs;
    if (deadline - Date.now() > warningMs) {
      hidePrompt();
    }
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
    var options = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (window.AbortSignal && typeof AbortSignal.timeout === "function") {
      options.signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS); // real time, whatever the page's timers do
    }
    return fetch(url, options)
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
    if (requestInFlight || ended || Date.now() < quietUntil) {
      return Promise.resolve();
    }
    unreportedActivity = false;
    lastPing = Date.now();
    return askServer("POST", body.getAttribute("data-keepalive-url"))
      .then(function (answer) {
        if (!answer.authenticated) {
          announce({ type: "ended" });
          goToSignIn();
          return;
        }
        acceptServerTime(answer.expires_in_ms); // hides the prompt unless the end is still near
        // Kept alive but still ending within the warning: the absolute lifetime, which no
        // activity can move; stop asking until the end.
        renewable = answer.expires_in_ms > warningMs;
        unreportedActivity = false; // what happened while the request flew is covered too
        announce({ type: "extended", deadline: deadline });
      })
      .catch(function () {
        quietUntil = Date.now() + RETRY_MS; // offline or refused: no request per keystroke meanwhile
      });
  }

  function checkAtDeadline() {
    if (requestInFlight || ended) {
      return;
    }
    // The server has the last word: another tab may have kept the session alive, and the
    // server's clock, not this page's, says when it ends. Asking never counts as activity;
    // once the server's deadline has passed, this very request ends the session there.
    askServer("GET", body.getAttribute("data-status-url"))
      .then(function (answer) {
        if (answer.authenticated) {
          acceptServerTime(answer.expires_in_ms); // wait for what the server says is left
          return;
        }
        announce({ type: "ended" });
        goToSignIn();
      })
      .catch(function () {
        deadline = Date.now() + RETRY_MS; // offline or the server is away: nothing is decided yet
      });
  }

  function activityNotYetReported() {
    return unreportedActivity && lastActivity - lastPing > graceMs;
  }

  function tick() {
    if (ended) {
      return;
    }
    var left = deadline - Date.now();
    if (left <= 0) {
      showPrompt(0);
      if (renewable && activityNotYetReported()) {
        keepAlive(); // the server decides whether it came in time
      } else {
        checkAtDeadline();
      }
    } else if (left <= warningMs) {
      if (renewable && !promptVisible() && activityNotYetReported()) {
        keepAlive(); // activity the server has not heard of yet
      } else {
        showPrompt(Math.ceil(left / 1000));
      }
    } else {
      hidePrompt();
    }
  }

  function onActivity() {
    if (ended) {
      return;
    }
    lastActivity = Date.now();
    unreportedActivity = true;
    // Someone is at the keyboard: while the prompt shows, tell the server at once.
    if (renewable && (promptVisible() || Date.now() - lastPing >= pingEveryMs)) {
      keepAlive();
    }
  }

  keepLink.addEventListener("click", function (event) {
    event.preventDefault();
    quietUntil = 0; // a click is asked for by the prompt: always try
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
        unreportedActivity = false;
        hidePrompt();
      } else if (message.type === "ended") {
        goToSignIn();
      }
    };
  }

  window.setInterval(tick, TICK_MS);
  tick();
})();

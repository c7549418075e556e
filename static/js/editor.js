/*
 * The article form: never lose a word.
 * - autosave to the server every 30 s while something changed (never a revision);
 * - a copy in this browser's storage after every change, offered back if it is newer;
 * - an immediate autosave when the idle prompt appears, a local copy when the session ends;
 * - presence: a heartbeat every 20 s tells who else has the article open;
 * - leaving the page with unsaved changes asks first.
 */
(function () {
  "use strict";

  var form = document.getElementById("article-form");
  if (!form) {
    return;
  }

  var AUTOSAVE_EVERY_MS = 30 * 1000;
  var HEARTBEAT_EVERY_MS = 20 * 1000;
  // The fields an autosave keeps, from the server's one list (portal/content/article_fields.py).
  var FIELDS = (form.getAttribute("data-autosave-fields") || "").split(" ").filter(Boolean);
  var articleId = form.getAttribute("data-article-id");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var status = document.getElementById("autosave-status");
  var storageKey = "portal-draft:" + (document.body.getAttribute("data-user") || "") + ":" + (articleId || "new");

  var dirty = false; // changed since the page loaded or the last real save
  var changedSinceAutosave = false;
  var submitting = false;

  function field(name) {
    return form.elements.namedItem(name);
  }

  // A box counts as its value ("y") when ticked and "" when not, as the server keeps it.
  function valueOf(element) {
    if (element && element.type === "checkbox") {
      return element.checked ? element.value : "";
    }
    return element && typeof element.value === "string" ? element.value : "";
  }

  function setValue(element, value) {
    if (element.type === "checkbox") {
      element.checked = value !== "";
    } else {
      element.value = value;
    }
  }

  function currentFields() {
    var values = {};
    FIELDS.forEach(function (name) {
      values[name] = valueOf(field(name));
    });
    return values;
  }

  function versionValue() {
    var element = field("version");
    return element ? Number(element.value || 0) : 0;
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  // The texts come translated from the form's data-msg-* attributes; "{name}" and "{time}"
  // in them are filled in here.
  function message(key, values) {
    var text = form.getAttribute("data-msg-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function timeOfDay(date) {
    var language = document.documentElement.lang === "en" ? "en-GB" : "vi-VN";
    return date.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
  }

  function keepLocalCopy() {
    try {
      window.localStorage.setItem(
        storageKey,
        JSON.stringify({ fields: currentFields(), version: versionValue(), savedAt: Date.now() })
      );
    } catch (error) {
      /* storage full or disabled: the server autosave still runs */
    }
  }

  function readLocalCopy() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function dropLocalCopy() {
    try {
      window.localStorage.removeItem(storageKey);
    } catch (error) {
      /* nothing to do */
    }
  }

  function autosaveNow() {
    if (!changedSinceAutosave || submitting) {
      return Promise.resolve(false);
    }
    changedSinceAutosave = false;
    var body = JSON.stringify({
      article_id: articleId ? Number(articleId) : null,
      version: versionValue(),
      fields: currentFields(),
    });
    return fetch(form.getAttribute("data-autosave-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken },
      body: body,
      keepalive: true,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        say(message("autosaved", { time: timeOfDay(new Date()) }));
        return true;
      })
      .catch(function () {
        changedSinceAutosave = true; // try again next time; the local copy is kept meanwhile
        say(message("autosave-failed"));
        return false;
      });
  }

  function onChange() {
    dirty = true;
    changedSinceAutosave = true;
    keepLocalCopy();
  }

  function sameAsForm(fields) {
    var now = currentFields();
    return FIELDS.every(function (name) {
      return (fields[name] || "") === (now[name] || "");
    });
  }

  function offerLocalCopy() {
    var copy = readLocalCopy();
    var offer = document.getElementById("local-draft-offer");
    if (!copy || !copy.fields || !offer) {
      return;
    }
    if (sameAsForm(copy.fields)) {
      dropLocalCopy(); // the page already shows exactly this
      return;
    }
    // Older than the last save or not, it differs: a colleague may have saved meanwhile.
    offer.hidden = false;
    document.getElementById("local-draft-restore").addEventListener("click", function () {
      FIELDS.forEach(function (name) {
        var element = field(name);
        if (element && typeof copy.fields[name] === "string") {
          setValue(element, copy.fields[name]);
          element.dispatchEvent(new Event("portal:value-restored", { bubbles: true }));
        }
      });
      offer.hidden = true;
      onChange();
    });
    document.getElementById("local-draft-discard").addEventListener("click", function () {
      offer.hidden = true;
      dropLocalCopy();
    });
  }

  function showPresence(answer) {
    var notice = document.getElementById("presence-notice");
    if (!notice) {
      return;
    }
    if (answer.taken_by) {
      notice.textContent = message("taken-over", { name: answer.taken_by });
      notice.hidden = false;
    } else if (answer.holder) {
      notice.textContent = message("editing", { name: answer.holder });
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
  }

  function heartbeat() {
    var url = form.getAttribute("data-presence-url");
    if (!url || document.visibilityState === "hidden") {
      return;
    }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          showPresence(answer);
        }
      })
      .catch(function () {});
  }

  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", function () {
    submitting = true;
    keepLocalCopy(); // if the save fails on the way, the text is still here
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      keepLocalCopy();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("portal:idle-warning", function () {
    keepLocalCopy();
    autosaveNow();
  });
  document.addEventListener("portal:session-ended", function () {
    keepLocalCopy();
    submitting = true; // leaving for the sign-in page must not be blocked by a dialog
  });

  window.setInterval(autosaveNow, AUTOSAVE_EVERY_MS);
  window.setInterval(heartbeat, HEARTBEAT_EVERY_MS);
  offerLocalCopy();
})();

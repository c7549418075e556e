/*
 * The article form: never lose a word.
 * - autosave to the server every 30 s while something changed (never a revision);
 * - a copy in this browser's storage after every change, offered back when it differs from what
 *   the page shows (saying so when it is older than the saved version); a save the server confirms
 *   (data-saved-from, data-saved-token) drops the copy it carried, a refused one (data-refused: validation, conflict) keeps it;
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
  function keyFor(id) {
    return "portal-draft:" + (document.body.getAttribute("data-user") || "") + ":" + id;
  }
  var storageKey = keyFor(articleId || "new");

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

  // submitted: the copy is exactly what is being sent, marked with a token that goes with the
  // form; the page after a save the server confirms names that token, and only that copy is dropped.
  function keepLocalCopy(submitted) {
    var token = "";
    if (submitted) {
      token = Date.now().toString(36) + Math.random().toString(36).slice(2);
      var carrier = form.querySelector('input[name="copy_token"]');
      if (carrier) {
        carrier.value = token;
      }
    }
    try {
      window.localStorage.setItem(
        storageKey,
        JSON.stringify({ fields: currentFields(), version: versionValue(), savedAt: Date.now(), submitted: !!submitted, token: token })
      );
    } catch (error) {
      /* storage full or disabled: the server autosave still runs */
    }
  }

  function readLocalCopy(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key || storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function dropLocalCopy(key) {
    try {
      window.localStorage.removeItem(key || storageKey);
    } catch (error) {
      /* nothing to do */
    }
  }

  // The server confirmed the save this page follows: the copy sent with it is saved now.
  // Any other copy (changed after it was sent, another tab's, a later send that was lost) stays.
  function dropSavedCopies() {
    var savedFrom = form.getAttribute("data-saved-from");
    var savedToken = form.getAttribute("data-saved-token");
    if (!savedFrom || !savedToken) {
      return;
    }
    [keyFor(savedFrom), storageKey].forEach(function (key) {
      var copy = readLocalCopy(key);
      if (copy && copy.submitted && copy.token === savedToken) {
        dropLocalCopy(key);
      }
    });
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

  // Newer than the saved version the page shows: based on it (or on a later one), or kept
  // after it was saved (a colleague saved meanwhile, and this was typed after that).
  function newerThanPage(copy) {
    if (Number(copy.version || 0) >= versionValue()) {
      return true;
    }
    var savedAt = Date.parse(form.getAttribute("data-saved-at") || "");
    return !isNaN(savedAt) && Number(copy.savedAt || 0) > savedAt;
  }

  // The article can no longer be changed by this person (sent for review, published meanwhile):
  // the copy cannot be restored into the form, so it is shown as text to copy, and kept until dismissed.
  function showReadOnlyOffer(copy, offer) {
    var text = document.getElementById("local-draft-text");
    var show = document.getElementById("local-draft-show");
    document.getElementById("local-draft-newer").hidden = true;
    document.getElementById("local-draft-read-only").hidden = false;
    document.getElementById("local-draft-restore").hidden = true;
    show.hidden = false;
    offer.hidden = false;
    show.addEventListener("click", function () {
      // An inert document: nothing in the copy's HTML loads or runs; only its text is read.
      var body = new DOMParser().parseFromString(copy.fields.body || "", "text/html").body;
      text.value = [copy.fields.title, copy.fields.lead, body.textContent]
        .filter(function (part) {
          return part;
        })
        .join("\n\n");
      text.hidden = false;
      show.hidden = true;
      text.focus();
    });
    document.getElementById("local-draft-discard").addEventListener("click", function () {
      offer.hidden = true;
      dropLocalCopy();
    });
  }

  function offerLocalCopy() {
    dropSavedCopies();
    if (form.hasAttribute("data-refused")) {
      // The page shows what was typed, which the server did not take: it stays unsaved.
      dirty = true;
      changedSinceAutosave = true;
      keepLocalCopy();
      return;
    }
    var copy = readLocalCopy();
    var offer = document.getElementById("local-draft-offer");
    if (!copy || !copy.fields || !offer) {
      return;
    }
    if (sameAsForm(copy.fields)) {
      dropLocalCopy(); // the page already shows exactly this
      return;
    }
    // Typed before a later save (a colleague's, or this person's elsewhere): still unsaved work,
    // so it is offered, but the words say it is the older one.
    if (form.hasAttribute("data-read-only")) {
      showReadOnlyOffer(copy, offer);
      return;
    }
    if (!newerThanPage(copy)) {
      document.getElementById("local-draft-newer").hidden = true;
      document.getElementById("local-draft-older").hidden = false;
    }
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
    keepLocalCopy(true); // if the save fails on the way, the text is still here
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

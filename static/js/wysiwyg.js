/*
 * The article body as rich text: Quill (static/vendor/quill) over the plain
 * <textarea class="js-wysiwyg">, which stays in the form and is what gets submitted.
 * - Without JavaScript or without Quill the textarea works as before.
 * - Every change in the editor is written back to the textarea, followed by a bubbling
 *   "input" event, so editor.js (autosave, local copy, unsaved-changes warning) sees it.
 * - "portal:value-restored" on the textarea (editor.js restoring a draft) reloads the editor
 *   without counting as an edit.
 * - A body holding something this editor cannot keep (an image, a table, a code block...)
 *   stays in the plain textarea rather than being silently cut down.
 * - A disabled textarea (its fieldset is disabled) gets a read-only editor with no toolbar.
 * - The toolbar's labels come translated in the textarea's data-labels (JSON); Vietnamese
 *   ones stand in for any that are missing.
 */
(function () {
  "use strict";

  var Quill = window.Quill;
  if (!Quill) {
    return;
  }

  // What the editor keeps: the toolbar's formats plus those that come in with existing
  // articles and that our sanitizer keeps too (strike, sub/sup, inline code, nested lists).
  var FORMATS = ["header", "bold", "italic", "underline", "strike", "script", "code", "link", "list", "indent", "blockquote"];
  // Elements the sanitizer keeps but Quill, set up as above, would drop.
  var NOT_EDITABLE_HERE = "img, figure, figcaption, table, caption, thead, tbody, tfoot, tr, th, td, hr, pre";
  var DEFAULT_LABELS = {
    heading2: "Đầu đề 2",
    heading3: "Đầu đề 3",
    heading4: "Đầu đề 4",
    paragraph: "Đoạn văn",
    bold: "Chữ đậm",
    italic: "Chữ nghiêng",
    underline: "Gạch chân",
    link: "Liên kết",
    ordered: "Danh sách đánh số",
    bullet: "Danh sách gạch đầu dòng",
    blockquote: "Trích dẫn",
    clean: "Xóa định dạng",
    toolbar: "Định dạng văn bản",
    blockType: "Kiểu đoạn",
    linkAddress: "Địa chỉ liên kết",
    linkEdit: "Sửa liên kết",
    linkSave: "Lưu liên kết",
    linkRemove: "Bỏ liên kết",
  };

  function labelsFor(textarea) {
    var labels = Object.assign({}, DEFAULT_LABELS);
    try {
      Object.assign(labels, JSON.parse(textarea.getAttribute("data-labels") || "{}"));
    } catch (error) {
      window.console.error("wysiwyg: data-labels is not JSON", error);
    }
    return labels;
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function toolbarHtml(labels) {
    function button(format, value, label, keys) {
      var text = escapeHtml(labels[label]);
      return (
        '<button type="button" class="ql-' + format + '"' + (value ? ' value="' + value + '"' : "") +
        ' aria-label="' + text + '" title="' + text + (keys ? " (" + keys + ")" : "") + '"></button>'
      );
    }
    return (
      '<span class="ql-formats">' +
      '<select class="ql-header" aria-label="' + escapeHtml(labels.blockType) + '">' +
      '<option value="2">' + escapeHtml(labels.heading2) + "</option>" +
      '<option value="3">' + escapeHtml(labels.heading3) + "</option>" +
      '<option value="4">' + escapeHtml(labels.heading4) + "</option>" +
      "<option selected>" + escapeHtml(labels.paragraph) + "</option>" +
      "</select>" +
      "</span>" +
      '<span class="ql-formats">' +
      button("bold", "", "bold", "Ctrl+B") +
      button("italic", "", "italic", "Ctrl+I") +
      button("underline", "", "underline", "Ctrl+U") +
      button("link", "", "link", "Ctrl+K") +
      "</span>" +
      '<span class="ql-formats">' +
      button("list", "ordered", "ordered") +
      button("list", "bullet", "bullet") +
      button("blockquote", "", "blockquote") +
      "</span>" +
      '<span class="ql-formats">' +
      button("clean", "", "clean") +
      "</span>"
    );
  }

  // Quill 2.0.3's getSemanticHTML writes every space as &nbsp; (slab/quill#4509), which
  // would stop published text from wrapping. Keep one ordinary space per run; only the
  // extra spaces of a run stay non-breaking, so what was typed still shows as typed.
  function ordinarySpaces(html) {
    return html.replace(/(?:&nbsp;)+/g, function (run) {
      return " " + run.slice("&nbsp;".length);
    });
  }

  function fitsTheEditor(html) {
    var probe = document.createElement("template"); // inert: nothing loads or runs
    probe.innerHTML = html;
    return probe.content.querySelector(NOT_EDITABLE_HERE) === null;
  }

  function labelOf(textarea) {
    if (!textarea.id) {
      return null;
    }
    var label = document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]');
    if (label && !label.id) {
      label.id = textarea.id + "-label";
    }
    return label;
  }

  function nameTheToolbar(toolbar, labels) {
    toolbar.setAttribute("role", "toolbar"); // a name alone is not allowed on a plain <div>
    toolbar.setAttribute("aria-label", labels.toolbar);
    // Quill copies the hidden <select>'s attributes onto the picker's <span>; its button has the name.
    var pickerBox = toolbar.querySelector("span.ql-picker.ql-header");
    if (pickerBox) {
      pickerBox.removeAttribute("aria-label");
    }
    var picker = toolbar.querySelector(".ql-header .ql-picker-label");
    if (picker) {
      picker.setAttribute("aria-label", labels.blockType);
    }
    Array.prototype.forEach.call(toolbar.querySelectorAll(".ql-header .ql-picker-item"), function (item) {
      item.setAttribute("aria-label", item.getAttribute("data-label") || labels.paragraph);
    });
  }

  // Quill's link tooltip: its "Edit/Save" and "Remove" are <a> without href (neither named nor
  // reachable by keyboard). They become named buttons that Enter and Space press; the visible
  // words come from the same aria-label (portal.css), and follow the tooltip's mode.
  function asButton(link, label) {
    link.setAttribute("role", "button");
    link.setAttribute("tabindex", "0");
    link.setAttribute("aria-label", label);
    link.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        link.click();
      }
    });
  }

  function nameTheTooltip(tooltip, labels) {
    if (!tooltip) {
      return;
    }
    var input = tooltip.querySelector("input[type=text]");
    if (input) {
      input.setAttribute("data-link", "https://");
      input.setAttribute("aria-label", labels.linkAddress);
    }
    var action = tooltip.querySelector("a.ql-action");
    var remove = tooltip.querySelector("a.ql-remove");
    if (remove) {
      asButton(remove, labels.linkRemove);
    }
    if (!action) {
      return;
    }
    asButton(action, labels.linkEdit);
    new MutationObserver(function () {
      var label = tooltip.classList.contains("ql-editing") ? labels.linkSave : labels.linkEdit;
      if (action.getAttribute("aria-label") !== label) {
        action.setAttribute("aria-label", label);
      }
    }).observe(tooltip, { attributes: true, attributeFilter: ["class"] });
  }

  function enhance(textarea) {
    if (!fitsTheEditor(textarea.value)) {
      return; // the plain textarea keeps everything
    }
    var readOnly = textarea.matches(":disabled") || textarea.readOnly;
    var label = labelOf(textarea);
    var labels = labelsFor(textarea);

    var box = document.createElement("div");
    box.className = "wysiwyg";
    var toolbar = null;
    if (!readOnly) {
      toolbar = document.createElement("div");
      toolbar.innerHTML = toolbarHtml(labels);
      box.appendChild(toolbar);
    }
    var holder = document.createElement("div");
    box.appendChild(holder);
    textarea.insertAdjacentElement("afterend", box);

    var quill;
    try {
      quill = new Quill(holder, {
        theme: "snow",
        formats: FORMATS,
        modules: {
          toolbar: toolbar ? { container: toolbar } : false,
          // Tab and Shift+Tab move the focus on, as everywhere else in the form.
          keyboard: { bindings: { tab: false, indent: false, outdent: false } },
        },
      });
      load();
    } catch (error) {
      box.remove(); // whatever went wrong, the plain textarea still works
      window.console.error("wysiwyg:", error);
      return;
    }
    var root = quill.root;
    var active = true;

    function load() {
      quill.setContents(quill.clipboard.convert({ html: textarea.value }), "silent");
      quill.history.clear(); // undo must not go back past what was loaded
    }

    function save() {
      var html = quill.getText().trim() === "" ? "" : ordinarySpaces(quill.getSemanticHTML());
      if (html !== textarea.value) {
        textarea.value = html;
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }

    function giveBackTheTextarea() {
      active = false;
      box.remove();
      textarea.hidden = false;
      if (label) {
        label.removeEventListener("click", focusEditor);
      }
    }

    function focusEditor(event) {
      event.preventDefault(); // the hidden textarea cannot take the focus
      quill.focus();
    }

    textarea.hidden = true;

    root.setAttribute("role", "textbox");
    root.setAttribute("aria-multiline", "true");
    if (label) {
      root.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", focusEditor);
    }
    ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        root.setAttribute(name, textarea.getAttribute(name));
      }
    });
    if (toolbar) {
      nameTheToolbar(toolbar, labels);
      nameTheTooltip(box.querySelector(".ql-tooltip"), labels);
    }
    if (readOnly) {
      quill.disable();
      root.setAttribute("aria-readonly", "true");
    }

    // Silent loads never come here; everything else (typing, toolbar, paste, undo) does.
    quill.on("text-change", save);

    textarea.addEventListener("portal:value-restored", function () {
      if (!active) {
        return;
      }
      if (fitsTheEditor(textarea.value)) {
        load();
      } else {
        giveBackTheTextarea();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea.js-wysiwyg"), enhance);
})();

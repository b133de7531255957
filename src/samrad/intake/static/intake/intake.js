/* samrad intake: progressive enhancement only. Every page works without this file.
 * - Error summary: moves focus to it so screen-reader and keyboard users hear what went wrong.
 * - Facilitator notes: autosave while typing, with a visible state, retries when the connection drops,
 *   and a copy in this browser (localStorage) until the server has confirmed the save.
 */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  var form = document.querySelector("form[data-notes]");
  if (!form || !window.fetch || !window.FormData) return;

  var DEBOUNCE_MS = 800;
  var TIMEOUT_MS = 15000;
  var MAX_RETRY_MS = 30000;
  var text = form.dataset;
  var client = form.elements.client.value;
  var seqField = form.elements.seq;
  var seq = 1;
  var announce = form.querySelector("[data-announce]");
  var storePrefix = "samrad-notes:" + form.getAttribute("action") + ":";

  function store(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(storePrefix + key);
      else window.localStorage.setItem(storePrefix + key, JSON.stringify(value));
    } catch (e) { /* private mode or full: the retry loop still protects the text */ }
  }

  function stored(key) {
    try { return JSON.parse(window.localStorage.getItem(storePrefix + key) || "null"); } catch (e) { return null; }
  }

  function say(message) {
    if (announce) announce.textContent = message;
  }

  function Note(wrapper) {
    this.wrapper = wrapper;
    this.area = wrapper.querySelector("textarea").dataset.area;
    this.box = wrapper.querySelector("textarea");
    this.versionField = form.elements["version-" + this.area];
    this.status = wrapper.querySelector(".save-status");
    this.base = parseInt(this.box.dataset.version, 10) || 0;
    this.saved = this.box.value;
    this.timer = null;
    this.inFlight = false;
    this.retryMs = 1000;
    this.stopped = false;
    var self = this;
    this.box.addEventListener("input", function () {
      store(self.area, { text: self.box.value, base: self.base });
      self.schedule(DEBOUNCE_MS);
    });
    this.box.addEventListener("blur", function () { self.schedule(0); });
    this.restore();
  }

  Note.prototype.dirty = function () { return this.box.value !== this.saved; };

  Note.prototype.show = function (message, kind) {
    this.status.textContent = message;
    this.status.className = "save-status" + (kind ? " " + kind : "");
  };

  Note.prototype.schedule = function (ms) {
    var self = this;
    if (this.stopped) return;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.save(); }, ms);
  };

  Note.prototype.restore = function () {
    var copy = stored(this.area);
    if (!copy || same(copy.text, this.box.value)) { store(this.area, null); return; }
    // Text typed here that the server never confirmed (tab closed, connection lost): put it back and save it.
    this.box.value = copy.text;
    this.show(text.restored, "pending");
    if (copy.base !== this.base) {
      this.conflict({ text: this.saved, version: this.base });
      return;
    }
    this.schedule(0);
  };

  Note.prototype.save = function () {
    var self = this;
    if (this.inFlight || this.stopped) return;
    if (!this.dirty()) { store(this.area, null); return; }
    var sent = this.box.value;
    seq += 1;
    seqField.value = seq + 1; // a plain submit after this uses a newer number, so it is never taken as a retry
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("client", client);
    body.append("seq", String(seq));
    body.append("area", this.area);
    body.append("version", String(this.base));
    body.append("text", sent);
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = window.setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    this.inFlight = true;
    this.show(text.saving, "pending");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().then(function (data) { return { code: response.status, data: data }; });
    }).then(function (result) {
      self.inFlight = false;
      window.clearTimeout(timeout);
      self.handle(result.code, result.data, sent);
    }).catch(function () {
      self.inFlight = false;
      window.clearTimeout(timeout);
      self.retry();
    });
  };

  function same(a, b) {
    // A form post sends line breaks as CR LF; the box holds LF.
    return String(a).replace(/\r\n/g, "\n") === String(b).replace(/\r\n/g, "\n");
  }

  Note.prototype.handle = function (code, data, sent) {
    if (code === 200 && same(data.text, sent)) {
      this.base = data.version;
      this.versionField.value = data.version;
      this.saved = sent;
      if (this.retryMs > 1000) say(text.saved);
      this.retryMs = 1000;
      this.show(text.saved + " " + (data.saved_at || ""), "ok");
      this.wrapper.classList.remove("has-conflict");
      if (this.dirty()) this.schedule(DEBOUNCE_MS);
      else store(this.area, null);
    } else if (code === 200 || code === 409) {
      this.conflict(data);
    } else if (code === 423) {
      this.stopped = true;
      this.show(text.locked, "error");
      say(data.message || text.locked);
    } else if (code >= 500) {
      this.retry();
    } else {
      this.stopped = true;
      this.show(text.failed, "error");
      say(text.failed);
    }
  };

  Note.prototype.retry = function () {
    this.show(text.retrying, "error");
    if (this.retryMs === 1000) say(text.retrying);
    this.schedule(this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  };

  Note.prototype.conflict = function (data) {
    // Someone else saved newer text. Keep ours in the box, show theirs, and let the person decide.
    var self = this;
    this.stopped = true;
    this.show(text.conflict, "error");
    say(text.conflict);
    this.wrapper.classList.add("has-conflict");
    var old = this.wrapper.querySelector(".theirs");
    if (old) old.parentNode.removeChild(old);
    var box = document.createElement("div");
    box.className = "theirs";
    var heading = document.createElement("h3");
    heading.textContent = text.theirs;
    var theirs = document.createElement("p");
    theirs.className = "note-text pre";
    theirs.textContent = data.text || "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = text.replace;
    button.addEventListener("click", function () {
      self.base = data.version;
      self.versionField.value = data.version;
      self.saved = data.text || "";
      self.stopped = false;
      box.parentNode.removeChild(box);
      self.wrapper.classList.remove("has-conflict");
      self.box.focus();
      self.schedule(0);
    });
    box.appendChild(heading);
    box.appendChild(theirs);
    box.appendChild(button);
    this.wrapper.appendChild(box);
  };

  var all = Array.prototype.map.call(form.querySelectorAll("[data-note]"), function (w) { return new Note(w); });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = all.some(function (n) { return n.dirty(); });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = text.unsaved;
      all.forEach(function (n) { n.schedule(0); });
    }
  });
  window.addEventListener("online", function () {
    all.forEach(function (n) { if (n.dirty() && !n.inFlight) { n.retryMs = 1000; n.schedule(0); } });
  });
  form.addEventListener("submit", function () {
    all.forEach(function (n) { window.clearTimeout(n.timer); n.stopped = true; });
    seqField.value = seq + 1;
  });
})();

// Progressive enhancement only: every action in the workspace works without this file.
// A form marked data-busy (running the analysis) says that it is working and cannot be sent twice.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute("data-busy");
  if (!text) { return; }
  var buttons = form.querySelectorAll("button");
  window.setTimeout(function () {  // after the browser has taken the button's value
    buttons.forEach(function (b) { b.disabled = true; });
  }, 0);
  var status = form.querySelector(".busy");
  if (!status) {
    status = document.createElement("p");
    status.className = "busy";
    status.setAttribute("role", "status");
    form.appendChild(status);
  }
  status.textContent = text;
});

// While an analysis runs in the background, look again every few seconds and show the page anew once it is
// done (without this file, the notice's link does the same by hand).
(function () {
  var running = document.querySelector("[data-analysis-running]");
  if (!running || !window.fetch) { return; }
  function look() {
    window.fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (html.indexOf("data-analysis-running") === -1) { window.location.reload(); return; }
        // Still running: show its stage and count as the page now has them ("Bäddar in 340 av 1 200").
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-analysis-running]");
        if (fresh) { running.replaceChildren.apply(running, Array.from(fresh.childNodes)); }
        window.setTimeout(look, 3000);
      })
      .catch(function () { window.setTimeout(look, 15000); });
  }
  window.setTimeout(look, 3000);
})();

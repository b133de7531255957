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

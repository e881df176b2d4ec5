// Letter generators: enhancements only; every form works without this file.
// 1. Remember the practice details and signatory on this device (opt-in; never patient details).
// 2. Offer only the kinds of request that fit the chosen source.
(function () {
  "use strict";
  var form = document.querySelector("[data-letter-form]");
  if (!form) { return; }

  // After "Preview", take keyboard and screen-reader users to the letter (errors take precedence).
  var preview = document.getElementById("preview");
  if (preview && !document.querySelector(".error-summary")) {
    preview.setAttribute("tabindex", "-1");
    preview.focus();
  }

  var STORAGE_KEY = "lmc-letters-practice";
  var controls = form.querySelector("[data-remember-controls]");
  var optIn = form.querySelector("[data-remember-optin]");
  var forget = form.querySelector("[data-remember-forget]");
  var status = form.querySelector("[data-remember-status]");
  // Only fields the server marked as rememberable; patient fields never carry data-remember.
  var remembered = form.querySelectorAll("[data-remember]");

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function load() {
    var store = storage();
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(STORAGE_KEY) || "null"); } catch (e) { return null; }
  }

  if (controls && storage()) {
    controls.hidden = false;
    var saved = load();
    if (saved) {
      optIn.checked = true;
      remembered.forEach(function (field) {
        var key = field.getAttribute("data-remember");
        if (!field.value && typeof saved[key] === "string") { field.value = saved[key]; }
      });
    }
    form.addEventListener("submit", function () {
      var store = storage();
      if (!optIn.checked) { store.removeItem(STORAGE_KEY); return; }
      var values = {};
      remembered.forEach(function (field) { values[field.getAttribute("data-remember")] = field.value; });
      store.setItem(STORAGE_KEY, JSON.stringify(values));
    });
    forget.addEventListener("click", function () {
      storage().removeItem(STORAGE_KEY);
      optIn.checked = false;
      status.textContent = "The details saved on this device have been forgotten.";
    });
  }

  // Workload letter: each request's "Kind of request" offers only the kinds that fit the source.
  var categories = form.querySelectorAll("select[data-request-category]");
  var sources = form.querySelectorAll("input[name='source_type']");
  if (!categories.length) { return; }

  function chosenGroup() {
    var checked = form.querySelector("input[name='source_type']:checked");
    if (!checked) { return null; }
    return checked.value === "a private provider" ? "private" : "nhs";
  }

  // Say what changed, for screen-reader users: the lists below now offer other kinds of request.
  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  form.appendChild(announcer);

  function filterCategories(event) {
    var group = chosenGroup();
    if (event && group) {
      announcer.textContent = group === "private"
        ? "The kinds of request below now show those for private providers."
        : "The kinds of request below now show those for NHS and NHS-funded providers.";
    }
    categories.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        var optionGroup = option.getAttribute("data-group");
        var hide = Boolean(group && optionGroup && optionGroup !== group);
        // A choice the user already made stays visible: the server explains a mismatch.
        option.hidden = hide && !option.selected;
        option.disabled = hide && !option.selected;
      });
    });
  }

  sources.forEach(function (radio) { radio.addEventListener("change", filterCategories); });
  filterCategories();
})();

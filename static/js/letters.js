// Letter generators: enhancements only; every form works without this file.
// 1. Remember the practice details and signatory on this device (opt-in; never patient details).
// 2. Offer only the kinds of request that fit the chosen source, and fill in their basis and ask.
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

  var category = form.querySelector("#id_category");
  if (!category) { return; }
  var basis = form.querySelector("#id_contract_basis");
  var ask = form.querySelector("#id_the_ask");
  var sources = form.querySelectorAll("input[name='source_type']");

  function chosenGroup() {
    var checked = form.querySelector("input[name='source_type']:checked");
    if (!checked) { return null; }
    return checked.value === "private provider" ? "private" : "nhs";
  }

  function filterCategories() {
    var group = chosenGroup();
    Array.prototype.forEach.call(category.options, function (option) {
      var optionGroup = option.getAttribute("data-group");
      var hide = Boolean(group && optionGroup && optionGroup !== group);
      option.hidden = hide;
      option.disabled = hide;
      if (hide && option.selected) { category.value = ""; }
    });
  }

  // Replace a field's text only if the user has not changed what we filled in before.
  function offer(field, value) {
    if (!field) { return; }
    if (field.value === "" || field.value === field.getAttribute("data-filled")) {
      field.value = value;
      field.setAttribute("data-filled", value);
    }
  }

  function fillFromCategory() {
    var option = category.options[category.selectedIndex];
    if (!option || !option.getAttribute("data-group")) { return; }
    var edition = option.getAttribute("data-edition");
    var text = option.getAttribute("data-basis") || "";
    offer(basis, text && edition ? text + " (" + edition + ")" : text);
    offer(ask, option.getAttribute("data-ask") || "");
  }

  sources.forEach(function (radio) { radio.addEventListener("change", filterCategories); });
  category.addEventListener("change", fillFromCategory);
  filterCategories();
})();

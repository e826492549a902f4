// Keeps what a mentor types in a form with data-draft-key in the browser as they type, so a
// reload, a lost connection or navigating away loses nothing. The draft is restored when the
// form is opened again and cleared once the server confirms the save (data-draft-clear).

const PREFIX = "tandem-draft:";

for (const marker of document.querySelectorAll("[data-draft-clear]")) {
  localStorage.removeItem(PREFIX + marker.dataset.draftClear);
}

for (const form of document.querySelectorAll("form[data-draft-key]")) {
  const key = PREFIX + form.dataset.draftKey;
  const status = document.querySelector("[data-draft-status]");
  const fields = () => [...form.elements].filter((el) => el.name && el.name !== "csrfmiddlewaretoken");
  const hasServerErrors = document.querySelector(".govuk-error-summary") !== null;
  const saved = JSON.parse(localStorage.getItem(key) || "null");

  // After a failed submit the server shows what was posted; otherwise restore the draft.
  if (saved && !hasServerErrors) {
    for (const el of fields()) {
      if (!(el.name in saved)) continue;
      if (el.type === "radio" || el.type === "checkbox") el.checked = saved[el.name].includes(el.value);
      else el.value = saved[el.name][0] ?? "";
    }
    if (status) {
      status.textContent = "We restored what you had typed before. It is not saved until you press Save.";
      status.classList.remove("govuk-!-display-none");
    }
  }

  form.addEventListener("input", () => {
    const values = {};
    for (const el of fields()) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) {
        values[el.name] ??= [];
        continue;
      }
      (values[el.name] ??= []).push(el.value);
    }
    localStorage.setItem(key, JSON.stringify(values));
  });
}

// What every form in the portal does the same way: read its fields, stay usable while a request is
// under way, and show the API's problems — a summary at the top of the form that takes focus and is
// announced, and each field's message next to it, tied to the field with aria-describedby.
import { element } from './dom.js';
import { t } from './i18n.js';

/** The form's fields as an object of trimmed strings (radio groups give the checked value, or ''). */
export function values(form) {
  const result = {};
  for (const [name, value] of new FormData(form)) {
    result[name] = typeof value === 'string' ? value.trim() : value;
  }

  for (const control of form.elements) {
    if (control.name && !(control.name in result) && control.type === 'radio') {
      result[control.name] = '';
    }
  }

  return result;
}

/** Runs `work` with the form's submit button disabled, so a slow connection cannot send it twice. */
export async function whileBusy(form, work) {
  const button = form.querySelector('[type="submit"]');
  if (form.getAttribute('aria-busy') === 'true') {
    return;
  }

  form.setAttribute('aria-busy', 'true');
  button.disabled = true;
  try {
    await work();
  } finally {
    form.setAttribute('aria-busy', 'false');
    button.disabled = false;
  }
}

/** Removes every problem shown on the form. */
export function clearProblems(form) {
  const summary = summaryOf(form);
  summary.hidden = true;
  summary.replaceChildren();
  for (const error of form.querySelectorAll('.field-error')) {
    clearField(error.closest('.field'));
  }
}

/** Removes the problem shown on one field. */
export function clearField(field) {
  const error = field ? errorOf(field) : null;
  if (!error) {
    return;
  }

  error.hidden = true;
  error.textContent = '';
  for (const control of controlsOf(field)) {
    control.removeAttribute('aria-invalid');
  }

  for (const control of describedControls(field)) {
    control.setAttribute('aria-describedby', describedBy(control).filter((id) => id !== error.id).join(' '));
    if (control.getAttribute('aria-describedby') === '') {
      control.removeAttribute('aria-describedby');
    }
  }

  field.classList.remove('field-invalid');
}

/**
 * Shows a message next to one field (a `.field` with a `.field-error`), tied to its controls with
 * aria-describedby and aria-invalid. A second message for the same field is added to the first.
 */
export function markField(field, message) {
  const error = errorOf(field);
  error.textContent = error.hidden || !error.textContent ? message : `${error.textContent} ${message}`;
  error.hidden = false;
  field.classList.add('field-invalid');
  for (const control of describedControls(field)) {
    const ids = describedBy(control);
    if (!ids.includes(error.id)) {
      control.setAttribute('aria-describedby', [...ids, error.id].join(' '));
    }
  }

  for (const control of controlsOf(field)) {
    control.setAttribute('aria-invalid', 'true');
  }
}

/**
 * The field on `form` that shows errors named `name`: its data-field lists the names it takes,
 * space-separated. An error on a part of a field ("budgetLines[2].amount.amount", "countries[0]")
 * goes to the nearest field that takes the name of a whole it belongs to.
 */
export function fieldNamed(form, name) {
  for (let key = name; key; key = wholeOf(key)) {
    const field = form.querySelector(`.field[data-field~="${CSS.escape(key)}"]`);
    if (field) {
      return field;
    }
  }

  return null;
}

// "budgetLines[2].amount" → "budgetLines[2]" → "budgetLines" → "".
function wholeOf(key) {
  return /^(.+?)(?:\[\d+\]|\.[^.[\]]+)$/.exec(key)?.[1] ?? '';
}

/**
 * Shows a problem from the API. Validation errors go next to their fields; anything else (or an
 * error for a field this form does not have) goes in the summary, with any `actions` (buttons)
 * after it. The summary takes focus.
 */
export function showProblem(form, problem, ...actions) {
  clearProblems(form);
  const summary = summaryOf(form);
  const list = element('ul');
  const errors = Object.entries(problem.errors ?? {});
  for (const [key, messages] of errors) {
    const field = fieldNamed(form, key);
    if (!field) {
      list.append(element('li', [].concat(messages).join(' ')));
      continue;
    }

    // A field can say it in its own words where the API's are meant for programmers (a select's code).
    const message = field.dataset.message ?? [].concat(messages).join(' ');
    markField(field, message);
    const target = focusTargetOf(field);
    // Next to its field a message needs no name; in the summary it names the field as the person saw
    // it (its label, within its group: "Budget line 2, Amount"), or as the field asks to be named.
    const name = field.dataset.summaryName ?? nameOf(field);
    const link = element('a', name ? t('forms.fieldMessage', { field: name, message }) : message, { href: `#${target.id}` });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      target.focus();
    });
    list.append(element('li', link));
  }

  const title = errors.length > 0 ? t('js.shared.forms.there-is-a-problem') : (problem.title ?? t('js.shared.forms.something-went-wrong'));
  summary.append(element('h2', title));
  if (errors.length === 0 && problem.detail) {
    summary.append(element('p', problem.detail));
  }

  if (list.childElementCount > 0) {
    summary.append(list);
  }

  summary.append(...actions);
  summary.hidden = false;
  summary.focus();
}

// What the person saw a field called: its label or legend, after the legends of the groups around it
// that show one (a budget line's "Budget line 2"), without the error text inside it.
function nameOf(field) {
  const control = controlsOf(field)[0];
  const own = field.matches('fieldset') ? field.querySelector(':scope > legend') : (control?.id && field.querySelector(`label[for="${CSS.escape(control.id)}"]`));
  if (!own) {
    return '';
  }

  const names = [textOf(own)];
  for (let group = field.parentElement?.closest('fieldset'); group; group = group.parentElement?.closest('fieldset')) {
    const legend = group.querySelector(':scope > legend');
    if (legend && !legend.classList.contains('visually-hidden') && textOf(legend)) {
      names.unshift(textOf(legend));
    }
  }

  return names.join(', ');
}

function textOf(node) {
  return node.textContent.replace(/\s+/g, ' ').trim();
}

/** Puts a message in a status element, shows it and moves focus there so it is read out. */
export function announce(target, ...content) {
  target.replaceChildren(...content.map((part) => (part instanceof Node ? part : element('p', part))));
  target.hidden = false;
  target.focus();
}

function summaryOf(form) {
  let summary = form.querySelector('.error-summary');
  if (!summary) {
    summary = element('div', null, { class: 'error-summary', role: 'alert', tabindex: '-1' });
    summary.hidden = true;
    form.prepend(summary);
  }

  return summary;
}

// A field's own error message: the first in it that no field nested inside it owns.
function errorOf(field) {
  return [...field.querySelectorAll('.field-error')].find((error) => error.closest('.field') === field) ?? null;
}

// A field's own controls, not those of fields nested inside it (a budget line inside the budget).
function controlsOf(field) {
  return [...field.querySelectorAll('input, select, textarea')].filter((control) => control.closest('.field') === field);
}

// Where a link to the field takes focus: its first control, or the field itself (a group of lines).
function focusTargetOf(field) {
  const target = controlsOf(field)[0] ?? field.querySelector('input, select, textarea, button') ?? field;
  if (target === field && !field.hasAttribute('tabindex')) {
    field.setAttribute('tabindex', '-1');
  }

  if (!target.id) {
    target.id = `field-${Math.random().toString(36).slice(2)}`;
  }

  return target;
}

// A group (radio buttons, checkboxes, a table of counts) is described on its fieldset; a single control on itself.
function describedControls(field) {
  return field.matches('fieldset') ? [field] : controlsOf(field);
}

function describedBy(control) {
  return (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
}

// The application form's fields: built from the round (its currency, limits and questions), filled
// from the saved application, and read back as the body of PUT /api/applications/{id}. Budget lines
// and countries are lists a person adds to and removes from; beneficiaries are a small table of
// counts, because the system holds numbers of people, never a person.
import { element } from '../shared/dom.js';
import { amountInField, decimalsOf, exploitationForms, formatMoney, fromMinor, groupDigits, tidyAmount, toMinor } from '../shared/format.js';
import { nodes, t } from '../shared/i18n.js';

const form = document.getElementById('application-form');
const sexes = ['female', 'male', 'other'].map((code) => ({ code, name: t(`sex.${code}`) }));
const ageGroups = [{ code: 'under-18', header: 'age-under-18' }, { code: '18-plus', header: 'age-18-plus' }];

let round = null;
let currency = '';
let decimals = 2;
let chosenCountries = [];
let lineNumber = 0;
const countryNames = new Map();

/** Builds the parts of the form that depend on the round. */
export function setUp(call, countries) {
  round = call;
  currency = call.envelope.currency;
  decimals = decimalsOf(call.minGrant.amount);
  document.getElementById('app-currency').textContent = currency;
  document.getElementById('app-amount-hint').textContent =
    t('fields.amountHint', { currency, min: formatMoney(call.minGrant), max: formatMoney(call.maxGrant), example: groupDigits(call.minGrant.amount) });
  document.getElementById('app-duration-hint').textContent =
    t('fields.durationHint', { count: call.maxDurationMonths });

  const select = document.getElementById('app-country');
  for (const { code, name } of countries) {
    countryNames.set(code, name);
    select.append(element('option', name, { value: code }));
  }

  document.getElementById('app-country-add').addEventListener('click', addCountry);
  document.getElementById('app-forms').append(...exploitationForms.map(({ code, name }) => element('div', [
    element('input', null, { type: 'checkbox', id: `form-${code}`, name: 'exploitationForms', value: code }),
    element('label', name, { for: `form-${code}` }),
  ], { class: 'choice' })));

  document.getElementById('app-people').append(...sexes.map((sex) => element('tr', [
    element('th', sex.name, { scope: 'row', id: `sex-${sex.code}` }),
    ...ageGroups.map((age) => element('td', element('input', null, {
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: '7',
      class: 'count',
      id: `people-${sex.code}-${age.code}`,
      'data-sex': sex.code,
      'data-age': age.code,
      'aria-labelledby': `sex-${sex.code} ${age.header}`,
    }))),
  ])));

  document.getElementById('app-budget-add').addEventListener('click', () => addBudgetLine(null, true));

  const questions = document.getElementById('app-eligibility');
  document.getElementById('eligibility-section').hidden = call.eligibility.length === 0;
  questions.append(...call.eligibility.map((question) => {
    const id = `elig-${question.id}`;
    const warning = element('p', t('eligibility.warning', { answer: t(question.requiredAnswer ? 'answer.yes' : 'answer.no') }), {
      class: 'message message-warning eligibility-warning', id: `${id}-warning`, hidden: '',
    });
    const fieldset = element('fieldset', [
      element('legend', question.question),
      element('p', null, { class: 'field-error', id: `${id}-error`, hidden: '' }),
      element('div', [answer(id, 'yes', t('answer.yes')), answer(id, 'no', t('answer.no'))], { class: 'choices-inline' }),
      element('div', warning, { 'aria-live': 'polite' }),
    ], { class: 'field', 'data-field': `eligibilityAnswers.${question.id}` });
    fieldset.addEventListener('change', () => warnIfIneligible(question));
    return fieldset;
  }));
}

/**
 * Says at once, beside the question, when an answer makes the application ineligible, so nobody fills
 * in the rest of a form the fund must turn down. The answer stays theirs to give: it is not blocked.
 */
function warnIfIneligible(question) {
  const id = `elig-${question.id}`;
  const chosen = form.querySelector(`input[name="${CSS.escape(id)}"]:checked`);
  const ineligible = chosen !== null && (chosen.value === 'yes') !== question.requiredAnswer;
  document.getElementById(`${id}-warning`).hidden = !ineligible;
  for (const radio of form.querySelectorAll(`input[name="${CSS.escape(id)}"]`)) {
    if (ineligible) {
      radio.setAttribute('aria-describedby', `${id}-warning`);
    } else {
      radio.removeAttribute('aria-describedby');
    }
  }
}

function answer(name, value, label) {
  return element('div', [
    element('input', null, { type: 'radio', name, id: `${name}-${value}`, value }),
    element('label', label, { for: `${name}-${value}` }),
  ], { class: 'choice' });
}

/** Puts a saved application into the form. */
export function fill(application) {
  const details = application.details;
  form.elements.namedItem('title').value = application.title;
  form.elements.namedItem('summary').value = application.summary;
  form.elements.namedItem('requestedAmount').value = amountInField(application.requestedAmount?.amount);
  form.elements.namedItem('durationMonths').value = application.durationMonths ?? '';
  chosenCountries = [...details.countries];
  renderCountries();
  for (const box of form.querySelectorAll('input[name="exploitationForms"]')) {
    box.checked = details.exploitationForms.includes(box.value);
  }

  form.elements.namedItem('targetGroups').value = details.targetGroups.join(', ');
  for (const cell of form.querySelectorAll('#app-people input')) {
    const count = details.plannedBeneficiaries.find((b) => b.sex === cell.dataset.sex && b.ageGroup === cell.dataset.age);
    cell.value = count ? String(count.count) : '';
  }

  document.getElementById('app-budget-lines').replaceChildren();
  for (const line of details.budgetLines) {
    addBudgetLine(line, false);
  }

  if (details.budgetLines.length === 0) {
    addBudgetLine(null, false);
  }

  for (const question of round.eligibility) {
    const given = details.eligibilityAnswers[question.id];
    for (const radio of form.querySelectorAll(`input[name="elig-${CSS.escape(question.id)}"]`)) {
      radio.checked = given !== undefined && radio.value === (given ? 'yes' : 'no');
    }

    warnIfIneligible(question);
  }

  updateBudgetTotal();
}

/**
 * The PUT body from the form, or `problems` (errors by field, as the API names them) for what
 * cannot even be sent: a duration or a count that is not a whole number.
 */
export function read() {
  const problems = {};
  const text = (name) => form.elements.namedItem(name).value.trim();
  const amount = text('requestedAmount');
  const duration = text('durationMonths');
  if (duration && !/^\d+$/.test(duration)) {
    problems.durationMonths = [t('js.applicant.application-fields.give-the-duration-as-a')];
  }

  const plannedBeneficiaries = [];
  for (const cell of form.querySelectorAll('#app-people input')) {
    const value = cell.value.trim();
    if (!value) {
      continue;
    }

    if (!/^\d+$/.test(value) || Number(value) > 1_000_000) {
      problems.plannedBeneficiaries = [t('js.applicant.application-fields.give-each-count-as-a')];
      continue;
    }

    plannedBeneficiaries.push({ sex: cell.dataset.sex, ageGroup: cell.dataset.age, count: Number(value) });
  }

  // Lines left completely empty are not sent; the others are numbered as sent, so the API's
  // "budgetLines[2]" errors land on the right line.
  const budgetLines = [];
  for (const line of budgetLineElements()) {
    const [category, description, lineAmount] = lineInputs(line).map((input) => input.value.trim());
    const [categoryField, amountField] = line.querySelectorAll('.field[data-role]');
    if (!category && !description && !lineAmount) {
      categoryField.dataset.field = '';
      amountField.dataset.field = '';
      continue;
    }

    const index = budgetLines.length;
    categoryField.dataset.field = `budgetLines[${index}] budgetLines[${index}].category budgetLines[${index}].description`;
    amountField.dataset.field = `budgetLines[${index}].amount`;
    budgetLines.push({ category, description, amount: { amount: tidyAmount(lineAmount), currency } });
  }

  const eligibilityAnswers = {};
  for (const question of round.eligibility) {
    const chosen = form.querySelector(`input[name="elig-${CSS.escape(question.id)}"]:checked`);
    if (chosen) {
      eligibilityAnswers[question.id] = chosen.value === 'yes';
    }
  }

  const body = {
    title: text('title'),
    summary: text('summary'),
    requestedAmount: amount ? { amount: tidyAmount(amount), currency } : null,
    durationMonths: duration && /^\d+$/.test(duration) ? Number(duration) : null,
    countries: [...chosenCountries],
    exploitationForms: [...form.querySelectorAll('input[name="exploitationForms"]:checked')].map((box) => box.value),
    targetGroups: text('targetGroups').split(',').map((group) => group.trim()).filter(Boolean),
    plannedBeneficiaries,
    budgetLines,
    eligibilityAnswers,
  };
  return { body, problems: Object.keys(problems).length > 0 ? problems : null };
}

/** What the completeness checklist needs to know, read from the form as it is now. */
export function state() {
  const { body } = read();
  const requested = body.requestedAmount ? toMinor(body.requestedAmount.amount, decimals) : null;
  const lineAmounts = body.budgetLines.map((line) => toMinor(line.amount.amount, decimals));
  return {
    round,
    title: body.title,
    summary: body.summary,
    requested,
    minGrant: toMinor(round.minGrant.amount, decimals),
    maxGrant: toMinor(round.maxGrant.amount, decimals),
    budgetLineCount: body.budgetLines.length,
    budgetTotal: lineAmounts.includes(null) ? null : lineAmounts.reduce((sum, value) => sum + value, 0n),
    durationMonths: body.durationMonths,
    countries: body.countries,
    exploitationForms: body.exploitationForms,
    beneficiaryCounts: body.plannedBeneficiaries.length,
    answers: body.eligibilityAnswers,
  };
}

/** Shows the budget's running total against the amount requested. */
export function updateBudgetTotal() {
  const now = state();
  const total = document.getElementById('app-budget-total');
  if (now.budgetTotal === null) {
    total.replaceChildren(t('js.applicant.application-fields.some-amounts-are-not-plain'));
    total.className = 'budget-total budget-off';
    return;
  }

  const lines = `${formatMoney({ amount: fromMinor(now.budgetTotal, decimals), currency })}`;
  if (now.requested === null) {
    total.replaceChildren(...nodes('budget.noRequest', { lines }, element('strong', '')));
    total.className = 'budget-total';
    return;
  }

  const requested = formatMoney({ amount: fromMinor(now.requested, decimals), currency });
  const difference = now.requested - now.budgetTotal;
  if (difference === 0n && now.budgetLineCount > 0) {
    total.replaceChildren(...nodes('budget.equal', { lines }, element('strong', ''), element('span', '', { class: 'ok' })));
    total.className = 'budget-total budget-ok';
    return;
  }

  const gap = formatMoney({ amount: fromMinor(difference < 0n ? -difference : difference, decimals), currency });
  total.replaceChildren(
    ...nodes(difference > 0n ? 'budget.short' : 'budget.over', { lines, requested, gap }, element('strong', ''), element('span', '', { class: 'off' })));
  total.className = 'budget-total budget-off';
}

/** Turns editing on or off: after submission nothing in the form changes. */
export function setEditable(editable) {
  document.getElementById('editable').disabled = !editable;
  for (const part of form.querySelectorAll('.editing')) {
    part.hidden = !editable;
  }

  document.getElementById('app-countries-none').textContent = editable ? t('js.applicant.application-fields.no-countries-added-yet') : t('js.applicant.application-fields.no-countries-given');
  numberLines();
}

function addCountry() {
  const select = document.getElementById('app-country');
  const code = select.value;
  const live = document.getElementById('live');
  if (!code) {
    live.textContent = t('js.applicant.application-fields.choose-a-country-first-then');
    select.focus();
    return;
  }

  if (!chosenCountries.includes(code)) {
    chosenCountries.push(code);
    renderCountries();
    form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  live.textContent = t('fields.countryAdded', { name: countryNames.get(code) ?? code, count: chosenCountries.length });
  select.value = '';
  select.focus();
}

function renderCountries() {
  const list = document.getElementById('app-countries');
  list.replaceChildren(...chosenCountries.map((code, index) => {
    const name = countryNames.get(code) ?? code;
    const remove = element('button', [t('js.secretariat.round-setup.remove'), element('span', ` ${name}`, { class: 'visually-hidden' })], { type: 'button', class: 'link-button editing' });
    remove.addEventListener('click', () => {
      chosenCountries = chosenCountries.filter((chosen) => chosen !== code);
      renderCountries();
      form.dispatchEvent(new Event('input', { bubbles: true }));
      document.getElementById('live').textContent = t('fields.countryRemoved', { name });
      const next = list.querySelectorAll('button')[Math.min(index, chosenCountries.length - 1)];
      (next ?? document.getElementById('app-country')).focus();
    });
    return element('li', [element('span', name), remove]);
  }));
  for (const option of document.getElementById('app-country').options) {
    option.disabled = option.value !== '' && chosenCountries.includes(option.value);
  }

  document.getElementById('app-countries-none').hidden = chosenCountries.length > 0;
  if (document.getElementById('editable').disabled) {
    for (const button of list.querySelectorAll('button')) {
      button.hidden = true;
    }
  }
}

function addBudgetLine(line, focus) {
  lineNumber += 1;
  const id = `line-${lineNumber}`;
  const container = document.getElementById('app-budget-lines');
  const remove = element('button', t('js.applicant.application-fields.remove-this-line'), { type: 'button', class: 'link-button editing' });
  const row = element('fieldset', [
    element('legend', ''),
    element('div', [
      element('label', t('fields.category'), { for: `${id}-category` }),
      element('p', null, { class: 'field-error', id: `${id}-category-error`, hidden: '' }),
      element('input', null, { type: 'text', id: `${id}-category`, maxlength: '100', value: line?.category ?? '' }),
    ], { class: 'field', 'data-role': 'category', 'data-field': '' }),
    element('div', [
      element('label', t('js.applicant.application-fields.description-optional'), { for: `${id}-description` }),
      element('input', null, { type: 'text', id: `${id}-description`, maxlength: '500', value: line?.description ?? '' }),
    ], { class: 'field' }),
    element('div', [
      element('label', t('fields.lineAmount', { currency }), { for: `${id}-amount` }),
      element('p', null, { class: 'field-error', id: `${id}-amount-error`, hidden: '' }),
      element('input', null, { type: 'text', id: `${id}-amount`, inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', maxlength: '24', class: 'short', value: amountInField(line?.amount.amount) }),
    ], { class: 'field', 'data-role': 'amount', 'data-field': '' }),
    remove,
  ], { class: 'budget-line', id });
  remove.addEventListener('click', () => {
    const lines = budgetLineElements();
    const index = lines.indexOf(row);
    row.remove();
    if (budgetLineElements().length === 0) {
      addBudgetLine(null, false);
    }

    numberLines();
    form.dispatchEvent(new Event('input', { bubbles: true }));
    document.getElementById('live').textContent = t('fields.lineRemoved', { number: index + 1 });
    const remaining = budgetLineElements();
    lineInputs(remaining[Math.min(index, remaining.length - 1)])[0].focus();
  });
  container.append(row);
  numberLines();
  if (focus) {
    lineInputs(row)[0].focus();
    form.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function numberLines() {
  const lines = budgetLineElements();
  lines.forEach((line, index) => {
    line.querySelector('legend').textContent = t('fields.line', { number: index + 1 });
    line.querySelector('button').hidden = lines.length === 1 || document.getElementById('editable').disabled;
  });
}

function budgetLineElements() {
  return [...document.querySelectorAll('#app-budget-lines .budget-line')];
}

function lineInputs(line) {
  return [...line.querySelectorAll('input')];
}

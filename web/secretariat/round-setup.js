// The round set-up form (Secretariat): the fields of RoundRequest, with lists the Secretariat adds to
// and removes from — eligibility questions, scoring criteria, required documents. Each line is
// numbered as it is sent, so the API's errors ("criteria[0].weight") land next to the right field.
// The same form edits a round that has not opened yet (rounds.html?edit=<id>): it is filled from the
// round and saved with PUT /api/rounds/{id} under the ETag it was read with.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearProblems, showProblem, whileBusy, announce } from '../shared/forms.js';
import { deadlineOf, fileFormats, inRoundZone, tidyAmount, zonedIso } from '../shared/format.js';
import { t } from '../shared/i18n.js';
import { fillLevels, levelsFieldset, readLevels } from './score-levels.js';
import { fillTimeZones } from './time-zones.js';

const form = document.getElementById('round-form');
const notice = document.getElementById('round-notice');
const megabyte = 1024 * 1024;
let rowCount = 0;
let fundsById = new Map();
let created = () => {};
let editing = null;

const lists = {
  eligibility: {
    container: document.getElementById('eligibility-rows'),
    add: document.getElementById('eligibility-add'),
    legend: (n) => t('js.secretariat.round-setup.question-n', { n }),
    build: eligibilityRow,
    isBlank: (row) => !value(row, 'question'),
    read: (row) => ({ id: '', question: value(row, 'question'), requiredAnswer: row.querySelector('input[type="radio"]:checked')?.value !== 'no' }),
    idFrom: 'question',
    idName: 'id',
    fallbackId: 'question',
  },
  criteria: {
    container: document.getElementById('criteria-rows'),
    add: document.getElementById('criteria-add'),
    legend: (n) => t('js.secretariat.round-setup.criterion-n', { n }),
    build: criterionRow,
    isBlank: (row) => !value(row, 'title') && !value(row, 'description') && !value(row, 'weight'),
    read: (row, problems, key) => ({
      id: '',
      title: value(row, 'title'),
      description: value(row, 'description') || null,
      weight: whole(value(row, 'weight'), `${key}.weight`, t('js.secretariat.round-setup.give-the-weight-as-a'), problems),
      maxScore: whole(value(row, 'maxScore'), `${key}.maxScore`, t('js.secretariat.round-setup.give-the-maximum-score-as'), problems),
      levels: readLevels(row, key, problems),
    }),
    idFrom: 'title',
    idName: 'id',
    fallbackId: 'criterion',
  },
  requiredDocuments: {
    container: document.getElementById('documents-rows'),
    add: document.getElementById('documents-add'),
    legend: (n) => t('js.secretariat.round-setup.document-n', { n }),
    build: documentRow,
    isBlank: (row) => !value(row, 'title'),
    read: (row, problems, key) => ({
      type: '',
      title: value(row, 'title'),
      maxBytes: megabytes(value(row, 'maxBytes'), `${key}.maxBytes`, problems),
      contentTypes: [...row.querySelectorAll('input[type="checkbox"]:checked')].map((box) => box.value),
    }),
    idFrom: 'title',
    idName: 'type',
    fallbackId: 'document',
  },
};

/** Wires the form; `onCreated(round)` runs after a round is set up. */
export function setUpRoundForm(onCreated) {
  created = onCreated;
  for (const [name, list] of Object.entries(lists)) {
    list.add.addEventListener('click', () => addRow(name, true));
    addRow(name, false);
  }

  fillTimeZones(document.getElementById('round-zone'), Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  document.getElementById('round-fund').addEventListener('change', showCurrency);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, () => (editing ? saveRound() : createRound()));
  });
}

/** The funds a round can belong to. */
export function setFunds(funds) {
  fundsById = new Map(funds.map((fund) => [fund.id, fund]));
  const select = document.getElementById('round-fund');
  const chosen = select.value;
  select.replaceChildren(element('option', t('js.secretariat.round-setup.choose-a-fund'), { value: '' }), ...funds.map((fund) => element('option', `${fund.name} (${fund.currency})`, { value: fund.id })));
  select.value = fundsById.has(chosen) ? chosen : (funds.length === 1 ? funds[0].id : '');
  showCurrency();
}

function showCurrency() {
  const fund = fundsById.get(document.getElementById('round-fund').value);
  for (const prefix of form.querySelectorAll('.currency-prefix')) {
    prefix.textContent = fund?.currency ?? '';
    prefix.hidden = !fund;
  }

  document.getElementById('round-currency-name').textContent = fund ? ` (${fund.currency})` : '';
}

function addRow(name, focus) {
  const list = lists[name];
  rowCount += 1;
  const id = `${name}-row-${rowCount}`;
  const remove = element('button', t('js.secretariat.round-setup.remove'), { type: 'button', class: 'link-button' });
  const row = element('fieldset', [element('legend', ''), ...list.build(id), remove], { class: 'list-row', id, 'data-list': name });
  remove.addEventListener('click', () => {
    const rows = rowsOf(name);
    const index = rows.indexOf(row);
    row.remove();
    numberRows(name);
    const remaining = rowsOf(name);
    (remaining[Math.min(index, remaining.length - 1)]?.querySelector('input, textarea') ?? list.add).focus();
  });
  list.container.append(row);
  numberRows(name);
  if (focus) {
    row.querySelector('input, textarea').focus();
  }

  return row;
}

function numberRows(name) {
  const list = lists[name];
  rowsOf(name).forEach((row, index) => {
    const label = list.legend(index + 1);
    row.querySelector('legend').textContent = label;
    row.querySelector(':scope > button').replaceChildren(t('js.secretariat.round-setup.remove'), element('span', ` ${label.toLocaleLowerCase()}`, { class: 'visually-hidden' }));
  });
}

function rowsOf(name) {
  return [...lists[name].container.querySelectorAll(':scope > .list-row')];
}

function eligibilityRow(id) {
  return [
    textField(id, 'question', t('js.secretariat.round-setup.question'), { maxlength: '500' }),
    element('fieldset', [
      element('legend', t('js.secretariat.round-setup.answer-needed-to-be-eligible')),
      element('p', null, { class: 'field-error', id: `${id}-requiredAnswer-error`, hidden: '' }),
      element('div', [radio(id, 'yes', t('answer.yes'), true), radio(id, 'no', t('answer.no'), false)], { class: 'choices-inline' }),
    ], { class: 'field subgroup', 'data-role': 'requiredAnswer' }),
  ];
}

function criterionRow(id) {
  return [
    textField(id, 'title', t('js.secretariat.round-setup.title'), { maxlength: '200' }),
    textField(id, 'description', t('js.secretariat.round-setup.description-optional'), { maxlength: '2000' }),
    element('div', [
      textField(id, 'weight', t('js.secretariat.round-setup.weight'), { inputmode: 'numeric', maxlength: '3', class: 'shorter' }),
      textField(id, 'maxScore', t('js.secretariat.round-setup.scored-out-of'), { inputmode: 'numeric', maxlength: '3', class: 'shorter', value: '10' }),
    ], { class: 'side-by-side' }),
    levelsFieldset(id),
  ];
}

function documentRow(id) {
  return [
    textField(id, 'title', t('js.secretariat.round-setup.title'), { maxlength: '200' }),
    textField(id, 'maxBytes', t('js.secretariat.round-setup.largest-file-in-mb'), { inputmode: 'decimal', maxlength: '6', class: 'shorter', value: '5' }),
    element('fieldset', [
      element('legend', t('js.secretariat.round-setup.accepted-formats')),
      element('p', null, { class: 'field-error', id: `${id}-contentTypes-error`, hidden: '' }),
      element('div', fileFormats.map((format, index) => element('div', [
        element('input', null, { type: 'checkbox', id: `${id}-format-${index}`, value: format.type, ...(index === 0 ? { checked: '' } : {}) }),
        element('label', format.name, { for: `${id}-format-${index}` }),
      ], { class: 'choice' })), { class: 'choices-inline' }),
    ], { class: 'field subgroup', 'data-role': 'contentTypes', 'data-field': '' }),
  ];
}

function textField(id, role, label, attributes = {}) {
  const inputId = `${id}-${role}`;
  const { value: initial, ...rest } = attributes;
  const input = element('input', null, { type: 'text', id: inputId, 'data-input': role, autocomplete: 'off', ...rest });
  if (initial !== undefined) {
    input.value = initial;
  }

  return element('div', [
    element('label', label, { for: inputId }),
    element('p', null, { class: 'field-error', id: `${inputId}-error`, hidden: '' }),
    input,
  ], { class: 'field', 'data-role': role, 'data-field': '' });
}

function radio(id, answer, label, checked) {
  const attributes = { type: 'radio', name: `${id}-answer`, id: `${id}-answer-${answer}`, value: answer };
  if (checked) {
    attributes.checked = '';
  }

  return element('div', [element('input', null, attributes), element('label', label, { for: `${id}-answer-${answer}` })], { class: 'choice' });
}

function value(row, role) {
  return row.querySelector(`[data-input="${role}"]`)?.value.trim() ?? '';
}

function whole(text, key, message, problems) {
  if (!/^\d+$/.test(text)) {
    problems[key] = [message];
    return 0;
  }

  return Number(text);
}

function megabytes(text, key, problems) {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) {
    problems[key] = [t('js.secretariat.round-setup.give-the-largest-file-size')];
    return 0;
  }

  return Math.round(Number(text) * megabyte);
}

/** A slug for an id the API wants ("registered-ngo"), unique in its list. */
function slug(text, fallback, taken) {
  const base = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 36).replace(/-+$/, '') || fallback;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) {
    candidate = `${base}-${n}`;
  }

  taken.add(candidate);
  return candidate;
}

/** The RoundRequest from the form, and problems found before sending (errors by the API's names). */
function request() {
  const problems = {};
  const fund = fundsById.get(form.elements.namedItem('fundId').value);
  if (!fund) {
    problems.fundId = [t('js.secretariat.round-setup.choose-the-fund-this-round')];
  }

  const currency = fund?.currency ?? '';
  const text = (name) => form.elements.namedItem(name).value.trim();
  const money = (name) => ({ amount: tidyAmount(text(name)), currency });
  const timeZone = text('timeZone');
  const when = (name, message) => {
    const local = text(name);
    if (!local) {
      problems[name] = [message];
      return null;
    }

    return zonedIso(local, timeZone);
  };

  const body = {
    title: text('title'),
    description: text('description') || null,
    opensAt: when('opensAt', t('js.secretariat.round-setup.give-the-date-and-time')),
    closesAt: when('closesAt', t('js.secretariat.round-setup.give-the-deadline-s-date')),
    timeZone,
    envelope: money('envelope'),
    minGrant: money('minGrant'),
    maxGrant: money('maxGrant'),
    maxDurationMonths: whole(text('maxDurationMonths'), 'maxDurationMonths', t('js.secretariat.round-setup.give-the-longest-project-as'), problems),
    eligibility: [],
    criteria: [],
    requiredDocuments: [],
    reviewersPerApplication: whole(text('reviewersPerApplication'), 'reviewersPerApplication', t('js.secretariat.round-setup.give-a-whole-number-of'), problems),
    blindReview: form.elements.namedItem('blindReview').checked,
  };

  // Optional: left out when empty, so the round simply has no due date yet.
  if (text('reviewDueAt')) {
    body.reviewDueAt = zonedIso(text('reviewDueAt'), timeZone);
  }

  for (const [name, list] of Object.entries(lists)) {
    const taken = new Set();
    for (const row of rowsOf(name)) {
      const fields = row.querySelectorAll('.field[data-role]');
      if (list.isBlank(row)) {
        fields.forEach((field) => { field.dataset.field = ''; });
        continue;
      }

      const key = `${name}[${body[name].length}]`;
      for (const field of fields) {
        const role = field.dataset.role;
        // The generated id belongs to the field it is made from: a clash shows there.
        field.dataset.field = role === list.idFrom ? `${key}.${role} ${key}.${list.idName}` : `${key}.${role}`;
      }

      const item = list.read(row, problems, key);
      item[list.idName] = slug(value(row, list.idFrom), `${list.fallbackId}-${body[name].length + 1}`, taken);
      body[name].push(item);
    }
  }

  return { body, problems, fund };
}

async function createRound() {
  clearProblems(form);
  notice.hidden = true;
  const { body, problems, fund } = request();
  if (Object.keys(problems).length > 0) {
    showProblem(form, { errors: problems });
    return;
  }

  const result = await api(`/api/funds/${encodeURIComponent(fund.id)}/rounds`, { method: 'POST', body });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  const round = result.data;
  resetForm();
  created(round);
  announce(
    notice,
    element('strong', t('roundSetup.created', { title: round.title, fund: fund.name })),
    element('p', [
      round.status === 'Open' ? t('js.secretariat.round-setup.it-is-open-now') : t('roundSetup.opens', { time: inRoundZone(round.opensAtLocal, round.timeZone) }),
      t('roundSetup.deadline', { deadline: deadlineOf(round) }),
      element('a', t('js.secretariat.round-setup.see-it-as-applicants-do'), { href: `/applicant/round.html?id=${encodeURIComponent(round.id)}` }),
      '.',
    ]));
}

/** Fills the form from `round` (read with `etag`) to edit it; saving then replaces its terms. */
export function editRound(round, etag) {
  editing = { id: round.id, etag };
  const set = (name, text) => { form.elements.namedItem(name).value = text ?? ''; };
  set('fundId', round.fundId);
  form.elements.namedItem('fundId').disabled = true;
  showCurrency();
  set('title', round.title);
  set('description', round.description);
  fillTimeZones(form.elements.namedItem('timeZone'), round.timeZone);
  // datetime-local takes "2027-05-31T17:00": the API's time on the round's clock without seconds and offset.
  set('opensAt', round.opensAtLocal?.slice(0, 16));
  set('closesAt', round.closesAtLocal?.slice(0, 16));
  set('reviewDueAt', round.reviewDueAtLocal?.slice(0, 16));
  set('envelope', round.envelope.amount);
  set('minGrant', round.minGrant.amount);
  set('maxGrant', round.maxGrant.amount);
  set('maxDurationMonths', String(round.maxDurationMonths));
  set('reviewersPerApplication', String(round.reviewersPerApplication));
  form.elements.namedItem('blindReview').checked = round.blindReview;
  fillList('eligibility', round.eligibility, (row, question) => {
    row.querySelector('[data-input="question"]').value = question.question;
    row.querySelector(`input[type="radio"][value="${question.requiredAnswer ? 'yes' : 'no'}"]`).checked = true;
  });
  fillList('criteria', round.criteria, (row, criterion) => {
    row.querySelector('[data-input="title"]').value = criterion.title;
    row.querySelector('[data-input="description"]').value = criterion.description ?? '';
    row.querySelector('[data-input="weight"]').value = String(criterion.weight);
    row.querySelector('[data-input="maxScore"]').value = String(criterion.maxScore);
    fillLevels(row, criterion.levels);
  });
  fillList('requiredDocuments', round.requiredDocuments, (row, document) => {
    row.querySelector('[data-input="title"]').value = document.title;
    row.querySelector('[data-input="maxBytes"]').value = String(Math.round((document.maxBytes / megabyte) * 100) / 100);
    for (const box of row.querySelectorAll('input[type="checkbox"]')) {
      box.checked = document.contentTypes.includes(box.value);
    }
  });
  document.getElementById('round-title').textContent = t('roundSetup.editTitle', { title: round.title });
  form.querySelector('button[type="submit"]').textContent = t('js.secretariat.round-setup.save-changes');
}

function fillList(name, items, fill) {
  lists[name].container.replaceChildren();
  for (const item of items) {
    fill(addRow(name, false), item);
  }

  if (items.length === 0) {
    addRow(name, false);
  }
}

async function saveRound() {
  clearProblems(form);
  notice.hidden = true;
  const { body, problems } = request();
  if (Object.keys(problems).length > 0) {
    showProblem(form, { errors: problems });
    return;
  }

  const result = await api(`/api/rounds/${encodeURIComponent(editing.id)}`, { method: 'PUT', body, headers: { 'If-Match': editing.etag } });
  if (result.status === 412) {
    showProblem(form, { title: t('js.secretariat.review-due.the-round-changed-meanwhile'), detail: t('js.secretariat.round.reload-to-see') });
    return;
  }

  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  editing.etag = result.headers.get('ETag') ?? editing.etag;
  created(result.data);
  announce(notice, element('strong', t('roundSetup.saved', { title: result.data.title })),
    element('p', [t('roundSetup.savedDeadline', { deadline: deadlineOf(result.data) }), ' ',
      element('a', t('js.secretariat.round-setup.see-it-as-applicants-do'), { href: `/applicant/round.html?id=${encodeURIComponent(result.data.id)}` }), '.']));
}

function resetForm() {
  const keep = { fundId: form.elements.namedItem('fundId').value, timeZone: form.elements.namedItem('timeZone').value };
  form.reset();
  form.elements.namedItem('fundId').value = keep.fundId;
  form.elements.namedItem('timeZone').value = keep.timeZone;
  for (const name of Object.keys(lists)) {
    lists[name].container.replaceChildren();
    addRow(name, false);
  }
}

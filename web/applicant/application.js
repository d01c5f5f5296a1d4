// The application form (application.html?id=): an Applicant fills in a draft, saves it with
// If-Match (so two colleagues editing at once cannot overwrite each other), uploads its documents,
// works through the checklist, checks the answers (every problem shown at once first) and submits.
// Afterwards the page reads as a document and shows where the application stands, checking every few
// seconds while the eligibility check is under way, and the fund's decision once released.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem } from '../shared/forms.js';
import { clockTime, countdownOf, deadlineOf, localTime } from '../shared/format.js';
import { keepDraft } from '../shared/drafts.js';
import { fill, read, setEditable, setUp, state, updateBudgetTotal } from './application-fields.js';
import { setDocumentsEditable, setUpDocuments, showDocuments, uploadedDocuments, uploadedTypes } from './application-documents.js';
import { itemsFor, problemsOf, renderChecklist } from './application-checklist.js';
import { showStatus, statusSentence } from './application-status.js';
import { setUpAnswers, showAnswers } from './application-answers.js';
import { showDecision } from './application-decision.js';
import { loadCountries } from '../shared/countries.js';
import { nodes, t } from '../shared/i18n.js';

const pollEveryMs = 2500;
const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const form = document.getElementById('application-form');
const notice = document.getElementById('notice');
const saveState = document.getElementById('save-state');
const saveButton = document.getElementById('save');
const checkButton = document.getElementById('check-application');
const checkSection = document.getElementById('check-section');
const submitButton = document.getElementById('submit-application');

let application = null;
let etag = '';
let editable = false;
let missing = {};

// Typed work survives a session that ends mid-edit: every change is also kept in this browser until the
// API has it, and offered back when the page opens again (after signing in, which returns here).
const draft = keepDraft(`tfg-unsaved-application:${id}`, () => work(autosave));

const me = await startPage({ requires: 'signed-in' });
if (me) {
  await load();
}

async function load() {
  const [result, countries] = await Promise.all([api(`/api/applications/${encodeURIComponent(id)}`), loadCountries()]);
  document.getElementById('loading').hidden = true;
  if (!result.ok) {
    // 404 for an application that is not there or not this person's to see; 403 for a role that sees none.
    notFound(result);
    return;
  }

  const round = await api(`/api/rounds/${encodeURIComponent(result.data.roundId)}`);
  if (!round.ok) {
    notFound(round);
    return;
  }

  setUp(round.data, countries);
  setUpAnswers(round.data, countries);
  setUpDocuments(id, round.data, refreshChecklist);
  showRound(round.data, result.data);
  // Back to where this person lists applications: their own, or a round's submissions.
  const back = document.getElementById('back');
  if (me.roles.includes('Secretariat') && !me.roles.includes('Applicant')) {
    back.querySelector('a').replaceChildren(t('secretariat.ranking.link-funds-and-rounds'));
    back.querySelector('a').setAttribute('href', '/secretariat/rounds.html#submissions-title');
  }

  back.hidden = false;
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    work(save);
  });
  checkButton.addEventListener('click', () => work(checkAnswers));
  submitButton.addEventListener('click', () => work(submit));
  setUpWithdraw();

  show(result.data, result.headers.get('ETag'));
  form.hidden = false;
  watchDeadline(round.data);
  restoreKept();
  if (params.has('new')) {
    history.replaceState(null, '', `${location.pathname}?id=${encodeURIComponent(id)}`);
    saveState.textContent = t('js.applicant.application.your-draft-is-started-save');
  }
}

/**
 * An open draft notices its deadline pass without a click: the submit button goes, and the page says
 * why. Long waits are checked every minute, since timers drift when a laptop sleeps.
 */
function watchDeadline(round) {
  const closes = new Date(round.closesAtLocal).getTime();
  const check = () => {
    if (!editable || Number.isNaN(closes)) {
      return;
    }

    if (Date.now() < closes) {
      setTimeout(check, Math.min(60_000, closes - Date.now() + 50));
      return;
    }

    backTo(null);
    checkButton.hidden = true;
    submitButton.hidden = true;
    notice.classList.add('message-warning');
    announce(notice, element('p', t('application.deadlinePassed', { deadline: deadlineOf(round) })));
  };
  check();
}

function notFound(result) {
  const missingOne = result.status === 404 || result.status === 403;
  const heading = document.getElementById('page-title');
  heading.textContent = missingOne ? t('js.applicant.application.application-not-found') : t('js.applicant.application.the-application-could-not-be');
  announce(notice, element('p', missingOne
    ? t('js.applicant.application.there-is-no-application-at')
    : (result.problem.detail ?? t('js.applicant.application.please-try-again-in-a'))));
  notice.classList.add('message-warning');
}

// An applicant knows who they are; anyone else reading (the Secretariat) is told who applied.
function showRound(round, { organisationName }) {
  const line = document.getElementById('round-line');
  const call = element('a', '', { href: `/applicant/round.html?id=${encodeURIComponent(round.id)}` });
  line.replaceChildren(...(organisationName && !me.roles.includes('Applicant')
    ? nodes('application.fromFor', { organisation: organisationName, call: round.title, deadline: deadlineOf(round) }, element('strong', ''), call)
    : nodes('application.for', { call: round.title, deadline: deadlineOf(round) }, call)), ...countdownOf(round));
  line.hidden = false;
}

/** Shows the application as the API gave it, with the ETag to send with the next save. */
function show(data, newEtag) {
  application = data;
  etag = newEtag ?? etag;
  editable = data.status === 'Draft' && me.roles.includes('Applicant');
  const title = data.title || t('js.applicant.application.untitled-application');
  document.getElementById('page-title').textContent = title;
  document.title = `${title} – TrustFundGrants`;
  fill(data);
  showDocuments(data.documents);
  setEditable(editable);
  setDocumentsEditable(editable);
  showStatus(data);
  showDecision(data, me.roles.includes('Secretariat') && !me.roles.includes('Applicant'));
  // Once it can no longer change, the application reads as a document: its answers, not a locked form.
  document.getElementById('form-fields').hidden = !editable;
  document.getElementById('answers-section').hidden = editable;
  if (!editable) {
    showAnswers(document.getElementById('answers-list'), data);
  }

  checkSection.hidden = true;
  form.hidden = false;
  document.getElementById('withdraw').hidden = !me.roles.includes('Applicant') || !['Draft', 'Submitted', 'Eligible', 'Ineligible', 'UnderReview'].includes(data.status);
  draft.clean(etag);
  missing = {};
  refreshChecklist();
  if (data.status === 'Submitted') {
    poll();
  }
}

function edited(event) {
  if (event.target.type === 'file') {
    return;
  }

  const wasDirty = draft.dirty;
  if (draft.changed(read().body) && !wasDirty) {
    saveState.textContent = t('js.applicant.application.you-have-changes-that-are');
  }

  updateBudgetTotal();
  refreshChecklist();
}

/** Saves a moment after typing stops; a form that is not yet valid waits for its next change or the Save button. */
async function autosave() {
  if (!draft.dirty || !editable || read().problems) {
    return;
  }

  await save({ quiet: true });
}

/** Puts back changes this browser kept that the API never received (see drafts.js). */
function restoreKept() {
  if (!editable) {
    draft.forget();
    return;
  }

  draft.restore((body) => {
    fill({ ...application, title: body.title, summary: body.summary, requestedAmount: body.requestedAmount, durationMonths: body.durationMonths, details: body });
    refreshChecklist();
  }, notice, {
    restoreAnyway: t('application.restoreAnyway'),
    keptButChanged: (time) => t('application.keptButChanged', { time }),
    restored: (time) => { saveState.textContent = t('application.restored', { time }); },
  });
}

function refreshChecklist() {
  if (editable) {
    renderChecklist(itemsFor(state(), uploadedTypes()), missing);
  }
}

/**
 * Runs actions one after another, with the form's buttons disabled meanwhile. A click while the
 * autosave runs waits for it rather than being lost; a second click on a disabled button cannot come.
 */
let queue = Promise.resolve();
function work(action) {
  queue = queue.then(async () => {
    const buttons = [saveButton, checkButton, submitButton];
    form.setAttribute('aria-busy', 'true');
    buttons.forEach((button) => { button.disabled = true; });
    try {
      await action();
    } finally {
      form.setAttribute('aria-busy', 'false');
      buttons.forEach((button) => { button.disabled = false; });
    }
  }).catch((error) => console.error(error));
  return queue;
}

/**
 * Saves the draft. `quiet` (the autosave) leaves the form as the person has it: no problems summary
 * taking focus, and the API's answer is not written back into the fields they may still be typing in.
 */
async function save({ quiet = false } = {}) {
  if (!quiet) {
    clearProblems(form);
    notice.hidden = true;
  }

  const { body, problems } = read();
  if (problems) {
    showProblem(form, { errors: problems });
    return false;
  }

  saveState.textContent = t('js.applicant.application.saving');
  const sentVersion = draft.version;
  const result = await api(`/api/applications/${encodeURIComponent(id)}`, { method: 'PUT', body, headers: { 'If-Match': etag } });
  if (result.ok && (quiet || draft.version !== sentVersion)) {
    application = result.data;
    const title = result.data.title || t('js.applicant.application.untitled-application');
    document.getElementById('page-title').textContent = title;
    document.title = `${title} – TrustFundGrants`;
    etag = result.headers.get('ETag') ?? etag;
    draft.saved(sentVersion, etag);
    saveState.textContent = t('application.savedAt', { time: clockTime(new Date()) });
    return true;
  }

  if (result.ok) {
    show(result.data, result.headers.get('ETag'));
    draft.forget();
    saveState.textContent = t('application.savedAt', { time: clockTime(new Date()) });
    return true;
  }

  saveState.textContent = t('js.applicant.application.not-saved');
  if (result.status === 412 || result.status === 428) {
    const reload = element('button', t('js.applicant.application.reload-the-application'), { type: 'button' });
    reload.addEventListener('click', () => location.reload());
    showProblem(form, {
      title: t('js.applicant.application.someone-changed-this-application-meanwhile'),
      detail: t('js.applicant.application.your-changes-are-not-saved'),
    }, reload);
    return false;
  }

  if (result.status === 409) {
    showProblem(form, { title: t('js.applicant.application.this-application-can-no-longer'), detail: result.problem.detail });
    await refresh();
    return false;
  }

  showProblem(form, result.problem);
  return false;
}

/**
 * Everything still missing or wrong, all at once, next to each field; else the answers as saved, to
 * check before submitting (unsaved changes are saved first, so what is checked is what is sent).
 */
async function checkAnswers() {
  clearProblems(form);
  notice.hidden = true;
  const { problems } = read();
  if (!problems && draft.dirty && !(await save())) {
    return;
  }

  const errors = { ...problemsOf(itemsFor(state(), uploadedTypes())), ...(problems ?? {}) };
  if (Object.keys(errors).length > 0) {
    missing = errors;
    refreshChecklist();
    showProblem(form, { errors, title: t('js.applicant.application.the-application-is-not-complete') });
    return;
  }

  showAnswers(document.getElementById('check-list'), { ...application, documents: uploadedDocuments() }, backTo);
  form.hidden = true;
  checkSection.hidden = false;
  document.getElementById('check-title').focus();
}

/** From the answers back to the form, at one field (or none). */
function backTo(target) {
  checkSection.hidden = true;
  form.hidden = false;
  if (target) {
    document.getElementById(target)?.focus();
  }
}

async function submit() {
  const result = await api(`/api/applications/${encodeURIComponent(id)}/submit`, { method: 'POST' });
  backTo(null);
  if (result.ok) {
    await refresh();
    notice.classList.remove('message-warning');
    notice.classList.add('message-success');
    announce(
      notice,
      element('strong', t('application.submitted', { reference: result.data.reference })),
      t('application.submittedDetail', { time: localTime(result.data.submittedAt) }));
    return;
  }

  if (result.status === 400) {
    missing = result.problem.errors ?? {};
    refreshChecklist();
    showProblem(form, { ...result.problem, title: t('js.applicant.application.the-application-is-not-complete') });
    return;
  }

  if (result.status === 409) {
    showProblem(form, { title: t('js.applicant.application.this-application-cannot-be-submitted'), detail: result.problem.detail });
    return;
  }

  showProblem(form, result.problem);
}

/** Reads the application again (after submitting, or when it changed elsewhere). */
async function refresh() {
  const result = await api(`/api/applications/${encodeURIComponent(id)}`);
  if (result.ok) {
    show(result.data, result.headers.get('ETag'));
  }
}

let polling = null;

// While the eligibility check runs, the status is read again every few seconds; the change is
// shown and read out without a reload.
function poll() {
  if (polling) {
    return;
  }

  polling = setTimeout(async () => {
    polling = null;
    const result = await api(`/api/applications/${encodeURIComponent(id)}`);
    if (!result.ok) {
      poll();
      return;
    }

    if (result.data.status !== application.status) {
      application = result.data;
      etag = result.headers.get('ETag') ?? etag;
      showStatus(result.data);
      document.getElementById('live').textContent = statusSentence(result.data);
    }

    if (result.data.status === 'Submitted') {
      poll();
    }
  }, pollEveryMs);
}

function setUpWithdraw() {
  const start = document.getElementById('withdraw-start');
  const confirm = document.getElementById('withdraw-confirm');
  const problem = document.getElementById('withdraw-problem');
  start.addEventListener('click', () => {
    start.hidden = true;
    confirm.hidden = false;
    problem.hidden = true;
    document.getElementById('withdraw-confirm-title').focus();
  });
  document.getElementById('withdraw-no').addEventListener('click', () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  const yes = document.getElementById('withdraw-yes');
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const result = await api(`/api/applications/${encodeURIComponent(id)}/withdraw`, { method: 'POST' });
    yes.disabled = false;
    if (!result.ok) {
      problem.textContent = result.problem.detail ?? result.problem.title ?? t('js.applicant.application.withdrawing-did-not-work-please');
      problem.hidden = false;
      return;
    }

    confirm.hidden = true;
    start.hidden = false;
    await refresh();
    notice.classList.remove('message-success');
    notice.classList.add('message-warning');
    announce(notice, element('strong', t('js.applicant.application.your-application-is-withdrawn')), t('js.applicant.application.the-fund-will-not-consider'));
  });
}

// The application form (application.html?id=): an Applicant fills in a draft, saves it with
// If-Match (so two colleagues editing at once cannot overwrite each other), uploads its documents,
// works through the checklist and submits. Afterwards the page is read-only and shows where the
// application stands, checking every few seconds while the eligibility check is under way.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem } from '../shared/forms.js';
import { deadlineOf, localTime } from '../shared/format.js';
import { fill, read, setEditable, setUp, state, updateBudgetTotal } from './application-fields.js';
import { setDocumentsEditable, setUpDocuments, showDocuments, uploadedTypes } from './application-documents.js';
import { itemsFor, renderChecklist } from './application-checklist.js';
import { showStatus, statusSentence } from './application-status.js';

const pollEveryMs = 2500;
const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const form = document.getElementById('application-form');
const notice = document.getElementById('notice');
const saveState = document.getElementById('save-state');
const saveButton = document.getElementById('save');
const submitButton = document.getElementById('submit-application');

let application = null;
let etag = '';
let editable = false;
let dirty = false;
let busy = false;
let missing = {};

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
  setUpDocuments(id, round.data, refreshChecklist);
  showRound(round.data, result.data);
  // Back to where this person lists applications: their own, or a round's submissions.
  const back = document.getElementById('back');
  if (me.roles.includes('Secretariat') && !me.roles.includes('Applicant')) {
    back.querySelector('a').replaceChildren('Funds and rounds');
    back.querySelector('a').setAttribute('href', '/secretariat/rounds.html#submissions-title');
  }

  back.hidden = false;
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    work(save);
  });
  submitButton.addEventListener('click', () => work(submit));
  setUpWithdraw();

  show(result.data, result.headers.get('ETag'));
  form.hidden = false;
  if (params.has('new')) {
    history.replaceState(null, '', `${location.pathname}?id=${encodeURIComponent(id)}`);
    saveState.textContent = 'Your draft is started. Save it as often as you like; nothing is sent to the fund until you submit.';
  }
}

function notFound(result) {
  const missingOne = result.status === 404 || result.status === 403;
  const heading = document.getElementById('page-title');
  heading.textContent = missingOne ? 'Application not found' : 'The application could not be loaded';
  announce(notice, element('p', missingOne
    ? 'There is no application at this address, or it is not one you may see. Check the link, or find it under My applications.'
    : (result.problem.detail ?? 'Please try again in a few minutes.')));
  notice.classList.add('message-warning');
}

async function loadCountries() {
  const response = await fetch('/shared/data/countries.json');
  return response.ok ? response.json() : [];
}

// An applicant knows who they are; anyone else reading (the Secretariat) is told who applied.
function showRound(round, { organisationName }) {
  const line = document.getElementById('round-line');
  const from = organisationName && !me.roles.includes('Applicant') ? ['From ', element('strong', organisationName), ', for the call '] : ['For the call '];
  line.replaceChildren(...from, element('a', round.title, { href: `/applicant/round.html?id=${encodeURIComponent(round.id)}` }), `. Deadline: ${deadlineOf(round)}.`);
  line.hidden = false;
}

/** Shows the application as the API gave it, with the ETag to send with the next save. */
function show(data, newEtag) {
  application = data;
  etag = newEtag ?? etag;
  editable = data.status === 'Draft' && me.roles.includes('Applicant');
  const title = data.title || 'Untitled application';
  document.getElementById('page-title').textContent = title;
  document.title = `${title} – TrustFundGrants`;
  fill(data);
  showDocuments(data.documents);
  setEditable(editable);
  setDocumentsEditable(editable);
  showStatus(data);
  document.getElementById('withdraw').hidden = !me.roles.includes('Applicant') || !['Draft', 'Submitted', 'Eligible', 'Ineligible', 'UnderReview'].includes(data.status);
  dirty = false;
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

  if (!dirty) {
    dirty = true;
    saveState.textContent = 'You have changes that are not saved yet.';
  }

  updateBudgetTotal();
  refreshChecklist();
}

function refreshChecklist() {
  if (editable) {
    renderChecklist(itemsFor(state(), uploadedTypes()), missing);
  }
}

/** Runs one action at a time, with the form's buttons disabled meanwhile. */
async function work(action) {
  if (busy) {
    return;
  }

  busy = true;
  form.setAttribute('aria-busy', 'true');
  saveButton.disabled = true;
  submitButton.disabled = true;
  try {
    await action();
  } finally {
    busy = false;
    form.setAttribute('aria-busy', 'false');
    saveButton.disabled = false;
    submitButton.disabled = false;
  }
}

async function save() {
  clearProblems(form);
  notice.hidden = true;
  const { body, problems } = read();
  if (problems) {
    showProblem(form, { errors: problems });
    return false;
  }

  saveState.textContent = 'Saving…';
  const result = await api(`/api/applications/${encodeURIComponent(id)}`, { method: 'PUT', body, headers: { 'If-Match': etag } });
  if (result.ok) {
    show(result.data, result.headers.get('ETag'));
    saveState.textContent = `Saved at ${new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date())}.`;
    return true;
  }

  saveState.textContent = 'Not saved.';
  if (result.status === 412 || result.status === 428) {
    const reload = element('button', 'Reload the application', { type: 'button' });
    reload.addEventListener('click', () => location.reload());
    showProblem(form, {
      title: 'Someone changed this application meanwhile.',
      detail: 'Your changes are not saved, so theirs are not lost. Copy anything you wrote that you want to keep, reload to see the current application, then make your change again.',
    }, reload);
    return false;
  }

  if (result.status === 409) {
    showProblem(form, { title: 'This application can no longer change.', detail: result.problem.detail });
    await refresh();
    return false;
  }

  showProblem(form, result.problem);
  return false;
}

async function submit() {
  if (dirty && !(await save())) {
    return;
  }

  clearProblems(form);
  const result = await api(`/api/applications/${encodeURIComponent(id)}/submit`, { method: 'POST' });
  if (result.ok) {
    await refresh();
    notice.classList.remove('message-warning');
    notice.classList.add('message-success');
    announce(
      notice,
      element('strong', `Your application is submitted. Its reference is ${result.data.reference}.`),
      `Submitted ${localTime(result.data.submittedAt)}. We have emailed you an acknowledgement; the result of the eligibility check follows, and shows on this page.`);
    return;
  }

  if (result.status === 400) {
    missing = result.problem.errors ?? {};
    refreshChecklist();
    showProblem(form, { ...result.problem, title: 'The application is not complete yet' });
    return;
  }

  if (result.status === 409) {
    showProblem(form, { title: 'This application cannot be submitted.', detail: result.problem.detail });
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
      problem.textContent = result.problem.detail ?? result.problem.title ?? 'Withdrawing did not work. Please try again.';
      problem.hidden = false;
      return;
    }

    confirm.hidden = true;
    start.hidden = false;
    await refresh();
    notice.classList.remove('message-success');
    notice.classList.add('message-warning');
    announce(notice, element('strong', 'Your application is withdrawn.'), 'The fund will not consider it. You can start a new application from the call’s page while the call is open.');
  });
}

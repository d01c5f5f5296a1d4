// One call for proposals (anyone): its terms, questions, scoring and documents; an Applicant starts
// an application here (POST /api/rounds/{id}/applications) and goes on to the application form.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, showProblem, whileBusy } from '../shared/forms.js';
import { deadlineOf, fileSize, formatMoney, formatNames, inRoundZone, localTime, roundStatusName, statusName } from '../shared/format.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const notice = document.getElementById('notice');
const applyForm = document.getElementById('apply-form');
let round = null;

applyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(applyForm, apply);
});

const [me, result] = await Promise.all([startPage(), api(`/api/rounds/${encodeURIComponent(id)}`, { on401: 'return' })]);
document.getElementById('loading').hidden = true;
if (!result.ok) {
  const missing = result.status === 404;
  document.getElementById('page-title').textContent = missing ? 'This call was not found' : 'The call could not be loaded';
  announce(notice, element('p', missing ? 'Check the link, or choose a call from the list of open calls.' : (result.problem.detail ?? 'Please try again in a few minutes.')));
} else {
  round = result.data;
  show(round);
  await showApply(me);
}

function show(call) {
  document.title = `${call.title} – TrustFundGrants`;
  document.getElementById('page-title').textContent = call.title;
  const totalWeight = call.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  document.getElementById('round-facts').append(
    ...row('Status', roundStatusName(call.status)),
    ...row('Opens', inRoundZone(call.opensAtLocal, call.timeZone)),
    ...row('Deadline', deadlineOf(call)),
    ...row('Funding available', formatMoney(call.envelope)),
    ...row('Grant size', `${formatMoney(call.minGrant)} to ${formatMoney(call.maxGrant)}`),
    ...row('Longest project', call.maxDurationMonths === 1 ? '1 month' : `${call.maxDurationMonths} months`));

  const description = document.getElementById('round-description');
  for (const paragraph of call.description.split(/\n\s*\n/).map((text) => text.trim()).filter(Boolean)) {
    description.append(element('p', paragraph));
  }

  document.getElementById('eligibility').append(...call.eligibility.map((question) => element('li', question.question)));
  document.getElementById('eligibility-none').hidden = call.eligibility.length > 0;
  document.getElementById('eligibility-some').hidden = call.eligibility.length === 0;

  document.getElementById('criteria').append(...call.criteria.map((criterion) => element('tr', [
    element('th', [element('span', criterion.title, { class: 'strong' }), criterion.description ? element('span', criterion.description, { class: 'cell-hint' }) : ''], { scope: 'row' }),
    element('td', totalWeight > 0 ? `${Math.round((criterion.weight / totalWeight) * 100)}%` : String(criterion.weight), { class: 'number' }),
    element('td', String(criterion.maxScore), { class: 'number' }),
  ])));

  document.getElementById('documents').append(...call.requiredDocuments.map((required) => element('tr', [
    element('th', required.title, { scope: 'row' }),
    element('td', formatNames(required.contentTypes)),
    element('td', fileSize(required.maxBytes), { class: 'number' }),
  ])));
  document.getElementById('documents-none').hidden = call.requiredDocuments.length > 0;
  document.getElementById('documents-some').hidden = call.requiredDocuments.length === 0;
  document.getElementById('round').hidden = false;
}

async function showApply(me) {
  const section = document.getElementById('apply');
  const body = document.getElementById('apply-body');
  if (round.status !== 'Open') {
    if (round.status === 'Upcoming') {
      body.append(element('p', `Applications open on ${inRoundZone(round.opensAtLocal, round.timeZone)}.`));
      section.hidden = false;
    }

    return;
  }

  section.hidden = false;
  if (!me) {
    body.append(element('p', [element('a', 'Sign in', { href: '/signin.html' }), ' to apply. There is no password: we email you a link.']));
    return;
  }

  if (!me.roles.includes('Applicant')) {
    if (!me.organisationId && me.roles.length === 0) {
      body.append(element('p', [element('a', 'Register your organisation', { href: '/applicant/organisation.html' }), ' first; then come back to this call to apply.']));
    } else {
      body.append(element('p', 'Organisations apply to this call; your role does not.'));
    }

    return;
  }

  // An organisation that has started already continues its application rather than starting another by mistake.
  const existing = await api(`/api/applications?roundId=${encodeURIComponent(round.id)}&limit=100`);
  if (existing.ok && existing.data.items.length > 0) {
    body.append(
      element('p', 'Your organisation has started on this call:'),
      element('ul', existing.data.items.map((application) => element('li', [
        element('a', application.title || 'Untitled application', { href: `/applicant/application.html?id=${encodeURIComponent(application.id)}` }),
        ` – ${statusName(application.status)}, last changed ${localTime(application.updatedAt)}`,
      ])), { class: 'plain-list' }));
    applyForm.querySelector('button').textContent = 'Start another application';
  }

  applyForm.hidden = false;
}

async function apply() {
  const result = await api(`/api/rounds/${encodeURIComponent(round.id)}/applications`, { method: 'POST' });
  if (result.ok) {
    location.assign(`/applicant/application.html?id=${encodeURIComponent(result.data.id)}&new`);
    return;
  }

  showProblem(applyForm, result.status === 409
    ? { title: 'This call does not take applications now.', detail: result.problem.detail }
    : result.problem);
}

function row(term, description) {
  return [element('dt', term), element('dd', description)];
}

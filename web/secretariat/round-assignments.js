// The round's assignments for the Secretariat (GET /api/rounds/{roundId}/assignments): who reviews
// which application and how far they are, each reviewer's load, and taking a reviewer off
// (DELETE /api/assignments/{id}) while their review is not submitted. The table is read again after
// every change on the page, so it is always the service's word rather than the page's guess.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { localTime } from '../shared/format.js';

const rows = document.getElementById('assignments');
const result = document.getElementById('assignments-result');
const progressNames = { NotStarted: 'Not started', Draft: 'Draft saved' };
let roundId = '';
let panel = () => [];
let assignments = [];

/** Reads the round's assignments; `reviewers()` gives the panel now, to name reviewers by email. */
export async function setUpRoundAssignments(round, reviewers) {
  roundId = round.id;
  panel = reviewers;
  await refreshAssignments();
}

/** Reads and draws the assignments again; an unread list keeps the last one drawn and says so. */
export async function refreshAssignments() {
  const answer = await api(`/api/rounds/${encodeURIComponent(roundId)}/assignments`);
  document.getElementById('assignments-stale').hidden = answer.ok;
  if (answer.ok) {
    assignments = answer.data;
    draw();
  }
}

/** The status the table last showed for assignment `id` (Assigned, Recused, Removed), or null. */
export function assignmentStatus(id) {
  return assignments.find((a) => a.id === id)?.status ?? null;
}

function draw() {
  const emails = new Map(panel().map((r) => [r.userId, r.email]));
  const emailOf = (a) => emails.get(a.reviewerId) ?? 'A reviewer who left the panel';
  const byApplication = (a, b) => a.applicationTitle.localeCompare(b.applicationTitle) || (a.reference ?? '').localeCompare(b.reference ?? '') || emailOf(a).localeCompare(emailOf(b));
  rows.replaceChildren(...[...assignments].sort(byApplication).map((a) => element('tr', [
    element('th', [a.applicationTitle, element('span', a.reference ?? '', { class: 'cell-hint' })], { scope: 'row' }),
    element('td', emailOf(a), { class: 'email' }),
    element('td', progressOf(a)),
    element('td', mayTakeOff(a) ? takeOffButton(a, emailOf(a)) : ''),
  ])));
  document.getElementById('assignments-list').hidden = assignments.length === 0;
  document.getElementById('assignments-none').hidden = assignments.length > 0;
  drawLoads(emails);
}

function progressOf(a) {
  if (a.status === 'Removed') {
    return 'Taken off';
  }

  if (a.status === 'Recused') {
    return 'Stepped back';
  }

  return a.reviewStatus === 'Submitted'
    ? ['Submitted ', element('time', localTime(a.reviewSubmittedAt), { datetime: a.reviewSubmittedAt })]
    : progressNames[a.reviewStatus] ?? a.reviewStatus;
}

// A submitted review counts in the ranking, so the API keeps its reviewer; the button is not offered.
function mayTakeOff(a) {
  return a.status === 'Assigned' && a.reviewStatus !== 'Submitted';
}

function takeOffButton(a, email) {
  const button = element('button', ['Take off', element('span', ` ${email} from ${a.applicationTitle}`, { class: 'visually-hidden' })], { type: 'button', class: 'secondary small' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await api(`/api/assignments/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
    await refreshAssignments();
    if (answer.ok) {
      tell('message-success', `${email} no longer reviews ${a.applicationTitle}.`, 'A draft they saved is kept. Assign them again to put them back.');
    } else {
      button.disabled = false;
      tell('message-warning', `${email} was not taken off ${a.applicationTitle}.`, answer.problem.detail ?? answer.problem.title ?? 'Please try again.');
    }
  });
  return button;
}

// Everyone on the panel, those with nothing yet too, so an uneven spread is seen at a glance.
function drawLoads(emails) {
  const active = assignments.filter((a) => a.status === 'Assigned');
  const count = (id, submitted) => active.filter((a) => a.reviewerId === id && (!submitted || a.reviewStatus === 'Submitted')).length;
  document.getElementById('loads').replaceChildren(...[...emails].map(([id, email]) => element('li', `${email}: ${count(id, true)} of ${count(id, false)} submitted`)));
  document.getElementById('loads-part').hidden = emails.size === 0;
}

function tell(kind, heading, text) {
  result.classList.remove('message-success', 'message-warning');
  result.classList.add(kind);
  announce(result, element('strong', heading), text);
}

// Assigning a closed round's eligible applications to its panel (POST /api/rounds/{roundId}/assignments/auto):
// how many assignments were added, which applications are still short of reviewers, and each
// reviewer's load. Running it again only fills gaps, so the button stays.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, whileBusy } from '../shared/forms.js';
import { eligibleApplications } from './eligible-applications.js';
import { refreshAssignments } from './round-assignments.js';

const form = document.getElementById('assign-form');
const result = document.getElementById('assign-result');

/** Wires the button for `round`; `panel()` gives the reviewers on the panel now, to name them. */
export function setUpAutoAssign(round, panel) {
  document.getElementById('assign-about').textContent = `Once the call has closed, each eligible application gets ${round.reviewersPerApplication} reviewers from the panel: never one who declared a tie to the applicant, and with the work spread evenly. Running it again keeps every assignment made and only fills gaps, after someone steps back or joins the panel.`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, () => assign(round, panel()));
  });
}

async function assign(round, reviewers) {
  clearProblems(form);
  result.hidden = true;
  const run = await api(`/api/rounds/${encodeURIComponent(round.id)}/assignments/auto`, { method: 'POST' });
  if (!run.ok) {
    showProblem(form, run.status === 409 ? { title: 'Reviewers were not assigned.', detail: run.problem.detail } : run.problem);
    return;
  }

  await refreshAssignments();
  const { added, shortfalls, loads } = run.data;
  const parts = [element('strong', added === 0 ? 'No assignments added: every application already has its reviewers, or nobody free is left.' : `${added} ${added === 1 ? 'assignment' : 'assignments'} added.`)];
  if (shortfalls.length === 0) {
    parts.push(element('p', `Every eligible application has its ${round.reviewersPerApplication} reviewers.`));
  } else {
    const titles = new Map((await eligibleApplications(round.id)).map((a) => [a.id, a.title]));
    parts.push(
      element('p', `${shortfalls.length} ${shortfalls.length === 1 ? 'application is' : 'applications are'} still short of reviewers. Add reviewers to the panel, then assign again.`),
      element('ul', shortfalls.map((s) => element('li', `${titles.get(s.applicationId) ?? s.applicationId}: ${s.assigned} of ${round.reviewersPerApplication} reviewers, ${s.missing} more needed.`)), { 'aria-label': 'Applications short of reviewers' }));
  }

  if (loads.length > 0) {
    const emails = new Map(reviewers.map((r) => [r.userId, r.email]));
    parts.push(
      element('p', 'Applications per reviewer now:'),
      element('ul', loads.map((l) => element('li', `${emails.get(l.reviewerId) ?? 'A reviewer who left the panel'}: ${l.assigned}`)), { 'aria-label': 'Applications per reviewer' }));
  }

  // Applications left short are work for the Secretariat, so the result then reads as a warning.
  result.classList.toggle('message-warning', shortfalls.length > 0);
  result.classList.toggle('message-success', shortfalls.length === 0);
  announce(result, ...parts);
}

// Assigning a closed round's eligible applications to its panel (POST /api/rounds/{roundId}/assignments/auto):
// how many assignments were added, which applications are still short of reviewers, and each
// reviewer's load. Running it again only fills gaps, so the button stays.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, whileBusy } from '../shared/forms.js';
import { eligibleApplications } from './eligible-applications.js';
import { refreshAssignments } from './round-assignments.js';
import { t } from '../shared/i18n.js';

const form = document.getElementById('assign-form');
const result = document.getElementById('assign-result');

/** Wires the button for `round`; `panel()` gives the reviewers on the panel now, to name them. */
export function setUpAutoAssign(round, panel) {
  document.getElementById('assign-about').textContent = t('autoAssign.about', { count: round.reviewersPerApplication });
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
    showProblem(form, run.status === 409 ? { title: t('js.secretariat.auto-assign.reviewers-were-not-assigned'), detail: run.problem.detail } : run.problem);
    return;
  }

  await refreshAssignments();
  const { added, shortfalls, loads } = run.data;
  const parts = [element('strong', added === 0 ? t('js.secretariat.auto-assign.no-assignments-added-every-application') : `${added} ${added === 1 ? 'assignment' : 'assignments'} added.`)];
  if (shortfalls.length === 0) {
    parts.push(element('p', t('autoAssign.complete', { count: round.reviewersPerApplication })));
  } else {
    const titles = new Map((await eligibleApplications(round.id)).map((a) => [a.id, a.title]));
    parts.push(
      element('p', t('autoAssign.short', { count: shortfalls.length })),
      element('ul', shortfalls.map((s) => element('li', t('autoAssign.shortOne', { title: titles.get(s.applicationId) ?? s.applicationId, assigned: s.assigned, wanted: round.reviewersPerApplication, missing: s.missing }))), { 'aria-label': t('js.secretariat.auto-assign.applications-short-of-reviewers') }));
  }

  if (loads.length > 0) {
    const emails = new Map(reviewers.map((r) => [r.userId, r.email]));
    parts.push(
      element('p', t('js.secretariat.auto-assign.applications-per-reviewer-now')),
      element('ul', loads.map((l) => element('li', `${emails.get(l.reviewerId) ?? t('js.secretariat.auto-assign.a-reviewer-who-left-the')}: ${l.assigned}`)), { 'aria-label': t('js.secretariat.auto-assign.applications-per-reviewer') }));
  }

  // Applications left short are work for the Secretariat, so the result then reads as a warning.
  result.classList.toggle('message-warning', shortfalls.length > 0);
  result.classList.toggle('message-success', shortfalls.length === 0);
  announce(result, ...parts);
}

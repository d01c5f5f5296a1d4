// My assignments (Reviewer): every application assigned to this reviewer, across calls, with how
// many reviews are submitted and where each one stands, linking to its review page.
import { api } from './api.js';
import { startPage } from './nav.js';
import { element } from './dom.js';
import { announce } from './forms.js';
import { formatMoney, localTime, reviewStateName } from './format.js';

if (await startPage({ requires: 'Reviewer' })) {
  await load();
} else {
  document.getElementById('loading').hidden = true;
}

async function load() {
  const result = await api('/api/assignments');
  if (!result.ok) {
    document.getElementById('loading').hidden = true;
    announce(document.getElementById('notice'), element('strong', result.problem.title ?? 'Your assignments could not be loaded.'), result.problem.detail ?? '');
    return;
  }

  const assignments = result.data;
  // The list names ids only; each application and call is read for its title (a recused one is no longer visible).
  const [applications, rounds] = await Promise.all([
    readAll(assignments.filter((a) => a.status !== 'Recused').map((a) => a.applicationId), (id) => `/api/applications/${encodeURIComponent(id)}`),
    readAll(assignments.map((a) => a.roundId), (id) => `/api/rounds/${encodeURIComponent(id)}`),
  ]);
  document.getElementById('loading').hidden = true;
  showProgress(assignments);
  document.getElementById('rows').replaceChildren(...assignments.map((a) => row(a, applications.get(a.applicationId), rounds.get(a.roundId))));
  document.getElementById('list').hidden = assignments.length === 0;
  document.getElementById('none').hidden = assignments.length > 0;
}

async function readAll(ids, pathOf) {
  const found = new Map();
  await Promise.all([...new Set(ids)].map(async (id) => {
    const result = await api(pathOf(id));
    if (result.ok) {
      found.set(id, result.data);
    }
  }));
  return found;
}

function showProgress(assignments) {
  const active = assignments.filter((a) => a.status !== 'Recused');
  const submitted = active.filter((a) => a.reviewStatus === 'Submitted').length;
  const recused = assignments.length - active.length;
  let text = `${submitted} of ${active.length} ${active.length === 1 ? 'review' : 'reviews'} submitted.`;
  if (recused > 0) {
    text += ` You stepped back from ${recused === 1 ? '1 application' : `${recused} applications`}.`;
  }

  document.getElementById('progress-text').textContent = text;
  const bar = document.getElementById('progress');
  bar.max = Math.max(active.length, 1);
  bar.value = submitted;
  document.getElementById('progress-section').hidden = assignments.length === 0;
}

function row(assignment, application, round) {
  const state = reviewStateName(assignment);
  const title = application?.title || (assignment.status === 'Recused' ? 'An application you stepped back from' : 'Untitled application');
  const name = assignment.status === 'Recused'
    ? element('span', title)
    : element('a', title, { href: `/review.html?id=${encodeURIComponent(assignment.id)}` });
  return element('tr', [
    element('th', [name, application?.reference ? element('span', application.reference, { class: 'cell-hint' }) : ''], { scope: 'row' }),
    element('td', round?.title ?? ''),
    element('td', application ? formatMoney(application.requestedAmount) : '—', { class: 'number' }),
    element('td', element('span', state, { class: `status review-${state.toLowerCase().replaceAll(' ', '-')}` })),
    element('td', element('time', localTime(assignment.assignedAt), { datetime: assignment.assignedAt })),
  ]);
}

// My assignments (Reviewer): every application assigned to this reviewer, across calls, with how
// many reviews are submitted and where each one stands, linking to its review page.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { inRoundZone, localTime, reviewStateName } from '../shared/format.js';

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

  // The API leaves out assignments the Secretariat took off; the filter keeps the page right if one slips through.
  const assignments = result.data.filter((a) => a.status !== 'Removed');
  // Each assignment carries its application's title; the calls are read for their titles and due dates (a reviewer sits on few).
  const rounds = await readRounds(assignments.map((a) => a.roundId));
  document.getElementById('loading').hidden = true;
  showProgress(assignments);
  showDueDates(assignments, rounds);
  document.getElementById('rows').replaceChildren(...assignments.map((a) => row(a, rounds.get(a.roundId))));
  document.getElementById('list').hidden = assignments.length === 0;
  document.getElementById('none').hidden = assignments.length > 0;
}

async function readRounds(ids) {
  const found = new Map();
  await Promise.all([...new Set(ids)].map(async (id) => {
    const result = await api(`/api/rounds/${encodeURIComponent(id)}`);
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

// The dates reviews fall due, per call with reviews still to submit: what a reviewer plans around.
function showDueDates(assignments, rounds) {
  const open = new Set(assignments.filter((a) => a.status === 'Assigned' && a.reviewStatus !== 'Submitted').map((a) => a.roundId));
  const lines = [...open].map((id) => rounds.get(id)).filter((round) => round?.reviewDueAtLocal)
    .map((round) => element('li', [`Reviews for “${round.title}” are due by `, element('strong', dueOf(round)), '.']));
  document.getElementById('due-dates').replaceChildren(...lines);
  document.getElementById('due-dates').hidden = lines.length === 0;
}

function dueOf(round) {
  return inRoundZone(round.reviewDueAtLocal, round.timeZone);
}

function row(assignment, round) {
  const state = reviewStateName(assignment);
  const title = assignment.applicationTitle || 'Untitled application';
  const name = assignment.status === 'Recused'
    ? element('span', title)
    : element('a', title, { href: `/review/review.html?id=${encodeURIComponent(assignment.id)}` });
  const stateCell = [element('span', state, { class: `status review-${state.toLowerCase().replaceAll(' ', '-')}` })];
  if (assignment.reviewSubmittedAt) {
    stateCell.push(element('span', ['on ', element('time', localTime(assignment.reviewSubmittedAt), { datetime: assignment.reviewSubmittedAt })], { class: 'cell-hint' }));
  }

  return element('tr', [
    element('th', [name, assignment.reference ? element('span', assignment.reference, { class: 'cell-hint' }) : ''], { scope: 'row' }),
    element('td', [round?.title ?? '', round?.reviewDueAtLocal ? element('span', `Reviews due by ${dueOf(round)}`, { class: 'cell-hint' }) : '']),
    element('td', stateCell),
    element('td', element('time', localTime(assignment.assignedAt), { datetime: assignment.assignedAt })),
  ]);
}

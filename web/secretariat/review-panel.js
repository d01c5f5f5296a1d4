// A round's review panel (Secretariat, review-panel.html?roundId=): who is on it, adding reviewers
// by email (POST /api/rounds/{roundId}/reviewers), when reviews are due (review-due.js), and
// assigning them once the round closes, all at once (auto-assign.js) or by hand (manual-assign.js),
// and the round's assignments with their progress (round-assignments.js).
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { deadlineOf, localTime, roundStatusName } from '../shared/format.js';
import { setUpAutoAssign } from './auto-assign.js';
import { setReviewers, setUpManualAssign } from './manual-assign.js';
import { setUpReviewDue } from './review-due.js';
import { refreshAssignments, setUpRoundAssignments } from './round-assignments.js';

const roundId = new URLSearchParams(location.search).get('roundId') ?? '';
const form = document.getElementById('reviewer-form');
let reviewers = [];

if (await startPage({ requires: 'Secretariat' })) {
  const [round, panel] = await Promise.all([api(`/api/rounds/${encodeURIComponent(roundId)}`), api(panelPath())]);
  if (!round.ok || !panel.ok) {
    document.getElementById('loading').hidden = true;
    const failed = round.ok ? panel : round;
    document.getElementById('page-title').textContent = failed.status === 404 ? 'Round not found' : 'The panel could not be loaded';
    announce(document.getElementById('notice'), element('p', failed.status === 404
      ? 'Check the link, or choose the round under Funds and rounds.'
      : (failed.problem.detail ?? 'Please try again in a few minutes.')));
  } else {
    // Loading… stays until the applications to assign by hand and the assignments are read too.
    await show(round.data, round.headers.get('ETag') ?? '', panel.data);
    document.getElementById('loading').hidden = true;
  }
} else {
  document.getElementById('loading').hidden = true;
}

function panelPath() {
  return `/api/rounds/${encodeURIComponent(roundId)}/reviewers`;
}

async function show(round, etag, panel) {
  document.getElementById('page-title').textContent = `Review panel: ${round.title}`;
  document.title = `Review panel: ${round.title} – TrustFundGrants`;
  document.getElementById('round-line').textContent = `${roundStatusName(round.status)}, deadline ${deadlineOf(round)}. ${round.reviewersPerApplication} reviewers per application${round.blindReview ? '; reviewed blind' : ''}.`;
  document.getElementById('ranking-link').href = `/secretariat/ranking.html?roundId=${encodeURIComponent(round.id)}`;
  reviewers = panel;
  drawReviewers();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, add);
  });
  setUpReviewDue(round, etag);
  setUpAutoAssign(round, () => reviewers);
  await Promise.all([setUpManualAssign(round, reviewers), setUpRoundAssignments(round, () => reviewers)]);
  document.getElementById('page').hidden = false;
}

function drawReviewers() {
  document.getElementById('reviewers').replaceChildren(...reviewers.map((reviewer) => element('tr', [
    element('th', reviewer.email, { scope: 'row' }),
    element('td', element('time', localTime(reviewer.addedAt), { datetime: reviewer.addedAt })),
  ])));
  document.getElementById('reviewers-list').hidden = reviewers.length === 0;
  document.getElementById('reviewers-none').hidden = reviewers.length > 0;
}

async function add() {
  clearProblems(form);
  const notice = document.getElementById('reviewer-notice');
  notice.hidden = true;
  const result = await api(panelPath(), { method: 'POST', body: { email: values(form).email } });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  // 201 adds them; 200 says they were on the panel already.
  const added = result.status === 201;
  if (added) {
    reviewers = [...reviewers, result.data].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    drawReviewers();
    setReviewers(reviewers);
    await refreshAssignments();
  }

  form.reset();
  announce(notice, element('strong', added ? `${result.data.email} is on the panel.` : `${result.data.email} was already on the panel.`),
    added ? 'We emailed them to sign in and declare any conflicts of interest.' : 'Nothing changed.');
}

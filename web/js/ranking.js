// A round's ranking (Secretariat, ranking.html?roundId=): the API's ranking with the funding line,
// deciding each application within the envelope, and releasing the decisions. The API does not say
// which decisions are held, so the page shows those recorded here since it was opened.
import { api } from './api.js';
import { startPage } from './nav.js';
import { element } from './dom.js';
import { announce } from './forms.js';
import { deadlineOf, formatMoney, outcomeName } from './format.js';
import { renderRanking } from './ranking-table.js';
import { openDecision, setUpDecisionForm } from './decision-form.js';
import { setUpRelease } from './release.js';

const roundId = new URLSearchParams(location.search).get('roundId') ?? '';
const decisions = new Map();
let ranking = null;

if (await startPage({ requires: 'Secretariat' })) {
  const [round, result] = await Promise.all([api(`/api/rounds/${encodeURIComponent(roundId)}`), api(rankingPath())]);
  document.getElementById('loading').hidden = true;
  if (!round.ok || !result.ok) {
    const failed = round.ok ? result : round;
    document.getElementById('page-title').textContent = failed.status === 404 ? 'Round not found' : 'The ranking could not be loaded';
    announce(document.getElementById('notice'), element('p', failed.status === 404
      ? 'Check the link, or choose the round under Funds and rounds.'
      : (failed.problem.detail ?? 'Please try again in a few minutes.')));
  } else {
    show(round.data, result.data);
  }
} else {
  document.getElementById('loading').hidden = true;
}

function rankingPath() {
  return `/api/rounds/${encodeURIComponent(roundId)}/ranking`;
}

function show(round, data) {
  document.getElementById('page-title').textContent = `Ranking: ${round.title}`;
  document.title = `Ranking: ${round.title} – TrustFundGrants`;
  document.getElementById('round-line').textContent = `Envelope ${formatMoney(round.envelope)}. Deadline ${deadlineOf(round)}. ${round.reviewersPerApplication} reviewers per application.`;
  document.getElementById('panel-link').href = `/review-panel.html?roundId=${encodeURIComponent(round.id)}`;
  ranking = data;
  setUpDecisionForm(decided);
  setUpRelease(round.id, released);
  draw();
  document.getElementById('page').hidden = false;
}

function draw() {
  renderRanking(ranking, decisions, openDecision);
}

function decided(row, decision) {
  decisions.set(row.applicationId, decision);
  draw();
  const amount = decision.approvedAmount ? `, ${formatMoney(decision.approvedAmount)}` : '';
  document.getElementById('live').textContent = `${outcomeName(decision.outcome)}${amount}: ${row.title}. Held until you release decisions.`;
  // The row was drawn again; focus goes to its button so keyboard users stay where they were.
  document.querySelector(`[data-application="${CSS.escape(row.applicationId)}"] button`)?.focus();
}

// Released applications leave the ranking (it lists undecided, eligible ones), so it is read again.
async function released() {
  decisions.clear();
  const result = await api(rankingPath());
  if (result.ok) {
    ranking = result.data;
    draw();
  }
}

// A round's ranking (Secretariat, ranking.html?roundId=): the API's ranking with the funding line,
// each application's decision as recorded (held or released), what is approved and what remains of
// the envelope, deciding each application, and releasing the decisions. After each decision or
// release the ranking is read again, so totals and rows are always the API's.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { deadlineOf, formatMoney, outcomeName } from '../shared/format.js';
import { renderRanking } from './ranking-table.js';
import { openDecision, setUpDecisionForm } from './decision-form.js';
import { setUpRelease } from './release.js';

const roundId = new URLSearchParams(location.search).get('roundId') ?? '';
const live = document.getElementById('live');

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

function show(round, ranking) {
  document.getElementById('page-title').textContent = `Ranking: ${round.title}`;
  document.title = `Ranking: ${round.title} – TrustFundGrants`;
  document.getElementById('round-line').textContent = `Envelope ${formatMoney(round.envelope)}. Deadline ${deadlineOf(round)}. ${round.reviewersPerApplication} reviewers per application.`;
  document.getElementById('panel-link').href = `/secretariat/review-panel.html?roundId=${encodeURIComponent(round.id)}`;
  setUpDecisionForm(decided);
  setUpRelease(round.id, reload);
  draw(ranking);
  document.getElementById('page').hidden = false;
}

function draw(ranking) {
  renderRanking(ranking, openDecision);
  document.getElementById('approved').textContent = formatMoney(ranking.approved);
  document.getElementById('remaining').textContent = formatMoney(ranking.remaining);
  document.getElementById('envelope').textContent = formatMoney(ranking.envelope);
  const rows = [...ranking.ranked, ...ranking.unscored];
  const held = rows.filter((row) => row.decision && !row.decision.released).length;
  document.getElementById('held').textContent = held === 0
    ? 'No decisions are held: there is nothing to release yet.'
    : `${held} ${held === 1 ? 'decision is' : 'decisions are'} held, waiting to be released.`;
  return ranking;
}

async function reload() {
  const result = await api(rankingPath());
  if (!result.ok) {
    announce(document.getElementById('notice'), element('p', `The ranking could not be read again: ${result.problem.detail ?? result.problem.title}. Reload the page.`));
    return null;
  }

  return draw(result.data);
}

async function decided(row, decision) {
  const ranking = await reload();
  const amount = decision.approvedAmount ? `, ${formatMoney(decision.approvedAmount)}` : '';
  const remaining = ranking ? ` ${formatMoney(ranking.remaining)} of the envelope remains.` : '';
  live.textContent = `${outcomeName(decision.outcome)}${amount}: ${row.title || 'Untitled application'}. Held until you release decisions.${remaining}`;
  // The row was drawn again; focus goes to its button so keyboard users stay where they were.
  document.querySelector(`[data-application="${CSS.escape(row.applicationId)}"] button`)?.focus();
}

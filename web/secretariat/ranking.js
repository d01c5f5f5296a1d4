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
import { t } from '../shared/i18n.js';

const params = new URLSearchParams(location.search);
const roundId = params.get('roundId') ?? '';
const live = document.getElementById('live');

if (await startPage({ requires: 'Secretariat' })) {
  const [round, result] = await Promise.all([api(`/api/rounds/${encodeURIComponent(roundId)}`), api(rankingPath())]);
  document.getElementById('loading').hidden = true;
  if (!round.ok || !result.ok) {
    const failed = round.ok ? result : round;
    document.getElementById('page-title').textContent = failed.status === 404 ? t('js.secretariat.ranking.round-not-found') : t('js.secretariat.ranking.the-ranking-could-not-be');
    announce(document.getElementById('notice'), element('p', failed.status === 404
      ? t('js.secretariat.ranking.check-the-link-or-choose')
      : (failed.problem.detail ?? t('js.secretariat.ranking.please-try-again-in-a'))));
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
  document.getElementById('page-title').textContent = t('ranking.title', { title: round.title });
  document.title = `${t('ranking.title', { title: round.title })} – TrustFundGrants`;
  document.getElementById('round-line').textContent = t('ranking.roundLine', { envelope: formatMoney(round.envelope), deadline: deadlineOf(round), count: round.reviewersPerApplication });
  document.getElementById('panel-link').href = `/secretariat/review-panel.html?roundId=${encodeURIComponent(round.id)}`;
  setUpDecisionForm(decided, round.minGrant);
  setUpRelease(round.id, reload);
  draw(ranking);
  document.getElementById('page').hidden = false;
  decideFromReviews(ranking);
}

// Arriving from an application's reviews (?decide=id): its decision form opens, unless the decision is
// released (no button). The parameter is dropped so a reload shows the ranking as it is.
function decideFromReviews(ranking) {
  const applicationId = params.get('decide');
  if (!applicationId) {
    return;
  }

  params.delete('decide');
  history.replaceState(null, '', `${location.pathname}?${params}`);
  const row = [...ranking.ranked, ...ranking.unscored].find((each) => each.applicationId === applicationId);
  const button = document.querySelector(`[data-application="${CSS.escape(applicationId)}"] button`);
  if (row && button) {
    openDecision(row, button);
  }
}

function draw(ranking) {
  renderRanking(ranking, openDecision);
  document.getElementById('approved').textContent = formatMoney(ranking.approved);
  document.getElementById('remaining').textContent = formatMoney(ranking.remaining);
  document.getElementById('envelope').textContent = formatMoney(ranking.envelope);
  const rows = [...ranking.ranked, ...ranking.unscored];
  const held = rows.filter((row) => row.decision && !row.decision.released).length;
  document.getElementById('held').textContent = held === 0
    ? t('js.secretariat.ranking.no-decisions-are-held-there')
    : t('ranking.held', { count: held });
  return ranking;
}

async function reload() {
  const result = await api(rankingPath());
  if (!result.ok) {
    announce(document.getElementById('notice'), element('p', t('ranking.reloadFailed', { problem: result.problem.detail ?? result.problem.title })));
    return null;
  }

  return draw(result.data);
}

async function decided(row, decision) {
  const ranking = await reload();
  const amount = decision.approvedAmount ? `, ${formatMoney(decision.approvedAmount)}` : '';
  const remaining = ranking ? ` ${t('ranking.remains', { amount: formatMoney(ranking.remaining) })}` : '';
  live.textContent = t('ranking.recorded', { outcome: `${outcomeName(decision.outcome)}${amount}`, title: row.title || t('js.secretariat.ranking.untitled-application') }) + remaining;
  // The row was drawn again; focus goes to its button so keyboard users stay where they were.
  document.querySelector(`[data-application="${CSS.escape(row.applicationId)}"] button`)?.focus();
}

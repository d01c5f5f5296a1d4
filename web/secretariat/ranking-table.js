// The ranking's tables: ranked applications in the API's order with the funding line drawn after
// the last one whose cumulative request fits the envelope, then those not yet scored. Each row has
// its flags in words (not colour alone), its decision as recorded, and a button to decide it until
// the decision is released.
import { element } from '../shared/dom.js';
import { formatMoney, outcomeName, score } from '../shared/format.js';

/** Draws `ranking`; `onDecide(row, button)` opens the decision form. */
export function renderRanking(ranking, onDecide) {
  const ranked = ranking.ranked;
  const lastWithin = ranked.findLastIndex((row) => row.withinEnvelope);
  const body = document.getElementById('ranked');
  const rows = ranked.map((row) => rankedRow(row, onDecide));
  // The line sits after the last row that fits; if none fits it opens the table, if all fit there is none.
  if (lastWithin < ranked.length - 1) {
    rows.splice(lastWithin + 1, 0, fundingLine(ranking.envelope));
  }

  body.replaceChildren(...rows);
  document.getElementById('ranked-wrap').hidden = ranked.length === 0;
  document.getElementById('ranked-none').hidden = ranked.length > 0;
  document.getElementById('ranked-caption').textContent = lastWithin === ranked.length - 1
    ? `Ranked applications; all of them fit in the envelope of ${formatMoney(ranking.envelope)}`
    : `Ranked applications, with the funding line where the envelope of ${formatMoney(ranking.envelope)} runs out`;

  document.getElementById('unscored').replaceChildren(...ranking.unscored.map((row) => element('tr', [
    element('th', applicationCell(row), { scope: 'row' }),
    element('td', reviewsCell(row)),
    element('td', formatMoney(row.requested), { class: 'number' }),
    element('td', decisionCell(row, onDecide)),
  ], { 'data-application': row.applicationId })));
  document.getElementById('unscored-wrap').hidden = ranking.unscored.length === 0;
  document.getElementById('unscored-none').hidden = ranking.unscored.length > 0;
}

function rankedRow(row, onDecide) {
  const range = row.reviews > 1 ? element('span', `${score(row.lowest)} to ${score(row.highest)}`, { class: 'cell-hint' }) : '';
  const disagreement = row.strongDisagreement ? flag('Reviewers disagree', 'flag-disagree') : '';
  return element('tr', [
    element('td', String(row.position), { class: 'number' }),
    element('th', applicationCell(row), { scope: 'row' }),
    element('td', [element('span', score(row.mean), { class: 'strong' }), range], { class: 'number' }),
    element('td', [score(row.spread), disagreement], { class: 'number' }),
    element('td', reviewsCell(row)),
    element('td', formatMoney(row.requested), { class: 'number' }),
    element('td', [formatMoney(row.cumulative), element('span', row.withinEnvelope ? 'Within the envelope' : 'Beyond the envelope', { class: 'cell-hint' })], { class: 'number' }),
    element('td', decisionCell(row, onDecide)),
  ], { class: row.withinEnvelope ? 'within-envelope' : 'beyond-envelope', 'data-application': row.applicationId });
}

function fundingLine(envelope) {
  return element('tr', element('td', [
    element('strong', 'Funding line. '),
    `The envelope of ${formatMoney(envelope)} runs out here: the requests below it do not fit in full.`,
  ], { colspan: '8' }), { class: 'funding-line' });
}

function applicationCell(row) {
  return [
    element('a', row.title || 'Untitled application', { href: `/applicant/application.html?id=${encodeURIComponent(row.applicationId)}` }),
    row.reference ? element('span', row.reference, { class: 'cell-hint' }) : '',
  ];
}

function reviewsCell(row) {
  return [`${row.reviews} of ${row.requiredReviews}`, row.missingReviews ? flag('Reviews missing', 'flag-missing') : ''];
}

function flag(text, kind) {
  return element('span', text, { class: `flag ${kind}` });
}

// A released decision has reached the applicant and no longer changes, so it has no button.
function decisionCell(row, onDecide) {
  const { decision } = row;
  const parts = [];
  if (decision) {
    const amount = decision.approvedAmount ? [', ', element('span', formatMoney(decision.approvedAmount), { class: 'amount' })] : [];
    parts.push(
      element('span', [outcomeName(decision.outcome), ...amount], { class: `strong status status-${decision.outcome}` }),
      element('span', decision.released ? 'Released to the applicant' : 'Held until release', { class: 'cell-hint' }));
  }

  if (!decision?.released) {
    const title = row.title || 'Untitled application';
    const button = element('button', [decision ? 'Change decision' : 'Decide', element('span', ` on ${title}`, { class: 'visually-hidden' })], { type: 'button', class: 'secondary small' });
    button.addEventListener('click', () => onDecide(row, button));
    parts.push(button);
  }

  return parts;
}

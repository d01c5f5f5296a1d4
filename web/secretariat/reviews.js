// One application's reviews for the Secretariat (reviews.html?roundId=&applicationId=), from the
// ranking: every submitted review's scores per criterion, weighted score, recommendation, recommended
// amount and comments, with the spread and the ranking's flags, so the decision's reasoning can draw
// on them. Reviews not submitted show their progress only.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element, keyboardScrollable } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney, localTime, score } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const params = new URLSearchParams(location.search);
const roundId = params.get('roundId') ?? '';
const applicationId = params.get('applicationId') ?? '';
document.getElementById('ranking-link').href = `/secretariat/ranking.html?${new URLSearchParams({ roundId })}`;
// Read, then decide: the ranking opens its decision form on this application.
document.getElementById('decide-link').href = `/secretariat/ranking.html?${new URLSearchParams({ roundId, decide: applicationId })}`;

if (await startPage({ requires: 'Secretariat' })) {
  const result = await api(`/api/rounds/${encodeURIComponent(roundId)}/applications/${encodeURIComponent(applicationId)}/reviews`);
  document.getElementById('loading').hidden = true;
  if (result.ok) {
    show(result.data);
  } else {
    announce(document.getElementById('notice'), element('p', result.status === 404 ? t('reviews.notFound') : (result.problem.detail ?? result.problem.title)));
  }
}

function show(summary) {
  const title = summary.title || t('js.secretariat.ranking.untitled-application');
  document.getElementById('page-title').textContent = t('reviews.heading', { title });
  document.title = `${t('reviews.heading', { title })} – TrustFundGrants`;
  const submitted = summary.reviews.filter((review) => review.status === 'Submitted');
  document.getElementById('overview').replaceChildren(
    ...fact(t('reviews.requested'), formatMoney(summary.requested)),
    ...fact(t('reviews.submitted'), t('rankingTable.reviewsOf', { count: submitted.length, required: summary.requiredReviews })),
    ...fact(t('reviews.mean'), score(summary.mean)),
    ...fact(t('reviews.range'), summary.mean === null ? '—' : t('reviews.rangeValue', { lowest: score(summary.lowest), highest: score(summary.highest), spread: score(summary.spread) })));
  const flags = [];
  if (summary.strongDisagreement) {
    flags.push(element('span', t('js.secretariat.ranking-table.reviewers-disagree'), { class: 'flag flag-disagree' }));
  }

  if (summary.missingReviews) {
    flags.push(element('span', t('js.secretariat.ranking-table.reviews-missing'), { class: 'flag flag-missing' }));
  }

  document.getElementById('flags').replaceChildren(...flags);
  document.getElementById('reviews').replaceChildren(...summary.reviews.map((review, index) => reviewSection(review, index, summary.criteria)));
  document.getElementById('page').hidden = false;
}

function reviewSection(review, index, criteria) {
  const headingId = `review-${index + 1}-title`;
  const who = review.reviewerEmail ?? t('js.secretariat.auto-assign.a-reviewer-who-left-the');
  const heading = element('h3', t('reviews.reviewBy', { number: index + 1, who }), { id: headingId });
  if (review.status !== 'Submitted') {
    return element('section', [heading, element('p', t(`reviews.status.${review.status}`))], { 'aria-labelledby': headingId, class: 'review-summary' });
  }

  const rows = criteria.map((criterion) => element('tr', [
    element('th', criterion.title, { scope: 'row' }),
    element('td', t('reviews.scoreOutOf', { score: review.scores?.[criterion.id] ?? '—', max: criterion.maxScore }), { class: 'number' }),
    element('td', String(criterion.weight), { class: 'number' }),
  ]));
  const table = keyboardScrollable(element('div', element('table', [
    element('caption', t('reviews.scoresCaption', { who }), { class: 'visually-hidden' }),
    element('thead', element('tr', [
      element('th', t('reviews.criterion'), { scope: 'col' }),
      element('th', t('reviews.score'), { scope: 'col', class: 'number' }),
      element('th', t('reviews.weight'), { scope: 'col', class: 'number' }),
    ])),
    element('tbody', rows),
  ]), { class: 'table-wrap' }));
  const comments = (review.comments ?? '').split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  return element('section', [
    heading,
    element('dl', [
      ...fact(t('reviews.recommendation'), t(`recommendation.${review.recommendation}`)),
      ...fact(t('reviews.recommendedAmount'), review.recommendedAmount ? formatMoney(review.recommendedAmount) : t('reviews.noAmount')),
      ...fact(t('reviews.weighted'), score(review.score)),
      ...fact(t('reviews.submittedAt'), localTime(review.submittedAt)),
    ], { class: 'details' }),
    table,
    element('h4', t('reviews.comments')),
    ...(comments.length === 0 ? [element('p', t('reviews.noComments'))] : comments.map((part) => element('p', part, { class: 'prose' }))),
  ], { 'aria-labelledby': headingId, class: 'review-summary' });
}

function fact(term, description) {
  return [element('dt', term), element('dd', description)];
}

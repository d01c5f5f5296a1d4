// The review form as the reviewer typed it: every problem found at once, in their words (the API's
// range and amount rules, checked here before anything is sent), and the answers to check before the
// review is submitted for good.
import { fillAnswers, paragraphs } from '../shared/check-answers.js';
import { decimalsOf, formatMoney, fromMinor, recommendations, toMinor } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const form = document.getElementById('review-form');
let criteria = [];
let currency = '';
let requested = null;

/** Remembers the round's rubric and currency, and the amount the application asks for. */
export function setUpCheck(round, requestedAmount) {
  criteria = round.criteria;
  currency = round.envelope.currency;
  requested = requestedAmount ?? null;
}

/** The form's fields exactly as typed, as kept in the browser between sign-ins. */
export function snapshot() {
  return {
    scores: Object.fromEntries([...form.querySelectorAll('[data-criterion]')].map((input) => [input.dataset.criterion, input.value])),
    comments: form.elements.namedItem('comments').value,
    recommendation: form.querySelector('[name="recommendation"]:checked')?.value ?? '',
    recommendedAmount: form.elements.namedItem('recommendedAmount').value,
  };
}

/** Puts a snapshot back into the form. */
export function putBack(kept) {
  for (const input of form.querySelectorAll('[data-criterion]')) {
    input.value = kept.scores?.[input.dataset.criterion] ?? '';
  }

  form.elements.namedItem('comments').value = kept.comments ?? '';
  for (const radio of form.querySelectorAll('[name="recommendation"]')) {
    radio.checked = radio.value === kept.recommendation;
  }

  form.elements.namedItem('recommendedAmount').value = kept.recommendedAmount ?? '';
}

/**
 * Every problem with the form at once, by the API's field names, or null. A draft may leave scores and
 * the recommendation for later; `final` (before submitting) needs them all.
 */
export function problemsIn(raw, final) {
  const problems = {};
  for (const criterion of criteria) {
    const text = (raw.scores[criterion.id] ?? '').trim();
    const key = `scores.${criterion.id}`;
    if (text === '') {
      if (final) {
        problems[key] = [t('reviewCheck.scoreMissing', { max: criterion.maxScore })];
      }
    } else if (!/^\d{1,4}$/.test(text) || Number(text) > criterion.maxScore) {
      problems[key] = [t('reviewForm.scoreRange', { max: criterion.maxScore })];
    }
  }

  if (final && !raw.recommendation) {
    problems.recommendation = [t('reviewCheck.recommendationMissing')];
  }

  const amount = raw.recommendedAmount.trim();
  const decimals = decimalsOf(requested?.amount ?? '0.00');
  if (amount) {
    const minor = toMinor(amount, decimals);
    if (minor === null) {
      problems.recommendedAmount = [t('reviewCheck.amountFormat', { currency })];
    } else if (requested && minor > toMinor(requested.amount, decimals)) {
      problems.recommendedAmount = [t('reviewCheck.amountAbove', { requested: formatMoney(requested) })];
    }
  }

  return Object.keys(problems).length > 0 ? problems : null;
}

/** The review as the API takes it, from a snapshot with no problems. */
export function bodyOf(raw) {
  const decimals = decimalsOf(requested?.amount ?? '0.00');
  const amount = toMinor(raw.recommendedAmount.trim(), decimals);
  return {
    scores: Object.fromEntries(Object.entries(raw.scores).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, Number(value.trim())])),
    comments: raw.comments.trim(),
    recommendation: raw.recommendation,
    recommendedAmount: amount === null ? null : { amount: fromMinor(amount, decimals), currency },
  };
}

/** Fills the check-your-answers list from the form; `change(id)` goes back to a field. */
export function showAnswers(list, raw, change) {
  const decimals = decimalsOf(requested?.amount ?? '0.00');
  const amount = toMinor(raw.recommendedAmount.trim(), decimals);
  fillAnswers(list, [
    ...criteria.map((criterion, index) => ({
      name: criterion.title,
      value: t('reviewCheck.scoreOf', { score: raw.scores[criterion.id].trim(), max: criterion.maxScore }),
      target: `score-${index}`,
    })),
    { name: t('review.review.comments-for-the-panel'), value: paragraphs(raw.comments), target: 'review-comments' },
    {
      name: t('review.review.your-recommendation'),
      value: recommendations.find((each) => each.code === raw.recommendation)?.name ?? '',
      target: `recommend-${raw.recommendation || recommendations[0].code}`,
    },
    { name: t('reviewCheck.amount'), value: amount === null ? '' : formatMoney({ amount: fromMinor(amount, decimals), currency }), target: 'review-amount' },
  ], change);
}

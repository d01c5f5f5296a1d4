// The review form's fields: one score per criterion of the round's rubric (its title, description,
// weight and the highest score it takes), comments, a recommendation and an optional amount. The
// API judges the scores' range so its message is the one shown; here a score is only read as a
// whole number, because the API takes numbers, not text.
import { element } from '../shared/dom.js';
import { formatMoney, recommendations, tidyAmount } from '../shared/format.js';
import { t } from '../shared/i18n.js';
import { scoreGuide } from './score-guide.js';

const form = document.getElementById('review-form');
let criteria = [];
let currency = '';

/** Builds the fields for the round's rubric; `requested` is the application's requested amount. */
export function setUpReviewForm(round, requested) {
  criteria = round.criteria;
  currency = round.envelope.currency;
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  document.getElementById('criteria').replaceChildren(...criteria.map((c, index) => criterionField(c, index, totalWeight)));
  document.getElementById('recommendations').replaceChildren(...recommendations.map((r) => element('div', [
    element('input', null, { type: 'radio', name: 'recommendation', value: r.code, id: `recommend-${r.code}` }),
    element('label', r.name, { for: `recommend-${r.code}` }),
  ], { class: 'choice' })));
  document.getElementById('review-currency').textContent = currency;
  document.getElementById('review-amount-hint').textContent = requested
    ? t('reviewForm.amountHint', { requested: formatMoney(requested), currency })
    : t('reviewForm.amountIn', { currency });
}

function criterionField(criterion, index, totalWeight) {
  const id = `score-${index}`;
  const share = totalWeight > 0 ? Math.round((criterion.weight / totalWeight) * 100) : 0;
  const described = [`${id}-weight`];
  const parts = [element('h3', criterion.title, { class: 'criterion-title' })];
  if (criterion.description) {
    parts.push(element('p', criterion.description, { class: 'hint', id: `${id}-description` }));
    described.unshift(`${id}-description`);
  }

  const guide = scoreGuide(criterion, `${id}-levels`);
  if (guide) {
    described.push(guide.id);
  }

  parts.push(
    element('p', `Weight ${criterion.weight} (${share}% of the score). Scored from 0 to ${criterion.maxScore}.`, { class: 'hint', id: `${id}-weight` }),
    ...(guide ? [guide] : []),
    element('p', null, { class: 'field-error', id: `${id}-error`, hidden: '' }),
    element('label', ['Score', element('span', ` for ${criterion.title}`, { class: 'visually-hidden' }), ` (0 to ${criterion.maxScore})`], { for: id }),
    element('input', null, {
      id, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '4', class: 'shorter',
      'data-criterion': criterion.id, 'aria-describedby': described.join(' '),
    }));
  return element('div', parts, { class: 'field criterion', 'data-field': `scores.${criterion.id}`, 'data-summary-name': criterion.title });
}

/** The form as the API's review request, or `problems` for what cannot be sent as it is. */
export function readReview() {
  const scores = {};
  const problems = {};
  for (const criterion of criteria) {
    const input = form.querySelector(`[data-criterion="${CSS.escape(criterion.id)}"]`);
    const text = input.value.trim();
    if (text === '') {
      continue;
    }

    if (/^-?\d{1,4}$/.test(text)) {
      scores[criterion.id] = Number(text);
    } else {
      problems[`scores.${criterion.id}`] = [t('reviewForm.scoreRange', { max: criterion.maxScore })];
    }
  }

  const amount = tidyAmount(form.elements.namedItem('recommendedAmount').value);
  const body = {
    scores,
    comments: form.elements.namedItem('comments').value.trim(),
    recommendation: form.querySelector('[name="recommendation"]:checked')?.value ?? '',
    recommendedAmount: amount ? { amount, currency } : null,
  };
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}

/** Fills the form from a review as the API keeps it (read back, or answered after a save). */
export function fillReview(review) {
  for (const criterion of criteria) {
    const score = review.scores[criterion.id];
    form.querySelector(`[data-criterion="${CSS.escape(criterion.id)}"]`).value = score === undefined ? '' : String(score);
  }

  form.elements.namedItem('comments').value = review.comments ?? '';
  for (const radio of form.querySelectorAll('[name="recommendation"]')) {
    radio.checked = radio.value === review.recommendation;
  }

  form.elements.namedItem('recommendedAmount').value = review.recommendedAmount?.amount ?? '';
}

/** A submitted review no longer changes: the fields stay readable but cannot be edited. */
export function lockReview() {
  document.getElementById('review-fields').disabled = true;
  for (const button of form.querySelectorAll('.form-actions button')) {
    button.hidden = true;
  }
}

// The review form's fields: one score per criterion of the round's rubric (its title, description,
// weight and the highest score it takes), comments, a recommendation and an optional amount. What
// the reviewer typed is read and checked in review-check.js.
import { element } from '../shared/dom.js';
import { amountInField, formatMoney, recommendations } from '../shared/format.js';
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

  form.elements.namedItem('recommendedAmount').value = amountInField(review.recommendedAmount?.amount);
}

/** A submitted review no longer changes: the fields stay readable but cannot be edited. */
export function lockReview() {
  document.getElementById('review-fields').disabled = true;
  for (const button of form.querySelectorAll('.form-actions button')) {
    button.hidden = true;
  }
}

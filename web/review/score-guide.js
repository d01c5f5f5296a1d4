// What each score of a criterion means, as the Secretariat described it in the round's rubric, shown
// under the criterion on the review form so reviewers score against the same scale.
import { element } from '../shared/dom.js';
import { t } from '../shared/i18n.js';

/** The guide for `criterion` (id `id`), or null when the rubric describes none of its scores. */
export function scoreGuide(criterion, id) {
  const levels = [...(criterion.levels ?? [])].sort((a, b) => a.score - b.score);
  if (levels.length === 0) {
    return null;
  }

  return element('div', [
    element('p', t('js.review.score-guide.title'), { class: 'score-guide-title' }),
    element('dl', levels.flatMap((level) => [element('dt', String(level.score)), element('dd', level.description)]), { class: 'score-guide' }),
  ], { id });
}

// "Check your answers" (the GOV.UK pattern) before a form is sent for good: every answer under what was
// asked, each with a "Change" link back to its field, then the one button that submits.
import { element } from './dom.js';
import { t } from './i18n.js';

/**
 * Fills `list` (a <dl>) with one row per answer: `{ name, value, target }`, where value is text, a node
 * or a list of either, and target the id of the field to go back to. `change(target)` runs on "Change".
 */
export function fillAnswers(list, rows, change) {
  list.replaceChildren(...rows.map(({ name, value, target }) => {
    const link = element('a', [t('check.change'), element('span', ` ${name}`, { class: 'visually-hidden' })], { href: `#${target}` });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      change(target);
    });
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    return element('div', [
      element('dt', name),
      element('dd', empty ? t('check.none') : value, { class: empty ? 'summary-value summary-empty' : 'summary-value' }),
      element('dd', link, { class: 'summary-change' }),
    ], { class: 'summary-row' });
  }));
}

/** Text that keeps its paragraphs (a summary, comments) as paragraphs. */
export function paragraphs(text) {
  return String(text ?? '').split(/\n{2,}/).map((part) => part.trim()).filter(Boolean).map((part) => element('p', part));
}

// "Check your answers" (the GOV.UK pattern) before a form is sent for good: every answer under what was
// asked, each with a "Change" link back to its field, then the one button that submits.
import { element } from './dom.js';
import { t } from './i18n.js';

/**
 * Fills `list` (a <dl>) with one row per answer: `{ name, value, target }`, where value is text, a node
 * or a list of either, and target the id of the field to go back to. `change(target)` runs on "Change";
 * without it the answers are only read (a submitted application reads as a document, not a form).
 */
export function fillAnswers(list, rows, change = null) {
  list.replaceChildren(...rows.map(({ name, value, target }) => {
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    const parts = [
      element('dt', name),
      element('dd', empty ? t('check.none') : value, { class: empty ? 'summary-value summary-empty' : 'summary-value' }),
    ];
    if (change) {
      const link = element('a', [t('check.change'), element('span', ` ${name}`, { class: 'visually-hidden' })], { href: `#${target}` });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        change(target);
      });
      parts.push(element('dd', link, { class: 'summary-change' }));
    }

    return element('div', parts, { class: 'summary-row' });
  }));
}

/** A list of short items (countries, budget lines) as a list, or nothing when there are none. */
export function listOf(items) {
  return items.length === 0 ? '' : element('ul', items.map((item) => element('li', item)));
}

/** Text that keeps its paragraphs (a summary, comments) as paragraphs. */
export function paragraphs(text) {
  return String(text ?? '').split(/\n{2,}/).map((part) => part.trim()).filter(Boolean).map((part) => element('p', part));
}

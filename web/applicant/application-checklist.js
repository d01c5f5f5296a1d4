// The completeness checklist: the same checks POST /api/applications/{id}/submit makes, worked out
// from the form as the person edits it, each linked to the field it is about. Item keys are the
// API's error names ("documents.budget", "eligibilityAnswers.registered"), so a 400 from submit
// marks the same items.
import { element } from '../shared/dom.js';
import { formatMoney } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const list = document.getElementById('checklist');
const count = document.getElementById('checklist-count');

/** The checklist's items for the form's state and the documents uploaded; `problem` says what to do about one not done. */
export function itemsFor(state, uploaded) {
  const { round } = state;
  const requestedInRange = state.requested !== null && state.requested >= state.minGrant && state.requested <= state.maxGrant;
  return [
    ...round.eligibility.map((question) => ({
      key: `eligibilityAnswers.${question.id}`,
      label: t('checklist.answer', { question: question.question }),
      problem: t('appCheck.answer'),
      done: question.id in state.answers,
      target: `elig-${question.id}-yes`,
    })),
    { key: 'title', label: t('js.applicant.application-checklist.project-title'), problem: t('appCheck.title'), done: state.title.length > 0, target: 'app-title' },
    { key: 'summary', label: t('checklist.summary'), problem: t('appCheck.summary'), done: state.summary.length > 0, target: 'app-summary' },
    {
      key: 'requestedAmount',
      label: t('checklist.amount', { min: formatMoney(round.minGrant), max: formatMoney(round.maxGrant) }),
      problem: t('appCheck.amount', { min: formatMoney(round.minGrant), max: formatMoney(round.maxGrant) }),
      done: requestedInRange,
      target: 'app-amount',
    },
    {
      key: 'durationMonths',
      label: t('checklist.duration', { count: round.maxDurationMonths }),
      problem: t('appCheck.duration', { max: round.maxDurationMonths }),
      done: state.durationMonths !== null && state.durationMonths >= 1 && state.durationMonths <= round.maxDurationMonths,
      target: 'app-duration',
    },
    { key: 'countries', label: t('js.applicant.application-checklist.at-least-one-country'), problem: t('appCheck.countries'), done: state.countries.length > 0, target: 'app-country' },
    {
      key: 'exploitationForms',
      label: t('js.applicant.application-checklist.forms-of-exploitation-addressed'),
      problem: t('appCheck.forms'),
      done: state.exploitationForms.length > 0,
      target: 'form-sexual-exploitation',
    },
    {
      key: 'plannedBeneficiaries',
      label: t('js.applicant.application-checklist.people-the-project-plans-to'),
      problem: t('appCheck.people'),
      done: state.beneficiaryCounts > 0,
      target: 'people-female-under-18',
    },
    {
      key: 'budgetLines',
      label: t('js.applicant.application-checklist.budget-lines-that-add-up'),
      problem: t('appCheck.budget'),
      done: state.budgetLineCount > 0 && state.budgetTotal !== null && state.requested !== null && state.budgetTotal === state.requested,
      target: 'app-budget-add',
    },
    ...round.requiredDocuments.map((required) => ({
      key: `documents.${required.type}`,
      label: t('checklist.uploaded', { title: required.title }),
      problem: t('appCheck.document', { title: required.title }),
      done: uploaded.has(required.type),
      target: `doc-${required.type}`,
    })),
  ];
}

/** What is not done yet, as field errors by the API's names, to show all at once before checking the answers. */
export function problemsOf(items) {
  return Object.fromEntries(items.filter((item) => !item.done).map((item) => [item.key, [item.problem]]));
}

/**
 * Draws the checklist. `missing` holds the API's messages from a refused submission, shown under
 * their items until the item is done.
 */
export function renderChecklist(items, missing = {}) {
  const done = items.filter((item) => item.done).length;
  count.replaceChildren(done === items.length
    ? element('strong', t('js.applicant.application-checklist.everything-is-ready-you-can'))
    : t('checklist.done', { done, count: items.length }));
  count.className = done === items.length ? 'checklist-ready' : '';
  list.replaceChildren(...items.map((item) => {
    const link = element('a', item.label, { href: `#${item.target}` });
    link.addEventListener('click', (event) => {
      const target = document.getElementById(item.target);
      if (target) {
        event.preventDefault();
        target.focus();
      }
    });
    const problem = !item.done && missing[item.key] ? element('span', [].concat(missing[item.key]).join(' '), { class: 'check-problem' }) : '';
    return element('li', [
      element('span', item.done ? t('checklist.badgeDone') : t('js.applicant.application-checklist.to-do'), { class: item.done ? 'badge badge-done' : 'badge badge-todo' }),
      element('span', [link, problem], { class: 'check-text' }),
    ], { class: item.done ? 'check-done' : 'check-todo', 'data-key': item.key });
  }));
  return done === items.length;
}

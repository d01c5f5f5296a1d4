// The completeness checklist: the same checks POST /api/applications/{id}/submit makes, worked out
// from the form as the person edits it, each linked to the field it is about. Item keys are the
// API's error names ("documents.budget", "eligibilityAnswers.registered"), so a 400 from submit
// marks the same items.
import { element } from '../shared/dom.js';
import { formatMoney } from '../shared/format.js';

const list = document.getElementById('checklist');
const count = document.getElementById('checklist-count');

/** The checklist's items for the form's state and the documents uploaded. */
export function itemsFor(state, uploaded) {
  const { round } = state;
  const requestedInRange = state.requested !== null && state.requested >= state.minGrant && state.requested <= state.maxGrant;
  return [
    { key: 'title', label: 'Project title', done: state.title.length > 0, target: 'app-title' },
    { key: 'summary', label: 'Summary', done: state.summary.length > 0, target: 'app-summary' },
    {
      key: 'requestedAmount',
      label: `Amount requested, from ${formatMoney(round.minGrant)} to ${formatMoney(round.maxGrant)}`,
      done: requestedInRange,
      target: 'app-amount',
    },
    {
      key: 'budgetLines',
      label: 'Budget lines that add up to the amount requested',
      done: state.budgetLineCount > 0 && state.budgetTotal !== null && state.requested !== null && state.budgetTotal === state.requested,
      target: 'app-budget-add',
    },
    {
      key: 'durationMonths',
      label: `Duration of at most ${round.maxDurationMonths} months`,
      done: state.durationMonths !== null && state.durationMonths >= 1 && state.durationMonths <= round.maxDurationMonths,
      target: 'app-duration',
    },
    { key: 'countries', label: 'At least one country', done: state.countries.length > 0, target: 'app-country' },
    { key: 'exploitationForms', label: 'Forms of exploitation addressed', done: state.exploitationForms.length > 0, target: 'form-sexual-exploitation' },
    { key: 'plannedBeneficiaries', label: 'People the project plans to reach', done: state.beneficiaryCounts > 0, target: 'people-female-under-18' },
    ...round.eligibility.map((question) => ({
      key: `eligibilityAnswers.${question.id}`,
      label: `Answer: ${question.question}`,
      done: question.id in state.answers,
      target: `elig-${question.id}-yes`,
    })),
    ...round.requiredDocuments.map((required) => ({
      key: `documents.${required.type}`,
      label: `${required.title} uploaded`,
      done: uploaded.has(required.type),
      target: `doc-${required.type}`,
    })),
  ];
}

/**
 * Draws the checklist. `missing` holds the API's messages from a refused submission, shown under
 * their items until the item is done.
 */
export function renderChecklist(items, missing = {}) {
  const done = items.filter((item) => item.done).length;
  count.replaceChildren(done === items.length
    ? element('strong', 'Everything is ready. You can submit the application.')
    : `${done} of ${items.length} done.`);
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
      element('span', item.done ? 'Done' : 'To do', { class: item.done ? 'badge badge-done' : 'badge badge-todo' }),
      element('span', [link, problem], { class: 'check-text' }),
    ], { class: item.done ? 'check-done' : 'check-todo', 'data-key': item.key });
  }));
  return done === items.length;
}

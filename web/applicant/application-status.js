// Where an application stands: its status and reference, a timeline (Draft → Submitted → the
// eligibility check's result), the reasons when it is ineligible, and withdrawing with a confirm step.
import { element } from '../shared/dom.js';
import { localTime, statusName } from '../shared/format.js';

const later = ['UnderReview', 'Approved', 'Rejected', 'Waitlisted'];

/** Draws the status part of the page for `application`. */
export function showStatus(application) {
  const status = document.getElementById('status-value');
  status.textContent = statusName(application.status);
  status.className = `status status-${application.status.toLowerCase()}`;
  const hasReference = Boolean(application.reference);
  document.getElementById('reference-term').hidden = !hasReference;
  const reference = document.getElementById('reference-value');
  reference.hidden = !hasReference;
  reference.textContent = application.reference ?? '';
  document.getElementById('timeline').replaceChildren(...steps(application).map(step));

  const reasons = document.getElementById('screening-reasons');
  reasons.hidden = application.screeningReasons.length === 0;
  reasons.replaceChildren(
    element('strong', 'Why the application is not eligible'),
    element('ul', application.screeningReasons.map((reason) => element('li', reason))));
  document.getElementById('status-section').hidden = false;
}

/** What a status change means, in a sentence read out when it happens. */
export function statusSentence(application) {
  switch (application.status) {
    case 'Eligible': return 'Your application is eligible and goes on to review.';
    case 'Ineligible': return 'Your application is not eligible. The reasons are shown under the timeline.';
    case 'Submitted': return 'Your application is submitted. We are checking its eligibility answers.';
    case 'Withdrawn': return 'Your application is withdrawn.';
    default: return `Your application is now ${statusName(application.status)}.`;
  }
}

function steps(application) {
  const status = application.status;
  const submitted = Boolean(application.submittedAt);
  const result = [
    { name: 'Draft', detail: `Started ${localTime(application.createdAt)}`, state: 'done' },
    submitted
      ? { name: 'Submitted', detail: `${localTime(application.submittedAt)}${application.reference ? `, reference ${application.reference}` : ''}`, state: 'done' }
      : { name: 'Submitted', detail: status === 'Withdrawn' ? 'Not submitted' : 'Not yet', state: 'todo' },
  ];

  if (status === 'Submitted') {
    result.push({ name: 'Eligibility check', detail: 'Under way: this page updates by itself.', state: 'current' });
  } else if (status === 'Eligible' || later.includes(status)) {
    result.push({ name: 'Eligible', detail: 'Goes on to review', state: 'done' });
  } else if (status === 'Ineligible') {
    result.push({ name: 'Ineligible', detail: 'Did not meet the call’s eligibility questions', state: 'done' });
  } else if (submitted || status === 'Draft') {
    result.push({ name: 'Eligibility check', detail: 'After you submit', state: 'todo' });
  }

  if (later.includes(status)) {
    result.push({ name: statusName(status), detail: '', state: 'done' });
  }

  if (status === 'Withdrawn') {
    result.push({ name: 'Withdrawn', detail: localTime(application.updatedAt), state: 'done' });
  }

  // The step the application has reached is the last one done (or the one under way).
  const current = result.findLastIndex((each) => each.state !== 'todo');
  result[current].current = true;
  return result;
}

function step({ name, detail, state, current }) {
  const attributes = { class: `step step-${state}` };
  if (current) {
    attributes['aria-current'] = 'step';
  }

  const hidden = state === 'todo' ? element('span', ' (not reached yet)', { class: 'visually-hidden' }) : '';
  return element('li', [element('span', [name, hidden], { class: 'step-name' }), detail ? element('span', detail, { class: 'step-detail' }) : ''], attributes);
}

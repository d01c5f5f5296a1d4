// Where an application stands: its status and reference, a timeline (Draft → Submitted → the
// eligibility check's result), the reasons when it is ineligible, and withdrawing with a confirm step.
import { element } from '../shared/dom.js';
import { formatMoney, localDate, localTime, statusName } from '../shared/format.js';
import { t } from '../shared/i18n.js';

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
    element('strong', t('js.applicant.application-status.why-the-application-is-not')),
    element('ul', application.screeningReasons.map((reason) => element('li', reason))));
  document.getElementById('status-section').hidden = false;
}

/** What a status change means, in a sentence read out when it happens. */
export function statusSentence(application) {
  switch (application.status) {
    case 'Eligible': return t('js.applicant.application-status.your-application-is-eligible-and');
    case 'Ineligible': return t('js.applicant.application-status.your-application-is-not-eligible');
    case 'Submitted': return t('js.applicant.application-status.your-application-is-submitted-we');
    case 'Withdrawn': return t('js.applicant.application-status.your-application-is-withdrawn');
    default: return t('appStatus.now', { status: statusName(application.status) });
  }
}

function steps(application) {
  const status = application.status;
  const submitted = Boolean(application.submittedAt);
  const result = [
    { name: statusName('Draft'), detail: t('appStatus.started', { time: localTime(application.createdAt) }), state: 'done' },
    submitted
      ? { name: statusName('Submitted'), detail: application.reference ? t('appStatus.submittedWithReference', { time: localTime(application.submittedAt), reference: application.reference }) : localTime(application.submittedAt), state: 'done' }
      : { name: statusName('Submitted'), detail: status === 'Withdrawn' ? t('js.applicant.application-status.not-submitted') : t('js.applicant.application-status.not-yet'), state: 'todo' },
  ];

  if (status === 'Submitted') {
    result.push({ name: t('appStatus.eligibilityCheck'), detail: t('js.applicant.application-status.under-way-this-page-updates'), state: 'current' });
  } else if (status === 'Eligible' || later.includes(status)) {
    result.push({ name: statusName('Eligible'), detail: t('js.applicant.application-status.goes-on-to-review'), state: 'done' });
  } else if (status === 'Ineligible') {
    result.push({ name: statusName('Ineligible'), detail: t('js.applicant.application-status.did-not-meet-the-call'), state: 'done' });
  } else if (submitted || status === 'Draft') {
    result.push({ name: t('appStatus.eligibilityCheck'), detail: t('js.applicant.application-status.after-you-submit'), state: 'todo' });
  }

  // The decision is a step of its own: awaited while the application is eligible, then its outcome
  // with the amount and date; an approval goes on to the grant agreement.
  const decision = application.decision;
  if (status === 'Eligible' || status === 'UnderReview') {
    result.push({ name: t('appStatus.decision'), detail: t('appStatus.decisionAfterReview'), state: 'todo' });
  } else if (later.includes(status)) {
    const when = decision?.decidedAt ? t('appStatus.decidedOn', { date: localDate(decision.decidedAt) }) : '';
    const amount = decision?.approvedAmount ? formatMoney(decision.approvedAmount) : '';
    result.push({ name: statusName(status), detail: [amount, when].filter(Boolean).join(' · '), state: 'done' });
    if (status === 'Approved') {
      result.push({ name: t('appStatus.agreement'), detail: t('appStatus.agreementNext'), state: 'todo' });
    }
  }

  if (status === 'Withdrawn') {
    result.push({ name: statusName('Withdrawn'), detail: localTime(application.updatedAt), state: 'done' });
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

  const hidden = state === 'todo' ? element('span', ` ${t('appStatus.notReached')}`, { class: 'visually-hidden' }) : '';
  return element('li', [element('span', [name, hidden], { class: 'step-name' }), detail ? element('span', detail, { class: 'step-detail' }) : ''], attributes);
}

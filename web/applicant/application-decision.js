// After the decision: the outcome, the amount approved (in the portal's number format), when it was
// decided, the panel's feedback, and what happens next — for an approval, the grant agreement.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { formatMoney, localDate, outcomeName } from '../shared/format.js';
import { paragraphs } from '../shared/check-answers.js';
import { nodes, t } from '../shared/i18n.js';

const section = document.getElementById('decision-section');

/** Shows the released decision of `application` (none before release); `secretariat` links to their own grant page. */
export async function showDecision(application, secretariat) {
  const decision = application.decision;
  section.hidden = !decision;
  if (!decision) {
    return;
  }

  const rows = [[t('decision.outcome'), outcomeName(decision.outcome)]];
  if (decision.approvedAmount) {
    rows.push([t('decision.amount'), formatMoney(decision.approvedAmount)]);
  }

  if (decision.decidedAt) {
    rows.push([t('decision.decidedOn'), localDate(decision.decidedAt)]);
  }

  document.getElementById('decision-details').replaceChildren(...rows.flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
  const feedback = paragraphs(decision.feedback);
  document.getElementById('decision-feedback').replaceChildren(...(feedback.length > 0 ? feedback : [element('p', t('decision.noFeedback'))]));
  document.getElementById('decision-next').replaceChildren(...await nextSteps(application, decision, secretariat));
}

async function nextSteps(application, decision, secretariat) {
  if (decision.outcome === 'rejected') {
    return [element('p', nodes('decision.next.rejected', {}, element('a', '', { href: '/applicant/rounds.html' })))];
  }

  if (decision.outcome === 'waitlisted') {
    return [element('p', t('decision.next.waitlisted'))];
  }

  // The grant follows the approval through background work, then the Secretariat sets its terms: until
  // the agreement is sent, it is being prepared.
  const grant = await api(`/api/grants/${encodeURIComponent(application.id)}`);
  const page = `/${secretariat ? 'secretariat' : 'applicant'}/grant.html?id=${encodeURIComponent(application.id)}`;
  if (!grant.ok || grant.data.status === 'Draft') {
    return [element('p', nodes('decision.next.preparing', {}, element('a', '', { href: secretariat ? '/secretariat/grants.html' : '/applicant/grants.html' })))];
  }

  const key = grant.data.status === 'AwaitingSignature' ? 'decision.next.toAccept' : 'decision.next.grant';
  return [element('p', nodes(key, {}, element('a', '', { href: page })))];
}

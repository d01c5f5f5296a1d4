// Deciding one application (POST /api/applications/{id}/decision): approve with an amount, waitlist
// or reject, with the panel's reasoning. An approval the envelope cannot hold is refused by the API
// with its own problem type naming what remains; the form offers that amount instead.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { amountInField, decimalsOf, formatMoney, tidyAmount, toMinor } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const envelopeExceeded = 'urn:trustfundgrants:problem:envelope-exceeded';

const section = document.getElementById('decision');
const form = document.getElementById('decision-form');
const amountField = document.getElementById('decision-amount-field');
const amount = document.getElementById('decision-amount');
let current = null;
let opener = null;
let decided = () => {};
let smallestGrant = null;

/** Wires the form; `onDecided(row, decision)` runs after the API records a decision. */
export function setUpDecisionForm(onDecided, minGrant) {
  smallestGrant = minGrant ?? null;
  decided = onDecided;
  form.addEventListener('change', (event) => {
    if (event.target.name === 'outcome') {
      showAmount(event.target.value === 'approved');
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, record);
  });
  document.getElementById('decision-cancel').addEventListener('click', close);
}

/** Opens the form for a ranking row; `button` gets focus back when the form closes. */
export function openDecision(row, button) {
  current = row;
  opener = button;
  clearProblems(form);
  form.reset();
  // Changing a decision starts from the one recorded (the reasoning is not in the ranking, so it is written again).
  const recorded = row.decision;
  if (recorded) {
    form.querySelector(`[name="outcome"][value="${CSS.escape(recorded.outcome)}"]`).checked = true;
  }

  showAmount(recorded?.outcome === 'approved');
  document.getElementById('decision-currency').textContent = row.requested.currency;
  amount.value = amountInField(recorded?.approvedAmount?.amount ?? row.requested.amount);
  document.getElementById('decision-title').textContent = t('decision.title', { title: row.title || t('js.secretariat.decision-form.untitled-application') });
  document.getElementById('decision-facts').textContent = [
    t('decision.requested', { amount: formatMoney(row.requested) }),
    row.position ? t('decision.ranked', { position: row.position }) : t('decision.notScored'),
    row.cumulative ? t('decision.cumulative', { amount: formatMoney(row.cumulative) }) : '',
  ].filter(Boolean).join('; ');
  section.hidden = false;
  document.getElementById('decision-title').focus();
}

function showAmount(approving) {
  amountField.hidden = !approving;
  amount.disabled = !approving;
}

function close() {
  section.hidden = true;
  opener?.focus();
}

async function record() {
  clearProblems(form);
  const fields = values(form);
  const body = { outcome: fields.outcome ?? '', rationale: fields.rationale ?? '' };
  if (fields.outcome === 'approved' && tidyAmount(fields.approvedAmount)) {
    body.approvedAmount = { amount: tidyAmount(fields.approvedAmount), currency: current.requested.currency };
  }

  const result = await api(`/api/applications/${encodeURIComponent(current.applicationId)}/decision`, { method: 'POST', body });
  if (result.ok) {
    section.hidden = true;
    decided(current, result.data);
    return;
  }

  if (result.problem.type === envelopeExceeded) {
    refusedBeyondEnvelope(result.problem.remaining);
    return;
  }

  if (result.status === 409) {
    showProblem(form, { title: t('js.secretariat.decision-form.this-decision-was-not-recorded'), detail: result.problem.detail });
    return;
  }

  showProblem(form, result.problem, ...(result.status === 412 ? [element('p', t('js.secretariat.decision-form.other-decisions-were-being-recorded'))] : []));
}

// The envelope cannot hold the amount: say what remains and offer it, or say plainly nothing does.
function refusedBeyondEnvelope(remaining) {
  const left = remaining ? toMinor(remaining.amount, decimalsOf(remaining.amount)) : null;
  const smallest = smallestGrant ? toMinor(smallestGrant.amount, decimalsOf(smallestGrant.amount)) : 0n;
  if (left !== null && left > 0n && smallest !== null && left < smallest) {
    // Less than the call's smallest grant is no grant this call makes: no offer, only the way out.
    showProblem(form, {
      title: t('js.secretariat.decision-form.the-envelope-cannot-hold-this'),
      detail: t('decision.belowSmallest', { amount: formatMoney(remaining), smallest: formatMoney(smallestGrant) }),
    });
    return;
  }

  if (left === null || left <= 0n) {
    showProblem(form, {
      title: t('js.secretariat.decision-form.nothing-remains-in-the-envelope'),
      detail: t('js.secretariat.decision-form.earlier-approvals-use-all-of'),
    });
    return;
  }

  const offer = element('button', t('decision.approveInstead', { amount: formatMoney(remaining) }), { type: 'button', class: 'secondary' });
  offer.addEventListener('click', () => {
    clearProblems(form);
    amount.value = amountInField(remaining.amount);
    amount.focus();
  });
  showProblem(form, {
    title: t('js.secretariat.decision-form.the-envelope-cannot-hold-this'),
    detail: t('decision.onlyRemains', { amount: formatMoney(remaining) }),
  }, offer);
}

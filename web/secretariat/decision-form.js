// Deciding one application (POST /api/applications/{id}/decision): approve with an amount, waitlist
// or reject, with the panel's reasoning. An approval the envelope cannot hold is refused by the API
// with its own problem type naming what remains; the form offers that amount instead.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { decimalsOf, formatMoney, tidyAmount, toMinor } from '../shared/format.js';

const envelopeExceeded = 'urn:trustfundgrants:problem:envelope-exceeded';

const section = document.getElementById('decision');
const form = document.getElementById('decision-form');
const amountField = document.getElementById('decision-amount-field');
const amount = document.getElementById('decision-amount');
let current = null;
let opener = null;
let decided = () => {};

/** Wires the form; `onDecided(row, decision)` runs after the API records a decision. */
export function setUpDecisionForm(onDecided) {
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
  amount.value = recorded?.approvedAmount?.amount ?? row.requested.amount;
  document.getElementById('decision-title').textContent = `Decision on ${row.title || 'Untitled application'}`;
  document.getElementById('decision-facts').textContent = `Requested ${formatMoney(row.requested)}${row.position ? `; ranked ${row.position}` : '; not yet scored'}${row.cumulative ? `, ${formatMoney(row.cumulative)} requested down to here` : ''}.`;
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
    showProblem(form, { title: 'This decision was not recorded', detail: result.problem.detail });
    return;
  }

  showProblem(form, result.problem, ...(result.status === 412 ? [element('p', 'Other decisions were being recorded at the same moment. Try again.')] : []));
}

// The envelope cannot hold the amount: say what remains and offer it, or say plainly nothing does.
function refusedBeyondEnvelope(remaining) {
  const left = remaining ? toMinor(remaining.amount, decimalsOf(remaining.amount)) : null;
  if (left === null || left <= 0n) {
    showProblem(form, {
      title: 'Nothing remains in the envelope',
      detail: 'Earlier approvals use all of it. Waitlist or reject this application, or lower an earlier approval first.',
    });
    return;
  }

  const offer = element('button', `Approve ${formatMoney(remaining)} instead`, { type: 'button', class: 'secondary' });
  offer.addEventListener('click', () => {
    clearProblems(form);
    amount.value = remaining.amount;
    amount.focus();
  });
  showProblem(form, {
    title: 'The envelope cannot hold this approval',
    detail: `Only ${formatMoney(remaining)} of the envelope remains. Approve that much or less, or waitlist the application.`,
  }, offer);
}

// Deciding one application (POST /api/applications/{id}/decision): approve with an amount, waitlist
// or reject, with the panel's reasoning. An approval the envelope cannot hold is refused by the API
// with a 409 that names what remains; it is shown at the top of the form.
import { api } from './api.js';
import { element } from './dom.js';
import { clearProblems, showProblem, values, whileBusy } from './forms.js';
import { formatMoney, tidyAmount } from './format.js';

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
  showAmount(false);
  document.getElementById('decision-currency').textContent = row.requested.currency;
  amount.value = row.requested.amount;
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

  if (result.status === 409) {
    const title = body.outcome === 'approved' ? 'This approval was not recorded' : 'This decision was not recorded';
    showProblem(form, { title, detail: result.problem.detail });
    return;
  }

  showProblem(form, result.problem, ...(result.status === 412 ? [element('p', 'Other decisions were being recorded at the same moment. Try again.')] : []));
}

// Invitations (Secretariat): give a reviewer, donor or colleague their role by email.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from '../shared/forms.js';

const form = document.getElementById('invitation-form');
const donorField = document.getElementById('donor-field');
const donorInput = document.getElementById('invite-donor');

// The donor id belongs to donor invitations only; a disabled field is not sent.
form.addEventListener('change', (event) => {
  if (event.target.name === 'role') {
    const donor = event.target.value === 'Donor';
    donorField.hidden = !donor;
    donorInput.disabled = !donor;
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(form, invite);
});

if (await startPage({ requires: 'Secretariat' })) {
  document.getElementById('invite').hidden = false;
}

async function invite() {
  clearProblems(form);
  const notice = document.getElementById('notice');
  notice.hidden = true;
  const fields = values(form);
  const body = { email: fields.email, role: fields.role };
  if (fields.role === 'Donor') {
    body.donorId = fields.donorId;
  }

  const result = await api('/api/invitations', { method: 'POST', body });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  form.reset();
  donorField.hidden = true;
  donorInput.disabled = true;
  announce(
    notice,
    element('strong', `${result.data.email} is invited as ${result.data.role}.`),
    'We emailed them how to sign in. The role is theirs from their next sign-in.');
}

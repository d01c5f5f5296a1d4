// Invitations (Secretariat): give a reviewer, donor or colleague their role by email, and see who
// was invited (roles and review panels), by whom, and when they were last emailed.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from '../shared/forms.js';
import { t } from '../shared/i18n.js';
import { localTime } from '../shared/format.js';

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

const sent = [];
let sentCursor = null;
document.getElementById('sent-more').addEventListener('click', () => loadSent(sentCursor));

if (await startPage({ requires: 'Secretariat' })) {
  document.getElementById('invite').hidden = false;
  await loadSent(null);
}

// The list comes a page at a time; what is shown reads most recent first.
async function loadSent(cursor) {
  const result = await api(`/api/invitations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  if (!result.ok) {
    return;
  }

  if (!cursor) {
    sent.length = 0;
  }

  sent.push(...result.data.items);
  sentCursor = result.data.nextCursor;
  sent.sort((a, b) => Date.parse(b.lastInvitedAt) - Date.parse(a.lastInvitedAt));
  document.getElementById('sent-rows').replaceChildren(...sent.map((invitation) => element('tr', [
    element('td', invitation.email),
    element('td', invitation.kind === 'panel'
      ? t('secretariat.invitations.sent-panel', { round: invitation.roundTitle ?? '' })
      : t(`role.${invitation.kind}`)),
    element('td', invitation.invitedBy),
    element('td', localTime(invitation.lastInvitedAt)),
    element('td', localTime(invitation.emailedAt)),
    element('td', String(invitation.times)),
  ])));
  document.getElementById('sent').hidden = false;
  document.getElementById('sent-list').hidden = sent.length === 0;
  document.getElementById('sent-none').hidden = sent.length > 0;
  document.getElementById('sent-more').hidden = !sentCursor;
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
    element('strong', t('invitations.invited', { email: result.data.email, role: t(`role.${result.data.role}`) })),
    result.data.emailed
      ? t('js.secretariat.invitations.we-emailed-them-how-to')
      : t('secretariat.invitations.not-emailed-again', { time: localTime(result.data.emailedAt) }));
  await loadSent(null);
}

// My organisation: a person without one registers it here, or accepts an invitation (the email's
// link adds ?invitation={id}); a member sees its details, edits them (PUT with If-Match, so two people
// editing at once cannot overwrite each other), invites colleagues, removes members and can leave.
import { api } from '../shared/api.js';
import { startPage, renderNav } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from '../shared/forms.js';
import { loadCountries } from '../shared/countries.js';
import { localDate } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const form = document.getElementById('organisation-form');
const colleagueForm = document.getElementById('colleague-form');
const invitationForm = document.getElementById('invitation-form');
const membersForm = document.getElementById('members-form');
const invited = new URLSearchParams(location.search).get('invitation');
const notice = document.getElementById('notice');
const countryNames = new Map();

/** The organisation shown and the ETag it was read with; null until there is one. */
let current = null;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(form, current ? saveChanges : register);
});

colleagueForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(colleagueForm, inviteColleague);
});

invitationForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(invitationForm, acceptInvitation);
});

const [me] = await Promise.all([startPage({ requires: 'signed-in' }), showCountries()]);
if (me) {
  document.getElementById('loading').hidden = true;
  const invitation = invited && invited !== me.organisationId ? await showInvitation(invited) : false;
  if (me.organisationId) {
    await load(me.organisationId);
  } else if (!invitation) {
    showRegistration();
  }
}

function showRegistration() {
  document.getElementById('page-title').textContent = t('js.applicant.organisation.register-your-organisation');
  document.getElementById('organisation-title').textContent = t('applicant.organisation.organisation-title');
  document.getElementById('organisation-title').classList.add('visually-hidden');
  document.getElementById('organisation-intro').textContent = t('organisation.registerIntro');
  document.getElementById('organisation-submit').textContent = t('applicant.organisation.organisation-submit');
  form.reset();
  document.getElementById('organisation').hidden = false;
}

/** The signed-in person's invitation to organisation `id`, offered for accepting; false if there is none for them. */
async function showInvitation(id) {
  const result = await api(`/api/organisations/${encodeURIComponent(id)}/invitations/mine`);
  if (!result.ok) {
    announce(notice, element('strong', t('organisation.invitation.none')), t('organisation.invitation.noneDetail'));
    notice.className = 'message message-warning';
    return false;
  }

  const { organisationName, invitedBy } = result.data;
  document.getElementById('page-title').textContent = t('organisation.invitation.join', { name: organisationName });
  document.getElementById('invitation-text').textContent = t('organisation.invitation.text', { invitedBy, name: organisationName });
  document.getElementById('invitation').hidden = false;
  return true;
}

async function acceptInvitation() {
  clearProblems(invitationForm);
  const result = await api(`/api/organisations/${encodeURIComponent(invited)}/invitations/mine/accept`, { method: 'POST' });
  if (!result.ok) {
    showProblem(invitationForm, result.problem);
    return;
  }

  // The answer carries a new session (the cookie is already set): the person is now a member.
  renderNav(result.data.user);
  history.replaceState(null, '', '/applicant/organisation.html');
  document.getElementById('invitation').hidden = true;
  document.getElementById('organisation').hidden = true;
  await load(result.data.user.organisationId);
  announce(notice, element('strong', t('organisation.invitation.joined', { name: current.organisation.name })), t('organisation.invitation.joinedDetail'));
}

async function showCountries() {
  const select = document.getElementById('org-country');
  const countries = await loadCountries();
  for (const { code, name } of countries) {
    countryNames.set(code, name);
    select.append(element('option', name, { value: code }));
  }
}

async function load(id) {
  const result = await api(`/api/organisations/${encodeURIComponent(id)}`);
  if (!result.ok) {
    announce(notice, element('strong', result.problem.title ?? t('js.applicant.organisation.the-organisation-could-not-be')), result.problem.detail ?? '');
    return;
  }

  show(result.data, result.headers.get('ETag'));
}

function show(organisation, etag) {
  current = { organisation, etag };
  document.getElementById('page-title').textContent = organisation.name;
  const details = document.getElementById('profile-details');
  const website = organisation.website
    ? element('a', organisation.website, { href: organisation.website, rel: 'noopener noreferrer nofollow' })
    : t('js.applicant.organisation.not-given');
  details.replaceChildren(
    ...row(t('organisation.name'), organisation.name),
    ...row(t('js.applicant.organisation.country-of-registration'), countryNames.get(organisation.country) ?? organisation.country),
    ...row(t('js.applicant.organisation.registration-number'), organisation.registrationNumber),
    ...row(t('organisation.website'), website),
    ...row(t('js.applicant.organisation.contact-email'), organisation.contactEmail),
    ...row(t('organisation.registered'), localDate(organisation.createdAt)));

  document.getElementById('organisation-title').textContent = t('js.applicant.organisation.change-the-details');
  document.getElementById('organisation-title').classList.remove('visually-hidden');
  document.getElementById('organisation-intro').textContent = t('js.applicant.organisation.every-member-of-your-organisation');
  document.getElementById('organisation-submit').textContent = t('js.applicant.organisation.save-changes');
  fill(organisation);
  for (const id of ['profile', 'organisation', 'members', 'colleagues']) {
    document.getElementById(id).hidden = false;
  }

  loadMembers();
}

/** Lists members (each with a button to remove them, or to leave for oneself) and invitations waiting. */
async function loadMembers() {
  const id = encodeURIComponent(current.organisation.id);
  const [members, pending] = await Promise.all([api(`/api/organisations/${id}/members`), api(`/api/organisations/${id}/invitations`)]);
  const list = document.getElementById('member-list');
  list.replaceChildren(...(members.ok ? members.data : []).map((member) => {
    const self = member.userId === me.userId;
    const button = element('button', self ? t('organisation.members.leave') : t('organisation.members.remove', { email: member.email }), { type: 'button', class: 'secondary small' });
    button.addEventListener('click', async () => {
      if (button.disabled) {
        return;
      }

      button.disabled = true;
      try {
        await removeMember(member, self);
      } finally {
        button.disabled = false;
      }
    });
    return element('li', [self ? `${t('organisation.members.you', { email: member.email })} ` : `${member.email} `, button]);
  }));
  const waiting = document.getElementById('pending-list');
  const invitations = pending.ok ? pending.data : [];
  waiting.replaceChildren(...(invitations.length > 0
    ? invitations.map((i) => element('li', t('organisation.members.pendingItem', { email: i.email, invitedBy: i.invitedBy, until: localDate(i.expiresAt) })))
    : [element('li', t('organisation.members.none'))]));
}

async function removeMember(member, self) {
  clearProblems(membersForm);
  const membersNotice = document.getElementById('members-notice');
  membersNotice.hidden = true;
  const result = await api(`/api/organisations/${encodeURIComponent(current.organisation.id)}/members/${encodeURIComponent(member.userId)}`, { method: 'DELETE' });
  if (!result.ok) {
    showProblem(membersForm, result.problem);
    return;
  }

  if (!self) {
    await loadMembers();
    announce(membersNotice, element('strong', t('organisation.members.removed', { email: member.email })));
    return;
  }

  // Left: the answer is a new session without the organisation.
  const name = current.organisation.name;
  current = null;
  renderNav(result.data.user);
  for (const id of ['profile', 'members', 'colleagues']) {
    document.getElementById(id).hidden = true;
  }

  showRegistration();
  announce(notice, element('strong', t('organisation.members.left', { name })));
}

function row(term, description) {
  return [element('dt', term), element('dd', description)];
}

function fill(organisation) {
  for (const name of ['name', 'country', 'registrationNumber', 'website', 'contactEmail']) {
    form.elements.namedItem(name).value = organisation[name] ?? '';
  }

  form.elements.namedItem('notNamedPublicly').checked = organisation.notNamedPublicly === true;
}

function request() {
  const fields = values(form);
  // People often type "www.example.org"; the API wants a full address, so say https:// for them.
  const website = fields.website && !/^[a-z][a-z0-9+.-]*:/i.test(fields.website) ? `https://${fields.website}` : fields.website;
  return {
    name: fields.name,
    country: fields.country,
    registrationNumber: fields.registrationNumber,
    website: website || null,
    contactEmail: fields.contactEmail,
    notNamedPublicly: fields.notNamedPublicly === 'true',
  };
}

async function register() {
  clearProblems(form);
  const result = await api('/api/organisations', { method: 'POST', body: request() });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  // The answer carries a new session (the cookie is already set): the person is now an applicant.
  renderNav(result.data.session.user);
  show(result.data.organisation, result.headers.get('ETag'));
  announce(notice, element('strong', t('organisation.isRegistered', { name: result.data.organisation.name })), t('js.applicant.organisation.you-are-its-first-member'));
}

async function saveChanges() {
  clearProblems(form);
  notice.hidden = true;
  const result = await api(`/api/organisations/${encodeURIComponent(current.organisation.id)}`, {
    method: 'PUT',
    body: request(),
    headers: { 'If-Match': current.etag ?? '' },
  });
  if (result.ok) {
    show(result.data, result.headers.get('ETag'));
    announce(notice, element('strong', t('js.applicant.organisation.your-changes-are-saved')));
    return;
  }

  if (result.status === 412 || result.status === 428) {
    const reload = element('button', t('js.applicant.organisation.reload-the-details'), { type: 'button' });
    reload.addEventListener('click', () => location.reload());
    showProblem(form, {
      title: t('js.applicant.organisation.someone-changed-these-details-meanwhile'),
      detail: t('js.applicant.organisation.your-changes-are-not-saved'),
    }, reload);
    return;
  }

  showProblem(form, result.problem);
}

async function inviteColleague() {
  clearProblems(colleagueForm);
  const colleagueNotice = document.getElementById('colleague-notice');
  colleagueNotice.hidden = true;
  const { email } = values(colleagueForm);
  const result = await api(`/api/organisations/${encodeURIComponent(current.organisation.id)}/invitations`, { method: 'POST', body: { email } });
  if (!result.ok) {
    showProblem(colleagueForm, result.problem);
    return;
  }

  colleagueForm.reset();
  await loadMembers();
  announce(colleagueNotice, element('strong', t('organisation.colleagueInvited', { email: result.data.email })), t('organisation.colleagueInvitedDetail'));
}

// My organisation: a person without one registers it here; a member sees its details, edits them
// (PUT with If-Match, so two people editing at once cannot overwrite each other) and adds colleagues.
import { api } from '../shared/api.js';
import { startPage, renderNav } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from '../shared/forms.js';

const form = document.getElementById('organisation-form');
const colleagueForm = document.getElementById('colleague-form');
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
  whileBusy(colleagueForm, addColleague);
});

const [me] = await Promise.all([startPage({ requires: 'signed-in' }), loadCountries()]);
if (me) {
  document.getElementById('loading').hidden = true;
  if (me.organisationId) {
    await load(me.organisationId);
  } else {
    document.getElementById('page-title').textContent = 'Register your organisation';
    document.getElementById('organisation-title').classList.add('visually-hidden');
    document.getElementById('organisation').hidden = false;
  }
}

async function loadCountries() {
  const select = document.getElementById('org-country');
  const response = await fetch('/shared/data/countries.json');
  const countries = response.ok ? await response.json() : [];
  for (const { code, name } of countries) {
    countryNames.set(code, name);
    select.append(element('option', name, { value: code }));
  }
}

async function load(id) {
  const result = await api(`/api/organisations/${encodeURIComponent(id)}`);
  if (!result.ok) {
    announce(notice, element('strong', result.problem.title ?? 'The organisation could not be loaded.'), result.problem.detail ?? '');
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
    : 'Not given';
  details.replaceChildren(
    ...row('Name', organisation.name),
    ...row('Country of registration', countryNames.get(organisation.country) ?? organisation.country),
    ...row('Registration number', organisation.registrationNumber),
    ...row('Website', website),
    ...row('Contact email', organisation.contactEmail),
    ...row('Registered', new Date(organisation.createdAt).toLocaleDateString('en-GB', { dateStyle: 'long' })));

  document.getElementById('organisation-title').textContent = 'Change the details';
  document.getElementById('organisation-title').classList.remove('visually-hidden');
  document.getElementById('organisation-intro').textContent = 'Every member of your organisation can change these details.';
  document.getElementById('organisation-submit').textContent = 'Save changes';
  fill(organisation);
  for (const id of ['profile', 'organisation', 'colleagues']) {
    document.getElementById(id).hidden = false;
  }
}

function row(term, description) {
  return [element('dt', term), element('dd', description)];
}

function fill(organisation) {
  for (const name of ['name', 'country', 'registrationNumber', 'website', 'contactEmail']) {
    form.elements.namedItem(name).value = organisation[name] ?? '';
  }
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
  announce(notice, element('strong', `${result.data.organisation.name} is registered.`), 'You are its first member. You can now add colleagues and apply for grants.');
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
    announce(notice, element('strong', 'Your changes are saved.'));
    return;
  }

  if (result.status === 412 || result.status === 428) {
    const reload = element('button', 'Reload the details', { type: 'button' });
    reload.addEventListener('click', () => location.reload());
    showProblem(form, {
      title: 'Someone changed these details meanwhile.',
      detail: 'Your changes are not saved, so theirs are not lost. Reload to see the current details, then make your change again.',
    }, reload);
    return;
  }

  showProblem(form, result.problem);
}

async function addColleague() {
  clearProblems(colleagueForm);
  const colleagueNotice = document.getElementById('colleague-notice');
  colleagueNotice.hidden = true;
  const { email } = values(colleagueForm);
  const result = await api(`/api/organisations/${encodeURIComponent(current.organisation.id)}/members`, { method: 'POST', body: { email } });
  if (!result.ok) {
    showProblem(colleagueForm, result.problem);
    return;
  }

  colleagueForm.reset();
  announce(colleagueNotice, element('strong', `${result.data.email} is added.`), 'We emailed them. They sign in with that address and then see your organisation.');
}

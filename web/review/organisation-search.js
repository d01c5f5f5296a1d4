// Finding an organisation by name (GET /api/organisations?name=) for a conflict declaration. The
// matches become radio buttons named organisationId, so the form reads the one chosen like any other
// field, and a keyboard or screen reader user moves through them as one group.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearField, markField } from '../shared/forms.js';

const search = document.getElementById('organisation-search');
const found = document.getElementById('organisation-found');
const choices = document.getElementById('organisation-choices');
const names = new Map();
let countries = null;

/** Wires the search; `preset` ({ id, name, hint }, its name in words, not the organisation's) is offered and chosen before any search. */
export function setUpOrganisationSearch(preset) {
  search.addEventListener('keydown', (event) => {
    // Enter in the search box searches; it must not send the declaration around it.
    if (event.key === 'Enter') {
      event.preventDefault();
      find();
    }
  });
  document.getElementById('organisation-find').addEventListener('click', find);
  if (preset) {
    offer([preset], false);
    choices.querySelector('input').checked = true;
  }
}

/** The name of organisation `id` if this page has shown it, else null. */
export function nameOf(id) {
  return names.get(id) ?? null;
}

/** Empties the search and its choices, after a declaration. */
export function resetSearch() {
  search.value = '';
  found.textContent = '';
  choices.replaceChildren();
}

async function find() {
  const field = search.closest('.field');
  const name = search.value.trim();
  clearField(field);
  if (name.length < 2) {
    markField(field, 'Type at least 2 letters of the organisation’s name.');
    search.focus();
    return;
  }

  found.textContent = 'Searching…';
  const [result, countryNames] = await Promise.all([api(`/api/organisations?${new URLSearchParams({ name })}`), loadCountries()]);
  if (!result.ok) {
    found.textContent = '';
    markField(field, result.problem.errors?.name?.join(' ') ?? result.problem.detail ?? 'The search did not work. Please try again.');
    search.focus();
    return;
  }

  const matches = result.data;
  offer(matches.map((m) => ({ id: m.id, name: m.name, hint: countryNames.get(m.country) ?? m.country })));
  // The API gives at most 20; with that many, the one wanted may be beyond them.
  found.textContent = matches.length === 0
    ? `No organisation’s name contains “${name}”. Check the spelling, or type part of the name.`
    : `${matches.length === 1 ? '1 organisation' : `${matches.length} organisations`} found${matches.length >= 20 ? '; type more of the name if yours is not among them' : ''}. Choose one below.`;
}

// `named`: the label is the organisation's name (a preset's may only say where it came from).
function offer(organisations, named = true) {
  choices.replaceChildren(...organisations.map((organisation) => {
    if (named) {
      names.set(organisation.id, organisation.name);
    }

    const id = `organisation-${organisation.id}`;
    return element('div', [
      element('input', null, { type: 'radio', name: 'organisationId', value: organisation.id, id, 'aria-describedby': `${id}-hint` }),
      element('label', organisation.name, { for: id }),
      element('p', organisation.hint, { class: 'hint', id: `${id}-hint` }),
    ], { class: 'choice' });
  }));
}

async function loadCountries() {
  if (!countries) {
    const response = await fetch('/shared/data/countries.json');
    const list = response.ok ? await response.json() : [];
    countries = new Map(list.map((country) => [country.code, country.name]));
  }

  return countries;
}

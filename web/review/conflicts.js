// Conflicts of interest (Reviewer): the organisations this reviewer declared ties to, and declaring
// another (POST /api/me/conflicts), found by name (organisation-search.js). An application's page
// links here with its organisation's id and name, which is then offered already chosen.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { localTime } from '../shared/format.js';
import { nameOf, resetSearch, setUpOrganisationSearch } from './organisation-search.js';

const form = document.getElementById('conflict-form');
const notice = document.getElementById('notice');

if (await startPage({ requires: 'Reviewer' })) {
  const result = await api('/api/me/conflicts');
  document.getElementById('loading').hidden = true;
  if (result.ok) {
    show(result.data);
    const params = new URLSearchParams(location.search);
    const linked = params.get('organisationId');
    // A reviewer may not read an organisation by its id, so the name the link carries is only a hint
    // beside where it came from; the list shows the name the service recorded once it is declared.
    setUpOrganisationSearch(linked
      ? { id: linked, name: 'The organisation of the application you came from', hint: params.get('organisationName') || `Its id: ${linked}` }
      : null);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      whileBusy(form, declare);
    });
    document.getElementById('page').hidden = false;
  } else {
    const main = document.getElementById('main');
    main.append(element('div', [element('strong', result.problem.title ?? 'Your declarations could not be loaded.'), element('p', result.problem.detail ?? '')], { class: 'message message-warning', role: 'alert' }));
  }
} else {
  document.getElementById('loading').hidden = true;
}

// Declarations made before the service recorded names have none; those show the id instead.
function show(conflicts) {
  document.getElementById('rows').replaceChildren(...conflicts.map((conflict) => {
    const name = conflict.organisationName || nameOf(conflict.organisationId);
    return element('tr', [
      element('th', name ?? element('span', conflict.organisationId, { class: 'identifier' }), { scope: 'row' }),
      element('td', conflict.reason),
      element('td', element('time', localTime(conflict.declaredAt), { datetime: conflict.declaredAt })),
    ]);
  }));
  document.getElementById('list').hidden = conflicts.length === 0;
  document.getElementById('none').hidden = conflicts.length > 0;
}

async function declare() {
  clearProblems(form);
  notice.hidden = true;
  const fields = values(form);
  if (!fields.organisationId) {
    showProblem(form, { errors: { organisationId: ['Find the organisation by name and choose it.'] } });
    return;
  }

  const result = await api('/api/me/conflicts', { method: 'POST', body: { organisationId: fields.organisationId, reason: fields.reason } });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  const list = await api('/api/me/conflicts');
  if (list.ok) {
    show(list.data);
  }

  const name = result.data.organisationName || nameOf(result.data.organisationId) || `organisation ${result.data.organisationId}`;
  form.reset();
  resetSearch();
  announce(notice, element('strong', `Your conflict with ${name} is declared.`), 'You will not be assigned its applications from now on.');
}

// Conflicts of interest (Reviewer): the organisations this reviewer declared ties to, and declaring
// another (POST /api/me/conflicts). An application's page links here with its organisation filled in.
import { api } from './api.js';
import { startPage } from './nav.js';
import { element } from './dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from './forms.js';
import { localTime } from './format.js';

const form = document.getElementById('conflict-form');
const notice = document.getElementById('notice');

if (await startPage({ requires: 'Reviewer' })) {
  const result = await api('/api/me/conflicts');
  document.getElementById('loading').hidden = true;
  if (result.ok) {
    show(result.data);
    form.elements.namedItem('organisationId').value = new URLSearchParams(location.search).get('organisationId') ?? '';
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

function show(conflicts) {
  document.getElementById('rows').replaceChildren(...conflicts.map((conflict) => element('tr', [
    element('th', conflict.organisationId, { scope: 'row', class: 'identifier' }),
    element('td', conflict.reason),
    element('td', element('time', localTime(conflict.declaredAt), { datetime: conflict.declaredAt })),
  ])));
  document.getElementById('list').hidden = conflicts.length === 0;
  document.getElementById('none').hidden = conflicts.length > 0;
}

async function declare() {
  clearProblems(form);
  notice.hidden = true;
  const fields = values(form);
  const result = await api('/api/me/conflicts', { method: 'POST', body: { organisationId: fields.organisationId, reason: fields.reason } });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  const list = await api('/api/me/conflicts');
  if (list.ok) {
    show(list.data);
  }

  form.reset();
  announce(notice, element('strong', `Your conflict with organisation ${result.data.organisationId} is declared.`), 'You will not be assigned its applications from now on.');
}

// My grants (Applicant): the organisation's grants from the index, each with its status, money received
// and the next report due, linking to the grant's agreement page.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney } from '../shared/format.js';
import { formatDay, grantStatusName } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

if (await startPage({ requires: 'Applicant' })) {
  const result = await api('/api/grants?limit=100');
  document.getElementById('loading').hidden = true;
  if (!result.ok) {
    announce(document.getElementById('notice'), element('strong', result.problem.title ?? t('js.applicant.grants.not-loaded')), result.problem.detail ?? '');
  } else {
    const rows = result.data.items.map((g) => element('tr', [
      element('th', element('a', g.title || g.reference, { href: `/applicant/grant.html?id=${encodeURIComponent(g.id)}` }), { scope: 'row' }),
      element('td', grantStatusName(g.status)), element('td', formatMoney(g.amount)), element('td', formatMoney(g.disbursed)), element('td', formatDay(g.nextReportDue)),
    ]));
    document.getElementById('rows').append(...rows);
    document.getElementById('list').hidden = rows.length === 0;
    document.getElementById('none').hidden = rows.length > 0;
  }
} else {
  document.getElementById('loading').hidden = true;
}

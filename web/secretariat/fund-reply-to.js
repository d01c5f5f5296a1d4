// The address applicants' replies go to, per fund (Secretariat). The app sends from an address that reads
// no replies; with this set, letters that may raise questions carry it as Reply-To and name it.
// The fund is read when chosen, and saved under that read's ETag, so a colleague's change is not overwritten.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { t } from '../shared/i18n.js';

const form = document.getElementById('reply-to-form');
const select = document.getElementById('reply-to-fund');
const address = document.getElementById('reply-to-address');
let etag = null;

export function setUpReplyTo() {
  select.addEventListener('change', () => load(select.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, save);
  });
}

export function setReplyToFunds(funds) {
  const chosen = select.value;
  select.replaceChildren(...funds.map((fund) => element('option', fund.name, { value: fund.id })));
  document.getElementById('reply-to-section').hidden = funds.length === 0;
  if (funds.length > 0) {
    select.value = funds.some((fund) => fund.id === chosen) ? chosen : funds[0].id;
    if (select.value !== chosen) {
      load(select.value);
    }
  }
}

async function load(fundId) {
  clearProblems(form);
  const result = await api(`/api/funds/${encodeURIComponent(fundId)}`);
  if (result.ok && select.value === fundId) {
    etag = result.headers.get('ETag');
    address.value = result.data.replyTo ?? '';
  }
}

async function save() {
  clearProblems(form);
  const notice = document.getElementById('reply-to-notice');
  notice.hidden = true;
  const fields = values(form);
  const result = await api(`/api/funds/${encodeURIComponent(fields.fundId)}/reply-to`, {
    method: 'PUT',
    body: { replyTo: fields.replyTo || null },
    headers: { 'If-Match': etag },
  });
  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  etag = result.headers.get('ETag');
  const fund = select.selectedOptions[0]?.textContent ?? '';
  announce(notice, element('strong', result.data.replyTo
    ? t('secretariat.rounds.reply-to-saved', { fund, address: result.data.replyTo })
    : t('secretariat.rounds.reply-to-removed', { fund })));
}

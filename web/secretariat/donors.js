// Donors and contributions (Secretariat): add donor organisations, record their pledges to a fund and the
// money received against each pledge (with the exchange rate where the pledge is not in the fund's currency).
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from '../shared/forms.js';
import { formatMoney, tidyAmount } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const donorForm = document.getElementById('donor-form');
const pledgeForm = document.getElementById('pledge-form');
const receiptForm = document.getElementById('receipt-form');
const notice = document.getElementById('notice');
const state = { donors: [], funds: [], contributions: [] };

const byId = (list, id) => list.find((item) => item.id === id);
const option = (value, text) => element('option', text, { value });
const earmarkText = (earmark) => (earmark ? t('secretariat.donors.earmarked', { kind: t(`donor.earmark-kind.${earmark.kind}`), value: earmark.value }) : t('secretariat.donors.unearmarked'));

function enable(field, input, on) {
  field.hidden = !on;
  input.disabled = !on;
}

pledgeForm.elements.earmarkKind.addEventListener('change', (event) => {
  enable(document.getElementById('earmark-value-field'), pledgeForm.elements.earmarkValue, event.target.value !== '');
});

receiptForm.elements.pledge.addEventListener('change', showRateFields);

// The rate and the fund-currency amount belong to receipts in another currency than the fund's only.
function showRateFields() {
  const pledge = byId(state.contributions, receiptForm.elements.pledge.value);
  const fund = pledge && byId(state.funds, pledge.fundId);
  const foreign = Boolean(pledge && fund && pledge.pledged.currency !== fund.currency);
  enable(document.getElementById('rate-field'), receiptForm.elements.exchangeRate, foreign);
  enable(document.getElementById('fund-amount-field'), receiptForm.elements.fundAmount, foreign);
}

donorForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(donorForm, async () => {
    clearProblems(donorForm);
    const fields = values(donorForm);
    const result = await api('/api/donors', { method: 'POST', body: { name: fields.name, kind: fields.kind, country: fields.country ? fields.country.toUpperCase() : null } });
    if (!result.ok) {
      showProblem(donorForm, result.problem);
      return;
    }

    donorForm.reset();
    await refresh();
    announce(notice, t('secretariat.donors.donor-added', { name: result.data.name, id: result.data.id }));
  });
});

pledgeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(pledgeForm, async () => {
    clearProblems(pledgeForm);
    const fields = values(pledgeForm);
    const body = {
      donorId: fields.donorId,
      fundId: fields.fundId,
      amount: { amount: tidyAmount(fields.amount), currency: fields.currency.toUpperCase() },
      pledgedOn: fields.pledgedOn,
      earmark: fields.earmarkKind ? { kind: fields.earmarkKind, value: fields.earmarkValue ?? '' } : null,
    };
    const result = await api('/api/contributions', { method: 'POST', body });
    if (!result.ok) {
      showProblem(pledgeForm, result.problem);
      return;
    }

    pledgeForm.reset();
    enable(document.getElementById('earmark-value-field'), pledgeForm.elements.earmarkValue, false);
    await refresh();
    announce(notice, t('secretariat.donors.pledge-recorded', { amount: formatMoney(result.data.pledged), donor: byId(state.donors, result.data.donorId)?.name ?? '' }));
  });
});

receiptForm.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(receiptForm, recordReceipt);
});

async function recordReceipt() {
  clearProblems(receiptForm);
  const fields = values(receiptForm);
  const pledge = byId(state.contributions, fields.pledge);
  if (!pledge) {
    showProblem(receiptForm, { errors: { pledge: [t('secretariat.donors.choose-pledge')] } });
    return;
  }

  const fund = byId(state.funds, pledge.fundId);
  const body = { amount: { amount: tidyAmount(fields.amount), currency: pledge.pledged.currency }, valueDate: fields.valueDate, exceedsPledge: fields.exceedsPledge === 'true' };
  if (fields.exchangeRate !== undefined) {
    body.exchangeRate = tidyAmount(fields.exchangeRate);
  }

  if (fields.fundAmount) {
    body.fundAmount = { amount: tidyAmount(fields.fundAmount), currency: fund?.currency ?? '' };
  }

  if (fields.reference) {
    body.reference = fields.reference;
  }

  // The receipt is checked against the pledge as it is now: its ETag goes with the request.
  const current = await api(`/api/contributions/${encodeURIComponent(pledge.id)}`);
  if (!current.ok) {
    showProblem(receiptForm, current.problem);
    return;
  }

  const result = await api(`/api/contributions/${encodeURIComponent(pledge.id)}/receipts`, { method: 'POST', body, headers: { 'If-Match': current.headers.get('ETag') } });
  if (!result.ok) {
    showProblem(receiptForm, result.problem);
    return;
  }

  receiptForm.reset();
  await refresh();
  announce(notice, t('secretariat.donors.receipt-recorded', { amount: formatMoney(body.amount), fundAmount: formatMoney(result.data.fundAmount) }));
}

async function all(path) {
  const items = [];
  let cursor = '';
  do {
    const result = await api(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!result.ok) {
      throw new Error(result.problem?.detail ?? path);
    }

    items.push(...result.data.items);
    cursor = result.data.nextCursor ?? '';
  } while (cursor);
  return items;
}

async function refresh() {
  const [donors, funds] = await Promise.all([api('/api/donors'), api('/api/funds')]);
  state.donors = donors.ok ? donors.data : [];
  state.funds = funds.ok ? funds.data : [];
  state.contributions = await all('/api/contributions');
  const chosen = receiptForm.elements.pledge.value;
  document.querySelector('#donor-list tbody').replaceChildren(...state.donors.map((d) =>
    element('tr', [element('th', element('a', d.name, { href: `/donor/dashboard.html?donor=${encodeURIComponent(d.id)}` }), { scope: 'row' }), element('td', t(`secretariat.donors.kind-${d.kind}`)), element('td', d.country ?? '—'), element('td', element('code', d.id))])));
  pledgeForm.elements.donorId.replaceChildren(...state.donors.map((d) => option(d.id, d.name)));
  pledgeForm.elements.fundId.replaceChildren(...state.funds.map((f) => option(f.id, `${f.name} (${f.currency})`)));
  const label = (c) => `${byId(state.donors, c.donorId)?.name ?? c.donorId}: ${formatMoney(c.pledged)}, ${c.pledgedOn} (${earmarkText(c.earmark)})`;
  receiptForm.elements.pledge.replaceChildren(option('', t('secretariat.donors.choose-pledge')), ...state.contributions.map((c) => option(c.id, label(c))));
  receiptForm.elements.pledge.value = byId(state.contributions, chosen) ? chosen : '';
  showRateFields();
  document.querySelector('#contribution-list tbody').replaceChildren(...state.contributions.map((c) => element('tr', [
    element('th', byId(state.donors, c.donorId)?.name ?? c.donorId, { scope: 'row' }),
    element('td', byId(state.funds, c.fundId)?.name ?? c.fundId),
    element('td', c.pledgedOn),
    element('td', formatMoney(c.pledged), { class: 'number' }),
    element('td', formatMoney(c.received), { class: 'number' }),
    element('td', formatMoney(c.receivedInFundCurrency), { class: 'number' }),
    element('td', earmarkText(c.earmark)),
  ])));
}

if (await startPage({ requires: 'Secretariat' })) {
  await refresh();
  document.getElementById('work').hidden = false;
}

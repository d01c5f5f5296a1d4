// A donor's own dashboard (GET /api/donors/{donorId}/dashboard): its contributions per fund, what they were
// attributed to, and the grants the money reached (GET …/funds/{fundId}/grants, every page), each as a table
// (with a chart and a CSV download where it is figures). The period filter narrows the contributions to those
// pledged in one year and links to the fund's public figures of that year; attribution is for all years,
// since money received in one year pays for commitments of any.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { startPage } from '../shared/nav.js';
import { figure, localMoney } from '../shared/charts.js';
import { hasText, t } from '../shared/i18n.js';

const container = document.getElementById('funds');
const yearSelect = document.getElementById('year');

const amountRow = (label, amount) => ({ label, cells: [localMoney(amount)], csv: [amount.amount], values: [Number(amount.amount)] });

function earmarkLabel(row) {
  const [kind, value] = row.key.split(':');
  const what = kind === 'theme' && hasText(`exploitation.${value}`) ? t(`exploitation.${value}`) : row.label.replace(/ \([a-z]+\)$/, '');
  return t('donor.earmark', { kind: t(`donor.earmark-kind.${kind}`), value: what });
}

function attributed(id, title, rows, label = (r) => r.label) {
  return figure({ id, title, columns: [t('donor.attributed-to'), t('donor.amount')], rows: rows.map((r) => amountRow(label(r), r.amount)), chartType: 'bar' });
}

function contributionsTable(fund, index, year) {
  const shown = fund.contributions.filter((c) => !year || c.pledgedOn.startsWith(`${year}-`));
  return figure({
    id: `contributions-${index}`,
    title: t('donor.contributions-to', { name: fund.name }),
    columns: [t('donor.pledged-on'), t('donor.pledged'), t('donor.received'), t('donor.received-fund'), t('donor.still-to-come'), t('donor.earmark-column')],
    rows: shown.map((c) => ({
      label: c.pledgedOn,
      cells: [localMoney(c.pledged), localMoney(c.received), localMoney(c.receivedInFundCurrency), localMoney(c.outstanding),
        c.earmark ? t('donor.earmark', { kind: t(`donor.earmark-kind.${c.earmark.kind}`), value: c.earmark.value }) : t('donor.not-earmarked')],
      csv: [`${c.pledged.amount} ${c.pledged.currency}`, `${c.received.amount} ${c.received.currency}`, `${c.receivedInFundCurrency.amount} ${c.receivedInFundCurrency.currency}`, `${c.outstanding.amount} ${c.outstanding.currency}`, c.earmark ? `${c.earmark.kind}:${c.earmark.value}` : ''],
      values: [Number(c.receivedInFundCurrency.amount)],
    })),
  });
}

async function grantsReached(donorId, fund, index) {
  const items = [];
  let cursor = '';
  do {
    const result = await api(`/api/donors/${encodeURIComponent(donorId)}/funds/${encodeURIComponent(fund.fundId)}/grants?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!result.ok) {
      return element('p', result.problem?.detail ?? t('donor.unreadable'), { class: 'message message-warning' });
    }

    items.push(...result.data.items);
    cursor = result.data.nextCursor ?? '';
  } while (cursor);
  const title = t('donor.grants-reached', { name: fund.name });
  const section = element('section', element('h2', title, { id: `grants-${index}-title` }), { class: 'figure', 'aria-labelledby': `grants-${index}-title` });
  if (items.length === 0) {
    section.append(element('p', t('donor.no-grants-yet')));
    return section;
  }

  const head = element('tr', [t('donor.grant'), t('donor.recipient'), t('donor.countries'), t('donor.committed'), t('donor.disbursed'), t('donor.reached-through')]
    .map((c, i) => element('th', c, { scope: 'col', class: i >= 3 && i <= 4 ? 'number' : '' })));
  const rows = items.map((g) => element('tr', [
    element('th', g.title, { scope: 'row' }),
    element('td', g.recipient),
    element('td', g.countries.join(', ')),
    element('td', localMoney(g.committed), { class: 'number' }),
    element('td', localMoney(g.disbursed), { class: 'number' }),
    element('td', g.through.map((key) => (key ? earmarkLabel({ key, label: key.split(':')[1] ?? key }) : t('donor.not-earmarked'))).join('; ')),
  ]));
  section.append(element('div', element('table', [element('caption', title), element('thead', head), element('tbody', rows)], { id: `grants-${index}-table` }), { class: 'table-scroll' }));
  return section;
}

async function fundSection(donorId, fund, index, year) {
  const publicLink = `/public/fund.html?fund=${encodeURIComponent(fund.fundId)}`;
  return element('section', [
    element('h2', fund.name),
    element('p', [t('donor.summary', { received: localMoney(fund.received), unearmarked: localMoney(fund.unearmarked), notYetCommitted: localMoney(fund.notYetCommitted) }), ' ',
      element('a', t('donor.public-dashboard'), { href: publicLink })]),
    contributionsTable(fund, index, year),
    attributed(`earmarked-${index}`, t('donor.earmarked-money', { currency: fund.currency }), fund.earmarked, (r) => earmarkLabel(r)),
    attributed(`by-country-${index}`, t('donor.by-country', { currency: fund.currency }), fund.unearmarkedByCountry),
    attributed(`by-round-${index}`, t('donor.by-round', { currency: fund.currency }), fund.unearmarkedByRound),
    await grantsReached(donorId, fund, index),
  ], { class: 'fund' });
}

async function render(me, data) {
  const year = yearSelect.value;
  if (data.funds.length === 0) {
    container.replaceChildren(element('p', t('donor.none-yet')));
    return;
  }

  container.replaceChildren(...await Promise.all(data.funds.map((fund, index) => fundSection(me.donorId, fund, index, year))));
}

// The Secretariat opens a donor's page from Donors (?donor=<id>) and sees it as the donor does, names unhidden.
const asSecretariat = new URLSearchParams(location.search).get('donor');
const me = await startPage({ requires: asSecretariat ? 'Secretariat' : 'Donor' });
if (me) {
  me.donorId = asSecretariat ?? me.donorId;
  const result = await api(`/api/donors/${encodeURIComponent(me.donorId ?? '')}/dashboard`);
  if (!result.ok) {
    container.replaceChildren(element('p', result.problem?.detail ?? t('donor.unreadable'), { class: 'message message-warning', role: 'alert' }));
  } else {
    const years = [...new Set(result.data.funds.flatMap((f) => f.contributions.map((c) => c.pledgedOn.slice(0, 4))))].sort();
    yearSelect.append(...years.map((y) => element('option', y, { value: y })));
    yearSelect.addEventListener('change', () => render(me, result.data));
    await render(me, result.data);
  }
}

// An application as a reviewer reads it: the facts, the summary, the people it plans to reach
// (counts only), the budget and the documents to download. Read-only; nothing here is editable.
import { element } from '../shared/dom.js';
import { exploitationForms, fileSize, formatMoney } from '../shared/format.js';

const sexNames = { female: 'Female', male: 'Male', other: 'Another sex' };
const ageNames = { 'under-18': 'Under 18', '18-plus': '18 and over' };

/** Draws `application` into `container`. */
export async function showApplication(container, application) {
  const countries = await countryNames();
  const organisation = organisationLine(application);
  const details = application.details;
  const facts = element('dl', [
    ...fact('Organisation', organisation),
    ...fact('Reference', application.reference ?? '—'),
    ...fact('Amount requested', formatMoney(application.requestedAmount)),
    ...fact('Duration', application.durationMonths === 1 ? '1 month' : `${application.durationMonths ?? '—'} months`),
    ...fact('Countries', details.countries.map((code) => countries.get(code) ?? code).join(', ') || '—'),
    ...fact('Forms of exploitation', details.exploitationForms.map((code) => exploitationForms.find((f) => f.code === code)?.name ?? code).join(', ') || '—'),
    ...fact('Groups served', details.targetGroups.join(', ') || '—'),
  ], { class: 'details' });

  container.replaceChildren(
    facts,
    element('h3', 'Summary'),
    ...paragraphs(application.summary),
    ...beneficiaries(details.plannedBeneficiaries),
    ...budget(details.budgetLines, application.requestedAmount),
    ...documents(application));
}

// A reviewer is told who applied only when the round is not blind; the service then names the
// organisation, which a reviewer may not read on its own.
function organisationLine({ organisationId, organisationName }) {
  if (!organisationId) {
    return 'Not shown: this call is reviewed blind, so you judge the proposal, not who sent it.';
  }

  const chosen = new URLSearchParams({ organisationId, organisationName: organisationName ?? '' });
  const conflict = element('a', 'declare a conflict', { href: `/review/conflicts.html?${chosen}` });
  return [
    element('span', organisationName ?? `Organisation ${organisationId}`, { class: 'strong' }),
    element('span', ['If you are tied to it, step back below and ', conflict, ' so you are not assigned its applications again.'], { class: 'cell-hint' }),
  ];
}

function beneficiaries(counts) {
  if (counts.length === 0) {
    return [];
  }

  const rows = counts.map((c) => element('tr', [
    element('th', `${sexNames[c.sex] ?? c.sex}, ${(ageNames[c.ageGroup] ?? c.ageGroup).toLowerCase()}`, { scope: 'row' }),
    element('td', c.count.toLocaleString('en-GB'), { class: 'number' }),
  ]));
  return [
    element('h3', 'People it plans to reach'),
    element('div', element('table', [
      element('caption', 'Planned beneficiaries, counts only', { class: 'visually-hidden' }),
      element('thead', element('tr', [element('th', 'Group', { scope: 'col' }), element('th', 'People', { scope: 'col', class: 'number' })])),
      element('tbody', rows),
    ]), { class: 'table-wrap' }),
  ];
}

function budget(lines, requested) {
  if (lines.length === 0) {
    return [];
  }

  return [
    element('h3', 'Budget'),
    element('div', element('table', [
      element('caption', `Budget lines, adding up to ${formatMoney(requested)}`, { class: 'visually-hidden' }),
      element('thead', element('tr', [element('th', 'Category', { scope: 'col' }), element('th', 'Description', { scope: 'col' }), element('th', 'Amount', { scope: 'col', class: 'number' })])),
      element('tbody', lines.map((line) => element('tr', [element('th', line.category, { scope: 'row' }), element('td', line.description), element('td', formatMoney(line.amount), { class: 'number' })]))),
    ]), { class: 'table-wrap' }),
  ];
}

function documents(application) {
  const items = application.documents.map((file) => element('li', [
    element('a', ['Download ', element('span', file.fileName, { class: 'file-name' })], {
      href: `/api/applications/${encodeURIComponent(application.id)}/documents/${encodeURIComponent(file.type)}`,
      download: file.fileName,
    }),
    element('span', ` ${fileSize(file.size)}`, { class: 'cell-hint-inline' }),
  ]));
  return [
    element('h3', 'Documents'),
    items.length === 0 ? element('p', 'The application has no documents.') : element('ul', items, { class: 'plain-list', 'aria-label': 'Documents' }),
  ];
}

function paragraphs(text) {
  const parts = (text ?? '').split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  return parts.length === 0 ? [element('p', '—')] : parts.map((part) => element('p', part, { class: 'prose' }));
}

function fact(term, description) {
  return [element('dt', term), element('dd', description)];
}

async function countryNames() {
  const response = await fetch('/shared/data/countries.json');
  const list = response.ok ? await response.json() : [];
  return new Map(list.map((country) => [country.code, country.name]));
}

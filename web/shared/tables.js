// Wide tables at phone widths: each row becomes a stacked card, each cell led by its column's name
// (site.css draws the name from data-label under 40rem), so nobody has to scroll sideways to read a
// row. Cells are labelled from the table's header row here, once for the page and again whenever a
// script redraws a table's rows or the header's text changes language. Explicit table roles keep the
// table a table to screen readers when its parts are displayed as blocks.
const roles = [['table', 'table'], ['thead, tbody, tfoot', 'rowgroup'], ['tr', 'row'], ['thead th', 'columnheader'], ['tbody th, tfoot th', 'rowheader'], ['td', 'cell']];
let pending = false;

/** Labels every table in a .table-wrap on the page, now and whenever one changes. */
export function reflowTables() {
  labelAll();
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      queueMicrotask(() => {
        pending = false;
        labelAll();
      });
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

function labelAll() {
  for (const table of document.querySelectorAll('.table-wrap > table')) {
    label(table);
  }
}

function label(table) {
  const names = [...(table.tHead?.rows[0]?.cells ?? [])].flatMap((cell) => Array(cell.colSpan).fill(cell.textContent.trim()));
  if (names.length === 0) {
    return;
  }

  table.classList.add('reflow');
  for (const [selector, role] of roles) {
    for (const part of [table, ...table.querySelectorAll(selector)].filter((node) => node.matches(selector) && node.closest('table') === table)) {
      if (part.getAttribute('role') !== role) {
        part.setAttribute('role', role);
      }
    }
  }

  for (const row of [...table.tBodies].flatMap((body) => [...body.rows])) {
    let column = 0;
    for (const cell of row.cells) {
      const name = cell.colSpan === 1 ? names[column] : '';
      if (name && cell.dataset.label !== name) {
        cell.dataset.label = name;
      } else if (!name && cell.dataset.label !== undefined) {
        delete cell.dataset.label;
      }

      column += cell.colSpan;
    }
  }
}

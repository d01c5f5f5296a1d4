// What each score of a criterion means (the rubric's level descriptors), written in the round set-up
// form under each criterion and shown to reviewers beside the score they give. Optional: a round may
// describe no score, a few (0, 5 and 10) or every one. Errors come back as
// "criteria[0].levels[1].score", so each line is numbered as it is sent.
import { element } from '../shared/dom.js';
import { t } from '../shared/i18n.js';

let levelCount = 0;

/** The criterion row's part for describing its scores. */
export function levelsFieldset(id) {
  const container = element('div', null, { class: 'levels' });
  const add = element('button', t('js.secretariat.score-levels.add'), { type: 'button', class: 'secondary' });
  add.addEventListener('click', () => addLevel(container, null, true));
  return element('fieldset', [
    element('legend', t('js.secretariat.score-levels.legend')),
    element('p', t('js.secretariat.score-levels.hint'), { class: 'hint', id: `${id}-levels-hint` }),
    element('p', null, { class: 'field-error', id: `${id}-levels-error`, hidden: '' }),
    container,
    add,
  ], { class: 'field subgroup', 'data-levels': '' });
}

function addLevel(container, level, focus) {
  levelCount += 1;
  const id = `level-${levelCount}`;
  const remove = element('button', '', { type: 'button', class: 'link-button' });
  const row = element('div', [
    levelField(id, 'score', t('js.secretariat.score-levels.score'), { inputmode: 'numeric', maxlength: '3', class: 'shorter' }, level?.score),
    levelField(id, 'description', t('js.secretariat.score-levels.description'), { maxlength: '300' }, level?.description),
    remove,
  ], { class: 'level-row side-by-side' });
  remove.addEventListener('click', () => {
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    number(container);
    (next?.querySelector('input') ?? container.nextElementSibling).focus();
  });
  container.append(row);
  number(container);
  if (focus) {
    row.querySelector('input').focus();
  }
}

function number(container) {
  [...container.children].forEach((row, index) => {
    row.querySelector(':scope > button').replaceChildren(
      t('js.secretariat.round-setup.remove'),
      element('span', ` ${t('js.secretariat.score-levels.numbered', { n: index + 1 })}`, { class: 'visually-hidden' }));
  });
}

function levelField(id, role, label, attributes, initial) {
  const inputId = `${id}-${role}`;
  const input = element('input', null, { type: 'text', id: inputId, 'data-level-input': role, autocomplete: 'off', ...attributes });
  input.value = initial === undefined || initial === null ? '' : String(initial);
  return element('div', [
    element('label', label, { for: inputId }),
    element('p', null, { class: 'field-error', id: `${inputId}-error`, hidden: '' }),
    input,
  ], { class: 'field', 'data-level-role': role, 'data-field': '' });
}

/** The criterion's described scores as the API takes them; each field is named for the API's errors under `key`. */
export function readLevels(row, key, problems) {
  const set = row.querySelector('[data-levels]');
  set.dataset.field = `${key}.levels`;
  const levels = [];
  for (const line of set.querySelectorAll('.level-row')) {
    const score = line.querySelector('[data-level-input="score"]').value.trim();
    const description = line.querySelector('[data-level-input="description"]').value.trim();
    const fields = line.querySelectorAll('[data-level-role]');
    if (!score && !description) {
      fields.forEach((field) => { field.dataset.field = ''; });
      continue;
    }

    const name = `${key}.levels[${levels.length}]`;
    fields.forEach((field) => { field.dataset.field = `${name}.${field.dataset.levelRole}`; });
    if (!/^\d{1,3}$/.test(score)) {
      problems[`${name}.score`] = [t('js.secretariat.score-levels.give-a-score')];
    }

    levels.push({ score: Number(score), description });
  }

  return levels;
}

/** Puts a criterion's described scores back into its row (editing a round). */
export function fillLevels(row, levels) {
  const container = row.querySelector('.levels');
  container.replaceChildren();
  for (const level of levels ?? []) {
    addLevel(container, level, false);
  }
}

// The portal's words in English, French and Spanish. How a page uses it:
//  - Static text in HTML: <h2 data-i18n="application.project.title">The project</h2>. The English stays in
//    the HTML (first paint, no-JS); this module replaces it with the catalogue's text for the language.
//    Inline elements keep their place: the catalogue writes them in brackets, in order —
//    "Choose a call from the [open calls]." fills the element's first child element with "open calls".
//    Attributes: data-i18n-attr="aria-label:nav.main; placeholder:search.hint".
//  - Text from scripts: t('application.saved', { time }) fills {time}; a key with .one/.other variants
//    is chosen by params.count (Intl.PluralRules). nodes(key, params, ...elements) gives text and the
//    elements for the brackets, for element(). A missing key shows the key and logs "Missing text: key".
//  - Catalogues: /shared/i18n/{en,fr,es}.json, one flat object per language, keys "area.page.thing";
//    a test holds every key to all three and every page to no missing text. Pages fetch them split by
//    area (/shared/i18n/{language}/{shared,area}.json, written by `npm run pages`; shell.js fetches).
//  - Numbers, money, dates: through format.js, which uses Intl with `language` — never a fixed locale.
//  - The language: the person's choice (the switcher in the header; kept in localStorage and on their
//    user, so emails follow), else the browser's first of en/fr/es, else English. shell.js decides it
//    before first paint and starts fetching the catalogue; this module waits for that fetch.
import { element } from './dom.js';

export const languages = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
];

export const language = document.documentElement.lang || 'en';

/**
 * The locale for Intl: the browser's own variant of the page's language when it has one ("es-MX" keeps
 * Mexican conventions, "en-US" American dates), else the language's default (British English, as the
 * portal is written).
 */
export const locale = (navigator.languages ?? [navigator.language]).find((tag) => String(tag).toLowerCase().startsWith(language))
  ?? (language === 'en' ? 'en-GB' : language);

const catalogue = await loadCatalogue();
const plurals = new Intl.PluralRules(locale);

async function loadCatalogue() {
  const pending = globalThis.tfgCatalogue ?? fetch(`/shared/i18n/${language}.json`).then((response) => response.json());
  try {
    return await pending;
  } catch {
    console.error(`Missing text: the ${language} catalogue could not be read`);
    return {};
  }
}

/** The text for `key` in the page's language, with {name} placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = lookup(key, params);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** t() for a text with [bracketed] parts: returns text and `elements` (in order) filled with those parts. */
export function nodes(key, params, ...elements) {
  const parts = [];
  let index = 0;
  for (const piece of t(key, params).split(/(\[[^\]]*\])/)) {
    if (piece.startsWith('[') && piece.endsWith(']') && elements[index]) {
      const target = elements[index++];
      target.textContent = piece.slice(1, -1);
      parts.push(target);
    } else if (piece) {
      parts.push(piece);
    }
  }

  return parts;
}

/** element() with its text from the catalogue. */
export function tElement(tag, key, params, attributes) {
  return element(tag, t(key, params), attributes);
}

function lookup(key, params) {
  if ('count' in params) {
    const variant = catalogue[`${key}.${plurals.select(Number(params.count))}`] ?? catalogue[`${key}.other`];
    if (variant !== undefined) {
      return variant;
    }
  }

  const text = catalogue[key];
  if (text === undefined) {
    console.error(`Missing text: ${key}`);
    return key;
  }

  return text;
}

/** Puts the catalogue's text into every element under `root` that names a key (data-i18n, data-i18n-attr). */
export function translate(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const children = [...node.children];
    if (children.length === 0) {
      node.textContent = t(node.dataset.i18n);
    } else {
      node.replaceChildren(...nodes(node.dataset.i18n, {}, ...children));
    }
  }

  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [name, key] = pair.split(':').map((part) => part.trim());
      if (name && key) {
        node.setAttribute(name, t(key));
      }
    }
  }
}

/** Remembers a language chosen on this device; the page reloads in it. */
export function remember(code) {
  localStorage.setItem('tfg-language', code);
}

/** Whether the language in use was chosen by the person on this device (not guessed from the browser). */
export function chosenHere() {
  return localStorage.getItem('tfg-language') !== null;
}

translate();
if (document.readyState === 'loading') {
  // shell.js adds the footer once the page is parsed, which may be after this ran.
  document.addEventListener('DOMContentLoaded', () => translate(document.querySelector('body > footer') ?? document.createElement('p')));
}

document.documentElement.classList.remove('i18n-pending');

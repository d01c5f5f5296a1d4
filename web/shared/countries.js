// Countries by ISO 3166 code, named in the page's language (Intl.DisplayNames; the English list in
// data/countries.json is the set the API accepts and the fallback name), sorted as that language sorts.
import { locale } from './i18n.js';

let loaded = null;

/** [{ code, name }] in the reader's language, alphabetical for them. */
export function loadCountries() {
  loaded ??= read();
  return loaded;
}

/** A Map from code to name, for showing codes the API gives. */
export async function countryNames() {
  return new Map((await loadCountries()).map(({ code, name }) => [code, name]));
}

async function read() {
  const response = await fetch('/shared/data/countries.json');
  const english = response.ok ? await response.json() : [];
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const collator = new Intl.Collator(locale);
  return english
    .map(({ code, name }) => ({ code, name: names.of(code) ?? name }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

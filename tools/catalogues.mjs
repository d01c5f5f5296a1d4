// Splits the portal's catalogues by area, so a page fetches the words of its own area and not every
// page's. The source stays one catalogue per language (web/shared/i18n/{en,fr,es}.json: the one place
// texts are written and merged, held to one another by CatalogueTests); this writes
// web/shared/i18n/{language}/{area}.json from it, and shell.js fetches `shared` and the page's area.
//
// A key belongs to an area when a page of that area names it in any file it loads (its HTML, its module
// graph, shell.js). Keys named in two or more areas, and keys no file names in a way this can see, go
// to `shared`, so a key is never missing from a page: at worst it is fetched by pages that need it not.
// A file names a key by writing it (data-i18n="a.b", t('a.b'), 'a.b' in a list) or a prefix of keys
// ('status.' + code, `status.${code}`, named('grants.status', ...)).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const languages = ['en', 'fr', 'es'];

/** The area of a page by its site path: its first folder, or `home` for the pages at the root. */
export function areaOf(url) {
  const [first, ...rest] = url.replace(/^\//, '').split('/');
  return rest.length > 0 ? first : 'home';
}

/** What a file's text names: whole dotted words, and dotted prefixes that scripts complete. */
function namesIn(text) {
  const words = new Set(text.match(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g) ?? []);
  const prefixes = new Set([...text.matchAll(/([A-Za-z][\w-]*(?:\.[\w-]+)*)\.(?:\$\{|['"`]\s*\+)/g)].map((m) => m[1]));
  return { words, prefixes };
}

/** The keys of `keys` that `files` (site paths under web/) name. */
function keysNamed(web, files, keys) {
  const found = new Set();
  for (const file of files) {
    const { words, prefixes } = namesIn(readFileSync(join(web, file), 'utf8'));
    for (const key of keys) {
      const base = key.replace(/\.(zero|one|two|few|many|other)$/, '');
      if (words.has(key) || words.has(base) || [...prefixes, ...words].some((prefix) => key.startsWith(`${prefix}.`))) {
        found.add(key);
      }
    }
  }

  return found;
}

/**
 * The split catalogues: { [language]: { [area]: {key: text} } }, from each page's files
 * (`pages`: [{ url, files }], files as site paths).
 */
export function split(web, pages) {
  const sources = Object.fromEntries(languages.map((code) => [code, JSON.parse(readFileSync(join(web, 'shared', 'i18n', `${code}.json`), 'utf8'))]));
  const keys = Object.keys(sources.en);
  const areasOfKey = new Map(keys.map((key) => [key, new Set()]));
  for (const page of pages) {
    for (const key of keysNamed(web, page.files, keys)) {
      areasOfKey.get(key).add(areaOf(page.url));
    }
  }

  const placed = new Map(keys.map((key) => {
    const areas = [...areasOfKey.get(key)];
    return [key, areas.length === 1 ? areas[0] : 'shared'];
  }));
  const areas = ['shared', ...new Set(pages.map((page) => areaOf(page.url)))];
  return Object.fromEntries(languages.map((code) => [code, Object.fromEntries(areas.map((area) => [area,
    Object.fromEntries(keys.filter((key) => placed.get(key) === area).map((key) => [key, sources[code][key]]))]))]));
}

// Writes each portal page's <link rel="modulepreload"> lines from its module script's imports, so the
// browser fetches a page's whole module graph at once instead of one import level per round trip, and
// nobody keeps those lists by hand. A page names one entry module (<script type="module" src>); this
// walks its static imports. `node tools/page-scripts.mjs` rewrites the pages; `--check` (run by
// `npm run lint` in CI) fails when a page's list differs from what its imports need.
// It also writes the catalogues split by area from the same module graphs (see catalogues.mjs), and
// `--check` fails when they differ from the catalogues they are split from.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { split } from './catalogues.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const check = process.argv.includes('--check');

const htmlFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
  entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : []);

/** Every module `url` (a site path such as /applicant/application.js) imports, directly or not. */
function importsOf(url, seen = new Set()) {
  const source = readFileSync(join(web, url), 'utf8');
  for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
    if (!specifier.startsWith('.')) {
      continue;
    }

    const target = posix.join(posix.dirname(url), specifier);
    if (!seen.has(target)) {
      seen.add(target);
      importsOf(target, seen);
    }
  }

  return seen;
}

const stale = [];
const pages = [];
for (const file of htmlFiles(web)) {
  const html = readFileSync(file, 'utf8');
  const entries = [...html.matchAll(/^( *)<script type="module" src="([^"]+)"><\/script>$/gm)];
  if (entries.length > 1) {
    stale.push(`${relative(web, file)}: one module script per page, found ${entries.length}`);
    continue;
  }

  const without = html.replace(/^ *<link rel="modulepreload" href="[^"]+">\n/gm, '');
  if (entries.length === 0) {
    if (without !== html) {
      stale.push(`${relative(web, file)}: preloads without a module script`);
    }

    continue;
  }

  const [tag, indent, entry] = entries[0];
  const url = `/${relative(web, file).split('\\').join('/')}`;
  pages.push({ url, files: [url, '/shared/shell.js', entry, ...importsOf(entry)] });
  const preloads = [...importsOf(entry)].filter((url) => url !== entry).sort()
    .map((url) => `${indent}<link rel="modulepreload" href="${url}">\n`).join('');
  const wanted = without.replace(tag, `${preloads}${tag}`);
  if (wanted !== html) {
    if (check) {
      stale.push(`${relative(web, file)}: its modulepreload lines differ from ${entry}'s imports; run \`npm run pages\``);
    } else {
      writeFileSync(file, wanted);
      console.log(`wrote ${relative(web, file)}`);
    }
  }
}

for (const [language, areas] of Object.entries(split(web, pages))) {
  mkdirSync(join(web, 'shared', 'i18n', language), { recursive: true });
  for (const [area, texts] of Object.entries(areas)) {
    const path = join(web, 'shared', 'i18n', language, `${area}.json`);
    const wanted = `${JSON.stringify(texts, null, 1)}\n`;
    if (existsSync(path) && readFileSync(path, 'utf8') === wanted) {
      continue;
    }

    if (check) {
      stale.push(`${relative(web, path)} differs from the ${language} catalogue it is split from; run \`npm run pages\``);
    } else {
      writeFileSync(path, wanted);
      console.log(`wrote ${relative(web, path)}`);
    }
  }
}

if (stale.length > 0) {
  console.error(stale.join('\n'));
  process.exit(1);
}

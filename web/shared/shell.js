// The page shell every page shares: the language, the skip link, the site header with the place nav.js
// draws the navigation in, and the footer. Each page loads this as a classic script at the very top of
// <body>, not as a module: a module runs only after the whole page is parsed and may be painted, whereas
// this runs before <main> is parsed, so the header is there at first paint and nothing shifts.
// It also settles the page's language first (the person's choice on this device, else the browser's
// first of en/fr/es, else English), sets <html lang>, and starts fetching that language's catalogue (the
// shared part and the page's area) at once, in parallel with the page's modules; i18n.js waits for it. Until the text is in place a page in
// French or Spanish keeps its English hidden (the i18n-pending class), so nobody reads one then the other.
// The footer follows <main>, which is not parsed yet; it is added as soon as the page is.
(() => {
  const supported = ['en', 'fr', 'es'];
  let stored = null;
  try {
    stored = localStorage.getItem('tfg-language');
  } catch {
    // Storage may be off (a private window with strict settings): the browser's language still applies.
  }

  const browser = (navigator.languages ?? [navigator.language]).map((tag) => String(tag).slice(0, 2).toLowerCase());
  const language = supported.includes(stored) ? stored : (browser.find((code) => supported.includes(code)) ?? 'en');
  document.documentElement.lang = language;
  if (language !== 'en') {
    document.documentElement.classList.add('i18n-pending');
  }

  // The words every page uses, and those of the page's own area (see tools/catalogues.mjs); both are
  // written by `npm run pages` from /shared/i18n/{language}.json.
  const folders = location.pathname.split('/').filter(Boolean);
  const area = folders.length > 1 ? folders[0] : 'home';
  const read = (name) => fetch(`/shared/i18n/${language}/${name}.json`).then((response) => response.json());
  globalThis.tfgCatalogue = Promise.all([read('shared'), read(area)]).then(([shared, own]) => ({ ...shared, ...own }));
})();
document.body.insertAdjacentHTML('afterbegin', `
  <a class="skip" href="#main" data-i18n="shell.skip">Skip to content</a>
  <header class="site-header">
    <div class="bar">
      <a class="brand" href="/">TrustFundGrants</a>
      <p id="signed-in-as" class="signed-in-as" hidden></p>
      <div id="languages" class="languages"></div>
    </div>
    <nav id="site-nav" aria-label="Main" data-i18n-attr="aria-label:shell.nav" aria-busy="true"></nav>
  </header>`);
document.addEventListener('DOMContentLoaded', () => {
  document.body.insertAdjacentHTML('beforeend', `
  <footer>
    <p><a href="/api/openapi.json" data-i18n="shell.api">API description</a></p>
  </footer>`);
});

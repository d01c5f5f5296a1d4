// The page shell every page shares: the skip link, the site header with the place nav.js draws the
// navigation in, and the footer. Each page loads this as a classic script at the very top of <body>,
// not as a module: a module runs only after the whole page is parsed and may be painted, whereas this
// runs before <main> is parsed, so the header is there at first paint and nothing shifts.
// The footer follows <main>, which is not parsed yet; it is added as soon as the page is.
document.body.insertAdjacentHTML('afterbegin', `
  <a class="skip" href="#main">Skip to content</a>
  <header class="site-header">
    <div class="bar">
      <a class="brand" href="/">TrustFundGrants</a>
      <p id="signed-in-as" class="signed-in-as" hidden></p>
    </div>
    <nav id="site-nav" aria-label="Main" aria-busy="true"></nav>
  </header>`);
document.addEventListener('DOMContentLoaded', () => {
  document.body.insertAdjacentHTML('beforeend', `
  <footer>
    <p><a href="/api/openapi.json">API description</a></p>
  </footer>`);
});

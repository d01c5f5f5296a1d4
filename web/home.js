// The home page: the pages this person can use, each with a line on what it is for.
import { startPage, pagesFor } from './shared/nav.js';
import { element } from './shared/dom.js';
import { showServiceStatus } from './status.js';
import { t } from './shared/i18n.js';

showServiceStatus();

const me = await startPage();
const list = document.getElementById('start-pages');
const pages = pagesFor(me).filter((page) => page.href !== '/');
if (me && pages.every((page) => page.for(null))) {
  list.append(element('li', t('js.home.there-is-nothing-for-you')));
}

for (const page of pages) {
  list.append(element('li', [element('a', page.label, { href: page.href }), element('span', page.about ?? '')]));
}

if (!me) {
  list.append(element('li', [
    element('a', t('js.home.sign-in'), { href: '/signin.html' }),
    element('span', t('home.signInAbout')),
  ]));
}

document.getElementById('start').hidden = false;

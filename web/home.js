// The home page: the pages this person can use, each with a line on what it is for.
import { startPage, pagesFor } from './shared/nav.js';
import { element } from './shared/dom.js';
import { showServiceStatus } from './status.js';

showServiceStatus();

const me = await startPage();
const list = document.getElementById('start-pages');
const pages = pagesFor(me).filter((page) => page.href !== '/');
if (me && pages.every((page) => page.for(null))) {
  list.append(element('li', 'There is nothing for you to do here yet. When the fund gives you a role, your pages appear here after your next sign-in.'));
}

for (const page of pages) {
  list.append(element('li', [element('a', page.label, { href: page.href }), element('span', page.about ?? '')]));
}

if (!me) {
  list.append(element('li', [
    element('a', 'Sign in', { href: '/signin.html' }),
    element('span', 'with your email address; we send you a link, there is no password.'),
  ]));
}

document.getElementById('start').hidden = false;

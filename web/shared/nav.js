// The navigation every page shows, built from who is signed in (GET /api/me). A new page becomes
// reachable by adding one entry to `pages`; an entry is shown only to the people its `for` accepts.
import { api } from './api.js';
import { element, keyboardScrollable } from './dom.js';
import { chosenHere, language, languages, remember, t } from './i18n.js';
import { reflowTables } from './tables.js';

const has = (role) => (me) => me !== null && me.roles.includes(role);

/** Signed in but not yet anything: someone who may be here to register their NGO. */
const newcomer = (me) => me !== null && me.roles.length === 0 && !me.organisationId;

export const pages = [
  { href: '/', label: t('nav.home'), for: () => true },
  { href: '/applicant/rounds.html', label: t('js.shared.nav.open-calls'), for: () => true, about: t('js.shared.nav.calls-for-proposals-you-can') },
  { href: '/applicant/applications.html', label: t('js.shared.nav.my-applications'), for: has('Applicant'), about: t('js.shared.nav.your-organisation-s-applications-and') },
  { href: '/applicant/grants.html', label: t('nav.myGrants'), for: has('Applicant'), about: t('nav.myGrantsAbout') },
  { href: '/applicant/organisation.html', label: t('js.shared.nav.my-organisation'), for: has('Applicant'), about: t('js.shared.nav.your-organisation-s-details-and') },
  { href: '/applicant/organisation.html', label: t('js.shared.nav.register-organisation'), for: newcomer, about: t('js.shared.nav.register-your-organisation-to-apply') },
  { href: '/review/assignments.html', label: t('js.shared.nav.my-assignments'), for: has('Reviewer'), about: t('js.shared.nav.the-applications-you-are-asked') },
  { href: '/review/conflicts.html', label: t('js.shared.nav.conflicts-of-interest'), for: has('Reviewer'), about: t('js.shared.nav.organisations-you-are-tied-to') },
  { href: '/secretariat/rounds.html', label: t('nav.rounds'), for: has('Secretariat'), about: t('js.shared.nav.funds-calls-for-proposals-and') },
  { href: '/secretariat/grants.html', label: t('nav.grants'), for: has('Secretariat'), about: t('nav.grantsAbout') },
  { href: '/secretariat/invitations.html', label: t('nav.invitations'), for: has('Secretariat'), about: t('js.shared.nav.invite-reviewers-donors-and-colleagues') },
  { href: '/donor/dashboard.html', label: t('nav.myContributions'), for: has('Donor'), about: t('nav.myContributionsAbout') },
];

/** The pages this person may open, in navigation order. */
export function pagesFor(me) {
  return pages.filter((page) => page.for(me));
}

/** Draws the navigation for `me` (null when nobody is signed in). */
export function renderNav(me) {
  const nav = document.getElementById('site-nav');
  if (!nav) {
    return;
  }

  const list = document.createElement('ul');
  for (const page of pagesFor(me)) {
    const link = element('a', page.label, { href: page.href });
    if (isCurrent(page.href)) {
      link.setAttribute('aria-current', 'page');
    }

    list.append(element('li', link));
  }

  if (me) {
    const signOut = element('button', t('js.shared.nav.sign-out'), { type: 'button', class: 'link-button' });
    signOut.addEventListener('click', () => signOutNow(signOut, '/api/auth/sign-out', t('js.shared.nav.sign-out')));
    list.append(element('li', signOut, { class: 'nav-end' }));
    // Ends the sessions on every device too: a lost phone, a shared computer.
    const everywhere = element('button', t('nav.signOutEverywhere'), { type: 'button', class: 'link-button' });
    everywhere.addEventListener('click', () => signOutNow(everywhere, '/api/auth/sign-out-everywhere', t('nav.signOutEverywhere')));
    list.append(element('li', everywhere));
  } else {
    const signIn = element('a', t('js.shared.nav.sign-in'), { href: '/signin.html' });
    if (isCurrent('/signin.html')) {
      signIn.setAttribute('aria-current', 'page');
    }

    list.append(element('li', signIn, { class: 'nav-end' }));
  }

  nav.replaceChildren(list);
  nav.setAttribute('aria-busy', 'false');

  const who = document.getElementById('signed-in-as');
  if (who) {
    who.textContent = me ? t('nav.signedInAs', { email: me.email }) : '';
    who.hidden = !me;
  }
}

/**
 * Starts a page: reads who is signed in, draws the navigation and returns them (or null).
 * `requires: 'signed-in'` sends visitors to sign in; a role name also turns away people without it.
 */
export async function startPage({ requires } = {}) {
  document.querySelectorAll('.table-wrap').forEach(keyboardScrollable);
  reflowTables();
  // Pages anyone may open ask only when the session hint says someone may be signed in.
  if (!requires && !document.cookie.split(';').some((part) => part.trim().startsWith('tfg_signed_in='))) {
    renderNav(null);
    renderLanguages(null);
    return null;
  }

  const result = await api('/api/me', { on401: requires ? 'redirect' : 'return' });
  const me = result.ok ? result.data : null;
  if (result.status === 401) {
    // The hint outlived a session ended elsewhere: forget it, so open pages stop asking (and failing).
    document.cookie = 'tfg_signed_in=; Max-Age=0; Path=/; SameSite=Strict';
  }

  if (me && await followUsersLanguage(me)) {
    return new Promise(() => {});
  }

  renderNav(me);
  renderLanguages(me);
  if (!result.ok && result.status !== 401) {
    showPageProblem(result.problem);
    return null;
  }

  if (me && requires && requires !== 'signed-in' && !me.roles.includes(requires)) {
    showPageProblem({
      title: t('js.shared.nav.this-page-is-not-for'),
      detail: t('nav.wrongRole', { role: t(`role.${requires}`) }),
    });
    return null;
  }

  return me;
}

/**
 * Keeps the page's language and the one stored with the user together. A language chosen on this
 * device is the person's word and stays (it was stored when chosen); otherwise the stored one wins (the
 * page reloads in it), and a user with none yet gets the browser's, so their emails come in it. True
 * when the page is reloading.
 */
async function followUsersLanguage(me) {
  if (!chosenHere() && me.language && me.language !== language) {
    remember(me.language);
    location.reload();
    return true;
  }

  if (!me.language && !chosenHere()) {
    await api('/api/me/language', { method: 'PUT', body: { language }, on401: 'return' });
  }

  return false;
}

/** The switcher in the header: each language named in itself; the current one marked. */
function renderLanguages(me) {
  const place = document.getElementById('languages');
  if (!place) {
    return;
  }

  const list = element('ul', languages.map(({ code, name }) => {
    if (code === language) {
      return element('li', element('span', name, { lang: code, 'aria-current': 'true' }));
    }

    const button = element('button', name, { type: 'button', class: 'link-button', lang: code });
    button.addEventListener('click', () => switchTo(code, me));
    return element('li', button);
  }));
  place.replaceChildren(element('nav', list, { 'aria-label': t('nav.language') }));
}

async function switchTo(code, me) {
  remember(code);
  if (me) {
    await api('/api/me/language', { method: 'PUT', body: { language: code }, on401: 'return' });
  }

  location.reload();
}

function showPageProblem(problem) {
  const main = document.getElementById('main');
  const heading = element('h1', problem.title ?? t('js.shared.nav.something-went-wrong'), { tabindex: '-1' });
  main.replaceChildren(heading, element('p', problem.detail ?? ''));
  heading.focus();
}

async function signOutNow(button, path, label) {
  button.disabled = true;
  const result = await api(path, { method: 'POST', on401: 'return' });
  if (result.ok || result.status === 401) {
    location.assign('/signin.html?signed-out');
    return;
  }

  button.disabled = false;
  button.textContent = t('nav.tryAgain', { label });
  button.setAttribute('aria-describedby', 'sign-out-problem');
  const problem = document.getElementById('sign-out-problem') ?? element('p', '', { id: 'sign-out-problem', role: 'alert', class: 'nav-problem' });
  problem.textContent = t('nav.signOutFailed', { problem: result.problem.detail ?? result.problem.title });
  button.closest('nav').after(problem);
  button.focus();
}

function isCurrent(href) {
  const path = location.pathname === '/index.html' ? '/' : location.pathname;
  return path === href;
}

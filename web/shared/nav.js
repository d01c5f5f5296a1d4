// The navigation every page shows, built from who is signed in (GET /api/me). A new page becomes
// reachable by adding one entry to `pages`; an entry is shown only to the people its `for` accepts.
import { api } from './api.js';
import { element } from './dom.js';

const has = (role) => (me) => me !== null && me.roles.includes(role);

/** Signed in but not yet anything: someone who may be here to register their NGO. */
const newcomer = (me) => me !== null && me.roles.length === 0 && !me.organisationId;

export const pages = [
  { href: '/', label: 'Home', for: () => true },
  { href: '/applicant/rounds.html', label: 'Open calls', for: () => true, about: 'Calls for proposals you can apply to now or soon.' },
  { href: '/applicant/applications.html', label: 'My applications', for: has('Applicant'), about: 'Your organisation’s applications and where each one stands.' },
  { href: '/applicant/organisation.html', label: 'My organisation', for: has('Applicant'), about: 'Your organisation’s details and colleagues.' },
  { href: '/applicant/organisation.html', label: 'Register organisation', for: newcomer, about: 'Register your organisation to apply for grants.' },
  { href: '/review/assignments.html', label: 'My assignments', for: has('Reviewer'), about: 'The applications you are asked to review, and how far you are.' },
  { href: '/review/conflicts.html', label: 'Conflicts of interest', for: has('Reviewer'), about: 'Organisations you are tied to, so you are never asked to review them.' },
  { href: '/secretariat/rounds.html', label: 'Rounds', for: has('Secretariat'), about: 'Funds, calls for proposals and the applications they receive.' },
  { href: '/secretariat/invitations.html', label: 'Invitations', for: has('Secretariat'), about: 'Invite reviewers, donors and colleagues.' },
  { href: '/donor/dashboard.html', label: 'My contributions', for: has('Donor'), about: 'What your organisation gave, and what the money was attributed to.' },
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
    const signOut = element('button', 'Sign out', { type: 'button', class: 'link-button' });
    signOut.addEventListener('click', () => signOutNow(signOut, '/api/auth/sign-out', 'Sign out'));
    list.append(element('li', signOut, { class: 'nav-end' }));
    // Ends the sessions on every device too: a lost phone, a shared computer.
    const everywhere = element('button', 'Sign out everywhere', { type: 'button', class: 'link-button' });
    everywhere.addEventListener('click', () => signOutNow(everywhere, '/api/auth/sign-out-everywhere', 'Sign out everywhere'));
    list.append(element('li', everywhere));
  } else {
    const signIn = element('a', 'Sign in', { href: '/signin.html' });
    if (isCurrent('/signin.html')) {
      signIn.setAttribute('aria-current', 'page');
    }

    list.append(element('li', signIn, { class: 'nav-end' }));
  }

  nav.replaceChildren(list);
  nav.setAttribute('aria-busy', 'false');

  const who = document.getElementById('signed-in-as');
  if (who) {
    who.textContent = me ? `Signed in as ${me.email}` : '';
    who.hidden = !me;
  }
}

/**
 * Starts a page: reads who is signed in, draws the navigation and returns them (or null).
 * `requires: 'signed-in'` sends visitors to sign in; a role name also turns away people without it.
 */
export async function startPage({ requires } = {}) {
  const result = await api('/api/me', { on401: requires ? 'redirect' : 'return' });
  const me = result.ok ? result.data : null;
  renderNav(me);
  if (!result.ok && result.status !== 401) {
    showPageProblem(result.problem);
    return null;
  }

  if (me && requires && requires !== 'signed-in' && !me.roles.includes(requires)) {
    showPageProblem({
      title: 'This page is not for your role.',
      detail: `It is for people with the ${requires} role. Use the navigation above to find your pages.`,
    });
    return null;
  }

  return me;
}

function showPageProblem(problem) {
  const main = document.getElementById('main');
  const heading = element('h1', problem.title ?? 'Something went wrong.', { tabindex: '-1' });
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
  button.textContent = `${label} (try again)`;
  button.setAttribute('aria-describedby', 'sign-out-problem');
  const problem = document.getElementById('sign-out-problem') ?? element('p', '', { id: 'sign-out-problem', role: 'alert', class: 'nav-problem' });
  problem.textContent = `Signing out did not work: ${result.problem.detail ?? result.problem.title}`;
  button.closest('nav').after(problem);
  button.focus();
}

function isCurrent(href) {
  const path = location.pathname === '/index.html' ? '/' : location.pathname;
  return path === href;
}

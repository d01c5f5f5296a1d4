// Sign-in: ask for a link by email, and — when this page is opened from that link — show whom the
// link signs in and exchange its token for a session only when the person clicks "Continue as …".
// Opening a link never signs anyone in by itself, so a link someone forwarded for their own address
// cannot sign the reader into that account unnoticed. The token arrives in the URL fragment; it is
// taken out of the address bar at once and only ever sent to /api/auth/sign-in-link (to see whom it
// is for) and /api/auth/session, which answers with an HttpOnly cookie.
import { api, takeReturnPath, waitInWords } from './shared/api.js';
import { startPage } from './shared/nav.js';
import { element } from './shared/dom.js';
import { values, whileBusy, showProblem, clearProblems, announce } from './shared/forms.js';
import { language, t } from './shared/i18n.js';

const form = document.getElementById('signin-form');
const email = document.getElementById('signin-email');
const notice = document.getElementById('notice');
const requestLink = document.getElementById('request-link');
const checkEmail = document.getElementById('check-email');
const confirmLink = document.getElementById('confirm-link');
const continueAs = document.getElementById('continue-as');
let pendingToken = null;

const arrivalNotices = {
  'signed-out': t('js.signin.you-have-signed-out'),
  expired: t('js.signin.sign-in-to-see-that'),
};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(form, requestSignInLink);
});
// The button comes disabled: a click before this module has loaded its catalogue would submit the form natively
// (a plain reload that sends nothing), losing the person's request without a word.
form.querySelector('[type="submit"]').disabled = false;

document.getElementById('ask-again').addEventListener('click', () => {
  checkEmail.hidden = true;
  requestLink.hidden = false;
  email.focus();
  email.select();
});

continueAs.addEventListener('click', () => {
  const linkToken = pendingToken;
  pendingToken = null;
  if (linkToken) {
    continueAs.disabled = true;
    exchange(linkToken);
  }
});

document.getElementById('not-me').addEventListener('click', () => {
  pendingToken = null;
  confirmLink.hidden = true;
  requestLink.hidden = false;
  notice.classList.remove('message-warning');
  notice.setAttribute('role', 'status');
  announce(notice, 'Nobody was signed in. The link was not used.');
});

// A link pasted into a tab that already shows this page changes only the fragment: no reload.
window.addEventListener('hashchange', () => {
  const pasted = takeTokenFromAddress();
  if (pasted) {
    askToContinue(pasted);
  }
});

const token = takeTokenFromAddress();
if (token) {
  await askToContinue(token);
} else {
  showArrivalNotice();
  await startPage();
}

function takeTokenFromAddress() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const found = fragment.get('token');
  if (found !== null) {
    history.replaceState(null, '', location.pathname + location.search);
  }

  return found;
}

async function askToContinue(linkToken) {
  requestLink.hidden = true;
  checkEmail.hidden = true;
  const result = await api('/api/auth/sign-in-link', { method: 'POST', body: { token: linkToken }, on401: 'return' });
  if (!result.ok) {
    linkDoesNotWork(result);
    await startPage();
    return;
  }

  pendingToken = linkToken;
  document.getElementById('confirm-link-email').textContent = result.data.email;
  continueAs.textContent = t('signin.continueAs', { email: result.data.email });
  continueAs.disabled = false;
  notice.hidden = true;
  confirmLink.hidden = false;
  document.getElementById('confirm-link-title').focus();
  await startPage();
}

async function exchange(linkToken) {
  confirmLink.hidden = true;
  requestLink.hidden = true;
  notice.setAttribute('role', 'status');
  announce(notice, t('js.signin.signing-you-in'));
  const result = await api('/api/auth/session', { method: 'POST', body: { token: linkToken }, on401: 'return' });
  if (result.ok) {
    location.replace(takeReturnPath());
    return;
  }

  linkDoesNotWork(result);
  await startPage();
}

function linkDoesNotWork(result) {
  notice.classList.add('message-warning');
  notice.setAttribute('role', 'alert');
  requestLink.hidden = false;
  if (result.status === 401 || result.status === 400) {
    announce(
      notice,
      element('strong', t('js.signin.this-link-does-not-work')),
      t('js.signin.a-sign-in-link-works'));
  } else {
    announce(notice, element('strong', result.problem.title ?? t('js.signin.signing-in-did-not-work')), result.problem.detail ?? t('js.signin.please-try-again'));
  }
}

function showArrivalNotice() {
  const query = new URLSearchParams(location.search);
  const key = Object.keys(arrivalNotices).find((name) => query.has(name));
  if (key) {
    notice.setAttribute('role', 'status');
    notice.replaceChildren(element('p', arrivalNotices[key]));
    notice.hidden = false;
  }
}

async function requestSignInLink() {
  clearProblems(form);
  notice.hidden = true;
  const address = values(form).email;
  // The link's email is written in the language of this page.
  const result = await api('/api/auth/sign-in', { method: 'POST', body: { email: address, language }, on401: 'return' });
  if (result.ok) {
    document.getElementById('check-email-detail').replaceChildren(
      result.data?.message ?? t('js.signin.if-this-address-can-receive'),
      element('br'),
      t('js.signin.you-asked-for-a-link'),
      element('strong', address),
      '.');
    requestLink.hidden = true;
    checkEmail.hidden = false;
    document.getElementById('check-email-title').focus();
    return;
  }

  if (result.status === 429) {
    showProblem(form, {
      title: t('js.signin.please-wait-a-little-before'),
      detail: t('signin.rateLimited', { wait: waitInWords(result.headers) }),
    });
    return;
  }

  showProblem(form, result.problem);
}

// No typed work lost, the same way on every form that edits a draft (an application, a review): it
// saves itself a moment after typing stops, warns before the page is left with changes unsaved, and
// keeps a copy in this browser until the API has it. A session that ends mid-edit then costs nothing:
// signing in again returns to the page (api.js remembers it), and the copy is put back.
import { element } from './dom.js';
import { announce } from './forms.js';
import { leavingToSignIn } from './api.js';
import { clockTime } from './format.js';

const autosaveAfterMs = 2000;

/**
 * Keeps one draft's unsaved work under `key` in localStorage. `autosave()` runs a moment after the
 * last change. `base` is what the page last read or saved (an ETag, or the saved content): a kept copy
 * made over the same base is put back as it is; over another, the person chooses.
 */
export function keepDraft(key, autosave) {
  let dirty = false;
  let version = 0;
  let timer = 0;
  let base = '';
  // The form as last kept, to tell a change from an event that changes nothing: leaving a field fires
  // `change` after its typing was already saved, and that alone must not count as unsaved work.
  let latest = null;
  window.addEventListener('beforeunload', (event) => {
    if (dirty && !leavingToSignIn) {
      event.preventDefault();
    }
  });

  const forget = () => {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing was kept.
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(autosave, autosaveAfterMs);
  };

  return {
    get dirty() { return dirty; },
    get version() { return version; },
    set base(value) { base = value ?? base; },

    /** The form changed to `body`: keep it here and save it in a moment. False when `body` is what it was. */
    changed(body) {
      const json = JSON.stringify(body);
      if (json === latest) {
        // Nothing new; if the last save failed, this is a moment to try again.
        if (dirty) {
          schedule();
        }

        return false;
      }

      latest = json;
      dirty = true;
      version += 1;
      try {
        localStorage.setItem(key, JSON.stringify({ base, at: Date.now(), body }));
      } catch {
        // No storage: the autosave still runs; only a session ending mid-edit could cost the last seconds.
      }

      schedule();
      return true;
    },

    /** The API has the form as it was at `sentVersion`; it is clean unless it changed since. */
    saved(sentVersion, newBase) {
      base = newBase ?? base;
      dirty = version !== sentVersion;
      if (!dirty) {
        forget();
      }

      return dirty;
    },

    /** The form now shows what the API holds (read afresh): nothing is unsaved. */
    clean(newBase) {
      base = newBase ?? base;
      latest = null;
      dirty = false;
      clearTimeout(timer);
    },

    forget,

    /**
     * Puts back a copy kept in this browser that the API never received: at once when the draft has
     * not changed since (then it saves in a moment), else after the person asks, in `notice`, so nobody's
     * work is overwritten unseen. `putBack(body)` fills the form; `texts` holds the page's own words
     * (restoreAnyway, keptButChanged(time)) and `restored(time)`, which says it happened.
     */
    restore(putBack, notice, texts) {
      let kept = null;
      try {
        kept = JSON.parse(localStorage.getItem(key) ?? 'null');
      } catch {
        kept = null;
      }

      if (!kept?.body) {
        forget();
        return;
      }

      const time = clockTime(new Date(kept.at));
      const apply = () => {
        putBack(kept.body);
        latest = null;
        dirty = true;
        version += 1;
        texts.restored(time);
        schedule();
      };
      if (kept.base === base) {
        apply();
        return;
      }

      const button = element('button', texts.restoreAnyway, { type: 'button', class: 'secondary' });
      button.addEventListener('click', () => {
        notice.hidden = true;
        apply();
      });
      notice.classList.add('message-warning');
      announce(notice, element('p', texts.keptButChanged(time)), button);
    },
  };
}

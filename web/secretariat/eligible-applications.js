// A closed round's eligible applications (GET /api/applications?roundId=&status=Eligible), page by
// page, read once per page visit: the panel page names them in the assignment run's shortfalls and
// offers them for assigning by hand.
import { api } from '../shared/api.js';

const read = new Map();

/** [{ id, title, reference }] of the round's eligible applications; a failed page ends the list early. */
export function eligibleApplications(roundId) {
  if (!read.has(roundId)) {
    read.set(roundId, readAll(roundId));
  }

  return read.get(roundId);
}

async function readAll(roundId) {
  const found = [];
  const query = new URLSearchParams({ roundId, status: 'Eligible', limit: '100' });
  for (let page = 0; page < 20; page++) {
    const list = await api(`/api/applications?${query}`);
    if (!list.ok) {
      break;
    }

    found.push(...list.data.items.map((item) => ({ id: item.id, title: item.title || 'Untitled application', reference: item.reference })));
    if (!list.data.nextCursor) {
      break;
    }

    query.set('cursor', list.data.nextCursor);
  }

  return found;
}

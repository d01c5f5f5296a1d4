// The round's time zone, chosen from a list rather than typed: every IANA zone the browser knows, by
// name with its offset from UTC today ("Africa/Nairobi (UTC+03:00)"). Names come first so that typing
// a region or city on the closed list jumps to it, as a <select> does.
import { element } from '../shared/dom.js';

const now = new Date();
let options = null;

/** Fills `select` with the zones and chooses `chosen` (added when the browser does not list it). */
export function fillTimeZones(select, chosen) {
  options ??= zones().map((zone) => ({ zone, text: `${zone.replaceAll('_', ' ')} (${offsetOf(zone)})` }));
  const listed = options.some((option) => option.zone === chosen);
  const all = listed || !chosen ? options : [{ zone: chosen, text: chosen }, ...options];
  select.replaceChildren(...all.map((option) => element('option', option.text, { value: option.zone })));
  select.value = chosen && all.some((option) => option.zone === chosen) ? chosen : 'UTC';
}

function zones() {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Africa/Nairobi', 'America/Mexico_City', 'Europe/Paris'];
  return ['UTC', ...known.filter((zone) => zone !== 'UTC').sort()];
}

/** "UTC+03:00", "UTC−05:00" or "UTC": the zone's offset at this moment (it may change with summer time). */
function offsetOf(zone) {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    return name === 'GMT' ? 'UTC' : name.replace('GMT', 'UTC');
  } catch {
    return 'UTC';
  }
}

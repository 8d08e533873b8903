// How numbers, times and durations read on every page.

const numberFormat = new Intl.NumberFormat();

export function count(n) {
  return n === null || n === undefined ? '–' : numberFormat.format(n);
}

export function percent(p) {
  return p === null || p === undefined ? '–' : `${p.toFixed(1)} %`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function millis(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${ms} ms` : duration(ms / 1000);
}

export function dateTime(value) {
  if (!value) return '–';
  const date = new Date(value); // epoch millis (progress samples) or an ISO string (everything else)
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** The value of an <input type="datetime-local"> (local time) as an ISO instant, or null when empty. */
export function localInputToInstant(value) {
  return value ? new Date(value).toISOString() : null;
}

/** An ISO instant as the value of an <input type="datetime-local">. */
export function instantToLocalInput(value) {
  if (!value) return '';
  const date = new Date(value);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** A status name as people read it: SYNCING -> Syncing, VALIDATION_FAILED -> Validation failed. */
export function label(name) {
  if (!name) return '–';
  const words = String(name).toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

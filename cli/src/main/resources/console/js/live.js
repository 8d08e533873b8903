// Live updates: one EventSource on /api/events for the whole page. When the stream fails (a proxy that buffers, a
// restarted console), the pages poll instead until the stream is back, so nothing needs a reload.

const POLL_MILLIS = 2000;
const RECONNECT_MILLIS = 10000;

const listeners = new Set();
const statusListeners = new Set();
let source = null;
let pollTimer = null;
let reconnectTimer = null;

/**
 * Registers a view: onTask(summary) and onProgress(taskId, sample) for stream events, poll() called every
 * POLL_MILLIS while the stream is down. Returns the function that unregisters it.
 */
export function subscribe(listener) {
  listeners.add(listener);
  connect();
  return () => listeners.delete(listener);
}

/** Called with 'live' or 'polling' whenever the way updates arrive changes. */
export function onConnectionChange(listener) {
  statusListeners.add(listener);
  listener(currentMode());
}

function currentMode() {
  return pollTimer ? 'polling' : 'live';
}

function connect() {
  if (source || typeof EventSource === 'undefined') {
    if (!source) startPolling();
    return;
  }
  source = new EventSource('/api/events');
  source.addEventListener('open', stopPolling);
  source.addEventListener('task', (e) => dispatch('onTask', JSON.parse(e.data)));
  source.addEventListener('progress', (e) => {
    const { taskId, sample } = JSON.parse(e.data);
    dispatch('onProgress', taskId, sample);
  });
  source.addEventListener('error', () => {
    startPolling();
    // EventSource retries by itself unless the server refused the stream; then open a new one later.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, RECONNECT_MILLIS);
    }
  });
}

function dispatch(method, ...args) {
  for (const listener of listeners) {
    if (listener[method]) listener[method](...args);
  }
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(() => dispatch('poll'), POLL_MILLIS);
  notify();
}

function stopPolling() {
  if (!pollTimer) return;
  clearInterval(pollTimer);
  pollTimer = null;
  notify();
}

function notify() {
  for (const listener of statusListeners) listener(currentMode());
}

/**
 * Wraps an async reload so that events arriving faster than the server answers cause one call at a time, plus one
 * more afterwards if anything arrived meanwhile.
 */
export function coalesced(reload) {
  let running = null;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await reload();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  return run;
}

// The console's JSON API (docs/console.md). Every call is same-origin, so the session cookie goes along; a failure
// becomes an ApiError carrying the server's one-line message, the field it names and the rest of its body.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `The console answered HTTP ${status}.`);
    this.status = status;
    this.field = body ? body.field || null : null;
    this.body = body || {};
  }
}

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { error: 'The console cannot be reached: is `redis-migrate console` still running?' });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = { error: `The console answered HTTP ${response.status} with something that is not JSON.` };
    }
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const task = (id) => `/api/tasks/${encodeURIComponent(id)}`;

export const api = {
  meta: () => call('GET', '/api/meta'),
  parameters: () => call('GET', '/api/parameters'),
  validate: (form, taskId) => call('POST', taskId ? `/api/validations?taskId=${encodeURIComponent(taskId)}` : '/api/validations', form),
  listTasks: (status) => call('GET', status ? `/api/tasks?status=${encodeURIComponent(status)}` : '/api/tasks'),
  getTask: (id) => call('GET', task(id)),
  createTask: (form) => call('POST', '/api/tasks', form),
  editTask: (id, form) => call('PUT', task(id), form),
  start: (id, at) => call('POST', `${task(id)}/start`, { at: at || null }),
  verify: (id, mode) => call('POST', `${task(id)}/verify`, { mode }),
  finish: (id, force) => call('POST', `${task(id)}/finish`, { force: Boolean(force) }),
  cancel: (id) => call('POST', `${task(id)}/cancel`),
  progress: (id, since) => call('GET', since ? `${task(id)}/progress?since=${since}` : `${task(id)}/progress`),
};

// The console's pages, routed by the URL's fragment (#/tasks, #/tasks/new, #/tasks/ID, #/tasks/ID/edit) so the
// server only ever serves this one page; each page registers with live.js for updates.
import { api } from './api.js';
import { h, replace } from './dom.js';
import { onConnectionChange, subscribe } from './live.js';
import { renderTaskForm } from './task-form.js';
import { renderTaskList } from './task-list.js';
import { renderTaskPage } from './task-page.js';

const main = document.getElementById('app');
let current = null;

async function route() {
  if (current) {
    current.unsubscribe();
    if (current.view && current.view.dispose) current.view.dispose();
    current = null;
  }
  delete main.dataset.status;
  const [path, query] = (location.hash.replace(/^#/, '') || '/tasks').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const mine = {};
  current = { unsubscribe: () => {}, view: null, token: mine };
  try {
    let view = null;
    if (parts[0] !== 'tasks') {
      location.hash = '#/tasks';
      return;
    }
    if (parts.length === 1) {
      view = await renderTaskList(main, new URLSearchParams(query || ''));
    } else if (parts[1] === 'new') {
      await renderTaskForm(main, null);
    } else if (parts[2] === 'edit') {
      await renderTaskForm(main, await api.getTask(parts[1]));
    } else {
      view = await renderTaskPage(main, parts[1]);
    }
    if (current && current.token === mine && view) {
      current.view = view;
      current.unsubscribe = subscribe(view);
    }
    main.dataset.page = parts.length === 1 ? 'list' : parts[1] === 'new' ? 'new' : parts[2] || 'task';
  } catch (error) {
    replace(main, h('h1', 'Something went wrong'), h('p.message.message-error', error.message),
      h('p', h('a', { href: '#/tasks' }, 'Back to the task list')));
  }
}

async function showMeta() {
  try {
    const meta = await api.meta();
    document.getElementById('meta').textContent = `${meta.mode} · ${meta.version}`;
  } catch (error) {
    document.getElementById('meta').textContent = error.message;
  }
}

onConnectionChange((mode) => {
  const el = document.getElementById('connection');
  el.textContent = mode === 'live' ? 'live' : 'polling';
  el.className = `connection connection-${mode}`;
  el.title = mode === 'live' ? 'Updates arrive as they happen.' : 'The live stream is down; the page asks every few seconds.';
});
window.addEventListener('hashchange', route);
showMeta();
route();

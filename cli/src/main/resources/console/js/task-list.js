// The task list: name, status, source, target, phase, progress, last event; a status filter; "New task".
import { api } from './api.js';
import { h, replace } from './dom.js';
import { dateTime, duration, label, millis, percent } from './format.js';
import { coalesced } from './live.js';
import { STATUSES, statusBadge } from './status.js';

export async function renderTaskList(main, params) {
  const list = new TaskList(main, params.get('status') || '');
  await list.load();
  return list;
}

class TaskList {
  constructor(main, status) {
    this.status = status;
    this.reload = coalesced(() => this.load().catch(() => {}));
    this.body = h('tbody');
    const filter = h('select#status-filter', { 'aria-label': 'Filter by status', onchange: (e) => {
      location.hash = e.target.value ? `#/tasks?status=${e.target.value}` : '#/tasks';
    } }, h('option', { value: '' }, 'All statuses'),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, label(s))));
    replace(main,
      h('div.toolbar', h('h1', 'Migration tasks'), h('div.toolbar-actions', filter,
        h('a.button.primary#new-task', { href: '#/tasks/new' }, 'New task'))),
      h('table.task-list', h('thead', h('tr', ['Name', 'Status', 'Source', 'Target', 'Phase', 'Progress', 'Last event', 'Updated']
        .map((t) => h('th', t)))), this.body));
  }

  async load() {
    this.show(await api.listTasks(this.status || null));
  }

  show(tasks) {
    if (tasks.length === 0) {
      replace(this.body, h('tr', h('td.empty', { colspan: 8 }, this.status
        ? `No task is ${label(this.status).toLowerCase()}.` : 'No task yet. "New task" creates the first one.')));
      return;
    }
    replace(this.body, [...tasks].sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt))).map(row));
  }

  onTask() {
    this.reload();
  }

  poll() {
    return this.reload();
  }
}

function row(task) {
  const link = `#/tasks/${encodeURIComponent(task.id)}`;
  return h('tr', { 'data-task-id': task.id, 'data-task-name': task.name },
    h('td', h('a', { href: link }, task.name)),
    h('td', statusBadge(task.status)),
    h('td', task.source),
    h('td', task.target),
    h('td', label(task.phase)),
    h('td', progressCell(task)),
    h('td', lastEvent(task.lastEvent)),
    h('td', dateTime(task.updatedAt)));
}

function progressCell(task) {
  const p = task.progress || {};
  const parts = [];
  if (p.percent !== null && p.percent !== undefined) parts.push(percent(p.percent));
  if (p.etaSeconds !== null && p.etaSeconds !== undefined) parts.push(`ETA ${duration(p.etaSeconds)}`);
  if (p.lagMillis !== null && p.lagMillis !== undefined) parts.push(`lag ${millis(p.lagMillis)}`);
  return parts.length ? parts.join(' · ') : '–';
}

function lastEvent(event) {
  if (!event) return '–';
  return typeof event === 'string' ? event : `${label(event.kind)}: ${event.detail ?? ''} (${dateTime(event.at)})`;
}

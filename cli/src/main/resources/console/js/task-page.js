// One task: its status and validation, the actions its status allows, the sync's progress and charts, the lock,
// the parameters in force, the verification report and the events. Updated live (see live.js).
import { api, ApiError } from './api.js';
import { ProgressCharts } from './charts.js';
import { confirmDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { count, dateTime, duration, instantToLocalInput, label, localInputToInstant, millis, percent } from './format.js';
import { coalesced } from './live.js';
import { statusBadge } from './status.js';
import { validationReport } from './validation.js';

const SYNC_STATUSES = new Set(['SYNCING', 'FINISHING']);

export async function renderTaskPage(main, id) {
  const page = new TaskPage(main, id);
  await page.load();
  return page;
}

class TaskPage {
  constructor(main, id) {
    this.id = id;
    this.task = null;
    this.header = h('header.task-header');
    this.notice = h('div.notice-area', { role: 'status', 'aria-live': 'polite' });
    this.actions = h('section.actions#actions');
    this.snapshot = h('section.snapshot#snapshot', { hidden: true });
    this.chartsArea = h('div.charts');
    this.chartsSection = h('section.card#sync', { hidden: true }, h('h2', 'Sync'), this.chartsArea);
    this.shardsArea = h('div.shards');
    this.shardsSection = h('section.card#shards', { hidden: true }, h('h2', 'Shards'), this.shardsArea);
    this.verification = h('section.card#verification');
    this.details = h('div.details');
    this.charts = null;
    this.rendered = {};
    this.refresh = coalesced(() => this.reloadTask());
    replace(main, h('nav.breadcrumb', h('a', { href: '#/tasks' }, 'Tasks'), ' / ', h('span.crumb-name')),
      this.header, this.notice, this.actions, this.snapshot, this.chartsSection, this.shardsSection, this.verification, this.details);
    this.main = main;
  }

  async load() {
    const [task, samples] = await Promise.all([api.getTask(this.id), api.progress(this.id)]);
    this.show(task);
    this.showSamples(samples);
  }

  dispose() {
    this.disposed = true;
    if (this.charts) this.charts.destroy();
  }

  // live.js listener methods
  onTask(summary) {
    if (summary.id === this.id) this.refresh();
  }

  onProgress(taskId, sample) {
    if (taskId !== this.id || this.disposed) return;
    this.ensureCharts().add(sample);
    this.showSnapshot(sample);
    // a sample is the total; the shards' rows come with the task, read again (at most one read at a time)
    if (this.task && this.task.shards && this.task.shards.length > 0) this.refresh();
  }

  async poll() {
    await this.refresh();
    const since = this.charts ? this.charts.lastAt() : null;
    const samples = await api.progress(this.id, since ? since + 1 : null);
    samples.forEach((s) => this.onProgress(this.id, s));
  }

  async reloadTask() {
    try {
      this.show(await api.getTask(this.id));
    } catch (error) {
      this.say(error.message, 'error');
    }
  }

  show(task) {
    if (this.disposed || !this.header.isConnected) return; // an answer that arrived after the person left the page
    this.task = task;
    this.main.querySelector('.crumb-name').textContent = task.name;
    this.main.dataset.status = task.status;
    replace(this.header,
      h('h1', task.name, ' ', statusBadge(task.status)),
      h('dl.facts',
        fact('Phase', label(task.phase)),
        fact('Source', task.source),
        fact('Target', task.target),
        fact('Scheduled start', task.scheduledStart ? dateTime(task.scheduledStart) : 'none'),
        fact('Task id', h('code', task.id)),
        task.finishForced ? fact('Finish', 'forced despite differences (recorded)') : null,
        task.failure ? fact('Failure', h('span.message-error', typeof task.failure === 'string' ? task.failure : JSON.stringify(task.failure))) : null));
    // Live updates arrive every second during a sync: redraw only what changed, so a half-typed time, a chosen
    // verification mode or an open section stays as the person left it.
    this.renderOnChange('actions', [task.status, task.allowedActions, task.scheduledStart], () => this.renderActions(task));
    this.chartsSection.hidden = !(SYNC_STATUSES.has(task.status) || (this.charts && this.charts.samples.length > 0));
    if (!this.chartsSection.hidden) this.ensureCharts();
    this.showSnapshotFromSummary(task);
    this.shardsSection.hidden = !task.shards || task.shards.length === 0;
    this.renderOnChange('shards', [task.shards], () => replace(this.shardsArea, shardsView(task.shards || [])));
    this.renderOnChange('verification', [task.verification], () => this.showVerification(task.verification));
    this.renderOnChange('details', [task.validation, task.lock, task.parameters, task.events], () => replace(this.details,
      card('validation', 'Validation', validationReport(task.validation)),
      card('lock', 'Target lock', lockView(task.lock)),
      card('parameters', 'Source parameters in force', parametersView(task.parameters)),
      card('events', 'Events', eventsView(task.events))));
  }

  renderOnChange(part, inputs, render) {
    const key = JSON.stringify(inputs);
    if (this.rendered[part] === key) return;
    this.rendered[part] = key;
    render();
  }

  showSamples(samples) {
    if (samples.length === 0) return;
    this.chartsSection.hidden = false;
    this.ensureCharts().setSamples(samples);
    this.showSnapshot(samples[samples.length - 1]);
  }

  ensureCharts() {
    if (!this.charts) {
      this.chartsSection.hidden = false;
      this.charts = new ProgressCharts(this.chartsArea);
    }
    return this.charts;
  }

  showSnapshotFromSummary(task) {
    const progress = task.progress || {};
    if (SYNC_STATUSES.has(task.status) && progress.percent !== null && progress.percent !== undefined) {
      this.showSnapshot({ phase: task.phase, snapshotPercent: progress.percent, etaSeconds: progress.etaSeconds });
    } else if (!SYNC_STATUSES.has(task.status)) {
      this.snapshot.hidden = true;
    }
  }

  /** The snapshot's progress bar while the full sync runs; afterwards one line saying it is done. */
  showSnapshot(sample) {
    const copying = sample.phase === 'CONNECTING' || sample.phase === 'FULL_SYNC';
    const pct = sample.snapshotPercent;
    this.snapshot.hidden = false;
    if (!copying) {
      replace(this.snapshot, h('p', h('strong', 'Snapshot: '), 'copied. The live command stream is being applied',
        sample.lagMillis !== null && sample.lagMillis !== undefined ? ` (lag ${millis(sample.lagMillis)}).` : '.'));
      return;
    }
    const fill = h('div.progress-fill');
    fill.style.width = `${Math.min(100, pct ?? 0)}%`; // through the CSSOM: no inline style attribute for a CSP to refuse
    replace(this.snapshot,
      h('div.progress-label', h('strong', 'Snapshot: '), pct === null || pct === undefined ? 'starting…' : percent(pct),
        sample.etaSeconds !== null && sample.etaSeconds !== undefined ? ` · about ${duration(sample.etaSeconds)} left` : ''),
      h('div.progress-bar', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct ?? 0 },
        fill));
  }

  renderActions(task) {
    const allowed = new Set(task.allowedActions || []);
    const buttons = [];
    if (allowed.has('start')) {
      const at = h('input#start-at', { type: 'datetime-local', 'aria-label': 'Scheduled start',
        value: instantToLocalInput(task.scheduledStart) });
      buttons.push(
        h('button.primary#start-now', { type: 'button', onclick: () => this.act(() => api.start(this.id, null), 'Started.') },
          task.status === 'FAILED' ? 'Resume now' : 'Start now'),
        h('span.inline-group', at, h('button#schedule-start', { type: 'button', onclick: () => {
          if (!at.value) return this.say('Choose a start time first.', 'error');
          return this.act(() => api.start(this.id, localInputToInstant(at.value)), 'Scheduled.');
        } }, 'Scheduled start')));
    }
    if (allowed.has('edit')) buttons.push(h('a.button#edit', { href: `#/tasks/${encodeURIComponent(this.id)}/edit` }, 'Edit'));
    if (allowed.has('verify')) {
      const mode = h('select#verify-mode', { 'aria-label': 'Verification mode' },
        h('option', { value: 'counts' }, 'Key counts'), h('option', { value: 'sample' }, 'Sample of keys'),
        h('option', { value: 'full' }, 'Every key'));
      buttons.push(h('span.inline-group', mode, h('button#verify-now', { type: 'button', onclick: () => this.verify(mode.value) }, 'Verify now')));
    }
    if (allowed.has('finish')) buttons.push(h('button.primary#finish', { type: 'button', onclick: () => this.finish() }, 'Finish'));
    if (allowed.has('cancel')) buttons.push(h('button.danger#cancel', { type: 'button', onclick: () => this.cancel() }, 'Cancel task'));
    replace(this.actions,
      task.status === 'VALIDATING' ? h('p.notice', 'Validating again before the sync starts: you can cancel the task or view it.') : null,
      buttons.length ? h('div.action-buttons', buttons) : h('p.muted', task.status === 'FINISHED' || task.status === 'CANCELLED' || task.status === 'FAILED'
        ? 'This task is over; nothing more can be done with it.' : 'No action is available right now.'));
  }

  async act(call, done) {
    try {
      this.show(await call());
      this.say(done, 'ok');
    } catch (error) {
      this.say(error.message, 'error');
    }
  }

  async verify(mode) {
    const button = this.actions.querySelector('#verify-now');
    button.disabled = true;
    button.textContent = 'Verifying…';
    try {
      this.showVerification(await api.verify(this.id, mode));
    } catch (error) {
      this.say(error.message, 'error');
    } finally {
      button.disabled = false;
      button.textContent = 'Verify now';
    }
  }

  async finish() {
    const confirmed = await confirmDialog({ id: 'finish-dialog', title: 'Finish the migration?',
      body: h('p', 'The remaining stream is drained and the data verified; if source and target agree, the sync stops, '
        + 'the source parameters are restored and the target unlocked. Switch your application to the target afterwards.'),
      confirmLabel: 'Finish' });
    if (!confirmed) return;
    try {
      this.show(await api.finish(this.id, false));
      this.say('Finishing.', 'ok');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409 && error.body.verification)) {
        this.say(error.message, 'error');
        return;
      }
      this.showVerification(error.body.verification);
      this.say(error.message, 'error');
      await this.forceFinish(error.body.verification);
    }
  }

  async forceFinish(verification) {
    const forced = await confirmDialog({ id: 'force-dialog', title: 'Verification found differences',
      body: [h('p', `${differenceCount(verification)} difference(s) between source and target. `
        + 'Finishing now leaves the target different from the source. This is recorded in the task.'),
      differencesTable(verification.differences.slice(0, 10))],
      confirmLabel: 'Finish anyway', danger: true,
      requireCheck: 'I accept that the target differs from the source.' });
    if (forced) await this.act(() => api.finish(this.id, true), 'Finishing (forced, recorded).');
  }

  async cancel() {
    const confirmed = await confirmDialog({ id: 'cancel-dialog', title: 'Cancel this task?',
      body: h('p', 'The sync stops at once; the source parameters are restored and the target unlocked. '
        + 'What was copied stays on the target.'),
      confirmLabel: 'Cancel task', danger: true });
    if (confirmed) await this.act(() => api.cancel(this.id), 'Cancelled.');
  }

  showVerification(verification) {
    if (!verification) {
      replace(this.verification, h('h2', 'Verification'), h('p.muted', 'Not verified yet: "Verify now" compares source and target.'));
      return;
    }
    replace(this.verification, h('h2', 'Verification'),
      h('p', { 'data-equal': String(verification.equal) },
        verification.equal ? h('span.badge.badge-pass', 'EQUAL') : h('span.badge.badge-error', 'DIFFERENT'),
        ` ${label(verification.mode)} mode, ${count(verification.compared)} compared, ${count(differenceCount(verification))} difference(s), ${dateTime(verification.at)}`),
      verification.summary ? h('p.muted', verification.summary) : null,
      verification.differences.length ? differencesTable(verification.differences) : null);
  }

  say(text, kind) {
    replace(this.notice, h(`p.message.message-${kind}`, text));
  }
}

function fact(name, value) {
  return [h('dt', name), h('dd', value)];
}

function card(id, title, ...content) {
  return h(`section.card#${id}`, h('h2', title), content);
}

function lockView(lock) {
  if (!lock) return h('p.muted', 'The target is not locked by this task.');
  return h('dl.facts', Object.entries(lock).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => fact(label(k.replace(/([a-z])([A-Z])/g, '$1_$2')), Array.isArray(v) ? v.join(', ') : String(v))));
}

function parametersView(parameters) {
  if (!parameters || parameters.length === 0) return h('p.muted', 'No source parameter is changed.');
  return h('table',
    h('thead', h('tr', h('th', 'Parameter'), h('th', 'Value'), h('th', 'Previous value (restored at the end)'))),
    h('tbody', parameters.map((p) => h('tr', h('td', h('code', p.name)), h('td', p.value), h('td', p.previous ?? '–')))));
}

/** A row per shard of a cluster source: where its sync stands; the total is the charts above. */
function shardsView(shards) {
  return h('table',
    h('thead', h('tr', h('th', 'Shard'), h('th', 'Primary'), h('th', 'Phase'), h('th', 'Applied offset'),
      h('th', 'Source offset'), h('th', 'Lag'), h('th', 'Source keys'))),
    h('tbody', shards.map((s) => h('tr', { 'data-shard': s.id },
      h('td', h('code', s.id)), h('td', s.node ?? '–'), h('td', s.phase ? label(s.phase) : 'No report yet'),
      h('td', count(s.appliedOffset)), h('td', count(s.sourceOffset)),
      h('td', s.lagBytes === null || s.lagBytes === undefined ? '–' : `${count(s.lagBytes)} B, ${millis(s.lagMillis)}`),
      h('td', count(s.sourceKeys))))));
}

function eventsView(events) {
  if (!events || events.length === 0) return h('p.muted', 'No events yet.');
  return h('table',
    h('thead', h('tr', h('th', 'When'), h('th', 'What'), h('th', 'Detail'))),
    h('tbody', [...events].reverse().map((e) => h('tr', h('td', dateTime(e.at)), h('td', label(e.kind)), h('td', e.detail)))));
}

function differenceCount(verification) {
  return verification.totalDifferences ?? verification.differences.length;
}

function differencesTable(differences) {
  return h('table.differences',
    h('thead', h('tr', h('th', 'Database'), h('th', 'Key'), h('th', 'Difference'), h('th', 'Detail'))),
    h('tbody', differences.map((d) => h('tr', { 'data-key': d.key },
      h('td', d.db ?? '–'), h('td', h('code', d.key)), h('td', label(d.kind)), h('td', d.detail)))));
}

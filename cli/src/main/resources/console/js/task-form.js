// The "New task" form and the edit form (the same fields): task settings, source, target, parameters, then
// "Validate"; Create (Save for an edit) only when validation found no ERROR, and WARNINGs only once acknowledged.
import { api, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { instantToLocalInput, localInputToInstant } from './format.js';
import { validationReport } from './validation.js';

/** Renders the form into main; existing is the TaskView being edited, or null for a new task. */
export async function renderTaskForm(main, existing) {
  const [catalogue, meta] = await Promise.all([api.parameters(), api.meta()]);
  const form = buildForm(catalogue, existing, meta);
  replace(main,
    h('nav.breadcrumb', h('a', { href: '#/tasks' }, 'Tasks'), ' / ',
      existing ? h('a', { href: `#/tasks/${existing.id}` }, existing.name) : null, existing ? ' / Edit' : 'New task'),
    h('h1', existing ? `Edit ${existing.name}` : 'New task'),
    existing ? h('p.notice', 'Saving validates the task again and leaves it not started, even if it was scheduled: '
      + 'start or schedule it again from its page.') : null,
    form.element);
}

function buildForm(catalogue, existing, meta) {
  const source = sideOf(existing, 'source');
  const target = sideOf(existing, 'target');
  // Locally a target is reached by its endpoint; an instance id means something only to the cloud's checks.
  const targetWay = target.endpoint || meta.mode === 'local' ? 'endpoint' : 'instance';
  const message = h('p.form-error', { role: 'alert', hidden: true });
  const results = h('section.validation-results', { 'aria-live': 'polite' });
  const acknowledge = h('input#acknowledge-warnings', { type: 'checkbox', name: 'acknowledgeWarnings' });
  const acknowledgeRow = h('label.acknowledge', { hidden: true }, acknowledge,
    ' I have read the warnings and understand how they affect this migration.');
  // Locally a new task and an edit are validated first (an edit as the task it edits, so that it is not "another
  // task" on its own target) and saved once the results allow it. In cloud mode the stack validates only inside its
  // create-task and edit-task functions, as it saves: the task page shows the results.
  const cloud = meta.mode === 'cloud';
  const validateFirst = !cloud;
  const validateButton = validateFirst ? h('button#validate', { type: 'submit' }, 'Validate') : null;
  const submit = validateFirst
    ? h(existing ? 'button.primary#save-task' : 'button.primary#create-task', { type: 'button', disabled: true },
      existing ? 'Save task' : 'Create task')
    : existing ? h('button.primary#save-task', { type: 'submit' }, 'Save and validate again')
      : h('button.primary#create-task', { type: 'submit' }, 'Validate and create');

  const element = h('form.task-form', { novalidate: true },
    h('fieldset',
      h('legend', 'Task settings'),
      field('Task name', h('input', { name: 'name', required: true, maxlength: 100, value: existing ? existing.name : '' })),
      field('Scheduled start (optional)', h('input', { name: 'scheduledStart', type: 'datetime-local',
        value: instantToLocalInput(existing && existing.scheduledStart) }),
      'Leave empty to start by hand. A time that has already passed starts the task at once.')),
    endpointFieldset('source', 'Source (your Redis)', source, source.endpoint ? 'endpoint' : 'vm', [
      ['vm', 'Cloud VM (instance id, private IP, port)', [
        field('VM instance id', h('input', { name: 'source.vmId', placeholder: 'i-0123456789abcdef0', value: source.vmId })),
        field('VM private IP', h('input', { name: 'source.privateIp', placeholder: '10.0.0.5', value: source.privateIp })),
        field('Port', h('input', { name: 'source.port', type: 'number', min: 1, max: 65535, value: source.port || '6379' })),
      ]],
      ['endpoint', 'Endpoint (public network or any host)', [
        field('Endpoint', h('input', { name: 'source.endpoint', placeholder: 'redis://host:6379', value: source.endpoint })),
      ]],
    ], cloud, 'optional: password-less sources are supported'),
    endpointFieldset('target', 'Target (the managed Redis)', target, targetWay, [
      ['instance', 'Instance id', [
        field('Instance id', h('input', { name: 'target.instanceId', placeholder: 'my-cache', value: target.instanceId })),
      ]],
      ['endpoint', 'Endpoint', [
        field('Endpoint', h('input', { name: 'target.endpoint', placeholder: 'redis://cache.example.com:6379', value: target.endpoint })),
      ]],
    ], cloud, null),
    parametersFieldset(catalogue, existing),
    h('fieldset',
      h('legend', 'Target lock'),
      h('label.checkbox', h('input', { type: 'checkbox', name: 'allowUnlockedTarget', checked: existing && existing.allowUnlockedTarget }),
        ' Accept a target that cannot be locked against other writers (recorded in the task)')),
    h('div.form-actions', validateButton, message),
    results,
    acknowledgeRow,
    h('div.form-actions', submit));

  let validated = null;
  const invalidate = () => {
    if (!validateFirst) return;
    validated = null;
    submit.disabled = true;
    if (results.firstChild) results.classList.add('stale');
  };
  element.addEventListener('input', (e) => { if (e.target !== acknowledge) invalidate(); });
  acknowledge.addEventListener('change', () => updateSubmit());

  function updateSubmit() {
    if (!validateFirst) return;
    const needsAck = validated && validated.warnings > 0;
    acknowledgeRow.hidden = !needsAck;
    submit.disabled = !validated || validated.errors > 0 || (needsAck && !acknowledge.checked);
  }

  function showValidation(validation) {
    validated = validation;
    results.classList.remove('stale');
    replace(results, h('h2', 'Validation'), validationReport(validation),
      validation.errors > 0 ? h('p.form-error', 'Fix the errors above, then validate again.') : null);
    acknowledge.checked = false;
    updateSubmit();
  }

  function showError(error) {
    clearFieldErrors(element);
    message.hidden = false;
    message.textContent = error.message;
    if (error.field) markField(element, error.field);
  }

  async function validate() {
    message.hidden = true;
    clearFieldErrors(element);
    validateButton.disabled = true;
    validateButton.textContent = 'Validating…';
    try {
      showValidation(await api.validate(readForm(element, catalogue), existing && existing.id));
    } catch (error) {
      invalidate();
      showError(error);
    } finally {
      validateButton.disabled = false;
      validateButton.textContent = 'Validate';
    }
  }

  async function save() {
    message.hidden = true;
    clearFieldErrors(element);
    submit.disabled = true;
    const body = { ...readForm(element, catalogue), acknowledgeWarnings: acknowledge.checked };
    try {
      const task = existing ? await api.editTask(existing.id, body) : await api.createTask(body);
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    } catch (error) {
      if (error instanceof ApiError && error.body.validation) showValidation(error.body.validation);
      showError(error);
      if (error instanceof ApiError && error.body.taskId) {
        // The stack keeps a task that failed validation (VALIDATION_FAILED): it is fixed by editing it, not anew.
        message.append(' ', h('a#kept-task', { href: `#/tasks/${encodeURIComponent(error.body.taskId)}/edit` }, 'Edit the kept task'));
      } else if (!validateFirst) {
        submit.disabled = false;
      }
    }
  }

  element.addEventListener('submit', (e) => {
    e.preventDefault();
    if (validateFirst) validate();
    else save();
  });
  if (validateFirst) submit.addEventListener('click', save);

  return { element };
}

function field(labelText, input, help) {
  const name = input.getAttribute('name');
  return h('label.field', { 'data-field': name },
    h('span.field-label', labelText),
    input,
    help ? h('span.field-help', help) : null);
}

/**
 * A source or target: a choice between ways of naming it, then username and password for all of them. In cloud mode
 * a password is a Secrets Manager secret, given by its ARN (the stack refuses typed passwords).
 */
function endpointFieldset(side, legend, current, chosen, ways, cloud, passwordNote) {
  const panels = ways.map(([way, , fields]) => h('div.way', { 'data-way': way, hidden: way !== chosen }, fields));
  const radios = ways.map(([way, text]) => h('label.radio',
    h('input', { type: 'radio', name: `${side}.way`, value: way, checked: way === chosen,
      onchange: () => panels.forEach((p) => { p.hidden = p.dataset.way !== way; }) }),
    ` ${text}`));
  return h('fieldset', { 'data-side': side },
    h('legend', legend),
    h('div.ways', radios),
    panels,
    h('div.row',
      field('Username (optional, ACL)', h('input', { name: `${side}.username`, autocomplete: 'off', value: current.username })),
      cloud
        ? field(`Password secret (Secrets Manager ARN${passwordNote ? `; ${passwordNote}` : ''})`,
          h('input', { name: `${side}.passwordRef`, placeholder: 'arn:aws:secretsmanager:region:account:secret:name' }),
          current.passwordSet ? 'A secret is set; leave empty to keep it.' : null)
        : [field(`Password${passwordNote ? ` (${passwordNote})` : ''}`,
          h('input', { name: `${side}.password`, type: 'password', autocomplete: 'new-password' }),
          current.passwordSet ? 'A password is stored; leave empty to keep it.' : 'Never shown again: the console stores only a reference.'),
        field('Or a password reference',
          h('input', { name: `${side}.passwordRef`, autocomplete: 'off', placeholder: 'env:NAME or file:/path' }),
          'A variable of the console\'s environment or a file it can read, as the CLI takes: the task stores the reference.')]));
}

function parametersFieldset(catalogue, existing) {
  const inForce = new Map(((existing && existing.parameters) || []).map((p) => [p.name, p.value]));
  const rows = catalogue.map((p) => h('tr', { 'data-parameter': p.name },
    h('td', h('code', p.name)),
    h('td', h('input', { name: `parameters.${p.name}`, value: inForce.get(p.name) ?? p.defaultValue,
      'data-default': p.defaultValue, 'aria-label': p.name })),
    h('td.muted', p.defaultValue),
    h('td', p.reason, p.allowed ? h('div.field-help', `Allowed: ${p.allowed}`) : null)));
  const reset = h('button', { type: 'button', onclick: (e) => {
    for (const input of e.target.closest('fieldset').querySelectorAll('input[data-default]')) {
      input.value = input.dataset.default;
    }
    e.target.closest('form').dispatchEvent(new Event('input'));
  } }, 'Reset to defaults');
  return h('fieldset.parameters',
    h('legend', 'Source parameters'),
    h('p.muted', 'Set on the source when the migration starts and restored to their previous values when it ends. '
      + 'The defaults are recommended for migration speed.'),
    h('table', h('thead', h('tr', h('th', 'Parameter'), h('th', 'Value'), h('th', 'Default'), h('th', 'Why'))),
      h('tbody', rows)),
    reset);
}

/** The form as the API's TaskForm: only the chosen way of naming each side, only parameters that differ from the default. */
function readForm(form, catalogue) {
  const value = (name) => {
    const input = form.elements.namedItem(name);
    const text = input ? input.value.trim() : '';
    return text === '' ? null : text;
  };
  // A password is sent as typed: spaces at its ends are part of it.
  const password = (name) => {
    const input = form.elements.namedItem(name);
    return input && input.value !== '' ? input.value : null;
  };
  const way = (side) => form.querySelector(`input[name="${side}.way"]:checked`).value;
  const sourceWay = way('source');
  const targetWay = way('target');
  const parameters = {};
  for (const p of catalogue) {
    const v = value(`parameters.${p.name}`);
    if (v !== null && v !== p.defaultValue) parameters[p.name] = v;
  }
  const port = value('source.port');
  return {
    name: value('name'),
    scheduledStart: localInputToInstant(value('scheduledStart')),
    source: {
      vmId: sourceWay === 'vm' ? value('source.vmId') : null,
      privateIp: sourceWay === 'vm' ? value('source.privateIp') : null,
      port: sourceWay === 'vm' && port !== null ? Number(port) : null,
      endpoint: sourceWay === 'endpoint' ? value('source.endpoint') : null,
      username: value('source.username'),
      password: password('source.password'),
      passwordRef: value('source.passwordRef'),
    },
    target: {
      instanceId: targetWay === 'instance' ? value('target.instanceId') : null,
      endpoint: targetWay === 'endpoint' ? value('target.endpoint') : null,
      username: value('target.username'),
      password: password('target.password'),
      passwordRef: value('target.passwordRef'),
    },
    parameters,
    allowUnlockedTarget: form.elements.namedItem('allowUnlockedTarget').checked,
  };
}

/**
 * What an existing task says about one side: its display address (redis://user@host:port, never a password) split
 * into endpoint and username, and whether a password is stored.
 */
function sideOf(task, side) {
  if (!task) return {};
  const address = task[side] || '';
  const passwordSet = Boolean(task[`${side}Password`] && task[`${side}Password`].passwordSet);
  const match = /^(rediss?:\/\/)(?:([^@/]*)@)?(.*)$/.exec(address);
  if (!match) return { instanceId: address, passwordSet };
  return { endpoint: match[1] + match[3], username: match[2] ? decodeURIComponent(match[2]) : '', passwordSet };
}

function markField(form, name) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`)
    || form.querySelector(`[data-field$=".${CSS.escape(name)}"]`);
  if (!wrapper) return;
  wrapper.classList.add('invalid');
  const input = wrapper.querySelector('input');
  if (input) input.focus();
}

function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('.field.invalid')) el.classList.remove('invalid');
}

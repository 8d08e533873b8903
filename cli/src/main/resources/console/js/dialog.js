// Confirmation dialogs (<dialog>): resolve true only when the person pressed the confirming button; with
// requireCheck the button stays disabled until an explicit checkbox is ticked.
import { h } from './dom.js';

export function confirmDialog({ id, title, body, confirmLabel, danger = false, requireCheck = null }) {
  return new Promise((resolve) => {
    const check = requireCheck ? h('input', { type: 'checkbox', id: `${id}-check` }) : null;
    const confirm = h(danger ? 'button.danger' : 'button.primary', { type: 'button', id: `${id}-confirm`, disabled: Boolean(check) }, confirmLabel);
    const cancel = h('button', { type: 'button', id: `${id}-dismiss` }, 'Back');
    const dialog = h('dialog.confirm', { id },
      h('h2', title),
      body,
      check ? h('label.checkbox', check, ` ${requireCheck}`) : null,
      h('div.form-actions', confirm, cancel));
    if (check) check.addEventListener('change', () => { confirm.disabled = !check.checked; });
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    confirm.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

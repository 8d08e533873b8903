// Status badges: the colour says whether the task is waiting, running, done or in trouble.
import { h } from './dom.js';
import { label } from './format.js';

const KIND = {
  CREATED: 'idle', VALIDATED: 'idle', SCHEDULED: 'idle',
  VALIDATING: 'running', SYNCING: 'running', FINISHING: 'running',
  FINISHED: 'done',
  VALIDATION_FAILED: 'trouble', FAILED: 'trouble', CANCELLED: 'over',
};

export const STATUSES = Object.keys(KIND);

export function statusBadge(status) {
  return h(`span.status.status-${KIND[status] || 'idle'}`, { 'data-status': status }, label(status));
}

// A validation report as the seed shows it: results grouped ERROR, WARNING, PASS, SKIPPED, each with what was found
// and what to do.
import { h } from './dom.js';

const GROUPS = [
  { severity: 'ERROR', title: 'Errors', note: 'These must be fixed before the task can be created or started.' },
  { severity: 'WARNING', title: 'Warnings', note: 'The migration can run; read whether each one affects your data.' },
  { severity: 'PASS', title: 'Passed', note: null },
  { severity: 'SKIPPED', title: 'Skipped', note: 'Not checked, for the reason given.' },
];

// The checks that a server can be reached (source.reachable, target.reachable): when one fails, the seed's advice is
// the security group of that server's host.
const NETWORK_CHECK = /^(source|target)\.reachable$/;

export function validationReport(validation) {
  if (!validation) return h('p.muted', 'Not validated yet.');
  const results = validation.results || [];
  return h('div.validation', { 'data-errors': validation.errors, 'data-warnings': validation.warnings },
    h('p.validation-summary', summary(validation)),
    GROUPS.map((group) => resultGroup(group, results.filter((r) => r.severity === group.severity))));
}

function summary(validation) {
  const parts = [`${validation.errors} error(s)`, `${validation.warnings} warning(s)`];
  if (validation.lockStrategy) parts.push(`target lock: ${validation.lockStrategy}`);
  return parts.join(' · ');
}

function resultGroup(group, results) {
  if (results.length === 0) return null;
  const open = group.severity === 'ERROR' || group.severity === 'WARNING';
  return h(`details.result-group.severity-${group.severity.toLowerCase()}`,
    { open, 'data-severity': group.severity },
    h('summary', h(`span.badge.badge-${group.severity.toLowerCase()}`, group.severity), ` ${group.title} (${results.length})`),
    group.note ? h('p.muted', group.note) : null,
    h('ul.results', results.map(resultItem)));
}

function resultItem(result) {
  const network = result.severity === 'ERROR' ? NETWORK_CHECK.exec(result.id) : null;
  return h('li.result', { 'data-check': result.id },
    h('div.result-title', result.title, ' ', h('code.muted', result.id)),
    result.found ? h('div.result-found', h('strong', 'Found: '), result.found) : null,
    result.remedy ? h('div.result-remedy', h('strong', 'What to do: '), result.remedy) : null,
    network ? h('div.result-hint',
      `If the network is unreachable, check the security group (or firewall) of the ${network[1]}'s host: `
      + 'it must allow traffic from this console\'s machine to the Redis port.') : null);
}

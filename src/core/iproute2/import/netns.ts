/** `ip netns add|del|exec|list`. */
import { addNamespace, rootNamespace } from '../../model/design';
import { namespaceNameProblem } from '../../model/names';
import { matches } from './args';
import { deleteDevices, moveDevice } from './kernel';
import type { ImportState, Scope } from './state';

/** Runs a command line in a scope (the dispatcher), for `ip netns exec`. */
export type Exec = (scope: Scope, argv: string[]) => boolean;

/** `ip netns SUBCOMMAND …`. Namespaces always belong to the designed machine. */
export function ipNetns(st: ImportState, argv: string[], exec: Exec): boolean {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst') || cmd === 'list-id') {
    st.info('"ip netns list" only displays; nothing to import');
    return true;
  }
  if (matches(cmd, 'add')) return netnsAdd(st, rest[0]);
  if (matches(cmd, 'delete')) {
    if (rest[0] === '-all' || rest[0] === '-a') {
      for (const ns of [...st.main.namespaces]) if (!ns.root) netnsDel(st, ns.name);
      return true;
    }
    return netnsDel(st, rest[0]);
  }
  if (matches(cmd, 'exec')) {
    const [name, ...command] = rest;
    if (name === undefined) return st.fail('No netns name specified');
    const scope = st.netns(name);
    if (!scope) return st.fail(`Cannot open network namespace "${name}": No such file or directory`, 'no-such-netns');
    if (!command.length) return st.fail('No command specified');
    return exec(scope, command);
  }
  if (matches(cmd, 'identify') || matches(cmd, 'pids') || matches(cmd, 'monitor')) {
    st.info(`"ip netns ${cmd}" only displays; nothing to import`);
    return true;
  }
  if (matches(cmd, 'attach') || matches(cmd, 'set')) {
    st.warn(`"ip netns ${cmd}" is not modelled; ignored`);
    return true;
  }
  return st.fail(`Command "${cmd}" is unknown, try "ip netns help".`, 'unknown-command');
}

function netnsAdd(st: ImportState, name: string | undefined): boolean {
  if (name === undefined) return st.fail('No netns name specified');
  const problem = namespaceNameProblem(name);
  if (problem) return st.fail(`Invalid netns name "${name}"`, 'invalid-netns-name');
  if (st.netns(name)) return st.fail(`Cannot create namespace file "/run/netns/${name}": File exists`, 'exists');
  const ns = addNamespace(st.main, st.ids, name);
  st.touch(ns.id, ...st.main.devices.filter((d) => d.ns === ns.id).map((d) => d.id));
  return true;
}

/** Destroys a namespace: virtual devices die (with their cascade), physical NICs go home. */
function netnsDel(st: ImportState, name: string | undefined): boolean {
  if (name === undefined) return st.fail('No netns name specified');
  const scope = st.netns(name);
  if (!scope) return st.fail(`Cannot remove namespace file "/run/netns/${name}": No such file or directory`, 'no-such-netns');
  if (scope.host !== st.main) {
    st.warn(`"${name}" is a machine of the outside world; deleting it is not modelled`);
    return true;
  }
  const host = st.main;
  const root = rootNamespace(host);
  const inside = host.devices.filter((d) => d.ns === scope.ns.id);
  for (const d of inside.filter((x) => x.kind === 'physical')) moveDevice(st, host, d, root);
  deleteDevices(st, host, inside.filter((x) => x.kind !== 'physical'));
  host.namespaces = host.namespaces.filter((n) => n.id !== scope.ns.id);
  return true;
}

/**
 * What a device's menu and the ping tool do: type the command in the device's namespace
 * console (the simulator runs it and the canvas shows its frames), open a capture, or keep
 * a ping as a saved test (one undoable edit).
 */
import { addTest } from '../../../core/model/edit/index';
import type { Id } from '../../../core/model/types';
import { ensureLoaded, runCommand } from '../../sim/controller';
import { useSimStore } from '../../sim/sim-store';
import { useAppStore } from '../../store/store';
import { deviceWhere } from './targets';

function where(id: Id) {
  return deviceWhere(useAppStore.getState().design, id);
}

/** `ping -c 1 ADDR` in the device's namespace, shown in its console. */
export function pingFrom(id: Id, addr: string): void {
  const w = where(id);
  if (!w) return;
  useSimStore.setState({ consoleNs: w.ns });
  runCommand(w.ns, `ping -c 1 ${addr}`);
  useAppStore.getState().setActiveTab('console');
}

/** `arping -c 1 -I DEV ADDR` on the device. */
export function arpingFrom(id: Id, addr: string): void {
  const w = where(id);
  if (!w) return;
  useSimStore.setState({ consoleNs: w.ns });
  runCommand(w.ns, `arping -c 1 -I ${w.device.name} ${addr}`);
  useAppStore.getState().setActiveTab('console');
}

/** Opens the capture of the device (tcpdump -e -n -i DEV in its namespace). */
export function captureOn(id: Id): void {
  const w = where(id);
  if (!w) return;
  ensureLoaded();
  useSimStore.setState({ captureIface: `${w.ns}:${w.device.name}` });
  useAppStore.getState().setActiveTab('captures');
}

/** Keeps `ping NS ADDR` as a saved test expecting a reply. */
export function saveAsTest(id: Id, addr: string): void {
  const w = where(id);
  if (!w) return;
  const r = useAppStore.getState().applyCommand((d) => addTest(d, { probe: `ping ${w.ns} ${addr}`, expect: 'reply', origin: 'user' }));
  if (r.ok) useAppStore.getState().notify(`Saved the test "ping ${w.ns} ${addr}" (Tests tab)`);
}

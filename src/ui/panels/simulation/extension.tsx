import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';
import { SimToolbar } from '../../sim/controls/sim-toolbar';
import { LinkBadge } from '../../sim/link-badge';
import { SimRoot } from '../../sim/sim-root';

const SimulationPanel = lazyComponent(() => import('../../sim/simulation-panel').then((m) => m.SimulationPanel), 'the Simulation tab');

export default { id: 'simulation', order: 40, tab: { title: 'Simulation', Panel: SimulationPanel }, Toolbar: SimToolbar, Root: SimRoot, DeviceDecoration: LinkBadge } satisfies UiExtension;

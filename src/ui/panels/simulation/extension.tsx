import type { UiExtension } from '../../slots/extension';
import { SimToolbar } from '../../sim/controls/sim-toolbar';
import { LinkBadge } from '../../sim/link-badge';
import { SimRoot } from '../../sim/sim-root';
import { SimulationPanel } from '../../sim/simulation-panel';

export default { id: 'simulation', order: 40, tab: { title: 'Simulation', Panel: SimulationPanel }, Toolbar: SimToolbar, Root: SimRoot, DeviceDecoration: LinkBadge } satisfies UiExtension;

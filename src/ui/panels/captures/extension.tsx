import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';

const CapturesPanel = lazyComponent(() => import('../../sim/capture/captures-panel').then((m) => m.CapturesPanel), 'the Captures tab');

export default { id: 'captures', order: 42, tab: { title: 'Captures & tables', Panel: CapturesPanel } } satisfies UiExtension;

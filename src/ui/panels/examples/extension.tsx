import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';

const ExamplesPanel = lazyComponent(() => import('./examples-panel').then((m) => m.ExamplesPanel), 'the Examples tab');

export default { id: 'examples', order: 30, tab: { title: 'Examples', Panel: ExamplesPanel } } satisfies UiExtension;

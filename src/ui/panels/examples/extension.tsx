import type { UiExtension } from '../../slots/extension';
import { ExamplesPanel } from './examples-panel';

export default { id: 'examples', order: 30, tab: { title: 'Examples', Panel: ExamplesPanel } } satisfies UiExtension;

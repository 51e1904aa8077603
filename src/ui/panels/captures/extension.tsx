import type { UiExtension } from '../../slots/extension';
import { CapturesPanel } from '../../sim/capture/captures-panel';

export default { id: 'captures', order: 42, tab: { title: 'Captures & tables', Panel: CapturesPanel } } satisfies UiExtension;

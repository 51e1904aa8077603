import type { UiExtension } from '../../slots/extension';
import { Welcome } from './welcome';
import './welcome.css';

export default { id: 'welcome', order: 5, CanvasOverlay: Welcome } satisfies UiExtension;

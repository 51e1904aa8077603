import type { UiExtension } from '../../slots/extension';
import './share.css';
import { ShareButton } from './share-button';
import { ShareLoader } from './share-loader';

export default { id: 'share', order: 20, Toolbar: ShareButton, Root: ShareLoader } satisfies UiExtension;

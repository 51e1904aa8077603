import type { UiExtension } from '../../slots/extension';
import { TidyButton } from './tidy-button';

export default { id: 'tidy', order: 4, Toolbar: TidyButton } satisfies UiExtension;

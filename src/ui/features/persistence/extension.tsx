import type { UiExtension } from '../../slots/extension';
import './persistence.css';
import { Autosave } from './autosave';
import { PersistenceButtons } from './persistence-buttons';

export default { id: 'persistence', order: 10, Toolbar: PersistenceButtons, Root: Autosave } satisfies UiExtension;

import type { UiExtension } from '../../slots/extension';
import './persistence.css';
import { Autosave } from './autosave';
import { FileDrop } from './file-drop';
import { PersistenceButtons } from './persistence-buttons';

function PersistenceRoot() {
  return <><Autosave /><FileDrop /></>;
}

export default { id: 'persistence', order: 10, Toolbar: PersistenceButtons, Root: PersistenceRoot } satisfies UiExtension;

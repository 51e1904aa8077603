import type { UiExtension } from '../../slots/extension';
import { ImageExportButtons } from './image-export-buttons';

export default { id: 'image-export', order: 30, Toolbar: ImageExportButtons } satisfies UiExtension;

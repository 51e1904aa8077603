import type { UiExtension } from '../../slots/extension';
import { DeviceMenuRoot } from './device-menu';
import { PingToolButton, PingToolHint, PingToolRoot } from './ping-tool';
import './device-actions.css';

function Roots() {
  return <><PingToolRoot /><DeviceMenuRoot /></>;
}

export default { id: 'device-actions', order: 38, Toolbar: PingToolButton, Root: Roots, CanvasOverlay: PingToolHint } satisfies UiExtension;

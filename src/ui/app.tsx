/** Layout only: the regions of the designer and what is mounted in each. */
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { Canvas } from './canvas/canvas';
import { ExtensionRoots, TabArea } from './layout/tab-area';
import { Toasts } from './layout/toasts';
import { Toolbar } from './layout/toolbar';
import { Inspector } from './panels/inspector/inspector';
import { Palette } from './panels/palette/palette';
import { ShortcutsPanel } from './panels/shortcuts/shortcuts-panel';
import { useAppStore } from './store/store';

export function App() {
  const theme = useAppStore((s) => s.theme);
  return (
    <ReactFlowProvider>
      <div className="app" data-theme={theme}>
        <ExtensionRoots />
        <header className="app-toolbar" aria-label="Toolbar"><Toolbar /></header>
        <aside className="app-palette" aria-label="Palette"><Palette /></aside>
        {/* notices sit on the canvas, under the toolbar however many rows it wraps to */}
        <main className="app-canvas" aria-label="Canvas"><Canvas /><Toasts /></main>
        <aside className="app-inspector" aria-label="Inspector"><Inspector /></aside>
        <section className="app-tabs" aria-label="Panels"><TabArea /></section>
        <ShortcutsPanel />
      </div>
    </ReactFlowProvider>
  );
}

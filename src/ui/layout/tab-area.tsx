/** The bottom tab area (Script, Diagnostics, Examples …) and extension root components. */
import { extensions } from '../slots/registry';
import { useAppStore } from '../store/store';

const tabs = extensions.filter((e) => e.tab);
const roots = extensions.filter((e) => e.Root);

export function TabArea() {
  const active = useAppStore((s) => s.activeTab);
  const setActive = useAppStore((s) => s.setActiveTab);
  if (tabs.length === 0) return null;
  const current = tabs.find((t) => t.id === active);
  const Panel = current?.tab?.Panel;
  return (
    <div className={`tab-area${current ? ' open' : ''}`}>
      <div className="tab-strip" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === active} className="tab"
            onClick={() => setActive(t.id === active ? null : t.id)}>{t.tab!.title}</button>
        ))}
      </div>
      {Panel && <div className="tab-panel" role="tabpanel"><Panel /></div>}
    </div>
  );
}

export function ExtensionRoots() {
  return <>{roots.map((e) => { const R = e.Root!; return <R key={e.id} />; })}</>;
}

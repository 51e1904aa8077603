/** Live tables of one namespace: neighbours with their NUD states, routes, bridge FDB. */
import { useSimStore } from '../sim-store';

export function TablesView() {
  const namespaces = useSimStore((s) => s.namespaces);
  const consoleNs = useSimStore((s) => s.consoleNs);
  const tables = useSimStore((s) => s.tables);
  const ns = consoleNs ?? namespaces[0];
  const t = ns ? tables[ns] : undefined;
  return (
    <div className="sim-tables" data-testid="tables">
      <div className="sim-capture-bar">
        <label>Namespace{' '}
          <select data-testid="tables-ns" value={ns ?? ''} onChange={(e) => useSimStore.setState({ consoleNs: e.target.value })}>
            {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </div>
      {!t ? <p className="muted">No simulation loaded.</p> : (
        <>
          <h4>Neighbours <span className="muted">ip neigh</span></h4>
          {t.neigh.length === 0 ? <p className="muted">empty</p> : (
            <table className="sim-table"><tbody>
              {t.neigh.map((n) => (
                <tr key={`${n.dev}/${n.ip}`}><td>{n.ip}</td><td>{n.dev}</td><td>{n.lladdr ?? ''}</td><td><span className={`nud nud-${n.state.toLowerCase()}`}>{n.state}</span></td></tr>
              ))}
            </tbody></table>
          )}
          <h4>Routes <span className="muted">ip route</span></h4>
          <pre className="sim-routes">{t.routes.join('\n') || 'empty'}</pre>
          {t.fdb.length > 0 && (
            <>
              <h4>Bridge FDB <span className="muted">bridge fdb</span></h4>
              <table className="sim-table"><tbody>
                {t.fdb.map((f) => (
                  <tr key={`${f.bridge}/${f.mac}/${f.vid}`}><td>{f.mac}</td><td>{f.port}</td><td>{f.bridge}</td><td>{f.local ? 'permanent' : `${f.ageSec} s`}</td></tr>
                ))}
              </tbody></table>
            </>
          )}
        </>
      )}
    </div>
  );
}

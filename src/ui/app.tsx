/** Layout only: the designer's panels are mounted here. */
export function App() {
  return (
    <main>
      <h1>vnetlab</h1>
      <p>Design Linux virtual networks, watch them work frame by frame, take away the real ip script.</p>
    </main>
  );
}

/**
 * Importing a script the way people publish them: a main script and the vars file it
 * sources, dropped together on the Import dialog, with positional arguments typed in.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DesignerPage } from './designer-page';

const MAIN = `#!/bin/bash
set -e
. ./vars.sh
[ $# -lt 1 ] && { echo "usage: $0 N"; exit 1; }
mkns() {
  local ns=$1
  ip netns add "$ns"
  ip link add "veth-$ns" type veth peer name eth0 netns "$ns"
  ip link set "veth-$ns" master "$BR" up
  ip -n "$ns" addr add "$SUBNET.$2/24" dev eth0
  ip -n "$ns" link set eth0 up
}
ip link add "$BR" type bridge
ip link set "$BR" up
for i in $(seq 1 "$1"); do mkns "ns$i" $((i+10)); done
ip netns exec ns1 ping -c 1 "$SUBNET.12"
`;
const VARS = 'BR=br-lab\nSUBNET=10.10.0\n';

for (const size of [{ width: 1024, height: 768 }, { width: 1440, height: 900 }]) {
  test(`a script and the file it sources, dropped together, with arguments (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const ui = new DesignerPage(page);
    await ui.open();
    await page.getByTestId('import-script').click();
    const transfer = await page.evaluateHandle(([main, vars]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([vars], 'vars.sh', { type: 'text/plain' }));
      dt.items.add(new File([main], 'lab.sh', { type: 'text/plain' }));
      return dt;
    }, [MAIN, VARS]);
    await page.getByTestId('import-text').dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByTestId('import-files')).toContainText('lab.sh');
    await expect(page.getByTestId('import-files')).toContainText('vars.sh');
    await expect(page.getByTestId('import-text')).toHaveValue(/mkns\(\)/);
    await page.getByTestId('import-args').fill('3');
    await page.screenshot({ path: `/tmp/import-shell-${size.width}.png` });
    await page.getByTestId('import-run').click();
    await expect(ui.node('netns-ns3')).toBeVisible();
    await expect(ui.node('device-br-lab')).toBeVisible();
    await page.screenshot({ path: `/tmp/import-shell-done-${size.width}.png` });
  });
}

test('a missing sourced file is a warning naming it; without arguments the usage check exits', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').fill(MAIN);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-findings')).toContainText('"./vars.sh" was not given');
});

test('a script built with ip -batch here-documents, and a located warning for a glob (1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByTestId('import-script').click();
  const script = readFileSync(new URL('../fixtures/scripts-in-the-wild/heredoc-ip-batch/script.sh', import.meta.url), 'utf8');
  await page.getByTestId('import-text').fill(`${script}for f in /sys/class/net/*; do echo "$f"; done\n`);
  await page.getByTestId('import-run').click();
  const findings = page.getByTestId('import-findings');
  await expect(findings).toContainText('Command failed -:2');
  await expect(findings).toContainText(':40:10: warning: the glob /sys/class/net/* is not expanded');
  await page.screenshot({ path: '/tmp/import-batch-1024.png' });
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(ui.node('netns-mid')).toBeVisible();
  await expect(ui.node('netns-left')).toBeVisible();
  await page.screenshot({ path: '/tmp/import-batch-done-1024.png' });
});

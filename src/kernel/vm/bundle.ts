/**
 * The guest's Node program: guest.ts and everything it imports (the host's kernel runner
 * and the core it uses) bundled into one ES module with esbuild, the bundler the command
 * line is already built with (scripts/build-cli.mjs). Bundled so the guest runs no
 * TypeScript compiler: under TCG every process start is slow.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './locate';

interface EsbuildApi {
  build(o: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

/** Writes the guest program to `outFile` (one .mjs). */
export async function bundleGuest(outFile: string): Promise<void> {
  const root = projectRoot();
  // Loaded from the project's node_modules at run time, never bundled into the command line.
  const { createRequire } = await import('node:module');
  const esbuildPath = createRequire(join(root, 'package.json')).resolve('esbuild');
  const esbuild = (await import(pathToFileURL(esbuildPath).href)) as EsbuildApi & { default?: EsbuildApi };
  const api = typeof esbuild.build === 'function' ? esbuild : esbuild.default!;
  await api.build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src/kernel/vm/guest.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'bundle',
    logLevel: 'error',
    legalComments: 'none',
    banner: { js: "import { createRequire as __vnetlabRequire } from 'node:module'; const require = __vnetlabRequire(import.meta.url);" },
  });
}

/**
 * Collects every `extension.tsx` under `panels/*` and `features/*` (and `theme/`), so
 * feature owners plug in without touching `app.tsx`.
 */
import type { UiExtension } from './extension';

const modules = import.meta.glob<{ default: UiExtension }>(
  ['../panels/*/extension.tsx', '../features/*/extension.tsx', '../theme/extension.tsx'],
  { eager: true },
);

/** All registered extensions, sorted by `order` then id. */
export const extensions: readonly UiExtension[] = Object.values(modules)
  .map((m) => m.default)
  .filter((e): e is UiExtension => Boolean(e && e.id))
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id));

/**
 * How feature folders add UI without editing the layout: a folder exports a `UiExtension`
 * as the default export of its `extension.tsx`, and `registry.ts` collects them all.
 */
import type { ComponentType } from 'react';
import type { Id } from '../../core/model/types';

export interface UiExtension {
  /** Stable id, e.g. `script`; also the tab id in the ui slice (`activeTab`). */
  id: string;
  /** Lower comes first (toolbar left to right, tabs left to right). */
  order?: number;
  /** Rendered in the top toolbar (buttons such as Open, Save, Share, Theme, Export image). */
  Toolbar?: ComponentType;
  /** A tab in the bottom tab area (Script, Diagnostics, Examples …). */
  tab?: { title: string; Panel: ComponentType };
  /** Rendered once at the app root, for effects such as applying the theme or reading a share link. */
  Root?: ComponentType;
  /**
   * Rendered inside the React Flow canvas (so it may use `ViewportPortal`, `useReactFlow`,
   * `useViewport`), e.g. packets moving along wires.
   */
  CanvasOverlay?: ComponentType;
  /** Rendered inside every device node (absolutely positioned badges, state marks …); keep it cheap and memoised. */
  DeviceDecoration?: ComponentType<{ id: Id }>;
}

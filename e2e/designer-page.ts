/**
 * Page object for the designer: drives it with the mouse like a person (palette drags,
 * handle-to-handle wiring, typing in the inspector) and reads the document through the test API.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Design } from '../src/core/model/types';

/**
 * The box of an element once it has stopped moving: the view animates after a drop and after
 * Fit, and on a loaded machine one read can land mid-animation, putting the next drop outside
 * its target. Two equal reads a frame apart mean the element is at rest.
 */
export async function settledBox(el: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await el.boundingBox();
  for (let i = 0; i < 50; i++) {
    await el.page().waitForTimeout(60);
    const now = await el.boundingBox();
    if (last && now && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  if (!last) throw new Error('element has no box');
  return last;
}

export class DesignerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/?testapi');
    await expect(this.page.locator('.react-flow')).toBeVisible();
  }

  design(): Promise<Design> {
    return this.page.evaluate(() => window.__vnetlab!.getDesign());
  }

  get canvas(): Locator {
    return this.page.locator('.canvas-wrap');
  }

  /** Drags a palette item and drops it at canvas-relative point (x, y). */
  async dropFromPalette(item: string, x: number, y: number): Promise<void> {
    await this.page.getByTestId(`palette-${item}`).dragTo(this.canvas, { targetPosition: { x, y } });
  }

  /** Drops a palette item at the centre of (or at an offset inside) an element on the canvas. */
  async dropOnto(item: string, target: Locator, dx = 0, dy = 0): Promise<void> {
    const box = await settledBox(target);
    const canvasBox = (await this.canvas.boundingBox())!;
    await this.dropFromPalette(item, box.x + box.width / 2 + dx - canvasBox.x, box.y + box.height / 2 + dy - canvasBox.y);
  }

  node(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  handle(nodeTestId: string, handle: string): Locator {
    return this.page.locator('.react-flow__node', { has: this.page.getByTestId(nodeTestId) }).locator(`.react-flow__handle[data-handleid="${handle}"]`).first();
  }

  /** Drags from one handle to another with the mouse. */
  async wire(fromNode: string, fromHandle: string, toNode: string, toHandle: string): Promise<void> {
    const a = await settledBox(this.handle(fromNode, fromHandle));
    const b = await settledBox(this.handle(toNode, toHandle));
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    await m.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await m.up();
  }

  /** Drags a node by (dx, dy) screen pixels, grabbing it near its top-left corner. */
  async dragBy(testId: string, dx: number, dy: number): Promise<void> {
    const box = await settledBox(this.node(testId));
    const m = this.page.mouse;
    await m.move(box.x + 30, box.y + 20);
    await m.down();
    await m.move(box.x + 30 + dx / 2, box.y + 20 + dy / 2, { steps: 8 });
    await m.move(box.x + 30 + dx, box.y + 20 + dy, { steps: 8 });
    await m.up();
  }

  /** Like `wire`, with the source node given by its object id. */
  async wireIds(fromId: string, fromHandle: string, toNode: string, toHandle: string): Promise<void> {
    const from = this.page.locator(`.react-flow__node[data-id="${fromId}"] .react-flow__handle[data-handleid="${fromHandle}"]`);
    const a = await settledBox(from);
    const b = await settledBox(this.handle(toNode, toHandle));
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    await m.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await m.up();
  }

  /** Clicks a node (by its inner test id) to select it; containers are clicked on their header. */
  async select(testId: string, opts: { shift?: boolean } = {}): Promise<void> {
    const el = this.node(testId);
    const header = el.locator('.container-header');
    const target = (await header.count()) ? header : el;
    await target.click({ modifiers: opts.shift ? ['Shift'] : [], position: { x: 12, y: 12 } });
  }

  /** Clicks empty canvas (bottom centre, clear of the minimap and controls): clears the selection. */
  async clickEmpty(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
  }

  get inspector(): Locator {
    return this.page.locator('.app-inspector');
  }

  /** Types into an inspector text field and commits it with Enter. */
  async fill(label: string | RegExp, value: string): Promise<void> {
    const input = this.inspector.getByLabel(label, { exact: typeof label === 'string' });
    await input.fill(value);
    await input.press('Enter');
  }

  async rename(name: string): Promise<void> {
    await this.fill('Name', name);
  }

  async addAddress(cidr: string): Promise<void> {
    await this.fill('Add address', cidr);
  }

  /** Opens a gallery example from the Examples tab, as a teacher would. */
  async openExample(id: string): Promise<void> {
    // clicking the tab that is already open would fold the panel away
    const tab = this.page.getByRole('tab', { name: 'Examples' });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.getByTestId(`open-example-${id}`).click();
    await expect(this.page.getByTestId(`open-example-${id}`)).toHaveText('Open');
  }

  /** Types a command into the console of namespace `ns` and presses Enter. */
  async consoleRun(ns: string, line: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Console' }).click();
    await this.page.getByTestId(`console-ns-${ns}`).click();
    await this.page.getByTestId('console-input').click();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }
}

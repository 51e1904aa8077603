/**
 * The diagram as a standalone SVG: the React Flow viewport's DOM is cloned into a
 * `<foreignObject>`, together with the page's own style rules and the chain of ancestors
 * those rules select on, so the picture looks exactly like the canvas without shipping an
 * image library. PNG export draws that SVG onto a canvas.
 */

export interface Bounds { x: number; y: number; width: number; height: number }

const XHTML = 'http://www.w3.org/1999/xhtml';

/**
 * The page's style sheets as their original text. Chrome serialises a rule whose shorthand
 * uses `var()` (`border: 1px solid var(--x)`) with empty longhands, so `cssText` cannot be
 * used; the sheets are read from their `<style>` text or fetched from their (same-origin) URL.
 */
export async function pageCss(): Promise<string> {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    const node = sheet.ownerNode;
    if (node instanceof HTMLStyleElement) { out.push(node.textContent ?? ''); continue; }
    if (sheet.href) {
      try {
        const res = await fetch(sheet.href);
        if (res.ok) { out.push(await res.text()); continue; }
      } catch { /* fall back to the parsed rules below */ }
    }
    try {
      for (const rule of Array.from(sheet.cssRules)) out.push(rule.cssText);
    } catch { /* a cross-origin sheet cannot be read; it never styles the diagram */ }
  }
  return out.join('\n');
}

/** A childless copy of `el` (tag, classes, data attributes) laid out as a plain box of `size`. */
function shell(el: Element, size: { width: number; height: number }): HTMLElement {
  const copy = document.createElementNS(XHTML, el.tagName.toLowerCase()) as HTMLElement;
  for (const a of Array.from(el.attributes)) if (a.name === 'class' || a.name.startsWith('data-')) copy.setAttribute(a.name, a.value);
  copy.setAttribute('style', `position:relative;inset:auto;display:block;width:${size.width}px;height:${size.height}px;overflow:visible;transform:none;margin:0;`);
  return copy;
}

/**
 * An SVG document picturing `viewport` (a `.react-flow__viewport`) over flow-space `bounds`,
 * with `background` behind it.
 */
export function svgSnapshot(viewport: HTMLElement, bounds: Bounds, background: string, css: string): string {
  const size = { width: Math.ceil(bounds.width), height: Math.ceil(bounds.height) };
  const clone = viewport.cloneNode(true) as HTMLElement;
  clone.style.transform = `translate(${-bounds.x}px, ${-bounds.y}px) scale(1)`;
  clone.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
  clone.querySelectorAll('.react-flow__handle').forEach((n) => n.remove());
  // rebuild the ancestors up to `.app`, so selectors such as `.app .react-flow__node` still match
  let inner: HTMLElement = clone;
  for (let el = viewport.parentElement; el; el = el.parentElement) {
    const box = shell(el, size);
    box.appendChild(inner);
    inner = box;
    if (el.classList.contains('app')) break;
  }
  inner.setAttribute('xmlns', XHTML);
  inner.style.background = background;
  const style = document.createElementNS(XHTML, 'style');
  style.textContent = css;
  const holder = document.createElementNS(XHTML, 'div');
  holder.setAttribute('xmlns', XHTML);
  holder.appendChild(style);
  holder.appendChild(inner);
  const xhtml = new XMLSerializer().serializeToString(holder);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">`
    + `<foreignObject x="0" y="0" width="${size.width}" height="${size.height}">${xhtml}</foreignObject></svg>`;
}

/** Rasterises an SVG document to a PNG at `scale` device pixels per CSS pixel. */
export async function svgToPng(svg: string, size: { width: number; height: number }, scale = 2): Promise<Blob> {
  const img = new Image();
  img.decoding = 'async';
  const loaded = new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('the diagram could not be drawn')); });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(size.width * scale);
  canvas.height = Math.ceil(size.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas available');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

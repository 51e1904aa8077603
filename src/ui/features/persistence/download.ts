/** Saving text or binary data as a file the browser downloads. */

/** Offers `data` to the user as a download named `name`. */
export function downloadBlob(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL is not needed once it has been read
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `text` as a download named `name`. */
export function downloadText(name: string, text: string, mime = 'text/plain'): void {
  downloadBlob(name, new Blob([text], { type: `${mime};charset=utf-8` }));
}

/** A file-name stem from a design title: plain characters only. */
export function fileStem(title: string | undefined, fallback = 'design'): string {
  const s = (title ?? '').trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || fallback;
}

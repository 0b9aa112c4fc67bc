/** Small helpers for writing SVG by hand. */

/** Escapes text for SVG content and attributes: `escape('a<b')` → `'a&lt;b'`. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The font every drawing uses (bundled with the package for PNG output, so results match everywhere). */
export const FONT_FAMILY = 'DejaVu Sans';

/** Approximate width of `text` at `size` px in DejaVu Sans (for box sizes before layout). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** A complete SVG document of `width` × `height` with `body`. */
export function svgDocument(width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" ` +
    `font-family="${FONT_FAMILY}, sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`
  );
}

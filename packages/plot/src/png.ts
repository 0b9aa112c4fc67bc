/**
 * SVG → PNG with resvg (WebAssembly, no native code) and the DejaVu Sans font bundled through npm, so
 * a PNG looks the same on every machine. PNG output needs Node (it reads the wasm and font files);
 * SVG output works anywhere.
 */
import { Resvg, initWasm } from '@resvg/resvg-wasm';

let ready: Promise<Uint8Array[]> | undefined;

async function initialise(): Promise<Uint8Array[]> {
  // Node modules are imported here, not at the top, so the package (SVG output) also bundles for browsers.
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
  return Promise.all(
    fonts.map(async (font) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${font}`)))),
  );
}

/**
 * Renders an SVG document to PNG bytes at `scale` (2 = twice the SVG's pixel size).
 * @example `await writeFile('model.png', await svgToPng(svg))`
 */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  ready ??= initialise();
  const fontBuffers = await ready;
  const renderer = new Resvg(svg, {
    font: { fontBuffers, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  try {
    return renderer.render().asPng();
  } finally {
    renderer.free();
  }
}

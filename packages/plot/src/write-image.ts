/** Writes a drawing as `.svg` (the text) or `.png` (rendered); other extensions are refused. */
import { ConfigError } from '@strata/core';
import { svgToPng } from './png.js';

/** Writes `svg` to `file` by its extension. @throws ConfigError for an extension other than .svg or .png. */
export async function writeImage(file: string, svg: string, scale = 2): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  const lower = file.toLowerCase();
  if (!lower.endsWith('.svg') && !lower.endsWith('.png'))
    throw new ConfigError(`plot: 'file' must end in .svg or .png, received '${file}'.`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, lower.endsWith('.svg') ? svg : await svgToPng(svg, scale));
}

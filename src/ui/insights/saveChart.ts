import { extname } from 'node:path';
import type * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import type { SaveFormat } from './messages';
import { msg } from '../../domain/messages';

/** Checks what the Insights page sends to be saved, and where it goes (no `vscode` at run time: unit tested). */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes to write for a chart the page sent; throws when it is not an SVG or a PNG. */
export function chartFileContent(format: SaveFormat, data: string): string | Buffer {
  if (format === 'svg') {
    const text = data.trimStart();
    if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(text) || /<script[\s>]/i.test(text)) throw new ValidationError(msg('ui.chart'), [{ field: 'data', problem: msg('ui.chart.notSvg') }]);
    return text;
  }
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(data);
  const bytes = m ? Buffer.from(m[1]!, 'base64') : undefined;
  if (!bytes || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new ValidationError(msg('ui.chart'), [{ field: 'data', problem: msg('ui.chart.notPng') }]);
  return bytes;
}

/** The path to write: a local file, with the format's extension (added when the name has another). */
export function checkedSavePath(uri: Pick<vscode.Uri, 'scheme' | 'fsPath'>, format: SaveFormat): string {
  if (uri.scheme !== 'file') throw new ValidationError(msg('ui.saveLocation'), [{ field: '', problem: msg('ui.saveLocation.notLocal', uri.scheme) }]);
  const path = uri.fsPath;
  return extname(path).toLowerCase() === `.${format}` ? path : `${path}.${format}`;
}

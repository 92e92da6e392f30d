/** One export as a file to download or write: its bytes, a file name and a content type. */
import type { Course, Format, Selection } from './course';
import { toGift } from './gift';
import { qtiPackage } from './package';

export interface ExportFile {
	body: Uint8Array<ArrayBuffer>;
	filename: string;
	contentType: string;
}

export function exportFile(format: Format, course: Course, selection: Selection, generated = new Date()): ExportFile {
	if (format === 'gift') {
		return { body: new TextEncoder().encode(toGift(course, selection, generated)), filename: `${selection.name}.gift.txt`, contentType: 'text/plain; charset=utf-8' };
	}
	return { body: new Uint8Array(qtiPackage(course, selection, generated)), filename: `${selection.name}-qti3.zip`, contentType: 'application/zip' };
}

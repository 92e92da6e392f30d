/** Login cards: what each card prints, with a QR code of the address where the student starts. */
import QRCode from 'qrcode';
import type { CardEntry } from './import';

export interface LoginCard extends CardEntry {
	url: string;
	/** the QR code as an SVG path over a `size` × `size` grid of modules (drawn by the page, no HTML injected) */
	qr: { size: number; path: string };
}

/** The dark modules of a QR code as one path: a 1×1 square each, merged along rows. */
export function qrPath(text: string): { size: number; path: string } {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	let path = '';
	for (let y = 0; y < n; y++) {
		for (let x = 0; x < n; x++) {
			if (!modules.get(y, x)) continue;
			let run = 1;
			while (x + run < n && modules.get(y, x + run)) run++;
			path += `M${x} ${y}h${run}v1h-${run}z`;
			x += run - 1;
		}
	}
	return { size: n, path };
}

export function loginCards(origin: string, entries: CardEntry[]): LoginCard[] {
	return entries.map((e) => {
		const url = `${origin}/reset?username=${encodeURIComponent(e.username)}`;
		return { ...e, url, qr: qrPath(url) };
	});
}

/** The course as the exports get it: lessons/ read from disk and loaded by the app's own loader. */
import { loadContent, type Content } from '../../../../src/lib/content/load';
import { readContentFiles } from '../../../../src/lib/server/content/files';

let cached: Content | undefined;

export function course(): Content {
	if (cached) return cached;
	const { content, problems } = loadContent(readContentFiles(process.cwd()));
	if (problems.length) throw new Error(`lessons/ has ${problems.length} problems; run npm run check:content`);
	cached = content;
	return content;
}

/** Whitespace folded, as GIFT readers fold it. */
export const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

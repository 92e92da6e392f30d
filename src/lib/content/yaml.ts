/** YAML with line numbers, so that every content error can name the line it is on. */
import { LineCounter, parseDocument } from 'yaml';

export interface LocatedYaml {
	data: unknown;
	errors: { line: number; message: string }[];
	/** the line of the deepest node that exists along `path` */
	lineOf(path: readonly PropertyKey[]): number;
}

export function parseYaml(text: string, firstLine = 1): LocatedYaml {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
	const toLine = (offset: number) => counter.linePos(offset).line + firstLine - 1;
	const errors = [...doc.errors, ...doc.warnings].map((e) => ({
		line: toLine(e.pos[0]),
		message: e.message.split('\n')[0] ?? e.message
	}));
	return {
		data: errors.length ? undefined : doc.toJS(),
		errors,
		lineOf(path) {
			for (let n = path.length; n >= 0; n--) {
				const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
				const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
				if (range) return toLine(range[0]);
			}
			return firstLine;
		}
	};
}

export interface Frontmatter {
	yaml: string;
	yamlFirstLine: number;
	body: string;
	bodyFirstLine: number;
}

/** Splits `---\nyaml\n---\nbody`; null when the file has no frontmatter block. */
export function splitFrontmatter(text: string): Frontmatter | null {
	const lines = text.split('\n');
	if (lines[0]?.trim() !== '---') return null;
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0) return null;
	return {
		yaml: lines.slice(1, end).join('\n'),
		yamlFirstLine: 2,
		body: lines.slice(end + 1).join('\n'),
		bodyFirstLine: end + 2
	};
}

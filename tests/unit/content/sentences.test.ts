import { describe, expect, it } from 'vitest';
import { splitSentences, splitSource } from '../../../src/lib/content/sentences';

describe('splitSentences', () => {
	it('splits at sentence ends with Intl.Segmenter', () => {
		expect(splitSentences('The pressure is great. Time is short! Is it?')).toEqual([
			'The pressure is great.',
			'Time is short!',
			'Is it?'
		]);
	});

	it('does not break after honorifics or initials', () => {
		expect(splitSentences('Mrs. Leavitt spoke. Mr. Trump wrote. David E. Sanger reported.')).toEqual([
			'Mrs. Leavitt spoke.',
			'Mr. Trump wrote.',
			'David E. Sanger reported.'
		]);
	});

	it('keeps "U.S." inside its sentence', () => {
		expect(splitSentences('It was drafted by U.S. Middle East envoy Steve Witkoff. Next.')).toEqual([
			'It was drafted by U.S. Middle East envoy Steve Witkoff.',
			'Next.'
		]);
	});

	it('attaches a stray closing quote mark to the sentence before it', () => {
		expect(splitSentences('I think they’re keeping them safe. “')).toEqual(['I think they’re keeping them safe. “']);
	});

	it('keeps a closing quote with its sentence', () => {
		expect(splitSentences('He said, “We do.” Then he left.')).toEqual(['He said, “We do.”', 'Then he left.']);
	});
});

describe('splitSource', () => {
	const text = [
		'A title line',
		'',
		'By SOMEONE',
		'',
		'First sentence. Second sentence.',
		'A heading',
		'Third sentence.',
		'photo credit line',
		'Related',
		'• unrelated headline.'
	].join('\n');

	it('numbers sentences across paragraphs from 1 and classifies paragraphs', () => {
		const { paragraphs, sentences } = splitSource(
			text,
			[
				{ line: 'photo credit line', why: 'caption' },
				{ from: 'Related', why: 'headlines' }
			],
			['By SOMEONE']
		);
		expect(paragraphs.map((p) => p.kind)).toEqual(['title', 'meta', 'text', 'heading', 'text', 'debris', 'debris', 'debris']);
		expect(sentences.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(sentences[2]).toMatchObject({ id: 3, text: 'First sentence.', citable: true });
		expect(sentences.filter((s) => !s.citable).map((s) => s.text)).toEqual([
			'photo credit line',
			'Related',
			'• unrelated headline.'
		]);
		expect(paragraphs[5]?.why).toBe('caption');
	});

	it('treats CRLF and blank lines like LF', () => {
		const a = splitSource('T\r\n\r\nOne. Two.\r\n');
		const b = splitSource('T\n\nOne. Two.\n');
		expect(a).toEqual(b);
	});
});

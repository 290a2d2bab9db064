/**
 * What a PDF says of itself, read without a PDF library: its number of pages (the page objects,
 * `/Type /Page`, not the `/Type /Pages` tree above them) and the title in its document
 * information (`/Title`), which Chromium takes from the page's <title>. Enough for
 * `npm run report` to say what it wrote, and for its test to check it.
 */

export interface PdfFacts {
  readonly pages: number;
  readonly title: string | null;
}

export function pdfFacts(pdf: Uint8Array): PdfFacts {
  // Latin-1 keeps every byte as one character, so offsets and binary streams survive the decoding.
  const text = Buffer.from(pdf).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const title = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(text)?.[1];
  return { pages, title: title === undefined ? null : pdfString(title) };
}

/** A PDF string object: a literal `(…)` with its escapes, or `<hex>`; UTF-16BE when it starts with its byte-order mark. */
function pdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/g, '');
    bytes = Array.from({ length: hex.length / 2 }, (_, index) =>
      Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16),
    );
  } else {
    bytes = [];
    const body = token.slice(1, -1);
    for (let index = 0; index < body.length; index += 1) {
      const character = body[index]!;
      if (character !== '\\') {
        bytes.push(character.charCodeAt(0));
        continue;
      }
      const next = body[index + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1))?.[0];
      if (octal) {
        bytes.push(Number.parseInt(octal, 8));
        index += octal.length;
      } else {
        const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        bytes.push(escapes[next] ?? next.charCodeAt(0));
        index += 1;
      }
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}

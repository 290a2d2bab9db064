/**
 * What a page's markup holds, read the way a browser's tokenizer starts a tag: `<` then a letter
 * (or `/` and a letter). Text that was escaped holds no `<` at all, so it never counts here.
 */
export function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g)].map((match) => match[0]);
}

export function elementNames(html: string): string[] {
  return [...new Set(tagsOf(html).map((tag) => /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)![1]!.toLowerCase()))].sort();
}

/** docs/api.md: "self-contained" html names no other origin at all: no src, href or url( to http:, https: or //. */
export function otherOrigins(html: string): string[] {
  const references = /(?:\b(?:src|href|xlink:href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:|\/\/)[^"')\s>]*/gi;
  return [...html.matchAll(references)].map((match) => match[0]);
}

/** Attributes of the page's own tags that load or run something: src, href, event handlers, style urls. */
export function activeAttributes(html: string): string[] {
  return tagsOf(html).flatMap((tag) =>
    [...tag.matchAll(/\s(?:src|href|xlink:href|on[a-z]+|srcset|action)\s*=/gi)].map((m) => m[0].trim()),
  );
}

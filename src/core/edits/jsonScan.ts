// Finding JSON inside a model's prose, and salvaging the complete elements of an array from a
// truncated JSON text. String-aware bracket scanning; JSON.parse does the real parsing.

/** Index just past the bracket that closes the one at `start` ('{' or '['), or -1 if the text ends first. */
export function scanBalanced(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Parses `text` as JSON, or undefined. */
export function tryParse(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The complete elements of the JSON array whose '[' is at `start`. `closed` is false when the text
 * ends inside the array (a cut answer); `bad` counts elements that were complete but invalid.
 */
export function completeArrayElements(text: string, start: number): { items: unknown[]; closed: boolean; bad: number } {
  const items: unknown[] = [];
  let bad = 0;
  let depth = 0;
  let inString = false;
  let elementStart = start + 1;
  const take = (end: number) => {
    const slice = text.slice(elementStart, end).trim();
    if (slice === '') return;
    const parsed = tryParse(slice);
    if ('value' in parsed) items.push(parsed.value);
    else bad++;
  };
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        take(i);
        return { items, closed: true, bad };
      }
    } else if (ch === ',' && depth === 1) {
      take(i);
      elementStart = i + 1;
    }
  }
  return { items, closed: false, bad };
}

/** Top-level JSON objects embedded in prose, in order (each one parsed). */
export function embeddedObjects(text: string, limit = 20): unknown[] {
  const out: unknown[] = [];
  for (let i = text.indexOf('{'); i !== -1 && out.length < limit; i = text.indexOf('{', i + 1)) {
    const end = scanBalanced(text, i);
    if (end === -1) break;
    const parsed = tryParse(text.slice(i, end));
    if ('value' in parsed) {
      out.push(parsed.value);
      i = end - 1;
    }
  }
  return out;
}
